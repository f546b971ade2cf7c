"""PL476 invalid-windows-options."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._security import check_windows_options, security_context

RULE = Rule(
    id="PL476",
    name="invalid-windows-options",
    severity=Severity.ERROR,
    summary="A container windowsOptions has an invalid GMSA credential spec or runAsUserName",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateSecurityContext -> validateWindowsSecurityContextOptions (the
    # pod-level securityContext goes through the same function: PL523). Whether
    # windowsOptions may be set at all (spec.os.name linux) is another rule's.
    for c in pod.all_containers:
        sc = security_context(c.spec)
        if "windowsOptions" in sc:
            yield from check_windows_options(sc["windowsOptions"], c.path / "securityContext" / "windowsOptions",
                                             c.label)
