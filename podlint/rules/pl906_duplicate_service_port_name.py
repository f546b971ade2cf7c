"""PL906 duplicate-service-port-name."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule
from podlint.rules._services import KINDS, service

RULE = Rule(
    id="PL906",
    name="duplicate-service-port-name",
    severity=Severity.ERROR,
    summary="Two ports of a Service have the same name",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go validateServicePort: allNames; the second and later uses are Duplicate.
    first: dict[str, int] = {}
    svc = service(site)
    if svc is None:
        return
    for port in svc.ports:
        if not port.name:
            continue
        if port.name in first:
            yield Finding(port.path / "name", f'Service port {port.index} repeats the name "{port.name}" of port '
                          f"{first[port.name]} (spec.ports[{port.index}].name: Duplicate value); port names must "
                          "be unique", on_key=False)
        else:
            first[port.name] = port.index
