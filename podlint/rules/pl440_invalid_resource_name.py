"""PL440 invalid-resource-name."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._resources import container_resource_name_problem, entries

RULE = Rule(
    id="PL440",
    name="invalid-resource-name",
    severity=Severity.ERROR,
    summary="A container resources.limits or resources.requests key is not a valid container resource name",
)

HINT = ("containers take cpu, memory, ephemeral-storage, hugepages-<size> or a prefixed "
        "extended resource such as nvidia.com/gpu")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateResourceRequirements -> validateContainerResourceName (and
    # validateResourceName): Invalid at resources.<section>[<name>]
    for c in pod.all_containers:
        for section in ("limits", "requests"):
            for entry in entries(c, section).values():
                problem = container_resource_name_problem(entry.name)
                if problem:
                    yield Finding(entry.path, f'{c.label} resources.{section} name "{entry.name}" '
                                  f"{problem}; {HINT}")
