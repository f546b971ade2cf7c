"""PL473 privilege-escalation-conflict."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_list
from podlint.rules._security import security_context

RULE = Rule(
    id="PL473",
    name="privilege-escalation-conflict",
    severity=Severity.ERROR,
    summary="allowPrivilegeEscalation: false together with privileged: true or the CAP_SYS_ADMIN capability",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateSecurityContext: with allowPrivilegeEscalation false, Invalid
    # "cannot set `allowPrivilegeEscalation` to false and `privileged` to true" and, for
    # each capabilities.add entry equal to the literal "CAP_SYS_ADMIN", "... and
    # `capabilities.Add` CAP_SYS_ADMIN". Both are reported at securityContext; podlint
    # points at the conflicting field. "SYS_ADMIN" without the prefix is not compared (PW836).
    for c in pod.all_containers:
        sc = security_context(c.spec)
        if sc.get("allowPrivilegeEscalation") is not False:
            continue
        path = c.path / "securityContext"
        if sc.get("privileged") is True:
            yield Finding(path / "privileged", f"{c.label} sets privileged: true with allowPrivilegeEscalation: "
                          "false; a privileged container can always escalate, so drop one of them")
        for i, cap in enumerate(as_list(as_dict(sc.get("capabilities")).get("add"))):
            if cap == "CAP_SYS_ADMIN":
                yield Finding(path / "capabilities" / "add" / i, f'{c.label} adds capability "CAP_SYS_ADMIN" '
                              "with allowPrivilegeEscalation: false; CAP_SYS_ADMIN allows escalation, so drop "
                              "one of them", on_key=False)
