"""PL527 linux-field-on-windows-pod."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_list
from podlint.rules._podlevel import os_name

RULE = Rule(
    id="PL527",
    name="linux-field-on-windows-pod",
    severity=Severity.ERROR,
    summary="A pod with os.name windows sets a Linux-only pod or container field",
)

# validation.go validateWindows, pod securityContext fields Forbidden when set (non-nil);
# field -> gate that must be on for the field to survive dropDisabledFields (None: always)
_POD_CONTEXT = {
    "appArmorProfile": None, "seLinuxOptions": None, "seccompProfile": None, "fsGroup": None,
    "fsGroupChangePolicy": None, "runAsUser": None, "runAsGroup": None, "supplementalGroups": None,
    "supplementalGroupsPolicy": "SupplementalGroupsPolicy", "seLinuxChangePolicy": "SELinuxChangePolicy",
}
_CONTAINER_CONTEXT = {
    "appArmorProfile": None, "seLinuxOptions": None, "seccompProfile": None, "capabilities": None,
    "readOnlyRootFilesystem": None, "privileged": None, "allowPrivilegeEscalation": None,
    "procMount": "ProcMountType", "runAsUser": None, "runAsGroup": None,
}
# SELinuxChangePolicy: beta and on by default from 1.33 (not in podlint/versions.py)
_SELINUX_CHANGE_POLICY_FROM = 33


def _kept(pod: PodSite, gate: str | None) -> bool:
    if gate is None:
        return True
    if gate == "SELinuxChangePolicy":
        return pod.k8s.at_least(_SELINUX_CHANGE_POLICY_FROM)
    return pod.k8s.gate(gate)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateWindows (only when spec.os.name is "windows")
    if os_name(pod) != "windows":
        return
    context = as_dict(pod.spec.get("securityContext"))
    for field, gate in _POD_CONTEXT.items():
        if context.get(field) is not None and _kept(pod, gate):
            yield Finding(pod.path / "securityContext" / field,
                          f"pod securityContext sets {field} but os.name is windows; it cannot be set for a "
                          "windows pod")
    if as_list(context.get("sysctls")):
        yield Finding(pod.path / "securityContext" / "sysctls",
                      "pod securityContext sets sysctls but os.name is windows; they cannot be set for a windows pod")
    # pod-level flags (kept in the internal PodSecurityContext): hostUsers and
    # shareProcessNamespace whenever set, hostPID/hostIPC when true
    if pod.spec.get("hostUsers") is not None and pod.k8s.gate("UserNamespacesSupport"):
        yield Finding(pod.path / "hostUsers", "hostUsers is set but os.name is windows; it cannot be set for a "
                                              "windows pod")
    if pod.spec.get("shareProcessNamespace") is not None:
        yield Finding(pod.path / "shareProcessNamespace",
                      "shareProcessNamespace is set but os.name is windows; it cannot be set for a windows pod")
    for field in ("hostPID", "hostIPC"):
        if pod.spec.get(field) is True:
            yield Finding(pod.path / field, f"{field} is true but os.name is windows; it cannot be set for a "
                                            "windows pod")
    for c in pod.visited_containers:
        sc = as_dict(c.spec.get("securityContext"))
        for field, gate in _CONTAINER_CONTEXT.items():
            if sc.get(field) is not None and _kept(pod, gate):
                yield Finding(c.path / "securityContext" / field,
                              f"{c.label} sets securityContext.{field} but os.name is windows; it cannot be set "
                              "for a windows pod")
