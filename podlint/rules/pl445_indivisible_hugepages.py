"""PL445 indivisible-hugepages."""

from __future__ import annotations

import math
from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.quantity import parse_quantity
from podlint.rules._resources import HUGEPAGES_PREFIX, entries, is_huge_page

RULE = Rule(
    id="PL445",
    name="indivisible-hugepages",
    severity=Severity.ERROR,
    summary="A hugepages limit or request is not a whole multiple of the page size in its name",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateResourceQuantityHugePageValue -> helper.IsHugePageResourceValueDivisible:
    # the page size is the name after "hugepages-" (it must parse and be a positive whole
    # number of bytes) and quantity.Value() (rounded up to a whole number) must be a
    # multiple of it. Invalid "<q> is not positive integer multiple of <name>". The
    # AllowIndivisibleHugePagesValues option only relaxes updates of old pods.
    for c in pod.all_containers:
        for section in ("limits", "requests"):
            for entry in entries(c, section).values():
                if not is_huge_page(entry.name) or entry.value is None:
                    continue
                page = parse_quantity(entry.name[len(HUGEPAGES_PREFIX):])
                if page is None or page <= 0 or page.denominator != 1:
                    yield Finding(entry.path, f'{c.label} resources.{section} {entry.name}: '
                                  f'"{entry.name[len(HUGEPAGES_PREFIX):]}" is not a page size; use '
                                  "hugepages-2Mi or hugepages-1Gi", on_key=True)
                    continue
                if math.ceil(entry.value) % page != 0:
                    yield Finding(entry.path, f'{c.label} resources.{section} {entry.name} is '
                                  f'"{entry.raw}"; it must be a whole multiple of the '
                                  f'{entry.name[len(HUGEPAGES_PREFIX):]} page size', on_key=False)
