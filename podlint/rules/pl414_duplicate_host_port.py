"""PL414 duplicate-host-port."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._containers import host_port_defaulting_note, host_port_uses

RULE = Rule(
    id="PL414",
    name="duplicate-host-port",
    severity=Severity.ERROR,
    summary="Regular containers declare the same hostPort (protocol, hostIP, port) twice",
)

def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateContainers -> checkHostPortConflicts(containers):
    # AccumulateUniqueHostPorts over every port of every regular container (within one
    # container too), keyed "protocol/hostIP/hostPort" after defaulting. Init containers are
    # checked one by one (PL109); clashes between init and regular containers are not
    # validated (PW829).
    seen: dict[tuple[str, str, int], str] = {}
    for c in pod.containers:
        for use in host_port_uses(pod, c):
            where = f'container "{c.name}" ports[{use.port.index}]'
            if use.key not in seen:
                seen[use.key] = where
                continue
            message = (f"{c.label} declares {use.label}, already used by {seen[use.key]}; each "
                       "protocol/hostIP/hostPort may appear once across a pod's containers"
                       + host_port_defaulting_note(pod, use))
            yield Finding(use.port.path / use.field, message, on_key=False)
