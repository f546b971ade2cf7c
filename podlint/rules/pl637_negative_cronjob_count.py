"""PL637 negative-cronjob-count."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._workloads import negative_fields, workload_spec

RULE = Rule(
    id="PL637",
    name="negative-cronjob-count",
    severity=Severity.ERROR,
    summary="A CronJob startingDeadlineSeconds, successfulJobsHistoryLimit or failedJobsHistoryLimit is negative",
)

FIELDS = ("startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit")


def check(pod: PodSite) -> Iterator[Finding]:
    # batch validation.go validateCronJobSpec: ValidateNonnegativeField on each field that is
    # set (0 is valid: keep no finished Jobs)
    if pod.kind != "CronJob":
        return
    spec, path = workload_spec(pod)
    yield from negative_fields(spec, path, FIELDS, "CronJob")
