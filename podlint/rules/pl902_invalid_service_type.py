"""PL902 invalid-service-type."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule
from podlint.rules._services import KINDS, TYPES, quoted, service

RULE = Rule(
    id="PL902",
    name="invalid-service-type",
    severity=Severity.ERROR,
    summary="A Service type that is not ClusterIP, NodePort, LoadBalancer or ExternalName",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go ValidateService: supportedServiceType (case-sensitive); an empty type is
    # defaulted to ClusterIP first.
    svc = service(site)
    if svc is None:
        return
    if svc.type is None or svc.type in TYPES:
        return
    close = [t for t in TYPES if t.lower() == svc.type.lower().replace("-", "").replace("_", "")]
    hint = f'; did you mean "{close[0]}"?' if close else ""
    yield Finding(svc.spec_path / "type", f'Service type "{svc.type}" is not supported: supported values: '
                  f"{quoted(TYPES)} (the names are case-sensitive){hint}", on_key=False)
