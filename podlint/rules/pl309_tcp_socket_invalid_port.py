"""PL309 tcp-socket-invalid-port."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._probes import handler_sites, port_problem

RULE = Rule(
    id="PL309",
    name="tcp-socket-invalid-port",
    severity=Severity.ERROR,
    summary="A tcpSocket probe or hook port is out of range or not a valid port name",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateTCPSocketAction -> ValidatePortNumOrName, as for httpGet
    # (PL306); only the handler that validateHandler validates (the first one) is checked
    for site in handler_sites(pod):
        action = site.action("tcpSocket")
        if action is None:
            continue
        problem = port_problem(action.get("port"))
        if problem:
            yield Finding(site.path / "tcpSocket" / "port", f"{site.label} tcpSocket port {problem}")
