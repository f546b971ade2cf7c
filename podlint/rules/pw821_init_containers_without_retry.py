"""PW821 init-containers-without-retry."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._runtime import container_restart_policy, pod_restart_policy_counts

RULE = Rule(
    id="PW821",
    name="init-containers-without-retry",
    severity=Severity.WARNING,
    summary="A pod with restartPolicy Never has plain init containers: one init failure fails the pod",
)


def check(pod: PodSite) -> Iterator[Finding]:
    if pod.restart_policy != "Never" or not pod_restart_policy_counts(pod):
        return  # Always/OnFailure retry init containers; PL209 covers Deployments & co.
    # Sidecars restart whatever the pod says; from 1.35 an init container's own
    # restartPolicy OnFailure makes the kubelet retry it too (ContainerRestartRules).
    unretried = [c for c in pod.init_containers
                 if c.is_plain_init and container_restart_policy(pod, c) not in ("OnFailure", "Always")]
    if not unretried:
        return
    names = ", ".join(f'"{c.name}"' for c in unretried)
    what, which = ("init container", "it") if len(unretried) == 1 else ("init containers", "one of them")
    then = ("the pod fails and the Job must start a new one (counted against backoffLimit)"
            if pod.is_job else "the whole pod fails for good")
    yield Finding(
        pod.path / "restartPolicy",
        f'restartPolicy is "Never" and the pod has {what} {names}: if {which} fails once, '
        f"{then} instead of retrying it with back-off (restartPolicy: OnFailure does that)",
    )
