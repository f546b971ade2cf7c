"""PW845 disruption-budget-selects-nothing."""

from __future__ import annotations

from typing import Iterator

from podlint.crossfile import CrossFinding, FactSet
from podlint.diagnostics import Severity
from podlint.model import Rule

RULE = Rule(
    id="PW845",
    name="disruption-budget-selects-nothing",
    severity=Severity.WARNING,
    summary="A PodDisruptionBudget selector that matches no pod template among the manifests checked together",
    scope="set",
)


def check(facts: FactSet) -> Iterator[CrossFinding]:
    if not (facts.pods or facts.strict):
        return
    for pdb in facts.facts:
        if pdb.kind != "PodDisruptionBudget" or pdb.selector is None:
            continue
        if facts.selected(pdb.selector, pdb.namespace, label_selector=True):
            continue
        yield CrossFinding(
            pdb, pdb.selector_path,
            "PodDisruptionBudget selector matches no pod template in this run: it protects nothing, "
            "and a drain evicts the pods it was meant for all at once")
