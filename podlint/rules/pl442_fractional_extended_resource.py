"""PL442 fractional-extended-resource."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._resources import entries, is_integer_resource

RULE = Rule(
    id="PL442",
    name="fractional-extended-resource",
    severity=Severity.ERROR,
    summary="An extended resource (such as nvidia.com/gpu) is given a fractional quantity",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateResourceQuantityValue: for helper.IsIntegerResourceName
    # (extended resources) MilliValue() % 1000 must be 0, "must be an integer". The value
    # is first rounded up to milli precision (SetDefaults_ResourceList), so 0.9999 is 1.
    for c in pod.all_containers:
        for section in ("limits", "requests"):
            for entry in entries(c, section).values():
                if entry.value is None or entry.value < 0 or not is_integer_resource(entry.name):
                    continue  # negative values are PL441
                if entry.value.denominator != 1:
                    yield Finding(entry.path, f'{c.label} resources.{section} {entry.name} is '
                                  f'"{entry.raw}"; extended resources are counted in whole units '
                                  "(use an integer such as 1)", on_key=False)
