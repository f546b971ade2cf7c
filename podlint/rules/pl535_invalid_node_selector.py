"""PL535 invalid-node-selector."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_str
from podlint.rules._selectors import label_key_problem, label_value_problem

RULE = Rule(
    id="PL535",
    name="invalid-node-selector",
    severity=Severity.ERROR,
    summary="A nodeSelector key is not a valid label key or its value not a valid label value",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidatePodSpec -> unversionedvalidation.ValidateLabels
    path = pod.path / "nodeSelector"
    for key, value in as_dict(pod.spec.get("nodeSelector")).items():
        if not isinstance(key, str):
            continue
        problem = label_key_problem(key)
        if problem:
            yield Finding(path / key, f'nodeSelector key "{key}" is not a valid label key: {problem}')
        text = as_str(value)
        if text is not None:
            problem = label_value_problem(text)
            if problem:
                yield Finding(path / key, f'nodeSelector value "{text}" for "{key}" is not a valid label value: '
                                          f"{problem}", on_key=False)
