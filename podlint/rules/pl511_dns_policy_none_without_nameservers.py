"""PL511 dns-policy-none-without-nameservers."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list

RULE = Rule(
    id="PL511",
    name="dns-policy-none-without-nameservers",
    severity=Severity.ERROR,
    summary="dnsPolicy is None but dnsConfig or dnsConfig.nameservers is missing",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validatePodDNSConfig: with dnsPolicy None, dnsConfig is Required, and
    # then at least one nameserver (the rest of dnsConfig is not validated after either)
    if pod.spec.get("dnsPolicy") != "None":
        return
    config = pod.spec.get("dnsConfig")
    if config is None:
        yield Finding(pod.path / "dnsPolicy",
                      'dnsPolicy is "None" but dnsConfig is missing; the pod would have no DNS at all, so '
                      "dnsConfig with at least one nameserver is required")
        return
    if not isinstance(config, dict):
        return  # a wrong type is the schema pass's
    nameservers = config.get("nameservers")
    if nameservers is not None and not isinstance(nameservers, list):
        return
    if not as_list(nameservers):
        where = pod.path / "dnsConfig" / "nameservers" if "nameservers" in config else pod.path / "dnsConfig"
        yield Finding(where, 'dnsPolicy is "None" but dnsConfig has no nameservers; at least one is required')
