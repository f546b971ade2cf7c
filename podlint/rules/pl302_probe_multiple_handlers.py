"""PL302 probe-multiple-handlers."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._probes import probes

RULE = Rule(
    id="PL302",
    name="probe-multiple-handlers",
    severity=Severity.ERROR,
    summary="A probe sets more than one handler",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateHandler: handlers are counted in the order exec, httpGet,
    # tcpSocket, grpc; each one after the first is Forbidden "may not specify more than
    # 1 handler type", at that handler's path
    for site in probes(pod):
        for extra in site.extra:
            yield Finding(site.path / extra,
                          f"{site.label} sets {extra} as well as {site.first}; a probe takes "
                          "exactly one handler")
