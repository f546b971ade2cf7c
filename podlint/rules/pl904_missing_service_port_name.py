"""PL904 missing-service-port-name."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule
from podlint.rules._services import KINDS, service

RULE = Rule(
    id="PL904",
    name="missing-service-port-name",
    severity=Severity.ERROR,
    summary="A Service with more than one port has a port without a name",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go validateServicePort: requireName = len(spec.ports) > 1.
    svc = service(site)
    if svc is None:
        return
    if svc.ports_count < 2:
        return
    for port in svc.ports:
        if port.name == "":
            number = f" ({port.port})" if port.port else ""
            yield Finding(port.path / "name",
                          f"Service port {port.index}{number} has no name (spec.ports[{port.index}].name: Required "
                          f"value): when a Service has {svc.ports_count} ports, every port needs a unique name")
