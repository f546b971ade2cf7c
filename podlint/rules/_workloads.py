"""Shared pieces of the workload rules (PL6xx): not a rule (leading underscore).

intOrPercent values as apps validation.go reads them, label-selector matching as
k8s.io/apimachinery/pkg/labels evaluates a metav1.LabelSelector, and the labels the Job
strategy generates on a Job's pod template.
"""

from __future__ import annotations

from typing import Any, Iterator, NamedTuple, Optional

from podlint.diagnostics import Finding
from podlint.model import PodSite, as_dict, as_int, as_list, as_str
from podlint.paths import FieldPath
from podlint.rules._selectors import label_selector_findings
from podlint import lazyre

_PERCENT = lazyre.compile(r"[0-9]+%\Z")  # validation.IsValidPercent
_GO_ATOI = lazyre.compile(r"[+-]?[0-9]+\Z")  # what strconv.Atoi accepts


def workload_spec(pod: PodSite) -> tuple[dict, FieldPath]:
    """The object's own spec and its path (the CronJob's spec, not the job template's)."""
    return as_dict(pod.obj.get("spec")), pod.object_path / "spec"


def rolling_update(pod: PodSite, kind: str, strategy_key: str) -> Optional[tuple[dict, FieldPath]]:
    """The rollingUpdate mapping a workload's strategy validates, and its path.

    None when the object is not of `kind`, the strategy is absent (defaulted), is another
    type (Recreate/OnDelete or an unsupported one, reported elsewhere) or is mistyped
    (the schema pass's). An absent rollingUpdate is {}: its values are defaulted.
    """
    if pod.kind != kind:
        return None
    spec, path = workload_spec(pod)
    strategy = spec.get(strategy_key)
    if not isinstance(strategy, dict):
        return None
    if as_str(strategy.get("type")) not in (None, "", "RollingUpdate"):
        return None
    rolling = strategy.get("rollingUpdate")
    if rolling is not None and not isinstance(rolling, dict):
        return None
    return as_dict(rolling), path / strategy_key / "rollingUpdate"


def go_atoi(text: str) -> Optional[int]:
    """strconv.Atoi: an optional sign and decimal digits, else None."""
    # more than 20 characters is out of int64's range, as Atoi says (and beyond Python's
    # int conversion limit for the absurdly long)
    return int(text) if _GO_ATOI.match(text) and len(text) <= 20 else None


class IntOrPercent(NamedTuple):
    """An intstr.IntOrString as ValidatePositiveIntOrPercent and getIntOrPercentValue see it."""

    raw: Any  # int or str (other types never reach here)

    @property
    def is_percent(self) -> bool:
        return isinstance(self.raw, str) and bool(_PERCENT.match(self.raw))

    @property
    def value(self) -> int:
        """getIntOrPercentValue: the percent number, the int, or Atoi of a string (0 on error)."""
        if isinstance(self.raw, str):
            if self.is_percent:
                return int(self.raw[:-1]) if len(self.raw) <= 21 else 2**63
            return go_atoi(self.raw) or 0
        return self.raw

    @property
    def shown(self) -> str:
        return f'"{self.raw}"' if isinstance(self.raw, str) else str(self.raw)

    def problem(self) -> str:
        """ValidatePositiveIntOrPercent: what is wrong with the value, or ""."""
        if isinstance(self.raw, str):
            if not self.is_percent:
                return "a string must be a percentage such as \"25%\" (digits followed by '%')"
            return ""
        return "it must not be negative" if self.raw < 0 else ""

    @property
    def above_100_percent(self) -> bool:
        """IsNotMoreThan100Percent fails (only percentages are compared)."""
        return self.is_percent and self.value > 100


def int_or_percent(value: Any) -> Optional[IntOrPercent]:
    """An IntOrPercent for an int or string; None for absent or wrong-typed values."""
    if isinstance(value, str):
        return IntOrPercent(value)
    number = as_int(value)
    return IntOrPercent(number) if number is not None else None


def negative_fields(spec: dict, path: FieldPath, names: tuple[str, ...], owner: str) -> Iterator[Finding]:
    """ValidateNonnegativeField for each named integer field that is set."""
    for name in names:
        value = as_int(spec.get(name))
        if value is not None and value < 0:
            yield Finding(path / name, f"{owner} {name} is {value}; it must be 0 or greater", on_key=False)


# ---- label selectors -------------------------------------------------------------

