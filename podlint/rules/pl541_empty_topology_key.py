"""PL541 empty-topology-key."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list

RULE = Rule(
    id="PL541",
    name="empty-topology-key",
    severity=Severity.ERROR,
    summary="A topology spread constraint's topologyKey is empty",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateTopologyKey: Required when empty (an absent key is
    # OpenAPI-required, PL012)
    for i, constraint in enumerate(as_list(pod.spec.get("topologySpreadConstraints"))):
        if isinstance(constraint, dict) and constraint.get("topologyKey") == "":
            yield Finding(pod.path / "topologySpreadConstraints" / i / "topologyKey",
                          f"topology spread constraint {i} has an empty topologyKey; it must name a node label "
                          "such as topology.kubernetes.io/zone")
