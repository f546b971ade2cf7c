"""PL601 empty-workload-selector."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._selectors import label_selector_findings
from podlint.rules._workloads import is_empty_selector, workload_spec

RULE = Rule(
    id="PL601",
    name="empty-workload-selector",
    severity=Severity.ERROR,
    summary="A Deployment, ReplicaSet, DaemonSet, StatefulSet or Job selector is empty or malformed",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # apps validation.go ValidateDeploymentSpec / ValidateReplicaSetSpec / ValidateDaemonSetSpec /
    # ValidateStatefulSetSpec: ValidateLabelSelector (strict: AllowInvalidLabelValueInSelector
    # is false on create), then Invalid "empty selector is invalid for <kind>" when it has no
    # matchLabels and no matchExpressions. batch validation.go ValidateJobSpec validates the
    # Job selector's syntax too. An absent selector is PL012 (OpenAPI required); a CronJob job
    # template must not have one at all (PL639).
    if not pod.layout.label_selector:
        return
    spec, spec_path = workload_spec(pod)
    selector = spec.get("selector")
    if not isinstance(selector, dict):
        return
    path = spec_path / "selector"
    yield from label_selector_findings(selector, path, what=f"{pod.kind} selector")
    if pod.layout.empty_selector_forbidden and is_empty_selector(selector):
        yield Finding(
            path,
            f"{pod.kind} selector is empty (no matchLabels and no matchExpressions); it must select "
            "the pod template's labels, e.g. matchLabels: {app: <name>}",
        )
