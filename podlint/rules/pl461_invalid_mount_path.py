"""PL461 invalid-mount-path."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._mounts import mounts

RULE = Rule(
    id="PL461",
    name="invalid-mount-path",
    severity=Severity.ERROR,
    summary="A volumeMount mountPath is empty or repeats another mount's path in the same container",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateVolumeMounts: mountPath "" Required; a mountPath already seen in
    # this container's mounts Invalid "must be unique". Other containers may reuse it.
    for c in pod.all_containers:
        seen: dict[str, int] = {}
        for m in mounts(pod, c):
            path = m.mount_path
            if path is None:
                continue  # absent: PL012
            if path == "":
                yield Finding(m.path / "mountPath", f"{c.label} volumeMounts[{m.index}] has an empty "
                              "mountPath; it must be the path to mount the volume at", on_key=False)
            elif path in seen:
                yield Finding(m.path / "mountPath", f'{c.label} mounts two volumes at "{path}" (also '
                              f"volumeMounts[{seen[path]}]); mountPath must be unique within a container",
                              on_key=False)
            seen.setdefault(path, m.index)
