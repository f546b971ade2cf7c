"""PL926 invalid-external-name-service."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule, as_list, as_str
from podlint.rules._services import KINDS, service

RULE = Rule(
    id="PL926",
    name="invalid-external-name-service",
    severity=Severity.ERROR,
    summary="An ExternalName Service without a valid externalName (a DNS name), or with clusterIP, "
    "ipFamilies or ipFamilyPolicy",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go ValidateService, case ExternalName: clusterIPs (made from clusterIP),
    # ipFamilies and ipFamilyPolicy Forbidden; externalName Required, and a DNS subdomain
    # once one trailing "." is cut (a fully qualified name). Other types ignore externalName.
    svc = service(site)
    if svc is None:
        return
    if svc.type != "ExternalName":
        return
    spec = svc.spec_path
    if svc.cluster_ips:
        yield Finding(svc.where_cluster_ips(), f'clusterIP "{svc.cluster_ips[0]}" may not be set for ExternalName '
                      "services (they get no cluster IP: the name resolves to a CNAME); remove it")
    if as_list(svc.ip_families):
        yield Finding(spec / "ipFamilies", "ipFamilies may not be set for ExternalName services")
    if svc.ip_family_policy is not None:
        yield Finding(spec / "ipFamilyPolicy", "ipFamilyPolicy may not be set for ExternalName services")
    raw = svc.raw.get("externalName")
    name = as_str(raw) if raw is not None else ""
    if name is None:
        return
    cname = name[:-1] if name.endswith(".") else name
    if not cname:
        yield Finding(spec / "externalName", "an ExternalName Service needs spec.externalName (Required value): "
                      'the DNS name it aliases, e.g. "db.example.com"')
        return
    problems = formats.dns1123_subdomain(cname)
    if problems:
        yield Finding(spec / "externalName", f'externalName "{name}" is not a valid DNS name: it '
                      + " and ".join(problems) + ' (e.g. "db.example.com")', on_key=False)
