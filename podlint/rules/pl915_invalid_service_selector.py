"""PL915 invalid-service-selector."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule, as_str
from podlint.rules._metadata import placeholder_hint, shorten
from podlint.rules._selectors import label_key_problem, label_value_problem
from podlint.rules._services import KINDS, service

RULE = Rule(
    id="PL915",
    name="invalid-service-selector",
    severity=Severity.ERROR,
    summary="A Service selector key that is not a label key, or a value that is not a label value",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go ValidateService: ValidateLabels(spec.selector) (the server names
    # spec.selector as a whole).
    svc = service(site)
    if svc is None:
        return
    for key, value in svc.selector.items():
        path = svc.spec_path / "selector" / key
        if isinstance(key, str):
            problem = label_key_problem(key)
            if problem:
                yield Finding(path, f'Service selector key "{shorten(key)}" is not a valid label key: {problem}')
        text = as_str(value)
        if text is not None:
            problem = label_value_problem(text)
            if problem:
                yield Finding(path, f'Service selector "{shorten(key)}" has value "{shorten(text)}", which is not a '
                              f"valid label value: {problem}{placeholder_hint(text)}", on_key=False)
