"""PL544 invalid-min-domains."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_int, as_list

RULE = Rule(
    id="PL544",
    name="invalid-min-domains",
    severity=Severity.ERROR,
    summary="A topology spread constraint's minDomains is not positive or is used without "
    "whenUnsatisfiable: DoNotSchedule",
    min_version=27,
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateMinDomains. MinDomainsInPodTopologySpread: beta and on by
    # default from 1.27 (GA 1.30); dropped before (gate not in podlint/versions.py).
    for i, constraint in enumerate(as_list(pod.spec.get("topologySpreadConstraints"))):
        if not isinstance(constraint, dict):
            continue
        value = as_int(constraint.get("minDomains"))
        if value is None:
            continue
        path = pod.path / "topologySpreadConstraints" / i / "minDomains"
        if value <= 0:
            yield Finding(path, f"topology spread constraint {i} has minDomains {value}; it must be at least 1")
        action = constraint.get("whenUnsatisfiable")
        if action != "DoNotSchedule":
            shown = f'"{action}"' if isinstance(action, str) else "not set"
            yield Finding(path, f"topology spread constraint {i} sets minDomains but whenUnsatisfiable is {shown}; "
                                'minDomains can only be used with whenUnsatisfiable "DoNotSchedule"')
