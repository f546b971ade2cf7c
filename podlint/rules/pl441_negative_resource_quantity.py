"""PL441 negative-resource-quantity."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._resources import entries

RULE = Rule(
    id="PL441",
    name="negative-resource-quantity",
    severity=Severity.ERROR,
    summary="A container resource limit or request is negative",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateResourceQuantityValue -> ValidateNonnegativeQuantity:
    # Invalid "must be greater than or equal to 0" at resources.<section>[<name>]
    for c in pod.all_containers:
        for section in ("limits", "requests"):
            for entry in entries(c, section).values():
                if entry.value is not None and entry.value < 0:
                    yield Finding(entry.path, f'{c.label} resources.{section} {entry.name} is '
                                  f'"{entry.raw}"; quantities must be 0 or more', on_key=False)
