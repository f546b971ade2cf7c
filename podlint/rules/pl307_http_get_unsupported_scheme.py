"""PL307 http-get-unsupported-scheme."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._probes import handler_sites

RULE = Rule(
    id="PL307",
    name="http-get-unsupported-scheme",
    severity=Severity.ERROR,
    summary="An httpGet probe or hook scheme is not HTTP or HTTPS",
)

SCHEMES = ("HTTP", "HTTPS")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateHTTPGetAction: NotSupported unless exactly "HTTP" or "HTTPS"
    # (case-sensitive); defaults.go SetDefaults_HTTPGetAction turns "" into HTTP first
    for site in handler_sites(pod):
        action = site.action("httpGet")
        if action is None:
            continue
        scheme = action.get("scheme")
        if isinstance(scheme, str) and scheme != "" and scheme not in SCHEMES:
            hint = f" (write {scheme.upper()})" if scheme.upper() in SCHEMES else ""
            yield Finding(site.path / "httpGet" / "scheme",
                          f'{site.label} httpGet scheme is "{scheme}"; it must be HTTP or '
                          f"HTTPS{hint}")
