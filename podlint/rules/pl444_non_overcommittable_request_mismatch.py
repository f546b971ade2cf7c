"""PL444 non-overcommittable-request-mismatch."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._resources import entries, overcommit_allowed, resources_of

RULE = Rule(
    id="PL444",
    name="non-overcommittable-request-mismatch",
    severity=Severity.ERROR,
    summary="A hugepages or extended resource request differs from its limit, or has no limit",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateResourceRequirements: for !helper.IsOvercommitAllowed (hugepages-*
    # and every prefixed non-kubernetes.io resource) a request needs a limit (Required
    # "Limit must be set for non overcommitable resources" at resources.limits) and must
    # equal it (Invalid "must be equal to <name> limit of <limit>" at resources.requests).
    # A limit alone is fine: Pods get the request copied from it, templates need none.
    for c in pod.all_containers:
        limits = entries(c, "limits")
        for name, request in entries(c, "requests").items():
            if overcommit_allowed(name):
                continue
            limit = limits.get(name)
            if request.value is None:
                continue  # unparsable or mistyped quantity: PL013/PL011 (decoding fails first)
            if limit is None:
                # the missing limits[<name>]: point at its nearest existing parent
                parent = "limits" if isinstance(resources_of(c).get("limits"), dict) else None
                yield Finding(
                    c.path / "resources" / parent if parent else c.path / "resources",
                    f'{c.label} requests {name} "{request.raw}" without a limit; {name} cannot be '
                    f"overcommitted, so set limits.{name} to the same value (a limit alone is enough)")
                continue
            if limit.value is None:
                continue  # unparsable quantities are PL013
            if request.value != limit.value:
                yield Finding(request.path, f'{c.label} requests {name} "{request.raw}" but its limit is '
                              f'"{limit.raw}"; {name} cannot be overcommitted, so the request must equal '
                              "the limit", on_key=False)
