"""PL928 conflicting-topology-annotations."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule, as_dict, as_str
from podlint.rules._services import KINDS, TOPOLOGY_HINTS_KEY, TOPOLOGY_MODE_KEY, service

RULE = Rule(
    id="PL928",
    name="conflicting-topology-annotations",
    severity=Severity.ERROR,
    summary="A Service sets both topology-mode and the deprecated topology-aware-hints annotation, "
    "to different values",
    min_version=27,  # service.kubernetes.io/topology-mode appears in 1.27
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go ValidateService: annotations[topology-mode] "must match
    # annotations[service.kubernetes.io/topology-aware-hints] when both are specified".
    svc = service(site)
    if svc is None:
        return
    annotations = as_dict(svc.metadata.get("annotations"))
    if TOPOLOGY_MODE_KEY not in annotations or TOPOLOGY_HINTS_KEY not in annotations:
        return
    mode, hints = as_str(annotations[TOPOLOGY_MODE_KEY]), as_str(annotations[TOPOLOGY_HINTS_KEY])
    if mode is None or hints is None or mode == hints:
        return
    yield Finding(svc.meta_path / "annotations" / TOPOLOGY_MODE_KEY,
                  f'annotation {TOPOLOGY_MODE_KEY} "{mode}" must match annotations[{TOPOLOGY_HINTS_KEY}] '
                  f'("{hints}") when both are specified; keep only {TOPOLOGY_MODE_KEY}', on_key=False)
