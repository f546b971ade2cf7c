"""PL540 non-positive-max-skew."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_int, as_list

RULE = Rule(
    id="PL540",
    name="non-positive-max-skew",
    severity=Severity.ERROR,
    summary="A topology spread constraint's maxSkew is 0 or negative",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateMaxSkew: must be greater than zero
    for i, constraint in enumerate(as_list(pod.spec.get("topologySpreadConstraints"))):
        if not isinstance(constraint, dict):
            continue
        value = as_int(constraint.get("maxSkew"))
        if value is not None and value <= 0:
            yield Finding(pod.path / "topologySpreadConstraints" / i / "maxSkew",
                          f"topology spread constraint {i} has maxSkew {value}; it must be at least 1")
