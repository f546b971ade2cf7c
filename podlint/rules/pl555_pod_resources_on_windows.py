"""PL555 pod-resources-on-windows."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._podlevel import os_name

RULE = Rule(
    id="PL555",
    name="pod-resources-on-windows",
    severity=Severity.ERROR,
    summary="A pod with os.name windows sets pod-level resources",
    min_version=34,
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validatePodResources (newest snapshot): pod-level resources are
    # Forbidden for Windows pods. PodLevelResources is beta and on by default from 1.34;
    # before, spec.resources is dropped (PW830).
    if not pod.k8s.gate("PodLevelResources") or os_name(pod) != "windows":
        return
    if pod.spec.get("resources") is not None:
        yield Finding(pod.path / "resources", "pod-level resources are set but os.name is windows; Windows pods "
                                              "do not support pod-level resources (set them per container)")
