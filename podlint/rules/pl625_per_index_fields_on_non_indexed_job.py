"""PL625 per-index-fields-on-non-indexed-job."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_int
from podlint.rules._workloads import job_owner, job_spec

RULE = Rule(
    id="PL625",
    name="per-index-fields-on-non-indexed-job",
    severity=Severity.ERROR,
    summary="A NonIndexed Job sets backoffLimitPerIndex or maxFailedIndexes",
    min_version=29,  # JobBackoffLimitPerIndex: alpha (off, fields dropped) in 1.28, beta-on 1.29, GA 1.33
)


def check(pod: PodSite) -> Iterator[Finding]:
    # batch validation.go validateJobSpec: completionMode nil or NonIndexed with
    # backoffLimitPerIndex / maxFailedIndexes -> Invalid "requires indexed completion mode".
    # An unknown completionMode is PL623.
    found = job_spec(pod)
    if found is None or not pod.k8s.gate("JobBackoffLimitPerIndex"):
        return
    spec, path = found
    if spec.get("completionMode") not in (None, "NonIndexed"):
        return
    for name in ("backoffLimitPerIndex", "maxFailedIndexes"):
        if as_int(spec.get(name)) is not None:
            yield Finding(path / name,
                          f"{job_owner(pod)} sets {name} but is not Indexed; {name} requires "
                          "completionMode: Indexed")
