"""PL602 selector-does-not-match-template."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._workloads import (
    JOB_UID,
    first_mismatch,
    job_label_keys,
    manual_selector,
    parse_selector,
    string_labels,
    template_labels_path,
    workload_spec,
)

RULE = Rule(
    id="PL602",
    name="selector-does-not-match-template",
    severity=Severity.ERROR,
    summary="A workload's selector does not select its own pod template's labels",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # apps validation.go ValidatePodTemplateSpecForReplicaSet (Deployment, ReplicaSet),
    # ValidatePodTemplateSpecForStatefulSet, ValidateDaemonSetSpec and batch validation.go
    # ValidateJobSpec: Invalid "`selector` does not match template `labels`" at
    # spec.template.metadata.labels. An empty selector matches everything (PL601 reports it);
    # a malformed one is not compared (PL601). An absent selector is PL012 (for a DaemonSet
    # the API server reports it as this mismatch). ReplicationController: PL619.
    if not pod.layout.label_selector:
        return
    spec, _ = workload_spec(pod)
    requirements = parse_selector(spec.get("selector"))
    if not requirements:
        return
    labels = string_labels((pod.template_metadata or {}).get("labels"))
    if labels is None:
        return  # wrong-typed labels: the schema pass reports them
    if pod.kind == "Job" and not manual_selector(spec):
        # job strategy generateSelector: adds the job-name/controller-uid labels the
        # template lacks, and a controller-uid requirement to the selector
        labels = dict(labels)
        for key in job_label_keys(pod):
            labels.setdefault(key, JOB_UID if key.endswith("controller-uid") else (pod.name or ""))
    failed = first_mismatch(requirements, labels)
    if failed is None:
        return
    yield Finding(
        template_labels_path(pod),
        f"the {pod.kind} selector does not match its pod template: {failed.explain(labels)}",
    )
