"""PL530 invalid-toleration-key."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list, as_str
from podlint.rules._selectors import label_key_problem

RULE = Rule(
    id="PL530",
    name="invalid-toleration-key",
    severity=Severity.ERROR,
    summary="A toleration key is not a valid label key",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateTolerations: a non-empty key must be a qualified name
    for i, toleration in enumerate(as_list(pod.spec.get("tolerations"))):
        if not isinstance(toleration, dict):
            continue
        key = as_str(toleration.get("key"))
        if not key:
            continue
        problem = label_key_problem(key)
        if problem:
            yield Finding(pod.path / "tolerations" / i / "key",
                          f'toleration key "{key}" is not a valid taint key: {problem}', on_key=False)
