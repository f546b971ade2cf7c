"""PL636 invalid-cronjob-time-zone."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._cron import zone_exists
from podlint.rules._workloads import workload_spec
from podlint import lazyre

RULE = Rule(
    id="PL636",
    name="invalid-cronjob-time-zone",
    severity=Severity.ERROR,
    summary="A CronJob timeZone is empty, malformed, Local, or not in the IANA time zone database",
)

# validation.go validTimeZoneCharacters: one '/'-separated component
_COMPONENT = lazyre.compile(r"[A-Za-z.\-_0-9+]{1,14}\Z")


def check(pod: PodSite) -> Iterator[Finding]:
    # batch validation.go validateTimeZone: "" -> Invalid "timeZone must be nil or non-empty
    # string"; a component that is '.', '..', starts with '-' or is not 1-14 of
    # [A-Za-z0-9.-_+] -> Invalid "unknown time zone"; "Local" (any case) -> Invalid;
    # time.LoadLocation must find it. CronJobTimeZone is beta-on from 1.25 and GA in 1.27, so
    # this holds on every release podlint supports. The existence check needs a tz database
    # on this machine (zoneinfo); without one only the format rules are checked.
    if pod.kind != "CronJob":
        return
    spec, path = workload_spec(pod)
    zone = spec.get("timeZone")
    if not isinstance(zone, str):
        return
    path = path / "timeZone"
    if zone == "":
        yield Finding(path, 'timeZone is empty; leave it out or name a zone such as "Etc/UTC"', on_key=False)
        return
    for part in zone.split("/"):
        if part in (".", "..") or part.startswith("-") or not _COMPONENT.match(part):
            yield Finding(path, f'timeZone "{zone}" is not a time zone name: each part between "/" must be 1-14 '
                                'letters, digits, ".", "-", "_" or "+" (e.g. "Europe/Berlin")', on_key=False)
            return
    if zone.lower() == "local":
        yield Finding(path, f'timeZone "{zone}" is not allowed; name an explicit IANA time zone such as '
                            '"Etc/UTC"', on_key=False)
        return
    if zone_exists(zone) is False:
        yield Finding(path, f'timeZone "{zone}" is not in the IANA time zone database (names are case-sensitive, '
                            'e.g. "America/New_York")', on_key=False)
