"""PL558 pod-request-below-container-requests."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._podresources import (
    aggregate_requests,
    is_pod_level_supported,
    pod_entries,
    pod_resources_checked,
)
from podlint.rules._resources import show

RULE = Rule(
    id="PL558",
    name="pod-request-below-container-requests",
    severity=Severity.ERROR,
    summary="A pod-level request is lower than what the containers request together",
    min_version=34,
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validatePodResourceConsistency: for every resource of
    # resourcehelper.AggregateContainerRequests (regular containers + sidecars, or the
    # largest init container plus the sidecars started before it), the pod-level request
    # must be >= the aggregate: Invalid "must be greater than or equal to aggregate container
    # requests of <q>" at spec.resources.requests[<name>]. Container requests are defaulted
    # from their limits first, for Pods only. Only requests written in the manifest are
    # judged (see rules/PL558.md for the unset case).
    if not pod_resources_checked(pod):
        return
    requests = pod_entries(pod, "requests")
    if not requests:
        return
    total = aggregate_requests(pod)
    for name, request in requests.items():
        if not is_pod_level_supported(name) or request.value is None or request.value < 0:
            continue  # unsupported names and bad quantities: PL557
        needed = total.get(name)
        if needed is not None and needed > request.value:
            yield Finding(request.path, f'pod-level request {name} is "{request.raw}" but the containers request '
                          f"{show(needed)} together (sidecars add up, an init container counts with the "
                          "sidecars started before it); the pod-level request must be at least that",
                          on_key=False)
