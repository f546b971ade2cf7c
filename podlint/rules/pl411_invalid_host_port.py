"""PL411 invalid-host-port."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._containers import int32_field, items

RULE = Rule(
    id="PL411",
    name="invalid-host-port",
    severity=Severity.ERROR,
    summary="A hostPort is set (non-zero) but outside 1-65535",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateContainerPorts: a non-zero hostPort must pass IsValidPortNum;
    # 0 means "no host port"
    for c in pod.validated_containers:
        for port in items(c, "ports"):
            value = int32_field(port.spec, "hostPort")
            if value is None or value == 0 or 1 <= value <= 65535:
                continue
            yield Finding(port.path / "hostPort",
                          f"{c.label} hostPort {value} is out of range; host ports are 1-65535 "
                          "(or 0 / absent for none)", on_key=False)
