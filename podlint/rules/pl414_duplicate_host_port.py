"""PL414 duplicate-host-port."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._containers import host_network, int32_field, items, port_protocol

RULE = Rule(
    id="PL414",
    name="duplicate-host-port",
    severity=Severity.ERROR,
    summary="Regular containers declare the same hostPort (protocol, hostIP, port) twice",
)

# Until 1.27 SetDefaults_PodSpec defaulted host-network ports in pod templates as well;
# from 1.28 (DefaultHostNetworkHostPortsInPodTemplates off, later removed) only
# SetDefaults_Pod does, so a template is accepted and each Pod created from it is rejected.
_POD_ONLY_HOST_PORT_DEFAULT = 28


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateContainers -> checkHostPortConflicts(containers):
    # AccumulateUniqueHostPorts over every port of every regular container (within one
    # container too); hostPort 0 is skipped; the key is "protocol/hostIP/hostPort" after
    # defaulting (empty protocol is TCP; hostIP has no default). Init containers are
    # checked one by one (PL109); clashes between init and regular containers are not
    # validated (PW829).
    defaulted = host_network(pod)  # defaults.go defaultHostNetworkPorts: hostPort 0 -> containerPort
    at_pod_creation = pod.is_template and pod.k8s.at_least(_POD_ONLY_HOST_PORT_DEFAULT)
    seen: dict[tuple[str, str, int], str] = {}
    for c in pod.containers:
        for port in items(c, "ports"):
            host_port = int32_field(port.spec, "hostPort")
            key_field = "hostPort"
            if not host_port and defaulted and port.spec.get("hostPort") in (None, 0):
                host_port, key_field = int32_field(port.spec, "containerPort"), "containerPort"
            if not host_port:
                continue
            protocol = port_protocol(port.spec)
            host_ip = port.spec.get("hostIP") or ""
            if protocol is None or not isinstance(host_ip, str):
                continue  # wrong type: the schema pass reports it
            key = (protocol, host_ip, host_port)
            where = f'container "{c.name}" ports[{port.index}]'
            if key not in seen:
                seen[key] = where
                continue
            what = f"hostPort {host_port}/{protocol}" + (f" on hostIP {host_ip}" if host_ip else "")
            message = (f"{c.label} declares {what}, already used by {seen[key]}; each protocol/"
                       "hostIP/hostPort may appear once across a pod's containers")
            if key_field == "containerPort":
                message += "; with hostNetwork the hostPort defaults to the containerPort"
                if at_pod_creation:
                    message += ", so every Pod created from this template is rejected"
            yield Finding(port.path / key_field, message, on_key=False)
