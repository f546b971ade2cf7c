"""PW803 deprecated-pod-annotation."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_str
from podlint.rules._metadata import (
    APPARMOR_PREFIX,
    SECCOMP_CONTAINER_PREFIX,
    SECCOMP_POD_KEY,
    apparmor_field_for_annotation,
    pod_meta,
    same_profile,
)

RULE = Rule(
    id="PW803",
    name="deprecated-pod-annotation",
    severity=Severity.WARNING,
    summary="A deprecated pod annotation: critical-pod, sysctls, or seccomp/AppArmor annotations without the field",
)

# pkg/api/pod/warnings.go deprecatedAnnotations
DEPRECATED = {
    "scheduler.alpha.kubernetes.io/critical-pod": 'has no effect since 1.16; use the "priorityClassName" field',
    "security.alpha.kubernetes.io/sysctls": 'has no effect since 1.11; use the "securityContext.sysctls" field',
    "security.alpha.kubernetes.io/unsafe-sysctls": 'has no effect since 1.11; use the "securityContext.sysctls" field',
}
_APPARMOR_FIELDS_FROM = 30


def check(pod: PodSite) -> Iterator[Finding]:
    meta = pod_meta(pod)
    if meta is None:
        return
    annotations = as_dict(meta.data.get("annotations"))
    at = meta.path / "annotations"
    for key, why in DEPRECATED.items():
        if key in annotations:
            yield Finding(at / key, f'the "{key}" annotation {why}')
    # seccomp annotations without the matching field: non-functional since 1.27
    pod_sc = as_dict(pod.spec.get("securityContext"))
    if SECCOMP_POD_KEY in annotations and pod_sc.get("seccompProfile") is None:
        yield Finding(at / SECCOMP_POD_KEY, f'the "{SECCOMP_POD_KEY}" annotation has no effect since 1.27; '
                                            "set spec.securityContext.seccompProfile instead")
    pod_apparmor = pod_sc.get("appArmorProfile")
    for c in pod.visited_containers:
        name = as_str(c.spec.get("name"))
        if not name:
            continue
        sc = as_dict(c.spec.get("securityContext"))
        key = SECCOMP_CONTAINER_PREFIX + name
        if key in annotations and sc.get("seccompProfile") is None:
            yield Finding(at / key, f'the "{key}" annotation has no effect since 1.27; set '
                                    f"securityContext.seccompProfile on {c.label} instead")
        # AppArmor annotation without a field (AppArmorFields, 1.30): templates warn when
        # neither the container nor the pod has a field; Pods (applyAppArmorVersionSkew) unless
        # the annotation equals the pod-level profile
        key = APPARMOR_PREFIX + name
        if key not in annotations or not pod.k8s.at_least(_APPARMOR_FIELDS_FROM) or sc.get("appArmorProfile") is not None:
            continue
        if pod_apparmor is not None:
            if pod.is_template:
                continue
            value = as_str(annotations.get(key))
            converted = apparmor_field_for_annotation(value) if value is not None else None
            if converted is not None and same_profile(converted, pod_apparmor):
                continue
        yield Finding(at / key, f'the "{key}" annotation is deprecated since 1.30; set '
                                f"securityContext.appArmorProfile on {c.label} (or the pod) instead")
