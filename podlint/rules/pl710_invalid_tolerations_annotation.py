"""PL710 invalid-tolerations-annotation."""

from __future__ import annotations

import json
from typing import Any, Iterator, Optional

from podlint.diagnostics import Finding, Severity
from podlint.rules._formats import label_value, qualified_name
from podlint.model import PodSite, Rule
from podlint.rules._metadata import TOLERATIONS_KEY, pod_meta, shorten

RULE = Rule(
    id="PL710",
    name="invalid-tolerations-annotation",
    severity=Severity.ERROR,
    summary="The scheduler.alpha.kubernetes.io/tolerations annotation is not a valid toleration list",
)

_STRING_FIELDS = ("key", "operator", "value", "effect")
_INT64 = (-(2**63), 2**63 - 1)
_EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")


class _DecodeError(ValueError):
    pass


def _reject_constant(name: str) -> Any:
    raise _DecodeError(f"invalid character in JSON ({name})")


def _decode(text: str) -> list[dict]:
    """json.Unmarshal into []core.Toleration: field names case-insensitive, unknown ones ignored."""
    data = json.loads(text, object_pairs_hook=list, parse_constant=_reject_constant)
    if data is None:
        return []
    if not isinstance(data, list):
        raise _DecodeError("it must be a JSON list of tolerations")
    tolerations = []
    for i, item in enumerate(data):
        if item is None:
            tolerations.append({})
            continue
        if not isinstance(item, list):  # an object arrives as a list of pairs
            raise _DecodeError(f"item {i} must be a JSON object")
        toleration: dict = {}
        for name, value in item:
            field = next((f for f in (*_STRING_FIELDS, "tolerationSeconds") if f.lower() == name.lower()), None)
            if field is None or value is None:
                continue  # unknown fields are ignored; null leaves the zero value
            if field == "tolerationSeconds":
                if isinstance(value, bool) or not isinstance(value, int) or not _INT64[0] <= value <= _INT64[1]:
                    raise _DecodeError(f"item {i}: tolerationSeconds must be a 64-bit integer")
            elif not isinstance(value, str):
                raise _DecodeError(f"item {i}: {field} must be a string")
            toleration[field] = value
        tolerations.append(toleration)
    return tolerations


def _problems(t: dict) -> Iterator[str]:
    """validation.go ValidateTolerations (PL530-PL534) on one decoded toleration."""
    key, operator = t.get("key", ""), t.get("operator", "")
    value, effect = t.get("value", ""), t.get("effect", "")
    if key:
        for problem in qualified_name(key):
            yield f'key "{key}": {problem}'
    if not key and operator != "Exists":
        yield 'operator must be "Exists" when key is empty'
    if "tolerationSeconds" in t and effect != "NoExecute":
        yield 'effect must be "NoExecute" when tolerationSeconds is set'
    if operator in ("Equal", ""):
        for problem in label_value(value):
            yield f'value "{value}" {problem}'
    elif operator == "Exists":
        if value:
            yield 'value must be empty when operator is "Exists"'
    else:
        yield f'operator "{operator}" is not supported (supported: "Equal", "Exists")'
    if effect and effect not in _EFFECTS:
        yield f'effect "{effect}" is not supported (supported: "NoSchedule", "PreferNoSchedule", "NoExecute")'


def _check_text(text: str) -> Optional[str]:
    try:
        tolerations = _decode(text)
    except (ValueError, RecursionError) as err:  # json.JSONDecodeError is a ValueError
        return f"it is not a JSON list of tolerations ({err})"
    for i, toleration in enumerate(tolerations):
        problems = list(_problems(toleration))
        if problems:
            return f"toleration {i}: " + "; ".join(problems)
    return None


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidatePodSpecificAnnotations -> ValidateTolerationsInPodAnnotations
    # (only for a non-empty value): helper.GetTolerationsFromPodAnnotations (json.Unmarshal)
    # then ValidateTolerations; on Pods and pod templates
    meta = pod_meta(pod)
    text = meta.annotation(TOLERATIONS_KEY) if meta else None
    if not text:
        return
    problem = _check_text(text)
    if problem:
        yield Finding(meta.path / "annotations" / TOLERATIONS_KEY,
                      f'the "{TOLERATIONS_KEY}" annotation is invalid: {shorten(problem, 200)}; '
                      "prefer the spec.tolerations field", on_key=False)
