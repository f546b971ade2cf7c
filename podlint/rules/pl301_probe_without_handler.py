"""PL301 probe-without-handler."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._probes import probes

RULE = Rule(
    id="PL301",
    name="probe-without-handler",
    severity=Severity.ERROR,
    summary="A probe sets no handler (exec, httpGet, tcpSocket or grpc)",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateHandler: Required "must specify a handler type"
    for site in probes(pod):
        if not site.handlers:
            yield Finding(site.path, f"{site.label} sets no handler; set exactly one of exec, "
                                     "httpGet, tcpSocket or grpc")
