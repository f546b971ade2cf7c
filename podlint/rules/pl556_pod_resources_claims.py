"""PL556 pod-resources-claims."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict
from podlint.rules._podlevel import os_name

RULE = Rule(
    id="PL556",
    name="pod-resources-claims",
    severity=Severity.ERROR,
    summary="Pod-level resources set claims",
    min_version=34,
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validatePodResources: "claims cannot be set for Resources at
    # pod-level" whenever claims is non-nil (an empty list too). PodLevelResources is on
    # by default from 1.34 (dropped before). Windows pods stop at PL555.
    if not pod.k8s.gate("PodLevelResources") or os_name(pod) == "windows":
        return
    resources = pod.spec.get("resources")
    if isinstance(resources, dict) and as_dict(resources).get("claims") is not None:
        yield Finding(pod.path / "resources" / "claims",
                      "pod-level resources set claims; resource claims are only allowed in container resources "
                      "(list them in spec.resourceClaims and reference them from the containers)")
