"""PL914 duplicate-service-node-port."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule
from podlint.rules._services import KINDS, service

RULE = Rule(
    id="PL914",
    name="duplicate-service-node-port",
    severity=Severity.ERROR,
    summary="Two ports of a Service get the same nodePort",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go ValidateService: duplicate (protocol, nodePort) pairs, judged after
    # allocation (alloc.go initNodePorts gives ports with the same port number one node
    # port, so two identical ports share it); and initNodePorts itself refuses a node port
    # requested for two different port numbers ("provided port is already allocated").
    svc = service(site)
    if svc is None:
        return
    values = svc.node_ports.values
    reported: set[int] = set()
    first: dict[tuple, int] = {}
    for port, value in zip(svc.ports, values):
        if not value or port.protocol is None:
            continue
        key = (port.protocol, value)
        if key in first:
            reported.add(port.index)
            other = first[key]
            if value < 0:
                what = (f"gets the same allocated node port as port {other}: both are {port.protocol} port "
                        f"{port.port}")
            else:
                what = f"repeats {port.protocol} nodePort {value} of port {other}"
            yield Finding(port.path / "nodePort", f"Service {port.label} {what} (spec.ports[{port.index}].nodePort: "
                          "Duplicate value)", on_key=False)
        else:
            first[key] = port.index
    for refused in svc.node_ports.refused:
        if refused.problem == "taken" and refused.port.index not in reported:
            reported.add(refused.port.index)
            yield Finding(refused.port.path / "nodePort", f"Service {refused.port.label} asks for nodePort "
                          f"{refused.value}, which another port of this Service already has (provided port is "
                          "already allocated); only ports with the same port number may share a node port",
                          on_key=False)
