"""PL634 cronjob-name-too-long."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str

RULE = Rule(
    id="PL634",
    name="cronjob-name-too-long",
    severity=Severity.ERROR,
    summary="A CronJob name is longer than 52 characters",
)

MAX_LENGTH = 52  # DNS1035LabelMaxLength (63) - 11: the controller appends "-<timestamp>"


def check(pod: PodSite) -> Iterator[Finding]:
    # batch validation.go ValidateCronJobCreate: Invalid "must be no more than 52 characters"
    # (create only: updates of older, longer-named CronJobs are allowed). Names that are not
    # DNS subdomains at all are PL702's.
    if pod.kind != "CronJob":
        return
    name = as_str(pod.metadata.get("name"))
    if not name or len(name) <= MAX_LENGTH or formats.dns1123_subdomain(name):
        return
    yield Finding(
        pod.object_path / "metadata" / "name",
        f'CronJob name "{name}" is {len(name)} characters long; it must be at most {MAX_LENGTH}, because each '
        "Job it creates is named <name>-<11-character suffix> and Job names are limited to 63",
        on_key=False,
    )
