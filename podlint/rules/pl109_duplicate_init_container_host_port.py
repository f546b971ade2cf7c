"""PL109 duplicate-init-container-host-port."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_int, as_list

RULE = Rule(
    id="PL109",
    name="duplicate-init-container-host-port",
    severity=Severity.ERROR,
    summary="One init container declares the same hostPort (protocol, hostIP, port) twice",
)

# Until 1.27 SetDefaults_PodSpec defaulted host-network ports in pod templates as well;
# from 1.28 (DefaultHostNetworkHostPortsInPodTemplates off, later removed) only
# SetDefaults_Pod does, so a template is accepted and each Pod created from it is rejected.
_POD_ONLY_HOST_PORT_DEFAULT = 28


def check(pod: PodSite) -> Iterator[Finding]:
    # defaults.go defaultHostNetworkPorts: with hostNetwork, every hostPort 0 of containers
    # and init containers becomes the containerPort
    host_network = pod.spec.get("hostNetwork") is True
    at_pod_creation = pod.is_template and pod.k8s.at_least(_POD_ONLY_HOST_PORT_DEFAULT)
    for c in pod.init_containers:
        # validation.go validateInitContainers: checkHostPortConflicts([]Container{ctr})
        # compares the ports of this one init container only (they run one by one);
        # clashes with other containers are not validated (PW829)
        seen: dict[tuple[str, str, int], int] = {}
        for j, item in enumerate(as_list(c.spec.get("ports"))):
            port = as_dict(item)
            host_port = as_int(port.get("hostPort"))
            key_field = "hostPort"
            if not host_port and host_network:
                host_port, key_field = as_int(port.get("containerPort")), "containerPort"
            if not host_port:
                continue  # AccumulateUniqueHostPorts skips hostPort 0
            # SetDefaults_ContainerPort: an empty protocol becomes TCP
            protocol = port.get("protocol") or "TCP"
            host_ip = port.get("hostIP") or ""
            if not isinstance(protocol, str) or not isinstance(host_ip, str):
                continue  # wrong type: the schema pass reports it
            key = (protocol, host_ip, host_port)
            if key not in seen:
                seen[key] = j
                continue
            what = f"hostPort {host_port}/{protocol}" + (f" on hostIP {host_ip}" if host_ip else "")
            message = (f"{c.label} declares {what} again (first in ports[{seen[key]}]); each "
                       "protocol/hostIP/hostPort may appear once per container")
            if key_field == "containerPort":
                message += "; with hostNetwork the hostPort defaults to the containerPort"
                if at_pod_creation:
                    message += ", so every Pod created from this template is rejected"
            yield Finding(c.path / "ports" / j / key_field, message)
