"""PW843 unknown-target-port-name."""

from __future__ import annotations

from typing import Iterator

from podlint import lazyre
from podlint.crossfile import CrossFinding, FactSet
from podlint.diagnostics import Severity
from podlint.model import Rule

_PORT_NAME = lazyre.compile(r"(?=.*[a-z])[a-z0-9]([-a-z0-9]*[a-z0-9])?\Z")  # IANA_SVC_NAME

RULE = Rule(
    id="PW843",
    name="unknown-target-port-name",
    severity=Severity.WARNING,
    summary="A Service targetPort name that no container of the selected pods declares",
    scope="set",
)


def check(facts: FactSet) -> Iterator[CrossFinding]:
    for svc, pods in facts.served():  # a Service that selects nothing is PW842's
        for port in svc.service_ports:
            if not isinstance(port.target, str) or not _PORT_NAME.match(port.target):
                continue  # a number, or no port name at all (PL909; an unsubstituted placeholder)
            if any(p.name == port.target and p.protocol == port.protocol for pod in pods for p in pod.ports):
                continue
            names = ", ".join(pod.ref or pod.kind for pod in pods[:3])
            yield CrossFinding(
                svc, port.path,
                f'targetPort "{port.target}" ({port.protocol}) is not the name of a container port of the '
                f"pods this Service selects ({names}): the Service has no endpoint for this port, and "
                "connections to it fail")
