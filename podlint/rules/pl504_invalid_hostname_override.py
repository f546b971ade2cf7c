"""PL504 invalid-hostname-override."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str

RULE = Rule(
    id="PL504",
    name="invalid-hostname-override",
    severity=Severity.ERROR,
    summary="hostnameOverride is combined with setHostnameAsFQDN or hostNetwork, too long, "
    "or not a DNS subdomain",
    min_version=35,
)

MAX_LENGTH = 64


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validatePodHostName (HostnameOverride gate, beta and on from 1.35;
    # on 1.34 the field is dropped, PW830): Forbidden with setHostnameAsFQDN or
    # hostNetwork, TooLong above 64, Invalid when not a DNS subdomain
    if not pod.k8s.gate("HostnameOverride"):
        return
    value = as_str(pod.spec.get("hostnameOverride"))
    if value is None:
        return
    path = pod.path / "hostnameOverride"
    if pod.spec.get("setHostnameAsFQDN") is True:
        yield Finding(path, f'hostnameOverride "{value}" is set together with setHostnameAsFQDN: true; '
                            "use one or the other")
    if pod.spec.get("hostNetwork") is True:
        yield Finding(path, f'hostnameOverride "{value}" is set on a hostNetwork pod; a pod sharing the '
                            "node's network namespace keeps the node's hostname")
    if len(value) > MAX_LENGTH:
        yield Finding(path, f"hostnameOverride is {len(value)} characters; it may have at most {MAX_LENGTH}")
    problems = formats.dns1123_subdomain(value)
    if problems:
        yield Finding(path, f'hostnameOverride "{value}" is not a DNS subdomain: it ' + "; it ".join(problems))
