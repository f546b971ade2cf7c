"""PL907 invalid-service-port."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule
from podlint.rules._services import KINDS, service

RULE = Rule(
    id="PL907",
    name="invalid-service-port",
    severity=Severity.ERROR,
    summary="A Service port number that is not between 1 and 65535",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go validateServicePort: IsValidPortNum(port). An absent port (0 once decoded)
    # is the schema pass's: the OpenAPI schema requires it (PL012).
    svc = service(site)
    if svc is None:
        return
    for port in svc.ports:
        if port.port is None or 1 <= port.port <= 65535:
            continue
        yield Finding(port.path / "port", f"Service {port.label} port {port.port} is out of range: "
                      f"spec.ports[{port.index}].port must be between 1 and 65535, inclusive", on_key=False)
