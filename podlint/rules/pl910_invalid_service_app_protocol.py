"""PL910 invalid-service-app-protocol."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule
from podlint.rules._services import KINDS, service

RULE = Rule(
    id="PL910",
    name="invalid-service-app-protocol",
    severity=Severity.ERROR,
    summary="A Service port appProtocol that is not a qualified name",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go validateServicePort: ValidateQualifiedName(appProtocol) when set.
    svc = service(site)
    if svc is None:
        return
    for port in svc.ports:
        if port.app_protocol is None:
            continue
        problems = formats.qualified_name(port.app_protocol) if port.app_protocol else ["name part must be non-empty"]
        if problems:
            yield Finding(port.path / "appProtocol", f'Service {port.label} appProtocol "{port.app_protocol}" is '
                          "not a qualified name: " + "; ".join(problems)
                          + ' (e.g. "http", "kubernetes.io/h2c" or "example.com/proto")', on_key=False)
