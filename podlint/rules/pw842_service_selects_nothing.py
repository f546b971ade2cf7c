"""PW842 service-selects-nothing."""

from __future__ import annotations

from typing import Iterator

from podlint.crossfile import CrossFinding, FactSet
from podlint.diagnostics import Severity
from podlint.model import Rule

RULE = Rule(
    id="PW842",
    name="service-selects-nothing",
    severity=Severity.WARNING,
    summary="A Service selector that matches no pod template among the manifests checked together",
    scope="set",
)


def check(facts: FactSet) -> Iterator[CrossFinding]:
    if not (facts.pods or facts.strict):
        return  # no workload in the set: its pods are defined elsewhere
    for svc in facts.services:
        if not svc.selector or svc.service_type == "ExternalName":
            continue
        if facts.selected(svc.selector, svc.namespace):
            continue
        shown = ", ".join(f"{k}={v}" for k, v in sorted(svc.selector.items(), key=str))
        yield CrossFinding(
            svc, svc.selector_path,
            f"Service selector {shown} matches no pod template in this run: the Service gets no "
            "endpoints, and connections to it fail (check the labels of the workload it is meant for)")
