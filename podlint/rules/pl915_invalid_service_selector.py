"""PL915 invalid-service-selector."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule
from podlint.rules._metadata import placeholder_hint, shorten
from podlint.rules._selectors import label_map_findings
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
    yield from label_map_findings(
        svc.selector, svc.spec_path / "selector",
        lambda key, problem: f'Service selector key "{shorten(key)}" is not a valid label key: {problem}',
        lambda key, text, problem: f'Service selector "{shorten(key)}" has value "{shorten(text)}", which is '
                                   f"not a valid label value: {problem}{placeholder_hint(text)}")
