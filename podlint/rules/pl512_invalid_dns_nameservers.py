"""PL512 invalid-dns-nameservers."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_list, as_str
from podlint.rules._podlevel import ip_problem, strict_ip

RULE = Rule(
    id="PL512",
    name="invalid-dns-nameservers",
    severity=Severity.ERROR,
    summary="dnsConfig has more than 3 nameservers, or one that is not an IP address",
)

MAX_NAMESERVERS = 3


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validatePodDNSConfig: at most MaxDNSNameservers (3), each one
    # validation.IsValidIP (strict from 1.36: StrictIPCIDRValidation)
    config = as_dict(pod.spec.get("dnsConfig"))
    nameservers = as_list(config.get("nameservers"))
    path = pod.path / "dnsConfig" / "nameservers"
    if len(nameservers) > MAX_NAMESERVERS:
        yield Finding(path, f"dnsConfig lists {len(nameservers)} nameservers; at most {MAX_NAMESERVERS} are "
                            "allowed (the resolver ignores the rest)")
    strict = strict_ip(pod)
    for i, server in enumerate(nameservers):
        text = as_str(server)
        if text is None:
            continue
        problem = ip_problem(text, strict)
        if problem:
            yield Finding(path / i, f'nameserver "{text}" is not an IP address: it {problem}', on_key=False)
