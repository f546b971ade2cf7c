"""PL550 invalid-readiness-gate."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list, as_str
from podlint.rules._selectors import label_key_problem

RULE = Rule(
    id="PL550",
    name="invalid-readiness-gate",
    severity=Severity.ERROR,
    summary="A readinessGates conditionType is not a qualified name",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateReadinessGates: ValidateQualifiedName (an absent conditionType
    # is OpenAPI-required, PL012)
    for i, gate in enumerate(as_list(pod.spec.get("readinessGates"))):
        if not isinstance(gate, dict):
            continue
        value = as_str(gate.get("conditionType"))
        if value is None:
            continue
        problem = label_key_problem(value)
        if problem:
            yield Finding(pod.path / "readinessGates" / i / "conditionType",
                          f'readiness gate conditionType "{value}" is not a qualified name: {problem}', on_key=False)
