"""PL403 no-containers."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, lookup

RULE = Rule(
    id="PL403",
    name="no-containers",
    severity=Severity.ERROR,
    summary="A pod spec has no containers (an empty list, or no pod spec at all)",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateContainers: len(containers) == 0 -> Required. Validation sees
    # the decoded object, where a missing pod spec (or template) is an empty PodSpec.
    containers = pod.spec.get("containers")
    if isinstance(containers, list):
        if not containers:
            yield Finding(pod.path / "containers", "containers is empty; a pod needs at least one "
                          "container", on_key=False)
        return
    if containers is not None:
        return  # wrong type: the schema pass reports it
    if pod.template_absent:
        return  # ReplicationController: the server reports only "spec.template: Required" (PL619)
    relative = tuple(pod.path[len(pod.object_path):])
    if isinstance(lookup(pod.obj, *relative), dict):
        return  # a pod spec mapping without containers: PL012 reports the missing field
    # No pod spec mapping at all (absent or null spec, template or job template): the
    # schema pass sees no missing "containers" there, the API server still requires them.
    # The finding stands at the deepest part of that path written in the file.
    where = ".".join(str(k) for k in relative)
    yield Finding(pod.path / "containers",
                  f"{pod.kind} has no {where}.containers; a pod needs at least one container")
