"""PL547 invalid-label-selector."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list
from podlint.rules._podlevel import pod_affinity_terms
from podlint.rules._selectors import label_selector_findings

RULE = Rule(
    id="PL547",
    name="invalid-label-selector",
    severity=Severity.ERROR,
    summary="A topology spread or pod affinity label selector has an invalid key, value or operator",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateTopologySpreadConstraints and ValidatePodAffinityTermSelector
    # -> metav1 validation ValidateLabelSelector (invalid label values are not allowed on
    # create)
    for i, constraint in enumerate(as_list(pod.spec.get("topologySpreadConstraints"))):
        if isinstance(constraint, dict):
            yield from label_selector_findings(constraint.get("labelSelector"),
                                               pod.path / "topologySpreadConstraints" / i / "labelSelector",
                                               what=f"topology spread constraint {i} labelSelector")
    for term, path, label in pod_affinity_terms(pod):
        for field in ("labelSelector", "namespaceSelector"):
            yield from label_selector_findings(term.get(field), path / field, what=f"{label} {field}")
