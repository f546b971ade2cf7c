"""PL467 invalid-recursive-read-only."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._mounts import mounts

RULE = Rule(
    id="PL467",
    name="invalid-recursive-read-only",
    severity=Severity.ERROR,
    summary="A volumeMount recursiveReadOnly is unknown, or set without readOnly: true or with mount propagation",
    min_version=31,  # RecursiveReadOnlyMounts: alpha (off, field dropped) 1.30, on from 1.31
)

VALUES = ("Disabled", "IfPossible", "Enabled")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateMountRecursiveReadOnly: Disabled is always fine; Enabled and
    # IfPossible are Forbidden unless readOnly is true ("may only be specified when readOnly
    # is true") and unless mountPropagation is unset or None; anything else NotSupported.
    # Reported at volumeMounts.recursiveReadOnly.
    if not pod.k8s.gate("RecursiveReadOnlyMounts"):
        return
    for c in pod.all_containers:
        for m in mounts(pod, c):
            value = as_str(m.spec.get("recursiveReadOnly"))
            if value is None or value == "Disabled":
                continue
            path = m.path / "recursiveReadOnly"
            where = f"{c.label} volumeMounts[{m.index}]"
            if value not in VALUES:
                shown = "empty" if value == "" else f'"{value}"'
                yield Finding(path, f'{where} recursiveReadOnly is {shown}; supported values: "Disabled", '
                              '"IfPossible", "Enabled" (case-sensitive)', on_key=False)
                continue
            read_only = m.spec.get("readOnly")
            if read_only is not True and (read_only is None or isinstance(read_only, bool)):
                yield Finding(path, f'{where} sets recursiveReadOnly "{value}" without readOnly: true; '
                              "recursive read-only needs a read-only mount", on_key=False)
            propagation = as_str(m.spec.get("mountPropagation"))
            if propagation is not None and propagation != "None":
                yield Finding(path, f'{where} sets recursiveReadOnly "{value}" with mountPropagation '
                              f'"{propagation}"; it needs mountPropagation None or unset', on_key=False)
