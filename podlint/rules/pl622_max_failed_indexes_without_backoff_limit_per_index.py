"""PL622 max-failed-indexes-without-backoff-limit-per-index."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_int
from podlint.rules._workloads import job_owner, job_spec

RULE = Rule(
    id="PL622",
    name="max-failed-indexes-without-backoff-limit-per-index",
    severity=Severity.ERROR,
    summary="A Job sets maxFailedIndexes without backoffLimitPerIndex",
    min_version=29,  # JobBackoffLimitPerIndex: alpha (off, fields dropped) in 1.28, beta-on 1.29, GA 1.33
)


def check(pod: PodSite) -> Iterator[Finding]:
    # batch validation.go validateJobSpec: Required at spec.backoffLimitPerIndex "when
    # maxFailedIndexes is specified". Reported at maxFailedIndexes, the line that exists.
    found = job_spec(pod)
    if found is None or not pod.k8s.gate("JobBackoffLimitPerIndex"):
        return
    spec, path = found
    if as_int(spec.get("maxFailedIndexes")) is None or spec.get("backoffLimitPerIndex") is not None:
        return
    yield Finding(
        path / "maxFailedIndexes",
        f"{job_owner(pod)} sets maxFailedIndexes without backoffLimitPerIndex; maxFailedIndexes only "
        "works with a per-index backoff limit, so set backoffLimitPerIndex too",
    )
