"""PL509 invalid-pod-overhead."""

from __future__ import annotations

import math
from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.quantity import parse_quantity
from podlint.rules._podresources import overhead_entries
from podlint.rules._resources import (
    HUGEPAGES_PREFIX,
    QOS_RESOURCES,
    container_resource_name_problem,
    is_huge_page,
    is_integer_resource,
)

RULE = Rule(
    id="PL509",
    name="invalid-pod-overhead",
    severity=Severity.ERROR,
    summary="spec.overhead has a resource name or quantity that container limits would refuse",
)

HINT = ("overhead takes cpu, memory, ephemeral-storage, hugepages-<size> or a prefixed "
        "extended resource such as example.com/device")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateOverhead: ValidateContainerResourceRequirements(
    # &ResourceRequirements{Limits: overhead}) at spec.overhead, so every item is checked
    # like a container limit (the server reports it as spec.overhead.limits[<name>]).
    items = overhead_entries(pod)
    for entry in items.values():
        problem = container_resource_name_problem(entry.name)
        if problem:
            yield Finding(entry.path, f'overhead resource name "{entry.name}" {problem}; {HINT}')
            continue
        if entry.value is None:
            continue  # unparsable or mistyped quantity: PL013/PL011
        # ValidateResourceQuantityValue: non-negative, whole numbers for extended resources
        if entry.value < 0:
            yield Finding(entry.path, f'overhead {entry.name} is "{entry.raw}"; quantities must be 0 or more',
                          on_key=False)
            continue
        if is_integer_resource(entry.name) and entry.value.denominator != 1:
            yield Finding(entry.path, f'overhead {entry.name} is "{entry.raw}"; extended resources are counted '
                          "in whole units (use an integer such as 1)", on_key=False)
        if is_huge_page(entry.name):
            # validateResourceQuantityHugePageValue (as PL445)
            size = entry.name[len(HUGEPAGES_PREFIX):]
            page = parse_quantity(size)
            if page is None or page <= 0 or page.denominator != 1:
                yield Finding(entry.path, f'overhead {entry.name}: "{size}" is not a page size; use '
                              "hugepages-2Mi or hugepages-1Gi")
            elif math.ceil(entry.value) % page != 0:
                yield Finding(entry.path, f'overhead {entry.name} is "{entry.raw}"; it must be a whole multiple '
                              f"of the {size} page size", on_key=False)
    # "HugePages require cpu or memory" (Forbidden at spec.overhead), as PL446
    huge = sorted(name for name in items if is_huge_page(name))
    if huge and not any(name in items for name in QOS_RESOURCES):
        yield Finding(pod.path / "overhead", f"overhead sets {huge[0]} without cpu or memory; hugepages "
                      "require a cpu or memory entry in the same overhead")
