"""PL920 invalid-external-ip."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule
from podlint.rules._ips import ip_problems, special_ip_problems
from podlint.rules._services import KINDS, service, string_items

RULE = Rule(
    id="PL920",
    name="invalid-external-ip",
    severity=Severity.ERROR,
    summary="An externalIPs entry that is not an IP address, or is unspecified, loopback or link-local",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go ValidateService: IsValidIPForLegacyField, then ValidateNonSpecialIP
    # (ValidateEndpointIP) for each spec.externalIPs entry, whatever the type.
    svc = service(site)
    if svc is None:
        return
    strict = svc.k8s.gate("StrictIPCIDRValidation")
    for i, ip in string_items(svc.raw.get("externalIPs")):
        problems = ip_problems(ip, strict) or special_ip_problems(ip)
        if problems:
            yield Finding(svc.spec_path / "externalIPs" / i, f'external IP "{ip}" is not valid: '
                          + "; ".join(problems), on_key=False)
