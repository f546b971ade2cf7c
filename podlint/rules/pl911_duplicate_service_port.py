"""PL911 duplicate-service-port."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule
from podlint.rules._services import KINDS, service

RULE = Rule(
    id="PL911",
    name="duplicate-service-port",
    severity=Severity.ERROR,
    summary="Two ports of a Service have the same port number and protocol",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go ValidateService: duplicate (protocol, port) pairs (protocol defaulted to
    # TCP); the same number with TCP and UDP is fine.
    first: dict[tuple, int] = {}
    svc = service(site)
    if svc is None:
        return
    for port in svc.ports:
        if port.port is None or port.protocol is None:
            continue
        key = port.key()
        if key in first:
            yield Finding(port.path, f"Service port {port.index} repeats {port.protocol} port {port.port} of port "
                          f"{first[key]} (spec.ports[{port.index}]: Duplicate value); each (protocol, port) pair "
                          "may appear once")
        else:
            first[key] = port.index
