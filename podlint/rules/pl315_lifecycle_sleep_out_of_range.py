"""PL315 lifecycle-sleep-out-of-range."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_int
from podlint.rules._probes import effective_grace_period, hooks

RULE = Rule(
    id="PL315",
    name="lifecycle-sleep-out-of-range",
    severity=Severity.ERROR,
    summary="A sleep hook is negative (or 0 before 1.33) or longer than the pod's grace period",
    min_version=30,
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateSleepAction, against the pod-level grace period (defaulted
    # to 30). With PodLifecycleSleepActionAllowZero (1.33+) 0 <= seconds <= grace;
    # before, 1 <= seconds <= grace. The sleep handler only exists where
    # PodLifecycleSleepAction is on (1.30+; _probes.hooks drops it elsewhere), and only
    # the first handler of a hook is validated.
    allow_zero = pod.k8s.gate("PodLifecycleSleepActionAllowZero")
    lowest = 0 if allow_zero else 1
    grace = effective_grace_period(pod)
    for site in hooks(pod):
        action = site.action("sleep")
        if action is None:
            continue
        raw = action.get("seconds")
        seconds = 0 if raw is None else as_int(raw)  # absent: the Go zero value
        if seconds is None or lowest <= seconds <= grace:
            continue
        if seconds == 0:
            reason = ("a zero sleep is only accepted from Kubernetes 1.33 "
                      "(PodLifecycleSleepActionAllowZero)")
        elif seconds < 0:
            reason = "it must not be negative"
        else:
            reason = f"it must not exceed the pod's terminationGracePeriodSeconds ({grace})"
        shown = "not set" if raw is None else str(seconds)
        yield Finding(site.path / "sleep" / "seconds",
                      f"{site.label} sleep.seconds is {shown}; {reason}")
