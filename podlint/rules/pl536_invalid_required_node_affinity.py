"""PL536 invalid-required-node-affinity."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list, lookup
from podlint.rules._podlevel import node_selector_term_findings

RULE = Rule(
    id="PL536",
    name="invalid-required-node-affinity",
    severity=Severity.ERROR,
    summary="Required node affinity has no terms, or a term's expressions or fields are invalid",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateNodeAffinity -> ValidateNodeSelector: at least one term
    # (absent nodeSelectorTerms is OpenAPI-required, PL012), then each term with label
    # values checked (AllowInvalidLabelValueInRequiredNodeAffinity is false on create)
    required = lookup(pod.spec, "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution")
    if not isinstance(required, dict):
        return
    path = pod.path / "affinity" / "nodeAffinity" / "requiredDuringSchedulingIgnoredDuringExecution"
    terms = required.get("nodeSelectorTerms")
    if isinstance(terms, list) and not terms:
        yield Finding(path / "nodeSelectorTerms", "required node affinity has an empty nodeSelectorTerms list; it "
                                                  "needs at least one node selector term")
        return
    for i, term in enumerate(as_list(terms)):
        yield from node_selector_term_findings(term, path / "nodeSelectorTerms" / i,
                                               f"required node affinity term {i}", check_values=True)
