"""PL615 invalid-statefulset-update-strategy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_int, as_str
from podlint.rules._workloads import int_or_percent, workload_spec

RULE = Rule(
    id="PL615",
    name="invalid-statefulset-update-strategy",
    severity=Severity.ERROR,
    summary="A StatefulSet updateStrategy has an unknown type, rollingUpdate with OnDelete, a negative "
    "partition or an invalid maxUnavailable",
)

STRATEGY_TYPES = ("RollingUpdate", "OnDelete")


def check(pod: PodSite) -> Iterator[Finding]:
    # apps validation.go ValidateStatefulSetSpec: type OnDelete with rollingUpdate -> Invalid
    # "only allowed for updateStrategy 'RollingUpdate'"; another type -> Invalid; for
    # RollingUpdate, validateRollingUpdateStatefulSet: partition >= 0, maxUnavailable a valid
    # int or percent, not 0, not above 100%. An empty type is defaulted to RollingUpdate
    # (SetDefaults_StatefulSet), so its Required branch cannot happen. maxUnavailable is
    # dropped unless MaxUnavailableStatefulSet is on (dropStatefulSetDisabledFields).
    if pod.kind != "StatefulSet":
        return
    spec, path = workload_spec(pod)
    strategy = spec.get("updateStrategy")
    if not isinstance(strategy, dict):
        return
    path = path / "updateStrategy"
    kind = as_str(strategy.get("type"))
    if kind is None and strategy.get("type") is not None:
        return  # wrong type
    rolling = strategy.get("rollingUpdate")
    if kind == "OnDelete":
        if rolling is not None:
            yield Finding(path / "rollingUpdate",
                          'updateStrategy rollingUpdate is set but the type is "OnDelete"; rollingUpdate is only '
                          'allowed with type "RollingUpdate"')
        return
    if kind and kind not in STRATEGY_TYPES:
        hint = next((f' (did you mean "{v}"?)' for v in STRATEGY_TYPES if v.lower() == kind.strip().lower()), "")
        yield Finding(path / "type",
                      f'updateStrategy type is "{kind}"; a StatefulSet supports "RollingUpdate" or "OnDelete"{hint}',
                      on_key=False)
        return
    if not isinstance(rolling, dict):
        return
    path = path / "rollingUpdate"
    partition = as_int(rolling.get("partition"))
    if partition is not None and partition < 0:
        yield Finding(path / "partition", f"rollingUpdate partition is {partition}; it must be 0 or greater",
                      on_key=False)
    if not pod.k8s.gate("MaxUnavailableStatefulSet") or rolling.get("maxUnavailable") is None:
        return
    value = int_or_percent(rolling.get("maxUnavailable"))
    if value is None:
        return
    problem = value.problem()
    if problem:
        yield Finding(path / "maxUnavailable", f"maxUnavailable is {value.shown}; {problem}", on_key=False)
    elif value.value == 0:
        yield Finding(path / "maxUnavailable",
                      f"maxUnavailable is {value.shown}; it cannot be 0 (leave it out for the default 1)",
                      on_key=False)
    elif value.above_100_percent:
        yield Finding(path / "maxUnavailable", f"maxUnavailable is {value.shown}; it must not be greater than 100%",
                      on_key=False)
