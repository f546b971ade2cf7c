"""PW810 negative-termination-grace-period."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_int

RULE = Rule(
    id="PW810",
    name="negative-termination-grace-period",
    severity=Severity.WARNING,
    summary="A negative terminationGracePeriodSeconds, which is treated as 1",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # pkg/api/pod/warnings.go: "must be >= 0; negative values are invalid and will be treated
    # as 1" (for Pods, defaulting already turns it into 1 since 1.27)
    value = as_int(pod.spec.get("terminationGracePeriodSeconds"))
    if value is not None and value < 0:
        yield Finding(pod.path / "terminationGracePeriodSeconds",
                      f"terminationGracePeriodSeconds is {value}; negative values are treated as 1 second: "
                      "use 0 to kill at once, or a positive number of seconds", on_key=False)
