"""PL908 invalid-service-port-protocol."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule
from podlint.rules._services import KINDS, PROTOCOLS, quoted, service

RULE = Rule(
    id="PL908",
    name="invalid-service-port-protocol",
    severity=Severity.ERROR,
    summary="A Service port protocol that is not TCP, UDP or SCTP (case-sensitive)",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go validateServicePort: supportedPortProtocols; an empty protocol is
    # defaulted to TCP first. An application protocol (HTTP, gRPC) belongs in appProtocol.
    svc = service(site)
    if svc is None:
        return
    for port in svc.ports:
        if port.protocol is None or port.protocol in PROTOCOLS:
            continue
        hint = ""
        if port.protocol.upper() in PROTOCOLS:
            hint = f'; write "{port.protocol.upper()}"'
        elif port.protocol:
            hint = "; an application protocol such as HTTP goes in appProtocol"
        yield Finding(port.path / "protocol", f'Service {port.label} protocol "{port.protocol}" is not supported: '
                      f"supported values: {quoted(PROTOCOLS)}{hint}", on_key=False)
