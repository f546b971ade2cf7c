"""PL107 sidecar-restart-rules."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list

RULE = Rule(
    id="PL107",
    name="sidecar-restart-rules",
    severity=Severity.ERROR,
    summary="A sidecar (restartPolicy: Always) sets restartPolicyRules before 1.36",
    # 1.34: the rules are dropped (ContainerRestartRules off); from 1.36
    # RestartAllContainersOnContainerExits allows them on sidecars
    min_version=35,
    max_version=35,
)


def check(pod: PodSite) -> Iterator[Finding]:
    k8s = pod.k8s
    if not k8s.gate("ContainerRestartRules") or k8s.gate("RestartAllContainersOnContainerExits"):
        return
    for c in pod.init_containers:
        # validation.go validateInitContainers: restartPolicyRules are Forbidden on a
        # restartable init container unless opts.AllowRestartAllContainers
        if c.is_restartable_sidecar and as_list(c.spec.get("restartPolicyRules")):
            yield Finding(
                c.path / "restartPolicyRules",
                f"{c.label} is a sidecar (restartPolicy: Always) and sets restartPolicyRules; "
                f"Kubernetes {k8s} allows restart rules only on containers whose restartPolicy "
                "is OnFailure or Never (sidecar rules need 1.36)",
            )
