"""PL526 windows-options-on-linux-pod."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict
from podlint.rules._podlevel import os_name

RULE = Rule(
    id="PL526",
    name="windows-options-on-linux-pod",
    severity=Severity.ERROR,
    summary="A pod with os.name linux sets securityContext.windowsOptions",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateLinux (only when spec.os.name is "linux"): windowsOptions is
    # Forbidden in the pod and in every container's securityContext
    if os_name(pod) != "linux":
        return
    if as_dict(pod.spec.get("securityContext")).get("windowsOptions") is not None:
        yield Finding(pod.path / "securityContext" / "windowsOptions",
                      "pod securityContext sets windowsOptions but os.name is linux; windows options cannot "
                      "be set for a linux pod")
    for c in pod.visited_containers:
        if as_dict(c.spec.get("securityContext")).get("windowsOptions") is not None:
            yield Finding(c.path / "securityContext" / "windowsOptions",
                          f"{c.label} sets securityContext.windowsOptions but os.name is linux; windows options "
                          "cannot be set for a linux pod")
