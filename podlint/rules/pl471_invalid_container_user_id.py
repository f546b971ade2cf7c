"""PL471 invalid-container-user-id."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._security import check_id, security_context

RULE = Rule(
    id="PL471",
    name="invalid-container-user-id",
    severity=Severity.ERROR,
    summary="A container securityContext runAsUser or runAsGroup is outside the valid ID range",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateSecurityContext: IsValidUserID(runAsUser) and
    # IsValidGroupID(runAsGroup), Invalid "must be between 0 and <max>, inclusive". The
    # maximum is 2147483647 up to 1.36 and 4294967295 after (see rules/PL471.md).
    for c in pod.all_containers:
        sc = security_context(c.spec)
        for key in ("runAsUser", "runAsGroup"):
            if key in sc:
                yield from check_id(sc[key], c.path / "securityContext" / key, c.label, pod.k8s)
