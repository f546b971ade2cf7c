"""PL106 init-container-restart-rules-without-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list

RULE = Rule(
    id="PL106",
    name="init-container-restart-rules-without-policy",
    severity=Severity.ERROR,
    summary="An init container sets restartPolicyRules but no restartPolicy",
    # ContainerRestartRules is on by default from 1.35; on 1.34 the rules are dropped
    min_version=35,
)


def check(pod: PodSite) -> Iterator[Finding]:
    if not pod.k8s.gate("ContainerRestartRules"):
        return  # dropContainerRestartRules removes the rules before validation
    for c in pod.init_containers:
        # validation.go validateContainerRestartPolicy: restartPolicy is Required once
        # rules are given (an explicit "" is NotSupported instead: PL105)
        if as_list(c.spec.get("restartPolicyRules")) and c.spec.get("restartPolicy") is None:
            # absent: the path resolves to the container itself
            yield Finding(
                c.path / "restartPolicy",
                f"{c.label} sets restartPolicyRules without restartPolicy; set restartPolicy "
                '("OnFailure" or "Never") to say what happens on exits no rule matches',
            )
