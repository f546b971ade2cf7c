"""PL638 invalid-concurrency-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._workloads import workload_spec

RULE = Rule(
    id="PL638",
    name="invalid-concurrency-policy",
    severity=Severity.ERROR,
    summary="A CronJob concurrencyPolicy is not Allow, Forbid or Replace",
)

POLICIES = ("Allow", "Forbid", "Replace")


def check(pod: PodSite) -> Iterator[Finding]:
    # batch validation.go validateConcurrencyPolicy: NotSupported unless Allow, Forbid or
    # Replace. batch/v1 SetDefaults_CronJob turns an empty value into Allow, so the Required
    # branch cannot happen.
    if pod.kind != "CronJob":
        return
    spec, path = workload_spec(pod)
    value = as_str(spec.get("concurrencyPolicy"))
    if not value or value in POLICIES:
        return
    hint = next((f' (did you mean "{v}"?)' for v in POLICIES if v.lower() == value.strip().lower()), "")
    yield Finding(
        path / "concurrencyPolicy",
        f'concurrencyPolicy is "{value}"; it must be "Allow", "Forbid" or "Replace"{hint}',
        on_key=False,
    )
