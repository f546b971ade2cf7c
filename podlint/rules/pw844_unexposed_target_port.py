"""PW844 unexposed-target-port."""

from __future__ import annotations

from typing import Iterator

from podlint.crossfile import CrossFinding, FactSet
from podlint.diagnostics import Severity
from podlint.model import Rule

RULE = Rule(
    id="PW844",
    name="unexposed-target-port",
    severity=Severity.WARNING,
    summary="A numeric Service targetPort that none of the selected containers declares, where they declare ports",
    scope="set",
)


def check(facts: FactSet) -> Iterator[CrossFinding]:
    for svc, pods in facts.served():
        declared = {(p.number, p.protocol) for pod in pods for p in pod.ports if p.number is not None}
        if not declared or any(pod.configured for pod in pods):
            continue  # nothing to compare with (containerPort is optional), or a config file may say
        mentioned = {n for pod in pods for n in pod.mentioned}  # --port=18080, PORT=9090
        for port in svc.service_ports:
            target = port.target if port.target is not None else port.port
            if isinstance(target, str) and target.isdigit():
                target = int(target)
            if (not isinstance(target, int) or isinstance(target, bool) or (target, port.protocol) in declared
                    or target in mentioned):
                continue
            shown = ", ".join(str(n) for n, proto in sorted(declared) if proto == port.protocol) or "none"
            yield CrossFinding(
                svc, port.path,
                f"targetPort {target} ({port.protocol}) is not a port the selected containers declare "
                f"({shown}): unless the app also listens there, connections through this Service fail")
