"""PL517 share-process-namespace-with-host-pid."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule

RULE = Rule(
    id="PL517",
    name="share-process-namespace-with-host-pid",
    severity=Severity.ERROR,
    summary="shareProcessNamespace: true is combined with hostPID: true",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validatePodSpecSecurityContext: "ShareProcessNamespace and HostPID
    # cannot both be enabled"
    if pod.spec.get("shareProcessNamespace") is True and pod.spec.get("hostPID") is True:
        yield Finding(pod.path / "shareProcessNamespace",
                      "shareProcessNamespace: true cannot be combined with hostPID: true; a pod either shares "
                      "one PID namespace among its containers or uses the host's")
