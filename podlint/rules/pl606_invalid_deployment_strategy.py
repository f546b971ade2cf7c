"""PL606 invalid-deployment-strategy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._workloads import workload_spec

RULE = Rule(
    id="PL606",
    name="invalid-deployment-strategy",
    severity=Severity.ERROR,
    summary="A Deployment strategy type is not Recreate or RollingUpdate, or Recreate comes with rollingUpdate",
)

STRATEGY_TYPES = ("Recreate", "RollingUpdate")


def check(pod: PodSite) -> Iterator[Finding]:
    # apps validation.go ValidateDeploymentStrategy: Recreate with rollingUpdate -> Forbidden
    # "may not be specified when strategy `type` is 'Recreate'"; any type but Recreate or
    # RollingUpdate -> NotSupported. apps/v1 SetDefaults_Deployment turns an empty type into
    # RollingUpdate and fills rollingUpdate, so "RollingUpdate without rollingUpdate" (Required)
    # cannot happen.
    if pod.kind != "Deployment":
        return
    spec, path = workload_spec(pod)
    strategy = spec.get("strategy")
    if not isinstance(strategy, dict):
        return
    kind = as_str(strategy.get("type"))
    if kind is None or kind == "":
        return  # defaulted to RollingUpdate
    path = path / "strategy"
    if kind == "Recreate":
        if strategy.get("rollingUpdate") is not None:
            yield Finding(
                path / "rollingUpdate",
                'strategy rollingUpdate is set but the strategy type is "Recreate"; remove rollingUpdate '
                'or use type "RollingUpdate"',
            )
    elif kind not in STRATEGY_TYPES:
        hint = next((f' (did you mean "{v}"?)' for v in STRATEGY_TYPES if v.lower() == kind.strip().lower()), "")
        yield Finding(
            path / "type",
            f'strategy type is "{kind}"; a Deployment supports "Recreate" or "RollingUpdate"{hint}',
            on_key=False,
        )
