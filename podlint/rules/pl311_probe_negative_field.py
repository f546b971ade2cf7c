"""PL311 probe-negative-field."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_int
from podlint.rules._probes import probes

RULE = Rule(
    id="PL311",
    name="probe-negative-field",
    severity=Severity.ERROR,
    summary="A probe delay, timeout, period or threshold is negative",
)

FIELDS = ("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold",
          "failureThreshold")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateProbe: ValidateNonnegativeField on each. Zero is fine:
    # defaults.go SetDefaults_Probe turns 0 into 1/10/1/3 for the last four, and an
    # initial delay of 0 is valid as it is.
    for site in probes(pod):
        for name in FIELDS:
            value = as_int(site.spec.get(name))
            if value is not None and value < 0:
                yield Finding(site.path / name,
                              f"{site.label} {name} is {value}; it must not be negative")
