"""PL619 invalid-replication-controller."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._workloads import Requirement, first_mismatch, string_labels, template_labels_path, workload_spec

RULE = Rule(
    id="PL619",
    name="invalid-replication-controller",
    severity=Severity.ERROR,
    summary="A ReplicationController has no template, no selector (and no template labels to default it "
    "from), or a selector that does not match its template labels",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # core validation.go ValidateReplicationControllerSpec: ValidateNonEmptySelector (Required),
    # ValidatePodTemplateSpecForRC: template nil -> Required; a non-empty selector must match
    # the template labels (Invalid "`selector` does not match template `labels`").
    # SetDefaults_ReplicationController copies the template labels into an empty selector and
    # sets replicas to 1, so only "selector and template labels both empty" is Required.
    # Negative replicas/minReadySeconds are PL605; restartPolicy and activeDeadlineSeconds
    # PL209 and PL604.
    if pod.kind != "ReplicationController":
        return
    spec, path = workload_spec(pod)
    template = spec.get("template")
    if template is None:
        yield Finding(path / "template",
                      "ReplicationController has no pod template; spec.template is required")
        return
    if not isinstance(template, dict):
        return
    labels = string_labels((pod.template_metadata or {}).get("labels"))
    selector = spec.get("selector")
    if selector is not None and not isinstance(selector, dict):
        return
    if not selector:
        if labels == {}:
            yield Finding(path / "selector",
                          "ReplicationController has no selector and its pod template has no labels to default "
                          "it from; set spec.selector and matching spec.template.metadata.labels")
        return
    if labels is None or not all(isinstance(k, str) and isinstance(v, str) for k, v in selector.items()):
        return
    requirements = [Requirement(k, "=", (v,)) for k, v in selector.items()]
    failed = first_mismatch(requirements, labels)
    if failed is not None:
        yield Finding(template_labels_path(pod),
                      f"the ReplicationController selector does not match its pod template: {failed.explain(labels)}")
