"""PW829 sidecar-host-port-conflict."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict
from podlint.rules._runtime import host_ports

RULE = Rule(
    id="PW829",
    name="sidecar-host-port-conflict",
    severity=Severity.WARNING,
    summary="A sidecar uses the same hostPort as a container it runs alongside",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go checkHostPortConflicts compares regular containers with each other
    # (PL414) and each init container only with itself (PL109). A sidecar keeps running
    # next to the regular containers (and, with hostNetwork, binds the node port next to
    # the later init containers and sidecars too), so a shared hostPort clashes at runtime.
    # Plain init containers run alone, one after the other, and are not flagged.
    host_network = as_dict(pod.spec).get("hostNetwork") is True
    init = pod.init_containers
    for i, c in enumerate(init):
        if not c.is_restartable_sidecar:
            continue
        partners = (init[i + 1:] if host_network else []) + pod.containers
        for mine in host_ports(c):
            other = next((theirs for o in partners for theirs in host_ports(o) if mine.clashes_with(theirs)),
                         None)
            if other is None:
                continue
            if host_network:
                effect = "with hostNetwork both listen on the node itself, and whichever starts second fails"
            else:
                # kubelet kuberuntime_sandbox.go generatePodSandboxConfig maps the hostPorts
                # of pod.Spec.Containers only
                effect = (f"the kubelet maps only regular containers' hostPorts, so the node port "
                          f"leads to {other.container.label} and never to the sidecar")
            yield Finding(
                mine.path,
                f"{c.label} uses hostPort {mine.port}/{mine.protocol}, as does {other.container.label}: "
                f"the API server does not compare these, but at runtime they clash ({effect}); give "
                "the sidecar its own hostPort",
            )
