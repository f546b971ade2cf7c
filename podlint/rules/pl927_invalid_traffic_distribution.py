"""PL927 invalid-traffic-distribution."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule, as_str
from podlint.rules._services import KINDS, gate, quoted, service

RULE = Rule(
    id="PL927",
    name="invalid-traffic-distribution",
    severity=Severity.ERROR,
    summary="A trafficDistribution the release does not support (PreferClose; from 1.34 also "
    "PreferSameZone and PreferSameNode)",
    min_version=30,  # the field appears in 1.30 (before: an unknown field, PL010)
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go validateServiceTrafficDistribution; strategy.go dropServiceDisabledFields
    # drops the field while ServiceTrafficDistribution is off (1.30: alpha); PreferSameZone and
    # PreferSameNode need PreferSameTrafficDistribution (alpha 1.33, on from 1.34).
    svc = service(site)
    if svc is None:
        return
    if not gate(svc.k8s, "ServiceTrafficDistribution"):
        return
    value = as_str(svc.raw.get("trafficDistribution"))
    if value is None:
        return
    allowed = ["PreferClose"]
    if gate(svc.k8s, "PreferSameTrafficDistribution"):
        allowed += ["PreferSameZone", "PreferSameNode"]
    if value in allowed:
        return
    later = ""
    if value in ("PreferSameZone", "PreferSameNode"):
        later = " (PreferSameZone and PreferSameNode need Kubernetes 1.34 or the PreferSameTrafficDistribution gate)"
    yield Finding(svc.spec_path / "trafficDistribution", f'trafficDistribution "{value}" is not supported: '
                  f"supported values: {quoted(allowed)}{later}", on_key=False)
