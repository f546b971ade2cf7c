"""PL463 invalid-sub-path."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._formats import has_backsteps
from podlint.rules._mounts import is_absolute, mounts

RULE = Rule(
    id="PL463",
    name="invalid-sub-path",
    severity=Severity.ERROR,
    summary="A volumeMount subPath is absolute or steps out of the volume with '..'",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateVolumeMounts -> validateLocalDescendingPath: Invalid "must be a
    # relative path" and "must not contain '..'", reported at volumeMounts.subPath (the
    # API server leaves the index out of the path)
    for c in pod.all_containers:
        for m in mounts(pod, c):
            sub = as_str(m.spec.get("subPath"))
            if not sub:
                continue
            if is_absolute(sub):
                yield Finding(m.path / "subPath", f'{c.label} volumeMounts[{m.index}] subPath "{sub}" is '
                              "absolute; it must be a path relative to the volume root", on_key=False)
            if has_backsteps(sub):
                yield Finding(m.path / "subPath", f'{c.label} volumeMounts[{m.index}] subPath "{sub}" '
                              "contains '..'; it must stay inside the volume", on_key=False)
