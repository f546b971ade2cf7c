"""PL209 workload-restart-policy-not-always."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str

RULE = Rule(
    id="PL209",
    name="workload-restart-policy-not-always",
    severity=Severity.ERROR,
    summary="A Deployment, ReplicaSet, DaemonSet, StatefulSet or ReplicationController pod template "
    "sets restartPolicy other than Always",
)

def check(pod: PodSite) -> Iterator[Finding]:
    # apps validation.go ValidatePodTemplateSpecForReplicaSet (Deployment, ReplicaSet),
    # ValidateDaemonSetSpec, ValidateStatefulSetSpec and core validation.go
    # ValidatePodTemplateSpecForRC: NotSupported unless "Always". Runs after defaulting,
    # so an omitted (or empty) restartPolicy is fine. StatefulSet checks this one at create
    # although it skips the rest of the pod template (PL618).
    if not pod.layout.replicated:  # Jobs are PL210, Pod and PodTemplate are free
        return
    value = as_str(pod.spec.get("restartPolicy"))
    if not value or value == "Always":
        return
    yield Finding(
        pod.path / "restartPolicy",
        f'restartPolicy is "{value}"; a {pod.kind} only supports "Always" (or leave it out: it defaults to Always)',
    )
