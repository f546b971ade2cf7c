"""PL533 invalid-toleration-operator."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list, as_str
from podlint.rules._selectors import label_value_problem

RULE = Rule(
    id="PL533",
    name="invalid-toleration-operator",
    severity=Severity.ERROR,
    summary="A toleration operator is not Equal/Exists, or its value does not fit the operator",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateTolerations. Equal (or empty): value must be a label value
    # (the server reports it at `operator`); Exists: value must be empty; anything else is
    # NotSupported. Lt/Gt need TaintTolerationComparisonOperators (alpha from 1.35, off by
    # default): a default cluster answers NotSupported, a cluster with the gate on accepts
    # an integer value. podlint cannot see the gate, so Lt/Gt are left alone (the
    # kubernetes/website example for the feature must stay clean).
    for i, toleration in enumerate(as_list(pod.spec.get("tolerations"))):
        if not isinstance(toleration, dict):
            continue
        path = pod.path / "tolerations" / i
        operator = toleration.get("operator")
        if operator is not None and not isinstance(operator, str):
            continue
        value = toleration.get("value")
        text = as_str(value) if value is not None else ""
        if operator in (None, "", "Equal"):
            if text is None:
                continue
            problem = label_value_problem(text)
            if problem:
                yield Finding(path / "value", f'toleration {i} value "{text}" is not a valid taint value: {problem}',
                              on_key=False)
        elif operator in ("Lt", "Gt"):
            continue
        elif operator == "Exists":
            if text:
                # the server reports it at `operator` (Invalid value: "<value>")
                yield Finding(path / "operator", f'toleration {i} uses operator Exists with value "{text}"; the '
                                                 "value must be empty with Exists (use operator Equal to match a value)")
        else:
            yield Finding(path / "operator", f'toleration {i} operator "{operator}" is not supported; use "Equal" '
                                             'or "Exists" ("Lt"/"Gt" need an alpha feature gate)', on_key=False)
