"""Label selector validation (metav1 LabelSelector), shared by every rule that checks one.

Not a rule (leading underscore). `label_selector_findings(selector, path)` yields what
k8s.io/apimachinery/pkg/apis/meta/v1/validation ValidateLabelSelector rejects; pod spread
constraints and affinity terms (PL547) and the workload selectors use it.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding
from podlint.model import as_dict, as_list, as_str
from podlint.paths import FieldPath

SET_OPERATORS = ("In", "NotIn")
EXISTS_OPERATORS = ("Exists", "DoesNotExist")


def label_key_problem(key: str) -> str:
    """Why `key` is not a label key (IsQualifiedName), or "" if it is one."""
    if key == "":
        return "it must not be empty"
    problems = formats.qualified_name(key)
    return "; ".join(problems)


def label_value_problem(value: str) -> str:
    """Why `value` is not a label value (IsValidLabelValue), or "" if it is one."""
    return "; ".join(formats.label_value(value))


def label_map_findings(labels: dict, path: FieldPath, key_says: Callable[[str, str], str],
                       value_says: Callable[[Any, str, str], str]) -> Iterator[Finding]:
    """Each key of a label map that is no label key, and each value that is no label value;
    `key_says(key, problem)` and `value_says(key, value, problem)` word the findings."""
    for key, value in labels.items():
        at = path / key
        if isinstance(key, str):
            problem = label_key_problem(key)
            if problem:
                yield Finding(at, key_says(key, problem))
        text = as_str(value)
        if text is not None:
            problem = label_value_problem(text)
            if problem:
                yield Finding(at, value_says(key, text, problem), on_key=False)


def label_selector_findings(selector: Any, path: FieldPath, *, what: str = "labelSelector",
                            allow_invalid_values: bool = False) -> Iterator[Finding]:
    """Findings for one label selector at `path`; silent on wrong types (the schema pass's job).

    validation.go ValidateLabelSelector: matchLabels keys are qualified names and values
    label values; each matchExpressions entry: In/NotIn need values (Required),
    Exists/DoesNotExist forbid them (Forbidden), any other operator is Invalid, the key is a
    qualified name and (unless allow_invalid_values) each value a label value.
    `what` names the selector in messages (e.g. "pod anti-affinity labelSelector").
    """
    if not isinstance(selector, dict):
        return
    yield from label_map_findings(
        as_dict(selector.get("matchLabels")), path / "matchLabels",
        lambda key, problem: f'{what} matchLabels key "{key}" is not a valid label key: {problem}',
        lambda key, text, problem: f'{what} matchLabels value "{text}" for "{key}" is not a valid '
                                   f"label value: {problem}")
    for i, expr in enumerate(as_list(selector.get("matchExpressions"))):
        if not isinstance(expr, dict):
            continue
        yield from _requirement_findings(expr, path / "matchExpressions" / i, what, allow_invalid_values)


def _requirement_findings(expr: dict, path: FieldPath, what: str,
                          allow_invalid_values: bool) -> Iterator[Finding]:
    operator = expr.get("operator")
    values = expr.get("values")
    value_list = as_list(values)
    label = f"{what} matchExpressions[{path[-1]}]"
    if isinstance(operator, str):
        if operator in SET_OPERATORS:
            if not value_list and not (values is not None and not isinstance(values, list)):
                yield Finding(path / "values" if "values" in expr else path / "operator",
                              f'{label} uses operator "{operator}" without values; In and NotIn need at least one value')
        elif operator in EXISTS_OPERATORS:
            if value_list:
                yield Finding(path / "values", f'{label} uses operator "{operator}" with values; '
                                               "Exists and DoesNotExist take no values")
        else:
            yield Finding(path / "operator", f'{label} operator "{operator}" is not a valid selector operator; '
                                             "use In, NotIn, Exists or DoesNotExist", on_key=False)
    key = as_str(expr.get("key"))
    if key is not None:
        problem = label_key_problem(key)
        if problem:
            yield Finding(path / "key", f'{label} key "{key}" is not a valid label key: {problem}', on_key=False)
    if not allow_invalid_values:
        for j, value in enumerate(value_list):
            text = as_str(value)
            if text is None:
                continue
            problem = label_value_problem(text)
            if problem:
                yield Finding(path / "values" / j, f'{label} value "{text}" is not a valid label value: {problem}',
                              on_key=False)
