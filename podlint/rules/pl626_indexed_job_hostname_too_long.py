"""PL626 indexed-job-hostname-too-long."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_int, as_str
from podlint.rules._workloads import is_indexed, job_spec

RULE = Rule(
    id="PL626",
    name="indexed-job-hostname-too-long",
    severity=Severity.ERROR,
    summary="An Indexed Job's name plus '-<last index>' is not a DNS label, so its pods cannot get hostnames",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # batch validation.go ValidateJob (Jobs only, not CronJob templates): for an Indexed Job
    # with completions > 0, "<name>-<completions-1>" must be a DNS-1123 label (the pods'
    # hostname) -> Invalid at metadata.name "will not able to create pod with invalid DNS
    # label". Names that are not DNS subdomains at all are PL702's.
    if pod.kind != "Job":
        return
    found = job_spec(pod)
    name = as_str(pod.metadata.get("name"))
    if found is None or not name or formats.dns1123_subdomain(name):
        return
    spec, _ = found
    completions = as_int(spec.get("completions"))
    if not is_indexed(spec) or completions is None or completions <= 0:
        return
    hostname = f"{name}-{completions - 1}"
    if not formats.dns1123_label(hostname):
        return
    why = ("it contains '.'" if "." in hostname
           else f"it is {len(hostname)} characters long (at most {formats.DNS1123_LABEL_MAX})")
    yield Finding(
        pod.object_path / "metadata" / "name",
        f'Indexed Job pods get the hostname "{hostname}" (name-<index>), which is not a DNS label: {why}; '
        "shorten the Job name",
        on_key=False,
    )
