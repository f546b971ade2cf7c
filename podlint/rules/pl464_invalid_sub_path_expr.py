"""PL464 invalid-sub-path-expr."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._formats import has_backsteps
from podlint.rules._mounts import is_absolute, mounts

RULE = Rule(
    id="PL464",
    name="invalid-sub-path-expr",
    severity=Severity.ERROR,
    summary="A volumeMount subPathExpr is set with subPath, is absolute or contains '..'",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateVolumeMounts: with both set, Invalid "subPathExpr and subPath are
    # mutually exclusive" at volumeMounts[i].subPathExpr; then validateLocalDescendingPath
    # (relative, no '..' element) at volumeMounts.subPathExpr. Only non-empty values count.
    for c in pod.all_containers:
        for m in mounts(pod, c):
            expr = as_str(m.spec.get("subPathExpr"))
            if not expr:
                continue
            where = f"{c.label} volumeMounts[{m.index}] subPathExpr"
            if as_str(m.spec.get("subPath")):
                yield Finding(m.path / "subPathExpr", f"{where} is set together with subPath; use one or "
                              "the other", on_key=True)
            if is_absolute(expr):
                yield Finding(m.path / "subPathExpr", f'{where} "{expr}" is absolute; it must be a path '
                              "relative to the volume root", on_key=False)
            if has_backsteps(expr):
                yield Finding(m.path / "subPathExpr", f'{where} "{expr}" contains \'..\'; it must stay '
                              "inside the volume", on_key=False)
