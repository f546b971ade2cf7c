"""PL542 invalid-when-unsatisfiable."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list, as_str

RULE = Rule(
    id="PL542",
    name="invalid-when-unsatisfiable",
    severity=Severity.ERROR,
    summary="A topology spread constraint's whenUnsatisfiable is not DoNotSchedule or ScheduleAnyway",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateWhenUnsatisfiable: NotSupported (empty included)
    for i, constraint in enumerate(as_list(pod.spec.get("topologySpreadConstraints"))):
        if not isinstance(constraint, dict):
            continue
        value = as_str(constraint.get("whenUnsatisfiable"))
        if value is not None and value not in ("DoNotSchedule", "ScheduleAnyway"):
            shown = f'"{value}"' if value else "empty"
            yield Finding(pod.path / "topologySpreadConstraints" / i / "whenUnsatisfiable",
                          f'topology spread constraint {i} whenUnsatisfiable is {shown}; it must be "DoNotSchedule" '
                          'or "ScheduleAnyway"')
