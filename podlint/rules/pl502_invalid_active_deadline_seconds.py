"""PL502 invalid-active-deadline-seconds."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_int

RULE = Rule(
    id="PL502",
    name="invalid-active-deadline-seconds",
    severity=Severity.ERROR,
    summary="The pod spec's activeDeadlineSeconds is outside 1-2147483647",
)

INT32_MAX = 2**31 - 1


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidatePodSpec: a set activeDeadlineSeconds must be in
    # [1, MaxInt32]; 0 is rejected too (unlike the Job-level field)
    value = as_int(pod.spec.get("activeDeadlineSeconds"))
    if value is not None and not 1 <= value <= INT32_MAX:
        yield Finding(pod.path / "activeDeadlineSeconds",
                      f"activeDeadlineSeconds is {value}; it must be between 1 and {INT32_MAX} "
                      "(leave it out for no deadline)")
