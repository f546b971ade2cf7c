"""PL905 invalid-service-port-name."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule
from podlint.rules._services import KINDS, service

RULE = Rule(
    id="PL905",
    name="invalid-service-port-name",
    severity=Severity.ERROR,
    summary="A Service port name that is not a DNS label (lowercase letters, digits and '-')",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go validateServicePort: ValidateDNS1123Label(name). IsDNS1123Label says
    # "must not contain dots" for a name that is a DNS subdomain but not a label.
    svc = service(site)
    if svc is None:
        return
    for port in svc.ports:
        if not port.name:
            continue
        problems = formats.dns1123_label(port.name)
        if not problems:
            continue
        too_long = [p for p in problems if p.startswith("must be no more")]
        if len(too_long) < len(problems):
            subdomain = not any(p.startswith("must consist") for p in formats.dns1123_subdomain(port.name))
            too_long.append("must not contain dots" if subdomain else
                            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters "
                            "or '-', and must start and end with an alphanumeric character")
        problems = too_long
        yield Finding(port.path / "name", f'Service port {port.index} name "{port.name}" is not valid: '
                      + " and ".join(problems) + ' (e.g. "http" or "grpc-web")', on_key=False)
