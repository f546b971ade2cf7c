"""PL205 invalid-restart-rule-action."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_list, as_str
from podlint.rules._restart_rules import restart_rule_containers

RULE = Rule(
    id="PL205",
    name="invalid-restart-rule-action",
    severity=Severity.ERROR,
    summary="A restartPolicyRules entry has an action other than Restart (or RestartAllContainers from 1.36)",
    min_version=35,  # ContainerRestartRules: alpha (off, rules dropped) in 1.34, on from 1.35
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateContainerRestartPolicy: NotSupported unless "Restart", plus
    # "RestartAllContainers" with RestartAllContainersOnContainerExits (on from 1.36).
    # A missing action is left to the schema pass (PL012: action is required).
    allowed = ["Restart"]
    if pod.k8s.gate("RestartAllContainersOnContainerExits"):
        allowed.append("RestartAllContainers")
    accepted = ", ".join(f'"{a}"' for a in allowed)
    for c in restart_rule_containers(pod):
        for i, rule in enumerate(as_list(c.spec.get("restartPolicyRules"))):
            action = as_str(as_dict(rule).get("action"))
            if action is None or action in allowed:
                continue
            hint = ""
            if action == "RestartAllContainers":
                hint = " (RestartAllContainers needs Kubernetes 1.36 or later)"
            elif action == "":
                hint = " (the action is empty)"
            yield Finding(
                c.path / "restartPolicyRules" / i / "action",
                f'{c.label} restartPolicyRules[{i}] action is "{action}"; supported: {accepted}{hint}',
            )
