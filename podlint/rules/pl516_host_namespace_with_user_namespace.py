"""PL516 host-namespace-with-user-namespace."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list

RULE = Rule(
    id="PL516",
    name="host-namespace-with-user-namespace",
    severity=Severity.ERROR,
    summary="hostUsers: false is combined with hostNetwork, hostPID, hostIPC or volumeDevices",
)

# The volumeDevices clause appears only in the newest validation.go read for the
# catalogue (a post-1.36 snapshot); applied from 1.37
VOLUME_DEVICES_FROM = 37


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateHostUsers: a pod in its own user namespace (hostUsers: false)
    # may not share the host's network, PID or IPC namespace. UserNamespacesSupport is on
    # by default from 1.33; before that hostUsers is dropped (PW830). The
    # UserNamespacesHostNetworkSupport gate that lifts the hostNetwork clause is alpha (off).
    if pod.spec.get("hostUsers") is not False or not pod.k8s.gate("UserNamespacesSupport"):
        return
    for field in ("hostNetwork", "hostPID", "hostIPC"):
        if pod.spec.get(field) is True:
            yield Finding(pod.path / field, f"{field}: true is not allowed together with hostUsers: false; "
                                            "a pod with its own user namespace cannot share the host's namespaces")
    if pod.k8s.at_least(VOLUME_DEVICES_FROM):
        for c in pod.all_containers:
            if as_list(c.spec.get("volumeDevices")):
                yield Finding(c.path / "volumeDevices",
                              f"{c.label} uses volumeDevices in a pod with hostUsers: false; raw block devices "
                              "are not supported in a user namespace")
