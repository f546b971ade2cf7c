"""PL203 restart-rules-without-container-restart-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list

RULE = Rule(
    id="PL203",
    name="restart-rules-without-container-restart-policy",
    severity=Severity.ERROR,
    summary="A regular container has restartPolicyRules but no restartPolicy",
    min_version=35,  # ContainerRestartRules: alpha (off, rules dropped) in 1.34, on from 1.35
)


def check(pod: PodSite) -> Iterator[Finding]:
    if not pod.k8s.gate("ContainerRestartRules"):
        return  # util.go dropContainerRestartRules: the rules are dropped, not rejected
    # validation.go validateContainerRestartPolicy: Required "must specify restartPolicy
    # when restart rules are used" (init containers: PL106)
    for c in pod.containers:
        if as_list(c.spec.get("restartPolicyRules")) and c.spec.get("restartPolicy") is None:
            # absent: the engine points at the container, the path keeps the server's field
            yield Finding(
                c.path / "restartPolicy",
                f"{c.label} has restartPolicyRules but no restartPolicy; set restartPolicy "
                '("Always", "OnFailure" or "Never") to say what happens when no rule matches',
            )
