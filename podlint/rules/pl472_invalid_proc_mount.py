"""PL472 invalid-proc-mount."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._security import security_context

RULE = Rule(
    id="PL472",
    name="invalid-proc-mount",
    severity=Severity.ERROR,
    summary="A container procMount is unknown, or Unmasked in a pod that shares the host user namespace",
    min_version=33,  # ProcMountType: off before 1.33, where procMount is forced to Default
)

TYPES = ("Default", "Unmasked")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateSecurityContext -> ValidateProcMountType: NotSupported outside
    # Default/Unmasked; Invalid "`hostUsers` must be false to use `Unmasked`" unless the pod
    # spec sets hostUsers: false (UserNamespacesSupport, on from 1.33 like ProcMountType).
    # With ProcMountType off, dropDisabledProcMountField sets every procMount to Default.
    if not pod.k8s.gate("ProcMountType"):
        return
    host_users_value = pod.spec.get("hostUsers")
    if host_users_value is not None and not isinstance(host_users_value, bool):
        return  # wrong type: the schema pass reports it
    host_users = host_users_value is not False or not pod.k8s.gate("UserNamespacesSupport")
    for c in pod.all_containers:
        value = as_str(security_context(c.spec).get("procMount"))
        if value is None:
            continue
        path = c.path / "securityContext" / "procMount"
        if value not in TYPES:
            shown = "empty" if value == "" else f'"{value}"'
            yield Finding(path, f'{c.label} procMount is {shown}; supported values: "Default", "Unmasked" '
                          "(case-sensitive)", on_key=False)
        elif value == "Unmasked" and host_users:
            yield Finding(path, f'{c.label} uses procMount "Unmasked" but the pod shares the host user '
                          "namespace; set spec.hostUsers: false to use it", on_key=False)
