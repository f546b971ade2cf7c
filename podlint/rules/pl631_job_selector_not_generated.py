"""PL631 job-selector-not-generated."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._workloads import (
    JOB_UID,
    first_mismatch,
    job_expected_labels,
    job_label_keys,
    job_spec,
    manual_selector,
    parse_selector,
    string_labels,
    template_labels_path,
)

RULE = Rule(
    id="PL631",
    name="job-selector-not-generated",
    severity=Severity.ERROR,
    summary="A Job sets a selector (or job-name/controller-uid template labels) without manualSelector: true, "
    "or sets manualSelector: true without a selector",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # batch validation.go ValidateJob -> validateGeneratedSelector (unless manualSelector is
    # true): the template must carry the generated controller-uid / job-name labels with the
    # Job's own values (ValidateHasLabel, Invalid), and the selector must select exactly those
    # generated labels (Invalid "`selector` not auto-generated"). The job strategy's
    # generateSelector adds missing labels and a controller-uid requirement first. The UID is
    # assigned by the API server, so no manifest can name it. With manualSelector true,
    # ValidateJobSpec requires a selector (Required); matching the template is PL602.
    # A CronJob's job template may not set a selector at all (PL639).
    if pod.kind != "Job":
        return
    found = job_spec(pod)
    if found is None:
        return
    spec, path = found
    selector = spec.get("selector")
    if manual_selector(spec):
        if selector is None:
            yield Finding(path / "manualSelector",
                          "Job sets manualSelector: true but has no selector; with a manual selector you must "
                          "write spec.selector (and matching template labels)")
        return
    name = pod.name
    if not name:
        return  # generateName: the final name is not known here
    expected = job_expected_labels(pod, name)
    labels = string_labels((pod.template_metadata or {}).get("labels")) or {}
    for key in job_label_keys(pod):
        if key in labels and labels[key] != expected[key]:
            wanted = "the Job's UID, which only the API server knows" if expected[key] is JOB_UID \
                else f'"{name}" (the Job name)'
            yield Finding(template_labels_path(pod) / key,
                          f'template label "{key}" is "{labels[key]}" but the Job generates it as {wanted}; '
                          "remove the label, or set manualSelector: true", on_key=False)
    if selector is None:
        return
    requirements = parse_selector(selector)
    if requirements is None:
        return  # malformed: PL601
    failed = first_mismatch(requirements, expected)
    if failed is None:
        return
    yield Finding(
        path / "selector",
        f'Job sets spec.selector without manualSelector: true, and its requirement on "{failed.key}" does not '
        "match the labels the API server generates (job-name, controller-uid); remove spec.selector (it is "
        "generated), or set manualSelector: true",
    )
