"""PL545 invalid-node-inclusion-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list, as_str

RULE = Rule(
    id="PL545",
    name="invalid-node-inclusion-policy",
    severity=Severity.ERROR,
    summary="A topology spread constraint's nodeAffinityPolicy or nodeTaintsPolicy is not Honor or Ignore",
    min_version=26,
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateNodeInclusionPolicy. NodeInclusionPolicyInPodTopologySpread:
    # beta and on by default from 1.26 (GA 1.33); dropped on 1.25 (gate not in
    # podlint/versions.py).
    for i, constraint in enumerate(as_list(pod.spec.get("topologySpreadConstraints"))):
        if not isinstance(constraint, dict):
            continue
        for field in ("nodeAffinityPolicy", "nodeTaintsPolicy"):
            value = as_str(constraint.get(field))
            if value is not None and value not in ("Honor", "Ignore"):
                shown = f'"{value}"' if value else "empty"
                yield Finding(pod.path / "topologySpreadConstraints" / i / field,
                              f'topology spread constraint {i} {field} is {shown}; it must be "Honor" or "Ignore"')
