"""PL208 too-many-restart-rule-exit-codes."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_list
from podlint.rules._restart_rules import restart_rule_containers

RULE = Rule(
    id="PL208",
    name="too-many-restart-rule-exit-codes",
    severity=Severity.ERROR,
    summary="A restart rule lists more than 255 exit codes",
    min_version=35,  # ContainerRestartRules: alpha (off, rules dropped) in 1.34, on from 1.35
)

MAX_VALUES = 255


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateContainerRestartPolicy: more than 255 values is rejected
    # (TooLong on 1.35, TooMany from 1.36). Order, repeats, zero and an empty list are
    # all accepted here, unlike Job podFailurePolicy (PL628).
    for c in restart_rule_containers(pod):
        for i, rule in enumerate(as_list(c.spec.get("restartPolicyRules"))):
            values = as_list(as_dict(as_dict(rule).get("exitCodes")).get("values"))
            if len(values) > MAX_VALUES:
                yield Finding(
                    c.path / "restartPolicyRules" / i / "exitCodes" / "values",
                    f"{c.label} restartPolicyRules[{i}] lists {len(values)} exit codes; "
                    f"at most {MAX_VALUES} are allowed",
                )
