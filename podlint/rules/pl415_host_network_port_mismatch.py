"""PL415 host-network-port-mismatch."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._containers import host_network, int32_field, items

RULE = Rule(
    id="PL415",
    name="host-network-port-mismatch",
    severity=Severity.ERROR,
    summary="With hostNetwork, a regular container's hostPort differs from its containerPort",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validatePodHostNetworkDeps: with hostNetwork, a regular container port
    # must have hostPort == containerPort; "(opts.ResourceIsPod || hp != 0) && hp != cp".
    # A Pod's hostPort 0 was already set to the containerPort by SetDefaults_Pod, and a
    # template may leave it 0 (defaulted when the pods are created), so only an explicit,
    # different hostPort fails. Init containers are not checked.
    if not host_network(pod):
        return
    for c in pod.containers:
        for port in items(c, "ports"):
            host_port = int32_field(port.spec, "hostPort")
            if not host_port:
                continue
            container_port = int32_field(port.spec, "containerPort")
            if container_port is None and port.spec.get("containerPort") is not None:
                continue  # wrong type: the schema pass reports it
            if host_port == (container_port or 0):
                continue
            yield Finding(port.path / "hostPort",
                          f"{c.label} hostPort {host_port} differs from containerPort "
                          f"{container_port or 0}; with hostNetwork: true the container binds the "
                          "node's port directly, so hostPort must equal containerPort (or be left "
                          "out)", on_key=False)
