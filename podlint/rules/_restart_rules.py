"""Shared by the container restart-rule checks PL204-PL208."""

from __future__ import annotations

from typing import Iterator

from podlint.model import ContainerView, PodSite


def restart_rule_containers(pod: PodSite) -> Iterator[ContainerView]:
    """Containers whose restartPolicyRules the API server validates (none while the gate is off).

    Shared by PL204-PL208. With ContainerRestartRules off (1.34) the rules are dropped
    (util.go dropContainerRestartRules). Rules on a sidecar are Forbidden outright (PL107)
    until RestartAllContainersOnContainerExits (1.36), and only checked from then on.
    """
    if not pod.k8s.gate("ContainerRestartRules"):
        return
    sidecar_rules = pod.k8s.gate("RestartAllContainersOnContainerExits")
    for c in pod.all_containers:
        if c.is_restartable_sidecar and not sidecar_rules:
            continue
        yield c
