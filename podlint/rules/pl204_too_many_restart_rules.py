"""PL204 too-many-restart-rules."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list
from podlint.rules._restart_rules import restart_rule_containers

RULE = Rule(
    id="PL204",
    name="too-many-restart-rules",
    severity=Severity.ERROR,
    summary="A container has more than 20 restartPolicyRules",
    min_version=35,  # ContainerRestartRules: alpha (off, rules dropped) in 1.34, on from 1.35
)

MAX_RULES = 20


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateContainerRestartPolicy: TooMany above 20 rules
    for c in restart_rule_containers(pod):
        rules = as_list(c.spec.get("restartPolicyRules"))
        if len(rules) > MAX_RULES:
            yield Finding(
                c.path / "restartPolicyRules",
                f"{c.label} has {len(rules)} restartPolicyRules; at most {MAX_RULES} are allowed",
            )
