"""PL912 node-port-on-cluster-ip-service."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule
from podlint.rules._services import KINDS, service

RULE = Rule(
    id="PL912",
    name="node-port-on-cluster-ip-service",
    severity=Severity.ERROR,
    summary="A ClusterIP Service (the default type) sets a nodePort",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go ValidateService: Forbidden "may not be used when `type` is 'ClusterIP'"
    # for every port with a non-zero nodePort (a missing type is ClusterIP).
    svc = service(site)
    if svc is None:
        return
    if svc.type != "ClusterIP":
        return
    implicit = "" if "type" in svc.raw and svc.raw.get("type") else " (the default type)"
    for port in svc.ports:
        if port.node_port:
            yield Finding(port.path / "nodePort", f"Service {port.label} sets nodePort {port.node_port}, which may "
                          f"not be used when `type` is 'ClusterIP'{implicit}; set type: NodePort or LoadBalancer, "
                          "or remove nodePort")
