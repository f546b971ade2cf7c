"""PW836 no-privilege-escalation-with-sys-admin."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_list

RULE = Rule(
    id="PW836",
    name="no-privilege-escalation-with-sys-admin",
    severity=Severity.WARNING,
    summary="allowPrivilegeEscalation: false together with capabilities.add SYS_ADMIN (or ALL)",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateContainerSecurityContext rejects only the literal "CAP_SYS_ADMIN"
    # (PL473); "SYS_ADMIN" (how capabilities are normally written) and "ALL" grant the same
    # power and are accepted, although CAP_SYS_ADMIN defeats no_new_privs
    for c in pod.visited_containers:
        sc = as_dict(c.spec.get("securityContext"))
        if sc.get("allowPrivilegeEscalation") is not False:
            continue
        added = as_list(as_dict(sc.get("capabilities")).get("add"))
        for i, cap in enumerate(added):
            if not isinstance(cap, str) or cap == "CAP_SYS_ADMIN":
                continue  # PL473
            bare = cap.upper().removeprefix("CAP_")
            if bare in ("SYS_ADMIN", "ALL"):
                yield Finding(c.path / "securityContext" / "capabilities" / "add" / i,
                              f'{c.label} adds capability "{cap}" but sets allowPrivilegeEscalation: false; '
                              "CAP_SYS_ADMIN can escalate privileges anyway: drop the capability or allow "
                              "escalation explicitly", on_key=False)
