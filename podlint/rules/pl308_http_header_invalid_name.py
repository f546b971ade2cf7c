"""PL308 http-header-invalid-name."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list
from podlint.rules._probes import handler_sites

RULE = Rule(
    id="PL308",
    name="http-header-invalid-name",
    severity=Severity.ERROR,
    summary="An httpGet probe or hook header name is not a valid HTTP header name",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateHTTPGetAction: IsHTTPHeaderName on each header name (an
    # absent name is "" and fails too); the server reports the httpHeaders list path, we
    # point at the name itself. Header values are not checked.
    for site in handler_sites(pod):
        action = site.action("httpGet")
        if action is None:
            continue
        for i, header in enumerate(as_list(action.get("httpHeaders"))):
            if not isinstance(header, dict):
                continue
            name = header.get("name")
            if name is None:
                name = ""
            if not isinstance(name, str) or not formats.http_header_name(name):
                continue
            path = site.path / "httpGet" / "httpHeaders" / i / "name"
            if name == "":
                yield Finding(path, f"{site.label} httpGet header #{i + 1} has no name; a header "
                                    "name is one or more letters, digits or '-'")
            else:
                yield Finding(path, f'{site.label} httpGet header name "{name}" is invalid; it '
                                    "may only contain letters, digits and '-'")
