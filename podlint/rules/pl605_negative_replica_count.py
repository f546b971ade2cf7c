"""PL605 negative-replica-count."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._workloads import negative_fields, workload_spec

RULE = Rule(
    id="PL605",
    name="negative-replica-count",
    severity=Severity.ERROR,
    summary="A workload's replicas, minReadySeconds or revisionHistoryLimit is negative",
)

# Which counts each validator checks (ValidateNonnegativeField). StatefulSet does not
# validate revisionHistoryLimit, ReplicaSet and ReplicationController have none.
FIELDS = {
    "Deployment": ("replicas", "minReadySeconds", "revisionHistoryLimit"),
    "ReplicaSet": ("replicas", "minReadySeconds"),
    "DaemonSet": ("minReadySeconds", "revisionHistoryLimit"),
    "StatefulSet": ("replicas", "minReadySeconds"),
    "ReplicationController": ("replicas", "minReadySeconds"),
}


def check(pod: PodSite) -> Iterator[Finding]:
    # apps validation.go ValidateDeploymentSpec, ValidateReplicaSetSpec, ValidateDaemonSetSpec,
    # ValidateStatefulSetSpec; core validation.go ValidateReplicationControllerSpec:
    # Invalid "must be greater than or equal to 0"
    names = FIELDS.get(pod.kind)
    if names is None:
        return
    spec, path = workload_spec(pod)
    yield from negative_fields(spec, path, names, pod.kind)
