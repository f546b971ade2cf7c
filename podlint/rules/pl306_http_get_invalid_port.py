"""PL306 http-get-invalid-port."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._probes import handler_sites, port_problem

RULE = Rule(
    id="PL306",
    name="http-get-invalid-port",
    severity=Severity.ERROR,
    summary="An httpGet probe or hook port is out of range or not a valid port name",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateHTTPGetAction -> ValidatePortNumOrName: an int must be
    # 1-65535 (absent is 0), a string must be an IANA service name; only the handler
    # that validateHandler validates (the first one set) is checked
    for site in handler_sites(pod):
        action = site.action("httpGet")
        if action is None:
            continue
        problem = port_problem(action.get("port"))
        if problem:
            yield Finding(site.path / "httpGet" / "port", f"{site.label} httpGet port {problem}")
