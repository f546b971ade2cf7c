"""PL629 invalid-success-policy."""

from __future__ import annotations

from typing import Iterator, Optional

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_int, as_list, as_str
from podlint.rules._workloads import go_atoi, is_indexed, job_owner, job_spec

RULE = Rule(
    id="PL629",
    name="invalid-success-policy",
    severity=Severity.ERROR,
    summary="A Job successPolicy is set on a NonIndexed Job, has no or too many rules, or a rule's "
    "succeededIndexes/succeededCount is invalid",
    min_version=31,  # JobSuccessPolicy: alpha (off, field dropped) in 1.30, beta-on 1.31, GA 1.33
)

MAX_RULES = 20  # maxSuccessPolicyRule
MAX_INDEXES_LENGTH = 64 * 1024  # maxJobSuccessPolicySucceededIndexesLimit
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1


def parse_indexes(text: str, completions: int) -> tuple[int, str]:
    """validateIndexesFormat: (number of indexes, "" or the error in the API server's words)."""
    if text == "":
        return 0, ""
    total, last = 0, None
    for interval in text.split(","):
        bounds = interval.split("-")
        if len(bounds) > 2:
            return 0, f'the fragment "{interval}" has more than one \'-\''
        numbers: list[int] = []
        for bound in bounds:
            number: Optional[int] = go_atoi(bound)
            if number is None:
                return 0, f'"{bound}" is not an index (a non-negative integer)'
            if number >= completions:
                return 0, f"index {number} is too large: indexes go from 0 to completions-1 ({completions - 1})"
            numbers.append(number)
        low, high = numbers[0], numbers[-1]
        if len(numbers) == 2 and low >= high:
            return 0, f'the interval "{interval}" is not increasing'
        if last is not None and last >= low:
            return 0, f"the indexes are not in increasing order ({last} then {low})"
        total += high - low + 1
        last = high
    return total, ""


def check(pod: PodSite) -> Iterator[Finding]:
    # batch validation.go validateJobSpec: successPolicy on a non-Indexed Job -> Invalid
    # "requires indexed completion mode"; validateSuccessPolicy: rules empty -> Required, more
    # than 20 -> TooMany; validateSuccessPolicyRule: neither succeededCount nor
    # succeededIndexes -> Required; succeededIndexes longer than 64Ki -> TooLong, not a list of
    # increasing N / N-M intervals below completions -> Invalid; succeededCount negative,
    # above completions or above the number of listed indexes -> Invalid.
    found = job_spec(pod)
    if found is None or not pod.k8s.gate("JobSuccessPolicy"):
        return
    spec, path = found
    policy = spec.get("successPolicy")
    if not isinstance(policy, dict):
        return
    path = path / "successPolicy"
    owner = job_owner(pod)
    if not isinstance(spec.get("completionMode"), (str, type(None))):
        return  # wrong type: the schema pass reports it
    if not is_indexed(spec):
        yield Finding(path, f"{owner} sets successPolicy but is not Indexed; successPolicy requires "
                            "completionMode: Indexed")
        return
    rules = policy.get("rules")
    if rules is not None and not isinstance(rules, list):
        return
    rules = as_list(rules)
    if not rules:
        yield Finding(path / "rules", "successPolicy has no rules; at least one rule is required")
        return
    if len(rules) > MAX_RULES:
        yield Finding(path / "rules", f"successPolicy has {len(rules)} rules; at most {MAX_RULES} are allowed")
    completions = as_int(spec.get("completions"))
    for i, rule in enumerate(rules):
        if not isinstance(rule, dict):
            continue
        rule_path = path / "rules" / i
        indexes = rule.get("succeededIndexes")
        count = rule.get("succeededCount")
        if indexes is None and count is None:
            yield Finding(rule_path, f"successPolicy rule {i} sets neither succeededCount nor succeededIndexes; "
                                     "at least one is required")
            continue
        if completions is None:
            continue  # Indexed without completions: PL624
        total = None
        text = as_str(indexes)
        if text is not None:
            if len(text) > MAX_INDEXES_LENGTH:
                yield Finding(rule_path / "succeededIndexes",
                              f"successPolicy rule {i} succeededIndexes is {len(text)} characters; at most "
                              f"{MAX_INDEXES_LENGTH}", on_key=False)
            total, problem = parse_indexes(text, completions)
            if problem:
                yield Finding(rule_path / "succeededIndexes",
                              f'successPolicy rule {i} succeededIndexes "{text}" is invalid: {problem} (write '
                              'increasing indexes or ranges such as "0,2-4")', on_key=False)
                total = None
        number = as_int(count)
        if number is None or not INT32_MIN <= number <= INT32_MAX:
            continue  # wrong type or out of int32: the schema pass reports it
        where = rule_path / "succeededCount"
        if number < 0:
            yield Finding(where, f"successPolicy rule {i} succeededCount is {number}; it must be 0 or greater",
                          on_key=False)
        elif number > completions:
            yield Finding(where, f"successPolicy rule {i} succeededCount is {number} but completions is "
                                 f"{completions}; it cannot be greater", on_key=False)
        elif total is not None and number > total:
            yield Finding(where, f"successPolicy rule {i} succeededCount is {number} but succeededIndexes lists "
                                 f"only {total} indexes", on_key=False)
