"""PL412 invalid-port-protocol."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, FixIntent, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._containers import items

RULE = Rule(
    id="PL412",
    name="invalid-port-protocol",
    severity=Severity.ERROR,
    summary="A container port protocol is not TCP, UDP or SCTP",
    fix="safe: writes a protocol given in the wrong case in capitals (tcp as TCP)",
)

PROTOCOLS = ("TCP", "UDP", "SCTP")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateContainerPorts: NotSupported outside supportedPortProtocols
    # (case-sensitive); an empty protocol was defaulted to TCP (SetDefaults_ContainerPort)
    for c in pod.validated_containers:
        for port in items(c, "ports"):
            value = as_str(port.spec.get("protocol"))
            if not value or value in PROTOCOLS:
                continue
            meant = value.upper() if value.upper() in PROTOCOLS else None
            hint = f'; did you mean "{meant}"?' if meant else ""
            yield Finding(port.path / "protocol",
                          f'{c.label} port protocol is "{value}"; supported values: "TCP", "UDP", '
                          f'"SCTP" (case-sensitive){hint}', on_key=False,
                          fix=FixIntent("replace", meant, f'write "{meant}"') if meant else None)
