"""PL443 request-exceeds-limit."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._resources import entries, overcommit_allowed, show

RULE = Rule(
    id="PL443",
    name="request-exceeds-limit",
    severity=Severity.ERROR,
    summary="A container requests more of a resource than its limit",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateResourceRequirements: for a request with a limit of the same
    # resource, Invalid "must be less than or equal to <name> limit of <limit>", reported
    # at resources.requests (no key). Resources that may not be overcommitted (hugepages,
    # extended resources) must be equal instead: PL444. No limit, no comparison. For Pods a
    # missing request is copied from the limit (SetDefaults_Pod), which can never exceed it.
    for c in pod.all_containers:
        limits = entries(c, "limits")
        for name, request in entries(c, "requests").items():
            limit = limits.get(name)
            if limit is None or request.value is None or limit.value is None:
                continue
            if not overcommit_allowed(name):
                continue  # PL444
            if request.value > limit.value:
                yield Finding(request.path, f'{c.label} requests {name} "{request.raw}" but its limit '
                              f'is "{limit.raw}"; a request must be less than or equal to the limit '
                              f"({show(request.value)} > {show(limit.value)})", on_key=False)
