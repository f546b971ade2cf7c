"""PL110 init-container-resize-restart."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_list

RULE = Rule(
    id="PL110",
    name="init-container-resize-restart",
    severity=Severity.ERROR,
    summary="A plain init container has a resizePolicy with restartPolicy RestartContainer",
    # kubernetes/kubernetes#137458, first released in v1.36.0
    min_version=36,
)


def check(pod: PodSite) -> Iterator[Finding]:
    if not pod.k8s.gate("InPlacePodVerticalScaling"):
        return  # dropDisabledFields removes resizePolicy
    for c in pod.init_containers:
        if not c.is_plain_init:
            continue  # sidecars can be resized in place, so any resize policy is fine
        # validation.go validateInitContainers (1.36): an init container that runs to
        # completion is never resized, so RestartContainer is Invalid (ratcheted on update)
        for i, item in enumerate(as_list(c.spec.get("resizePolicy"))):
            if as_dict(item).get("restartPolicy") == "RestartContainer":
                yield Finding(
                    c.path / "resizePolicy" / i / "restartPolicy",
                    f'{c.label} has a resizePolicy with restartPolicy "RestartContainer"; init '
                    'containers that are not sidecars are never resized, use "NotRequired" or '
                    "drop the entry",
                    on_key=False,
                )
