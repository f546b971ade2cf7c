"""PL314 readiness-probe-termination-grace-period."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._probes import probes

RULE = Rule(
    id="PL314",
    name="readiness-probe-termination-grace-period",
    severity=Severity.ERROR,
    summary="A readiness probe sets terminationGracePeriodSeconds",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateReadinessProbe: Invalid "must not be set for readinessProbes"
    # for any value. The field is dropped where ProbeTerminationGracePeriod is off (on by
    # default in every supported release).
    if not pod.k8s.gate("ProbeTerminationGracePeriod"):
        return
    for site in probes(pod):
        if site.field != "readinessProbe":
            continue
        value = site.spec.get("terminationGracePeriodSeconds")
        if value is not None:
            yield Finding(site.path / "terminationGracePeriodSeconds",
                          f"{site.label} sets terminationGracePeriodSeconds ({value}); only "
                          "liveness and startup probes may set it")