class Requirement(NamedTuple):
    key: str
    operator: str  # "=", "In", "NotIn", "Exists", "DoesNotExist"
    values: tuple[str, ...]

    def matches(self, labels: dict) -> bool:
        has = self.key in labels
        if self.operator in ("=", "In"):
            return has and labels[self.key] in self.values
        if self.operator == "NotIn":
            return not has or labels[self.key] not in self.values
        if self.operator == "Exists":
            return has
        return not has  # DoesNotExist

    def explain(self, labels: dict) -> str:
        """Why `labels` fail this requirement, in the user's words."""
        if self.operator in ("=", "In"):
            wanted = " or ".join(f'"{v}"' for v in self.values)
            if self.key not in labels:
                return f'the template has no label "{self.key}" (the selector wants {wanted})'
            return f'the template label "{self.key}" is "{labels[self.key]}" but the selector wants {wanted}'
        if self.operator == "NotIn":
            return f'the template label "{self.key}" is "{labels[self.key]}", which the selector excludes'
        if self.operator == "Exists":
            return f'the template has no label "{self.key}", which the selector requires'
        return f'the template has the label "{self.key}", which the selector requires to be absent'


def parse_selector(selector: Any) -> Optional[list[Requirement]]:
    """metav1.LabelSelectorAsSelector: the requirements, or None when it cannot be built.

    None for a selector of the wrong shape or one ValidateLabelSelector rejects (the API
    server then reports the selector itself, not the template labels).
    """
    if not isinstance(selector, dict):
        return None
    if any(True for _ in label_selector_findings(selector, FieldPath())):
        return None
    requirements = []
    match_labels = selector.get("matchLabels")
    if match_labels is not None and not isinstance(match_labels, dict):
        return None
    for key, value in as_dict(match_labels).items():
        if not isinstance(key, str) or not isinstance(value, str):
            return None
        requirements.append(Requirement(key, "=", (value,)))
    expressions = selector.get("matchExpressions")
    if expressions is not None and not isinstance(expressions, list):
        return None
    for expr in as_list(expressions):
        key, operator = as_str(as_dict(expr).get("key")), as_str(as_dict(expr).get("operator"))
        values = as_list(as_dict(expr).get("values"))
        if key is None or operator is None or not all(isinstance(v, str) for v in values):
            return None
        requirements.append(Requirement(key, operator, tuple(values)))
    return requirements


def is_empty_selector(selector: dict) -> bool:
    """len(matchLabels) + len(matchExpressions) == 0 (False when either has the wrong type)."""
    labels, expressions = selector.get("matchLabels"), selector.get("matchExpressions")
    return labels in (None, {}) and expressions in (None, [])


def first_mismatch(requirements: list[Requirement], labels: dict) -> Optional[Requirement]:
    return next((r for r in requirements if not r.matches(labels)), None)


def string_labels(labels: Any) -> Optional[dict]:
    """Template labels as a str->str dict; None when any entry has the wrong type."""
    if labels is None:
        return {}
    if not isinstance(labels, dict):
        return None
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in labels.items()):
        return None
    return labels


def template_labels_path(pod: PodSite) -> FieldPath:
    """spec.template.metadata.labels (the engine falls back to the nearest existing parent)."""
    return pod.path.parent / "metadata" / "labels"


# ---- Job selector generation (pkg/registry/batch/job/strategy.go generateSelector) ----

class _Uid(str):
    """The Job's UID: assigned by the API server, so equal to no value a manifest can hold."""

    def __eq__(self, other: object) -> bool:
        return other is self

    def __hash__(self) -> int:
        return id(self)


JOB_UID = _Uid("<uid assigned by the API server>")
LEGACY_JOB_LABELS = ("controller-uid", "job-name")
PREFIXED_JOB_LABELS = ("batch.kubernetes.io/controller-uid", "batch.kubernetes.io/job-name")


def job_label_keys(pod: PodSite) -> tuple[str, ...]:
    """The labels the Job strategy adds: the legacy ones, plus batch.kubernetes.io/ ones since 1.27."""
    return LEGACY_JOB_LABELS + (PREFIXED_JOB_LABELS if pod.k8s.at_least(27) else ())


def job_expected_labels(pod: PodSite, name: str) -> dict:
    """The labels validateGeneratedSelector expects a generated selector to select."""
    out = {}
    for key in job_label_keys(pod):
        out[key] = JOB_UID if key.endswith("controller-uid") else name
    return out


def manual_selector(spec: dict) -> bool:
    return spec.get("manualSelector") is True


def job_spec(pod: PodSite) -> Optional[tuple[dict, FieldPath]]:
    """The Job spec (a CronJob's job template spec) and its path; None for other kinds."""
    if not pod.is_job or not isinstance(pod.controller, dict) or pod.controller_path is None:
        return None
    return pod.controller, pod.controller_path


def is_indexed(spec: dict) -> bool:
    """completionMode Indexed (absent means NonIndexed)."""
    return spec.get("completionMode") == "Indexed"


def job_owner(pod: PodSite) -> str:
    """How messages name the Job: "Job" or "CronJob job template"."""
    if pod.kind in ("Job", "CronJob"):
        return "Job" if pod.kind == "Job" else "CronJob job template"
    return f"{pod.kind} job template"  # a custom resource that makes Jobs (KEDA's ScaledJob)
