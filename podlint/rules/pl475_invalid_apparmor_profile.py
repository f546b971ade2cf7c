"""PL475 invalid-apparmor-profile."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._security import (
    APPARMOR_FIELDS_FROM_MINOR,
    check_apparmor_profile,
    security_context,
)

RULE = Rule(
    id="PL475",
    name="invalid-apparmor-profile",
    severity=Severity.ERROR,
    summary="A container appArmorProfile has an unknown type or a localhostProfile that does not fit its type",
    min_version=APPARMOR_FIELDS_FROM_MINOR,  # the field is unknown (schema pass) before 1.30
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateSecurityContext -> ValidateAppArmorProfileField (the pod-level
    # securityContext goes through the same function: PL523)
    for c in pod.all_containers:
        sc = security_context(c.spec)
        if "appArmorProfile" in sc:
            yield from check_apparmor_profile(sc["appArmorProfile"], c.path / "securityContext" / "appArmorProfile",
                                              c.label)
