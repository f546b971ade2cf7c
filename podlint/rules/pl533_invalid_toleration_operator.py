"""PL533 invalid-toleration-operator."""

from __future__ import annotations


from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list, as_str
from podlint.rules._selectors import label_value_problem
from podlint import lazyre

RULE = Rule(
    id="PL533",
    name="invalid-toleration-operator",
    severity=Severity.ERROR,
    summary="A toleration operator is not Equal/Exists, or its value does not fit the operator",
)


_INT64 = lazyre.compile(r"[-+]?[0-9]{1,19}\Z")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateTolerations. Equal (or empty): value must be a label value
    # (the server reports it at `operator`); Exists: value must be empty; Lt/Gt need the
    # TaintTolerationComparisonOperators gate (alpha from 1.35, off by default: NotSupported;
    # on: the value must be a base-10 int64, reported at `value`); anything else NotSupported.
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
                # at `operator` as the server reports it, when one is written
                where = path / ("operator" if operator is not None else "value")
                yield Finding(where, f'toleration {i} value "{text}" is not a valid taint value: {problem}',
                              on_key=False)
        elif operator in ("Lt", "Gt"):
            if pod.k8s.minor >= 35 and pod.k8s.gate("TaintTolerationComparisonOperators"):
                if not _INT64.match(text or "") or not -2**63 <= int(text) < 2**63:
                    yield Finding(path / "value", f'toleration {i} operator {operator} needs an integer value, '
                                  f'got "{text}"', on_key=False)
                continue
            yield Finding(path / "operator", f'toleration {i} operator "{operator}" is not supported: it needs the '
                          "TaintTolerationComparisonOperators feature gate (alpha from Kubernetes 1.35, off by "
                          'default; see --feature-gates); use "Equal" or "Exists"', on_key=False)
        elif operator == "Exists":
            if text:
                # the server reports it at `operator` (Invalid value: "<value>")
                yield Finding(path / "operator", f'toleration {i} uses operator Exists with value "{text}"; the '
                                                 "value must be empty with Exists (use operator Equal to match a value)")
        else:
            yield Finding(path / "operator", f'toleration {i} operator "{operator}" is not supported; use "Equal" '
                                             'or "Exists"', on_key=False)
