"""PL211 pod-failure-policy-with-on-failure."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule

RULE = Rule(
    id="PL211",
    name="pod-failure-policy-with-on-failure",
    severity=Severity.ERROR,
    summary="A Job with podFailurePolicy uses restartPolicy OnFailure (only Never is allowed)",
    min_version=26,  # JobPodFailurePolicy: alpha (off, field dropped) in 1.25, on from 1.26
)


def check(pod: PodSite) -> Iterator[Finding]:
    # batch validation.go validateJobSpec: Invalid 'only "Never" is supported when
    # podFailurePolicy is specified'. Reached only for a restartPolicy that is otherwise
    # valid for a Job, i.e. OnFailure (the other values are PL210).
    if not pod.is_job or not pod.k8s.gate("JobPodFailurePolicy"):
        return
    if not isinstance((pod.controller or {}).get("podFailurePolicy"), dict):
        return
    if pod.spec.get("restartPolicy") == "OnFailure":
        yield Finding(
            pod.path / "restartPolicy",
            'restartPolicy is "OnFailure" but the Job sets podFailurePolicy; only "Never" is supported '
            "with podFailurePolicy",
        )
