"""PL518 invalid-pod-security-context-id."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_list
from podlint.rules._security import check_id

RULE = Rule(
    id="PL518",
    name="invalid-pod-security-context-id",
    severity=Severity.ERROR,
    summary="A pod securityContext user or group id (runAsUser, runAsGroup, fsGroup, supplementalGroups) "
    "is out of range",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validatePodSpecSecurityContext: IsValidUserID / IsValidGroupID, with
    # the same release-dependent maximum as the container fields (PL471, _security.max_id)
    context = as_dict(pod.spec.get("securityContext"))
    path = pod.path / "securityContext"
    for field in ("runAsUser", "runAsGroup", "fsGroup"):
        yield from check_id(context.get(field), path / field, "pod securityContext", pod.k8s)
    for i, gid in enumerate(as_list(context.get("supplementalGroups"))):
        yield from check_id(gid, path / "supplementalGroups" / i, "pod securityContext", pod.k8s)
