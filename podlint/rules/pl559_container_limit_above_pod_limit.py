"""PL559 container-limit-above-pod-limit."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._podresources import (
    aggregate_limits,
    pod_entries,
    pod_resources_checked,
)
from podlint.rules._resources import entries, is_huge_page, show

RULE = Rule(
    id="PL559",
    name="container-limit-above-pod-limit",
    severity=Severity.ERROR,
    summary="A container limit is above the pod-level limit, or pod hugepages do not cover the containers",
    min_version=34,
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validatePodResourceConsistency (PodLevelResources on by default from 1.34)
    if not pod_resources_checked(pod):
        return
    limits = {name: e for name, e in pod_entries(pod, "limits").items() if e.value is not None and e.value >= 0}
    if not limits:
        return
    # Pod-level hugepages limits must cover the containers' aggregate hugepages limits
    # (hugepages cannot be overcommitted): Invalid "must be greater than or equal to
    # aggregate container limits of <q>" at spec.resources.limits[<name>]
    total = aggregate_limits(pod)
    for name, limit in limits.items():
        if is_huge_page(name) and name in total and total[name] > limit.value:
            yield Finding(limit.path, f'pod-level limit {name} is "{limit.raw}" but the containers\' {name} '
                          f"limits add up to {show(total[name])}; hugepages cannot be overcommitted, so the "
                          "pod-level limit must be at least that", on_key=False)
    # Each regular container's limit must be <= the pod-level limit of the same resource:
    # Invalid "must be less than or equal to pod limits of <q>", reported by the server at
    # the quirky path spec.resources.containers[<i>][<name>].limits
    for c in pod.containers:
        for name, entry in entries(c, "limits").items():
            limit = limits.get(name)
            if limit is None or entry.value is None or entry.value <= limit.value:
                continue
            yield Finding(entry.path, f'{c.label} limits {name} to "{entry.raw}" but the pod-level limit is '
                          f'"{limit.raw}"; a container limit must be less than or equal to the pod-level limit',
                          on_key=False)
