"""PL510 invalid-dns-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str

RULE = Rule(
    id="PL510",
    name="invalid-dns-policy",
    severity=Severity.ERROR,
    summary="The pod spec's dnsPolicy is not ClusterFirstWithHostNet, ClusterFirst, Default or None",
)

SUPPORTED = ("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateDNSPolicy: NotSupported outside the four policies; an empty
    # value is defaulted to ClusterFirst first (defaults.go SetDefaults_PodSpec)
    value = as_str(pod.spec.get("dnsPolicy"))
    if not value or value in SUPPORTED:
        return
    yield Finding(pod.path / "dnsPolicy",
                  f'dnsPolicy "{value}" is not supported; use "ClusterFirst", "ClusterFirstWithHostNet", '
                  '"Default" or "None" (the values are case-sensitive)')
