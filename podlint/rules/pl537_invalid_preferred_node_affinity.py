"""PL537 invalid-preferred-node-affinity."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_int, as_list, lookup
from podlint.rules._podlevel import node_selector_term_findings

RULE = Rule(
    id="PL537",
    name="invalid-preferred-node-affinity",
    severity=Severity.ERROR,
    summary="A preferred node affinity term has a weight outside 1-100 or invalid expressions",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidatePreferredSchedulingTerms: weight in 1..100, then the term with
    # invalid label values allowed ("as they can succeed when the cluster has one node")
    terms = lookup(pod.spec, "affinity", "nodeAffinity", "preferredDuringSchedulingIgnoredDuringExecution")
    path = pod.path / "affinity" / "nodeAffinity" / "preferredDuringSchedulingIgnoredDuringExecution"
    for i, term in enumerate(as_list(terms)):
        if not isinstance(term, dict):
            continue
        weight = as_int(term.get("weight"))
        if weight is not None and not 1 <= weight <= 100:
            yield Finding(path / i / "weight", f"preferred node affinity term {i} has weight {weight}; it must be "
                                               "between 1 and 100")
        yield from node_selector_term_findings(term.get("preference"), path / i / "preference",
                                               f"preferred node affinity term {i}", check_values=False)
