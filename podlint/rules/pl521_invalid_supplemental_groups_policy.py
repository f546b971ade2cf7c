"""PL521 invalid-supplemental-groups-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_str

RULE = Rule(
    id="PL521",
    name="invalid-supplemental-groups-policy",
    severity=Severity.ERROR,
    summary="The pod securityContext supplementalGroupsPolicy is not Merge or Strict",
    min_version=33,
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateSupplementalGroupsPolicy: NotSupported outside Merge/Strict.
    # SupplementalGroupsPolicy is on by default from 1.33; before, the field is dropped.
    if not pod.k8s.gate("SupplementalGroupsPolicy"):
        return
    value = as_str(as_dict(pod.spec.get("securityContext")).get("supplementalGroupsPolicy"))
    if value is None or value in ("Merge", "Strict"):
        return
    shown = f'"{value}"' if value else "empty"
    yield Finding(pod.path / "securityContext" / "supplementalGroupsPolicy",
                  f'supplementalGroupsPolicy is {shown}; it must be "Merge" or "Strict"')
