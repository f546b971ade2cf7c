"""PL551 invalid-scheduling-gate."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list, as_str
from podlint.rules._selectors import label_key_problem

RULE = Rule(
    id="PL551",
    name="invalid-scheduling-gate",
    severity=Severity.ERROR,
    summary="A schedulingGates name is not a qualified name or is repeated",
    min_version=27,
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateSchedulingGates. PodSchedulingReadiness is beta and on by
    # default from 1.27 (dropped on 1.26; gate not in podlint/versions.py).
    seen: set[str] = set()
    for i, gate in enumerate(as_list(pod.spec.get("schedulingGates"))):
        if not isinstance(gate, dict):
            continue
        name = as_str(gate.get("name"))
        if name is None:
            continue
        path = pod.path / "schedulingGates" / i / "name"
        problem = label_key_problem(name)
        if problem:
            yield Finding(path, f'scheduling gate name "{name}" is not a qualified name: {problem}', on_key=False)
        if name in seen:
            yield Finding(path, f'scheduling gate "{name}" is listed twice', on_key=False)
        seen.add(name)
