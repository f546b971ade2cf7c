"""PL903 service-without-ports."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule
from podlint.rules._services import KINDS, service

RULE = Rule(
    id="PL903",
    name="service-without-ports",
    severity=Severity.ERROR,
    summary="A Service with no ports that is neither headless (clusterIP: None) nor ExternalName",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go ValidateService: spec.ports Required unless the Service is headless
    # (clusterIPs exactly ["None"]) or of type ExternalName.
    svc = service(site)
    if svc is None:
        return
    if svc.ports_count or svc.headless or svc.type == "ExternalName":
        return
    yield Finding(svc.spec_path / "ports",
                  "the Service has no ports (spec.ports: Required value): a Service needs at least one port, "
                  "unless it is headless (clusterIP: None) or of type ExternalName")
