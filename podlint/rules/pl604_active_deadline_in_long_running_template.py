"""PL604 active-deadline-in-long-running-template."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_int

RULE = Rule(
    id="PL604",
    name="active-deadline-in-long-running-template",
    severity=Severity.ERROR,
    summary="A Deployment, ReplicaSet, DaemonSet, StatefulSet or ReplicationController pod template "
    "sets activeDeadlineSeconds",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # apps validation.go ValidatePodTemplateSpecForReplicaSet, ValidateDaemonSetSpec,
    # ValidateStatefulSetSpec and core validation.go ValidatePodTemplateSpecForRC: Forbidden
    # "activeDeadlineSeconds in <Kind> is not Supported" whenever the field is set (any value).
    # null counts as unset; a wrong type is the schema pass's.
    if not pod.layout.replicated:
        return
    value = as_int(pod.spec.get("activeDeadlineSeconds"))
    if value is None:
        return
    yield Finding(
        pod.path / "activeDeadlineSeconds",
        f"activeDeadlineSeconds is set ({value}) in a {pod.kind} pod template; a {pod.kind} keeps its "
        "pods running, so the field is not supported there (remove it; use a Job for bounded work)",
    )
