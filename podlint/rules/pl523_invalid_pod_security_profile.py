"""PL523 invalid-pod-security-profile."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict
from podlint.rules._security import (
    check_apparmor_profile,
    check_seccomp_profile,
    check_windows_options,
)

RULE = Rule(
    id="PL523",
    name="invalid-pod-security-profile",
    severity=Severity.ERROR,
    summary="The pod securityContext seccompProfile, appArmorProfile or windowsOptions is invalid",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validatePodSpecSecurityContext: validateSeccompProfileField,
    # ValidateAppArmorProfileField and validateWindowsSecurityContextOptions, the same
    # helpers as the container fields (PL474-PL476, podlint/rules/_security.py)
    context = as_dict(pod.spec.get("securityContext"))
    path = pod.path / "securityContext"
    yield from check_seccomp_profile(context.get("seccompProfile"), path / "seccompProfile", "pod")
    yield from check_apparmor_profile(context.get("appArmorProfile"), path / "appArmorProfile", "pod")
    yield from check_windows_options(context.get("windowsOptions"), path / "windowsOptions", "pod")
