"""PL635 invalid-cron-schedule."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._cron import parse_standard, zone_exists
from podlint.rules._workloads import workload_spec

RULE = Rule(
    id="PL635",
    name="invalid-cron-schedule",
    severity=Severity.ERROR,
    summary="A CronJob schedule is empty, not a 5-field cron expression or @-descriptor, or carries TZ=/CRON_TZ=",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # batch validation.go validateCronJobSpec: empty -> Required (an absent schedule is PL012);
    # validateScheduleFormat: cron.ParseStandard (robfig/cron v3) must accept it, and on create
    # a schedule containing "TZ" is Invalid "cannot use TZ or CRON_TZ in schedule, use timeZone
    # field instead" since 1.27; on 1.25-1.26 only together with spec.timeZone ("cannot use both
    # timeZone field and TZ or CRON_TZ in schedule").
    if pod.kind != "CronJob":
        return
    spec, path = workload_spec(pod)
    schedule = spec.get("schedule")
    if not isinstance(schedule, str):
        return
    path = path / "schedule"
    if schedule == "":
        yield Finding(path, 'schedule is empty; write a cron expression such as "*/5 * * * *" or "@hourly"',
                      on_key=False)
        return
    if "TZ" in schedule:
        if pod.k8s.at_least(27):
            yield Finding(path, f'schedule "{schedule}" contains "TZ"; TZ= and CRON_TZ= prefixes are not allowed, '
                                "set spec.timeZone instead", on_key=False)
            return
        if spec.get("timeZone") is not None:
            yield Finding(path, f'schedule "{schedule}" contains "TZ" and spec.timeZone is set; use only '
                                "spec.timeZone", on_key=False)
            return
    problem = parse_standard(schedule, zone_exists)
    if problem:
        yield Finding(path, f'schedule "{schedule}" is not a valid cron schedule: {problem}', on_key=False)
