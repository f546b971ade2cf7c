"""PL462 volume-mount-device-conflict."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._mounts import devices, mounts

RULE = Rule(
    id="PL462",
    name="volume-mount-device-conflict",
    severity=Severity.ERROR,
    summary="A volumeMount uses the name or path of a volumeDevice of the same container",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateVolumeMounts: mountNameAlreadyExists Invalid "must not already
    # exist in volumeDevices" at volumeMounts[i].name, mountPathAlreadyExists Invalid "must
    # not already exist as a path in volumeDevices" at volumeMounts[i].mountPath. The same
    # conflicts are reported again on the device side (PL468).
    for c in pod.all_containers:
        device_names = {d.name for d in devices(c) if d.name is not None}
        device_paths = {d.device_path for d in devices(c) if d.device_path is not None}
        for m in mounts(pod, c):
            if m.name and m.name in device_names:
                yield Finding(m.path / "name", f'{c.label} uses volume "{m.name}" both in volumeMounts and '
                              "in volumeDevices; a volume is mounted as a filesystem or attached as a "
                              "block device, not both", on_key=False)
            if m.mount_path and m.mount_path in device_paths:
                yield Finding(m.path / "mountPath", f'{c.label} mountPath "{m.mount_path}" is also a '
                              "volumeDevices devicePath; use a different path", on_key=False)
