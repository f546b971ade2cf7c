"""PL109 duplicate-init-container-host-port."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._containers import host_port_defaulting_note, host_port_uses

RULE = Rule(
    id="PL109",
    name="duplicate-init-container-host-port",
    severity=Severity.ERROR,
    summary="One init container declares the same hostPort (protocol, hostIP, port) twice",
)

def check(pod: PodSite) -> Iterator[Finding]:
    for c in pod.init_containers:
        # validation.go validateInitContainers: checkHostPortConflicts([]Container{ctr})
        # compares the ports of this one init container only (they run one by one);
        # clashes with other containers are not validated (PW829)
        seen: dict[tuple[str, str, int], int] = {}
        for use in host_port_uses(pod, c):
            if use.key not in seen:
                seen[use.key] = use.port.index
                continue
            message = (f"{c.label} declares {use.label} again (first in ports[{seen[use.key]}]); "
                       "each protocol/hostIP/hostPort may appear once per container"
                       + host_port_defaulting_note(pod, use))
            yield Finding(use.port.path / use.field, message)
