"""PL922 invalid-health-check-node-port."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule
from podlint.rules._services import KINDS, service

RULE = Rule(
    id="PL922",
    name="invalid-health-check-node-port",
    severity=Severity.ERROR,
    summary="healthCheckNodePort without type LoadBalancer and externalTrafficPolicy Local, outside "
    "1-65535, or equal to one of the Service's node ports",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go validateServiceExternalTrafficPolicy (NeedsHealthCheck) and alloc.go
    # allocHealthCheckNodePort: a requested port is allocated after the ports' node ports,
    # in the same operation. When needed and not set, one is allocated.
    svc = service(site)
    if svc is None:
        return
    port = svc.health_check_node_port
    if not port:
        return
    path = svc.spec_path / "healthCheckNodePort"
    if not svc.needs_health_check:
        yield Finding(path, f"healthCheckNodePort {port} may only be set when `type` is 'LoadBalancer' and "
                      "`externalTrafficPolicy` is 'Local'; remove it", on_key=False)
    elif not 1 <= port <= 65535:
        yield Finding(path, f"healthCheckNodePort {port} must be between 1 and 65535, inclusive (and in the "
                      "cluster's node-port range)", on_key=False)
    elif svc.health_check_port_taken:
        yield Finding(path, f"healthCheckNodePort {port} is already the nodePort of one of this Service's ports "
                      "(provided port is already allocated)", on_key=False)
