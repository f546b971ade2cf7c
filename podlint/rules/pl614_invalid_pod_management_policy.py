"""PL614 invalid-pod-management-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._workloads import workload_spec

RULE = Rule(
    id="PL614",
    name="invalid-pod-management-policy",
    severity=Severity.ERROR,
    summary="A StatefulSet podManagementPolicy is not OrderedReady or Parallel",
)

POLICIES = ("OrderedReady", "Parallel")


def check(pod: PodSite) -> Iterator[Finding]:
    # apps validation.go ValidateStatefulSetSpec: Invalid "must be 'OrderedReady' or 'Parallel'".
    # An empty value is defaulted to OrderedReady (SetDefaults_StatefulSet), so the Required
    # branch cannot happen.
    if pod.kind != "StatefulSet":
        return
    spec, path = workload_spec(pod)
    value = as_str(spec.get("podManagementPolicy"))
    if not value or value in POLICIES:
        return
    hint = next((f' (did you mean "{v}"?)' for v in POLICIES if v.lower() == value.strip().lower()), "")
    yield Finding(
        path / "podManagementPolicy",
        f'podManagementPolicy is "{value}"; it must be "OrderedReady" or "Parallel"{hint}',
        on_key=False,
    )
