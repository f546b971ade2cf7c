"""PL913 invalid-service-node-port."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule
from podlint.rules._services import KINDS, service

RULE = Rule(
    id="PL913",
    name="invalid-service-node-port",
    severity=Severity.ERROR,
    summary="A NodePort or LoadBalancer Service asks for a nodePort outside 1-65535",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # pkg/registry/core/service/storage alloc.go initNodePorts: a requested node port must be
    # in the cluster's --service-node-port-range, which never goes beyond 1-65535 (within
    # that, the range is the cluster's: PL929). The server names spec.ports[i].nodePort of
    # the port being allocated.
    svc = service(site)
    if svc is None:
        return
    for refused in svc.node_ports.refused:
        if refused.problem == "range":
            port = refused.port
            yield Finding(port.path / "nodePort", f"Service {port.label} asks for nodePort {refused.value}, which "
                          "is not a port number (1-65535), let alone in a node-port range (30000-32767 by "
                          "default): provided port is not in the valid range", on_key=False)
