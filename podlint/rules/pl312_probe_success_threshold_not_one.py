"""PL312 probe-success-threshold-not-one."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, FixIntent, Severity
from podlint.model import PodSite, Rule, as_int
from podlint.rules._probes import probes

RULE = Rule(
    id="PL312",
    name="probe-success-threshold-not-one",
    severity=Severity.ERROR,
    summary="A liveness or startup probe successThreshold is not 1",
    fix="safe: sets successThreshold to 1, the only value the API server accepts there",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateLivenessProbe / validateStartupProbe: Invalid "must be 1".
    # Checked after defaulting: SetDefaults_Probe turns 0 (or absent) into 1. Readiness
    # probes may use any threshold.
    for site in probes(pod):
        if site.field not in ("livenessProbe", "startupProbe"):
            continue
        value = as_int(site.spec.get("successThreshold"))
        if value is not None and value not in (0, 1):
            yield Finding(site.path / "successThreshold",
                          f"{site.label} successThreshold is {value}; it must be 1 for liveness "
                          "and startup probes",
                          fix=FixIntent("replace", 1, "set successThreshold to 1"))
