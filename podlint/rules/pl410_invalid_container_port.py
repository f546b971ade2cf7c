"""PL410 invalid-container-port."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._containers import int32_field, items

RULE = Rule(
    id="PL410",
    name="invalid-container-port",
    severity=Severity.ERROR,
    summary="A containerPort is 0 or outside 1-65535",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateContainerPorts: containerPort 0 -> Required, else
    # IsValidPortNum (1-65535) -> Invalid. An absent containerPort is PL012's (the schema
    # requires it); non-integers and values beyond int32 are PL011's.
    for c in pod.validated_containers:
        for port in items(c, "ports"):
            value = int32_field(port.spec, "containerPort")
            if value is None or 1 <= value <= 65535:
                continue
            if value == 0:
                message = (f"{c.label} ports[{port.index}] has containerPort 0; set the port the "
                           "container listens on (1-65535)")
            else:
                message = (f"{c.label} containerPort {value} is out of range; ports are 1-65535")
            yield Finding(port.path / "containerPort", message, on_key=False)
