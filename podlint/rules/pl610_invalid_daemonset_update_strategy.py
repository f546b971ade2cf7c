"""PL610 invalid-daemonset-update-strategy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._workloads import workload_spec

RULE = Rule(
    id="PL610",
    name="invalid-daemonset-update-strategy",
    severity=Severity.ERROR,
    summary="A DaemonSet updateStrategy type is not RollingUpdate or OnDelete",
)

STRATEGY_TYPES = ("RollingUpdate", "OnDelete")


def check(pod: PodSite) -> Iterator[Finding]:
    # apps validation.go ValidateDaemonSetUpdateStrategy: NotSupported unless RollingUpdate or
    # OnDelete. apps/v1 SetDefaults_DaemonSet turns an empty type into RollingUpdate and fills
    # rollingUpdate, so "RollingUpdate without rollingUpdate" (Required) cannot happen.
    if pod.kind != "DaemonSet":
        return
    spec, path = workload_spec(pod)
    strategy = spec.get("updateStrategy")
    if not isinstance(strategy, dict):
        return
    kind = as_str(strategy.get("type"))
    if not kind or kind in STRATEGY_TYPES:
        return
    hint = next((f' (did you mean "{v}"?)' for v in STRATEGY_TYPES if v.lower() == kind.strip().lower()), "")
    yield Finding(
        path / "updateStrategy" / "type",
        f'updateStrategy type is "{kind}"; a DaemonSet supports "RollingUpdate" or "OnDelete"{hint}',
        on_key=False,
    )
