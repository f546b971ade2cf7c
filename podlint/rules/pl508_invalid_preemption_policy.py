"""PL508 invalid-preemption-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str

RULE = Rule(
    id="PL508",
    name="invalid-preemption-policy",
    severity=Severity.ERROR,
    summary="The pod spec's preemptionPolicy is not PreemptLowerPriority or Never",
)

SUPPORTED = ("PreemptLowerPriority", "Never")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidatePreemptionPolicy: "" is Required, anything else but the two
    # supported values NotSupported (the Priority admission plugin usually fills it from
    # the PriorityClass, but a value set in the manifest is kept and validated)
    value = as_str(pod.spec.get("preemptionPolicy"))
    if value is None or value in SUPPORTED:
        return
    shown = f'"{value}"' if value else "empty"
    yield Finding(pod.path / "preemptionPolicy",
                  f'preemptionPolicy is {shown}; it must be "PreemptLowerPriority" or "Never"')
