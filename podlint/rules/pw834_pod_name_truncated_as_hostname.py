"""PW834 pod-name-truncated-as-hostname."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._metadata import object_meta

RULE = Rule(
    id="PW834",
    name="pod-name-truncated-as-hostname",
    severity=Severity.WARNING,
    summary="A Pod name longer than 63 characters without spec.hostname: its hostname is truncated",
)

HOSTNAME_MAX = 63


def check(pod: PodSite) -> Iterator[Finding]:
    # kubelet GeneratePodHostNameAndDomain / truncatePodHostnameIfNeeded: the hostname is
    # the pod name cut to 63 characters (and trailing '-' / '.' trimmed) unless
    # spec.hostname is set; pod names may be up to 253 characters (PL702)
    if pod.is_template or as_str(pod.spec.get("hostname")):
        return
    meta = object_meta(pod)
    name = as_str(meta.data.get("name")) if meta else None
    if name and len(name) > HOSTNAME_MAX:
        hostname = name[:HOSTNAME_MAX].rstrip("-.")
        yield Finding(meta.path / "name", f'Pod name is {len(name)} characters; its hostname is cut to '
                                          f'"{hostname}": set spec.hostname or use a name of at most 63',
                      on_key=False)
