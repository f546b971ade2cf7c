"""PW833 host-network-cluster-first-dns."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule

RULE = Rule(
    id="PW833",
    name="host-network-cluster-first-dns",
    severity=Severity.WARNING,
    summary="hostNetwork: true with dnsPolicy ClusterFirst, which then falls back to the node's DNS",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # kubelet (pkg/kubelet/network/dns): a hostNetwork pod with ClusterFirst gets the node's
    # resolv.conf, as with "Default"; cluster DNS needs ClusterFirstWithHostNet. Only an
    # explicit ClusterFirst is reported: with the field left out the intent is unknown
    # (node agents often do not need cluster DNS).
    if pod.spec.get("hostNetwork") is True and pod.spec.get("dnsPolicy") == "ClusterFirst":
        yield Finding(pod.path / "dnsPolicy",
                      'dnsPolicy "ClusterFirst" has no effect with hostNetwork: true (the pod uses the node\'s '
                      'DNS settings); use "ClusterFirstWithHostNet" to resolve cluster Services, or "Default"',
                      on_key=False)
