"""PL206 restart-rule-without-exit-codes."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list
from podlint.rules._restart_rules import restart_rule_containers

RULE = Rule(
    id="PL206",
    name="restart-rule-without-exit-codes",
    severity=Severity.ERROR,
    summary="A restartPolicyRules entry has no exitCodes",
    min_version=35,  # ContainerRestartRules: alpha (off, rules dropped) in 1.34, on from 1.35
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateContainerRestartPolicy: exitCodes is the only condition a rule
    # can have; Required "must be specified" when it is absent (or null)
    for c in restart_rule_containers(pod):
        for i, rule in enumerate(as_list(c.spec.get("restartPolicyRules"))):
            if isinstance(rule, dict) and rule.get("exitCodes") is None:
                # absent: the engine points at the rule, the path keeps the server's field
                yield Finding(
                    c.path / "restartPolicyRules" / i / "exitCodes",
                    f"{c.label} restartPolicyRules[{i}] has no exitCodes; every rule needs "
                    "exitCodes with an operator (In or NotIn) and values",
                )
