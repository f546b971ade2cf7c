"""PL713 invalid-apparmor-annotation."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_str, lookup
from podlint.rules._metadata import (
    APPARMOR_PREFIX,
    annotation_for_field,
    apparmor_annotation_problem,
    apparmor_field_for_annotation,
    container_names,
    field_matches_annotation,
    pod_meta,
    shorten,
)

RULE = Rule(
    id="PL713",
    name="invalid-apparmor-annotation",
    severity=Severity.ERROR,
    summary="An AppArmor annotation for an unknown container, with an invalid value, or disagreeing "
    "with the appArmorProfile field",
)

# AppArmor fields (securityContext.appArmorProfile) exist from 1.30 (AppArmorFields β-on 1.30)
_FIELDS_FROM = 30


def check(pod: PodSite) -> Iterator[Finding]:
    meta = pod_meta(pod)
    if meta is None:
        return
    annotations = as_dict(meta.data.get("annotations"))
    names = container_names(pod)
    # validation.go ValidateAppArmorPodAnnotations: the container must exist
    # (podSpecHasContainer) and the value must pass ValidateAppArmorProfileFormat
    for key, value in annotations.items():
        if not key.startswith(APPARMOR_PREFIX):
            continue
        container = key[len(APPARMOR_PREFIX):]
        if container not in names:
            yield Finding(meta.path / "annotations" / key,
                          f'AppArmor annotation "{key}" is for container "{container}", which the pod does '
                          "not have; the annotation must name one of its containers")
        if isinstance(value, str):
            problem = apparmor_annotation_problem(value)
            if problem:
                yield Finding(meta.path / "annotations" / key,
                              f'AppArmor annotation "{key}" has value "{shorten(value)}"; {problem}',
                              on_key=False)
    if not pod.k8s.at_least(_FIELDS_FROM) or lookup(pod.spec, "os", "name") == "windows":
        return
    # validateAppArmorAnnotationsAndFieldsMatchOnCreate (ValidatePodCreate, ValidatePodTemplateSpec):
    # each container's annotation must agree with its effective profile (its own field, else
    # the pod's). For a Pod, applyAppArmorVersionSkew first copies a valid annotation into a
    # container that has no field of its own, so only an explicit container field (or an
    # annotation that cannot be converted) can disagree there.
    pod_path = pod.path / "securityContext" / "appArmorProfile"
    pod_profile = as_dict(pod.spec.get("securityContext")).get("appArmorProfile")
    for c in pod.init_containers + pod.containers + pod.ephemeral_containers:
        name = as_str(c.spec.get("name"))
        value = as_str(annotations.get(APPARMOR_PREFIX + (name or "")))
        if not name or value is None:
            continue
        own = as_dict(c.spec.get("securityContext")).get("appArmorProfile")
        if isinstance(own, dict):
            profile, path, whose = own, c.path / "securityContext" / "appArmorProfile", f"{c.label}'s"
        else:
            if not pod.is_template and apparmor_field_for_annotation(value) is not None:
                continue  # the Pod strategy turns the annotation into the container's field
            if not isinstance(pod_profile, dict):
                continue
            profile, path, whose = pod_profile, pod_path, f"the pod-level (used by {c.label})"
        which = field_matches_annotation(profile, value, "apparmor")
        if which:
            at = path / which if which in profile else path
            yield Finding(at, f'{whose} appArmorProfile ({annotation_for_field(profile)}) disagrees with the '
                              f'"{APPARMOR_PREFIX}{name}" annotation ("{shorten(value)}"); they must match: '
                              "remove the annotation (deprecated since Kubernetes 1.30)")
