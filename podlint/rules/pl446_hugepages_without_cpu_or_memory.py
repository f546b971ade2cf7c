"""PL446 hugepages-without-cpu-or-memory."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._resources import QOS_RESOURCES, entries, is_huge_page

RULE = Rule(
    id="PL446",
    name="hugepages-without-cpu-or-memory",
    severity=Severity.ERROR,
    summary="A container asks for hugepages without any cpu or memory limit or request",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateResourceRequirements: Forbidden "HugePages require cpu or
    # memory" at resources when hugepages-* appears in limits or requests and neither
    # section names cpu or memory.
    for c in pod.all_containers:
        names = set(entries(c, "limits")) | set(entries(c, "requests"))
        huge = sorted(n for n in names if is_huge_page(n))
        if huge and not any(n in names for n in QOS_RESOURCES):
            yield Finding(c.path / "resources", f"{c.label} requests {huge[0]} without any cpu or memory "
                          "limit or request; hugepages require a cpu or memory limit or request in the "
                          "same container")
