"""PL632 job-name-too-long."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._workloads import job_spec, manual_selector

RULE = Rule(
    id="PL632",
    name="job-name-too-long",
    severity=Severity.ERROR,
    summary="A Job name is longer than 63 characters, too long for the job-name label of its pods",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # A Job name may be a 253-character DNS subdomain, but without manualSelector the job
    # strategy (generateSelector) copies it into the pod template labels job-name and
    # batch.kubernetes.io/job-name, and ValidatePodTemplateSpec -> ValidateLabels rejects a
    # label value above 63: "spec.template.labels: Invalid value: ...: must be no more than 63
    # characters". Names that are not DNS subdomains are PL702's.
    if pod.kind != "Job":
        return
    found = job_spec(pod)
    name = as_str(pod.metadata.get("name"))
    if found is None or not name or len(name) <= formats.LABEL_VALUE_MAX or formats.dns1123_subdomain(name):
        return
    if manual_selector(found[0]):
        return
    yield Finding(
        pod.object_path / "metadata" / "name",
        f'Job name "{name}" is {len(name)} characters long; the Job copies it into the "job-name" label of its '
        f"pods, and label values are at most {formats.LABEL_VALUE_MAX} characters",
        on_key=False,
    )
