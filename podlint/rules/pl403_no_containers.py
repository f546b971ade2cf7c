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
    existing = _existing_prefix(pod.obj, relative)
    # No pod spec mapping at all (absent or null spec, template or job template): the
    # schema pass sees no missing "containers" there, the API server still requires them.
    where = ".".join(str(k) for k in relative)
    yield Finding(pod.object_path.join(*existing),
                  f"{pod.kind} has no {where}.containers; a pod needs at least one container")


def _existing_prefix(obj: dict, keys: tuple) -> tuple:
    """The longest prefix of keys present in obj as mapping keys (the last may hold null)."""
    node: object = obj
    for i, key in enumerate(keys):
        if not isinstance(node, dict) or key not in node:
            return keys[:i]
        node = node[key]
        if not isinstance(node, dict):
            return keys[:i + 1]
    return keys
