"""PL712 invalid-seccomp-annotation."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_str
from podlint.paths import FieldPath
from podlint.rules._metadata import (
    SECCOMP_CONTAINER_PREFIX,
    SECCOMP_POD_KEY,
    annotation_for_field,
    field_matches_annotation,
    pod_meta,
    seccomp_annotation_problem,
    shorten,
)

RULE = Rule(
    id="PL712",
    name="invalid-seccomp-annotation",
    severity=Severity.ERROR,
    summary="A seccomp annotation with an invalid value, or one that disagrees with the seccompProfile field",
)


def _disagreement(field: dict, path: FieldPath, value: str, key: str, owner: str) -> Iterator[Finding]:
    which = field_matches_annotation(field, value, "seccomp")
    if which:
        at = path / which if which in field else path
        yield Finding(at, f'{owner} seccompProfile ({annotation_for_field(field)}) disagrees with the '
                          f'"{key}" annotation ("{shorten(value)}"); when both are set they must match: '
                          "remove the annotation (it has no effect since Kubernetes 1.27)")


def check(pod: PodSite) -> Iterator[Finding]:
    meta = pod_meta(pod)
    if meta is None:
        return
    annotations = as_dict(meta.data.get("annotations"))
    # validation.go ValidatePodSpecificAnnotations -> ValidateSeccompPodAnnotations:
    # ValidateSeccompProfile on the pod annotation and every container annotation
    for key, value in annotations.items():
        if not isinstance(value, str):
            continue
        if key == SECCOMP_POD_KEY or key.startswith(SECCOMP_CONTAINER_PREFIX):
            problem = seccomp_annotation_problem(value)
            if problem:
                yield Finding(meta.path / "annotations" / key,
                              f'seccomp annotation "{key}" has value "{shorten(value)}"; {problem}', on_key=False)
    # validateSeccompAnnotationsAndFields (ValidatePodCreate, ValidatePodTemplateSpec): where
    # the annotation and the field are both set, they must agree; the pod annotation is
    # compared with the pod field, a container's annotation with that container's field only
    field = as_dict(pod.spec.get("securityContext")).get("seccompProfile")
    value = as_str(annotations.get(SECCOMP_POD_KEY))
    if isinstance(field, dict) and value is not None:
        yield from _disagreement(field, pod.path / "securityContext" / "seccompProfile", value,
                                 SECCOMP_POD_KEY, "pod")
    for c in pod.init_containers + pod.containers + pod.ephemeral_containers:
        name = as_str(c.spec.get("name"))
        field = as_dict(c.spec.get("securityContext")).get("seccompProfile")
        key = SECCOMP_CONTAINER_PREFIX + (name or "")
        value = as_str(annotations.get(key))
        if name and isinstance(field, dict) and value is not None:
            yield from _disagreement(field, c.path / "securityContext" / "seccompProfile", value, key, c.label)
