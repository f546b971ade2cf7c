"""PL207 invalid-restart-rule-operator."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_list, as_str
from podlint.rules._restart_rules import restart_rule_containers

RULE = Rule(
    id="PL207",
    name="invalid-restart-rule-operator",
    severity=Severity.ERROR,
    summary="A restart rule's exitCodes.operator is not In or NotIn",
    min_version=35,  # ContainerRestartRules: alpha (off, rules dropped) in 1.34, on from 1.35
)

OPERATORS = ("In", "NotIn")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateContainerRestartPolicy: NotSupported unless In/NotIn (an empty
    # operator too). A missing operator is left to the schema pass (PL012: it is required).
    for c in restart_rule_containers(pod):
        for i, rule in enumerate(as_list(c.spec.get("restartPolicyRules"))):
            operator = as_str(as_dict(as_dict(rule).get("exitCodes")).get("operator"))
            if operator is None or operator in OPERATORS:
                continue
            hint = next((f' (did you mean "{o}"?)' for o in OPERATORS if o.lower() == operator.strip().lower()), "")
            yield Finding(
                c.path / "restartPolicyRules" / i / "exitCodes" / "operator",
                f'{c.label} restartPolicyRules[{i}] exitCodes.operator is "{operator}"; '
                f'it must be "In" or "NotIn"{hint}',
            )
