"""PL528 inconsistent-host-process."""

from __future__ import annotations

from typing import Iterator, Optional

from podlint.diagnostics import Finding, Severity
from podlint.model import ContainerView, PodSite, Rule, as_dict

RULE = Rule(
    id="PL528",
    name="inconsistent-host-process",
    severity=Severity.ERROR,
    summary="Windows hostProcess is set inconsistently between the pod and its containers, or without "
    "hostNetwork: true",
)


def _host_process(context: object) -> Optional[bool]:
    value = as_dict(as_dict(context).get("windowsOptions")).get("hostProcess")
    return value if isinstance(value, bool) else None


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateWindowsHostProcessPod (applies with or without spec.os). The
    # "disallowed by cluster policy" check depends on the --allow-privileged apiserver flag
    # and is out of scope (catalogue section 1).
    pod_context_path = pod.path / "securityContext" / "windowsOptions" / "hostProcess"
    pod_value = _host_process(pod.spec.get("securityContext"))
    containers = pod.init_containers + pod.containers
    host_process: list[ContainerView] = []
    others: list[ContainerView] = []
    for c in containers:
        value = _host_process(c.spec.get("securityContext"))
        if pod_value is not None and value is not None and value != pod_value:
            yield Finding(c.path / "securityContext" / "windowsOptions" / "hostProcess",
                          f"{c.label} sets hostProcess: {str(value).lower()} but the pod sets hostProcess: "
                          f"{str(pod_value).lower()}; when both are set they must be identical")
        effective = value if value is not None else pod_value
        (host_process if effective else others).append(c)
    if not host_process:
        return
    for c in others:
        # the API server reports this once, at spec; podlint points at each container
        yield Finding(c.path, f"{c.label} is not a hostProcess container, but "
                              f"{host_process[0].label} is; if a pod contains any hostProcess containers, all "
                              "its containers must be hostProcess containers")
    if pod.spec.get("hostNetwork") is not True:
        first = host_process[0]
        if pod.spec.get("hostNetwork") is not None:
            where = pod.path / "hostNetwork"
        elif _host_process(first.spec.get("securityContext")):
            where = first.path / "securityContext" / "windowsOptions" / "hostProcess"
        else:
            where = pod_context_path
        yield Finding(where, "the pod has hostProcess containers, so hostNetwork must be true")
