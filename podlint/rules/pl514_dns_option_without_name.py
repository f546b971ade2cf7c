"""PL514 dns-option-without-name."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list

RULE = Rule(
    id="PL514",
    name="dns-option-without-name",
    severity=Severity.ERROR,
    summary="A dnsConfig.options entry has no name",
)


def check(pod: PodSite) -> Iterator[Finding]:
    config = pod.spec.get("dnsConfig")
    if not isinstance(config, dict):
        return
    if pod.spec.get("dnsPolicy") == "None" and not as_list(config.get("nameservers")):
        return  # validatePodDNSConfig stops at the missing nameservers (PL511)
    # validation.go validatePodDNSConfig: each option needs a non-empty name (not
    # required by the OpenAPI schema, so absent and "" are both reported here)
    path = pod.path / "dnsConfig" / "options"
    for i, option in enumerate(as_list(config.get("options"))):
        if not isinstance(option, dict):
            continue
        name = option.get("name")
        if name is None or name == "":
            value = option.get("value")
            shown = f' (value "{value}")' if isinstance(value, str) else ""
            yield Finding(path / i / "name" if "name" in option else path / i,
                          f"dnsConfig option {i}{shown} has no name; every resolver option needs one, "
                          "e.g. ndots")
