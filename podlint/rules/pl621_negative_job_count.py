"""PL621 negative-job-count."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._workloads import job_owner, job_spec, negative_fields

RULE = Rule(
    id="PL621",
    name="negative-job-count",
    severity=Severity.ERROR,
    summary="A Job's parallelism, completions, activeDeadlineSeconds, backoffLimit, ttlSecondsAfterFinished, "
    "backoffLimitPerIndex or maxFailedIndexes is negative",
)

FIELDS = ("parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished")
PER_INDEX_FIELDS = ("backoffLimitPerIndex", "maxFailedIndexes")


def check(pod: PodSite) -> Iterator[Finding]:
    # batch validation.go validateJobSpec (Job and CronJob job template): ValidateNonnegativeField
    # on each field that is set; 0 is valid (unlike the pod's own activeDeadlineSeconds). The
    # per-index fields are dropped unless JobBackoffLimitPerIndex is on (1.29+).
    found = job_spec(pod)
    if found is None:
        return
    spec, path = found
    names = FIELDS + (PER_INDEX_FIELDS if pod.k8s.gate("JobBackoffLimitPerIndex") else ())
    yield from negative_fields(spec, path, names, job_owner(pod))
