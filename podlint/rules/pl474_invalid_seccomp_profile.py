"""PL474 invalid-seccomp-profile."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._security import check_seccomp_profile, security_context

RULE = Rule(
    id="PL474",
    name="invalid-seccomp-profile",
    severity=Severity.ERROR,
    summary="A container seccompProfile has an unknown type or a localhostProfile that does not fit its type",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateSecurityContext -> validateSeccompProfileField (the pod-level
    # securityContext goes through the same function: PL523)
    for c in pod.all_containers:
        sc = security_context(c.spec)
        if "seccompProfile" in sc:
            yield from check_seccomp_profile(sc["seccompProfile"], c.path / "securityContext" / "seccompProfile",
                                             c.label)
