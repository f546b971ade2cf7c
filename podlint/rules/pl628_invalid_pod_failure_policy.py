"""PL628 invalid-pod-failure-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_int, as_list, as_str
from podlint.paths import FieldPath
from podlint.rules._workloads import job_spec

RULE = Rule(
    id="PL628",
    name="invalid-pod-failure-policy",
    severity=Severity.ERROR,
    summary="A Job podFailurePolicy rule is malformed: action, onExitCodes or onPodConditions",
    min_version=26,  # JobPodFailurePolicy: alpha (off, field dropped) in 1.25, beta-on 1.26, GA 1.31
)

MAX_RULES = 20  # maxPodFailurePolicyRules
MAX_EXIT_CODES = 255  # maxPodFailurePolicyOnExitCodesValues
MAX_CONDITIONS = 20  # maxPodFailurePolicyOnPodConditionsPatterns
OPERATORS = ("In", "NotIn")
STATUSES = ("True", "False", "Unknown")


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join(f'"{v}"' for v in values)


def check(pod: PodSite) -> Iterator[Finding]:
    # batch validation.go validatePodFailurePolicy, validatePodFailurePolicyRule,
    # validatePodFailurePolicyRuleOnExitCodes, validatePodFailurePolicyRuleOnPodConditions.
    # Absent required fields (action, operator, type, status) are PL012's; this rule reports
    # empty strings and every semantic check. FailIndex exists with JobBackoffLimitPerIndex.
    found = job_spec(pod)
    if found is None:
        return
    spec, path = found
    policy = spec.get("podFailurePolicy")
    if not isinstance(policy, dict):
        return
    rules_path = path / "podFailurePolicy" / "rules"
    rules = as_list(policy.get("rules"))
    if len(rules) > MAX_RULES:
        yield Finding(rules_path, f"podFailurePolicy has {len(rules)} rules; at most {MAX_RULES} are allowed")
    actions = ("Count", "FailIndex", "FailJob", "Ignore") if pod.k8s.gate("JobBackoffLimitPerIndex") \
        else ("Count", "FailJob", "Ignore")
    names = {c.name for c in pod.all_containers if isinstance(c.spec.get("name"), str)}
    for i, rule in enumerate(rules):
        if isinstance(rule, dict):
            yield from _rule(rule, rules_path / i, i, spec, actions, names)


def _rule(rule: dict, path: FieldPath, index: int, spec: dict, actions: tuple[str, ...],
          names: set[str]) -> Iterator[Finding]:
    label = f"podFailurePolicy rule {index}"
    action = as_str(rule.get("action"))
    if action == "":
        yield Finding(path / "action", f"{label} has an empty action; use one of {_quoted(actions)}", on_key=False)
    elif action == "FailIndex" and "FailIndex" in actions:
        if spec.get("backoffLimitPerIndex") is None:
            yield Finding(path / "action",
                          f'{label} uses action "FailIndex", which requires backoffLimitPerIndex to be set',
                          on_key=False)
    elif action is not None and action not in actions:
        yield Finding(path / "action", f'{label} action "{action}" is not supported; use one of {_quoted(actions)}',
                      on_key=False)
    on_exit = rule.get("onExitCodes")
    conditions = rule.get("onPodConditions")
    if isinstance(on_exit, dict):
        yield from _on_exit_codes(on_exit, path / "onExitCodes", label, names)
    if isinstance(conditions, list) and conditions:
        yield from _on_pod_conditions(conditions, path / "onPodConditions", label)
    has_exit = on_exit is not None
    has_conditions = isinstance(conditions, list) and len(conditions) > 0
    if has_exit and has_conditions:
        yield Finding(path, f"{label} sets both onExitCodes and onPodConditions; use exactly one of them")
    elif not has_exit and not has_conditions and (conditions is None or isinstance(conditions, list)):
        yield Finding(path, f"{label} sets neither onExitCodes nor onPodConditions; exactly one is required")


def _on_exit_codes(req: dict, path: FieldPath, label: str, names: set[str]) -> Iterator[Finding]:
    operator = as_str(req.get("operator"))
    if operator == "":
        yield Finding(path / "operator", f'{label} onExitCodes operator is empty; use "In" or "NotIn"',
                      on_key=False)
    elif operator is not None and operator not in OPERATORS:
        yield Finding(path / "operator", f'{label} onExitCodes operator "{operator}" is not supported; '
                                         'use "In" or "NotIn"', on_key=False)
    container = as_str(req.get("containerName"))
    if container is not None and container not in names:
        known = formats.quoted_list(sorted(names))
        yield Finding(path / "containerName",
                      f'{label} onExitCodes containerName "{container}" is not a container or init container '
                      f"of the pod template (they are: {known})", on_key=False)
    raw_values = req.get("values")
    if raw_values is not None and not isinstance(raw_values, list):
        return
    values = as_list(raw_values)
    values_path = path / "values"
    if not values:
        yield Finding(values_path, f"{label} onExitCodes has no values; at least one exit code is required")
        return
    if len(values) > MAX_EXIT_CODES:
        yield Finding(values_path, f"{label} onExitCodes has {len(values)} values; at most {MAX_EXIT_CODES}")
    codes = [as_int(v) for v in values]
    if any(c is None for c in codes):
        return  # wrong types: the schema pass reports them
    seen: set[int] = set()
    for j, code in enumerate(codes):
        if operator == "In" and code == 0:
            yield Finding(values_path / j, f'{label} onExitCodes value 0 is not allowed with operator "In" '
                                           "(0 means success)", on_key=False)
        elif code in seen:
            yield Finding(values_path / j, f"{label} onExitCodes value {code} is repeated", on_key=False)
        seen.add(code)
    if any(codes[j - 1] > codes[j] for j in range(1, len(codes))):
        yield Finding(values_path, f"{label} onExitCodes values {codes} must be in ascending order")


def _on_pod_conditions(conditions: list, path: FieldPath, label: str) -> Iterator[Finding]:
    if len(conditions) > MAX_CONDITIONS:
        yield Finding(path, f"{label} has {len(conditions)} onPodConditions; at most {MAX_CONDITIONS}")
    for j, pattern in enumerate(conditions):
        pattern = as_dict(pattern)
        kind = as_str(pattern.get("type"))
        if kind is not None:
            problems = formats.qualified_name(kind) if kind else ["it must not be empty"]
            if problems:
                yield Finding(path / j / "type", f'{label} onPodConditions type "{kind}" is not a qualified name: '
                                                 f"{problems[0]}", on_key=False)
        status = as_str(pattern.get("status"))
        if status == "":
            yield Finding(path / j / "status", f'{label} onPodConditions status is empty; use {_quoted(STATUSES)}',
                          on_key=False)
        elif status is not None and status not in STATUSES:
            yield Finding(path / j / "status", f'{label} onPodConditions status "{status}" is not supported; use '
                                               f"{_quoted(STATUSES)}", on_key=False)
