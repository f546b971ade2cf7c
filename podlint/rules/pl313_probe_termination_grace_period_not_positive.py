"""PL313 probe-termination-grace-period-not-positive."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_int
from podlint.rules._probes import probes

RULE = Rule(
    id="PL313",
    name="probe-termination-grace-period-not-positive",
    severity=Severity.ERROR,
    summary="A probe terminationGracePeriodSeconds is 0 or negative",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateProbe: Invalid "must be greater than 0" when set and <= 0, on
    # every probe kind (a readiness probe also gets PL314). The field is dropped where
    # ProbeTerminationGracePeriod is off (on by default in every supported release).
    if not pod.k8s.gate("ProbeTerminationGracePeriod"):
        return
    for site in probes(pod):
        value = as_int(site.spec.get("terminationGracePeriodSeconds"))
        if value is not None and value <= 0:
            yield Finding(site.path / "terminationGracePeriodSeconds",
                          f"{site.label} terminationGracePeriodSeconds is {value}; it must be "
                          "greater than 0 (omit it to use the pod's grace period)")
