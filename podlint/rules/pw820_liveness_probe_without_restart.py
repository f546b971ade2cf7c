"""PW820 liveness-probe-without-restart."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._runtime import container_restart_policy, has_restart_rules, pod_restart_policy_counts

RULE = Rule(
    id="PW820",
    name="liveness-probe-without-restart",
    severity=Severity.WARNING,
    summary="A container that is never restarted has a livenessProbe: one failed probe ends it for good",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # Sidecars are restarted whatever the policies say; plain init containers may not
    # have probes at all (PL102); so only regular containers matter.
    for c in pod.containers:
        if c.spec.get("livenessProbe") is None:
            continue
        own = container_restart_policy(pod, c)
        if own is not None:
            if own != "Never" or has_restart_rules(pod, c):
                continue  # restartPolicyRules may restart it on the kill's exit code
            where = "its restartPolicy is \"Never\""
        else:
            if pod.restart_policy != "Never" or not pod_restart_policy_counts(pod):
                continue  # Always/OnFailure restart a killed container; PL209 covers workloads
            where = "the pod restartPolicy is \"Never\""
        outcome = ("the pod fails (the Job counts it against backoffLimit)" if pod.is_job
                   else "the pod fails" if own is None else "the container stays terminated")
        yield Finding(
            c.path / "livenessProbe",
            f"{c.label} has a livenessProbe but {where}: when the probe fails the kubelet kills "
            f"the container and never restarts it, so {outcome}; drop the liveness probe or "
            "allow restarts (OnFailure)",
        )
