"""PL552 invalid-host-alias."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list, as_str
from podlint.rules._podlevel import ip_problem, strict_ip

RULE = Rule(
    id="PL552",
    name="invalid-host-alias",
    severity=Severity.ERROR,
    summary="A hostAliases entry has an ip that is not an IP address or a hostname that is not a DNS subdomain",
)

# HostAlias.ip is OpenAPI-required from 1.31 (PL012 reports it absent); before, an
# absent ip reaches validation as "" and is rejected there
IP_REQUIRED_IN_SCHEMA_FROM = 31


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateHostAliases: validation.IsValidIP on ip (strict from 1.36:
    # StrictIPCIDRValidation rejects leading zeros and IPv4-mapped IPv6), each hostname
    # a DNS subdomain
    strict = strict_ip(pod)
    for i, alias in enumerate(as_list(pod.spec.get("hostAliases"))):
        if not isinstance(alias, dict):
            continue
        path = pod.path / "hostAliases" / i
        ip = alias.get("ip")
        if ip is None and not pod.k8s.at_least(IP_REQUIRED_IN_SCHEMA_FROM):
            yield Finding(path, f"hostAliases[{i}] has no ip; every host alias needs an IP address")
        text = as_str(ip)
        if text is not None:
            problem = ip_problem(text, strict)
            if problem:
                yield Finding(path / "ip", f'hostAliases[{i}] ip "{text}" is not an IP address: it {problem}',
                              on_key=False)
        for j, hostname in enumerate(as_list(alias.get("hostnames"))):
            name = as_str(hostname)
            if name is None:
                continue
            problems = formats.dns1123_subdomain(name)
            if problems:
                yield Finding(path / "hostnames" / j, f'hostAliases[{i}] hostname "{name}" is not a DNS subdomain: '
                                                      "it " + "; it ".join(problems), on_key=False)
