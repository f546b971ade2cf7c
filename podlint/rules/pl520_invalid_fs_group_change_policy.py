"""PL520 invalid-fs-group-change-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_str

RULE = Rule(
    id="PL520",
    name="invalid-fs-group-change-policy",
    severity=Severity.ERROR,
    summary="The pod securityContext fsGroupChangePolicy is not OnRootMismatch or Always",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateFSGroupChangePolicy: NotSupported outside the two values
    # (an empty string included: the field is a pointer, so "" is a set value)
    value = as_str(as_dict(pod.spec.get("securityContext")).get("fsGroupChangePolicy"))
    if value is None or value in ("OnRootMismatch", "Always"):
        return
    shown = f'"{value}"' if value else "empty"
    yield Finding(pod.path / "securityContext" / "fsGroupChangePolicy",
                  f'fsGroupChangePolicy is {shown}; it must be "OnRootMismatch" or "Always"')
