"""PL468 invalid-volume-device."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.rules._formats import has_backsteps
from podlint.model import PodSite, Rule
from podlint.rules._mounts import devices, mounts, volumes

RULE = Rule(
    id="PL468",
    name="invalid-volume-device",
    severity=Severity.ERROR,
    summary="A volumeDevices entry is empty, repeated, names no block-capable volume, or clashes with a volumeMount",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateVolumeDevices, per device: name "" Required, repeated Invalid
    # "must be unique", a volume that is not persistentVolumeClaim/ephemeral Invalid, no
    # such volume NotFound; devicePath "" Required, repeated Invalid, '..' Invalid; name or
    # devicePath also used by a volumeMount of the container Invalid. Absent fields: PL012.
    known = volumes(pod)
    for c in pod.all_containers:
        mount_list = mounts(pod, c)
        mount_names = {m.name for m in mount_list if m.name is not None}
        mount_paths = {m.mount_path for m in mount_list if m.mount_path is not None}
        names: set[str] = set()
        paths: set[str] = set()
        for d in devices(c):
            where = f"{c.label} volumeDevices[{d.index}]"
            name, path = d.name, d.device_path
            if name is not None:
                at = d.path / "name"
                if name == "":
                    yield Finding(at, f"{where} has an empty name; it must name a persistentVolumeClaim or "
                                  "ephemeral volume", on_key=False)
                elif name in names:
                    yield Finding(at, f'{where} repeats volume "{name}"; each volume may be attached once',
                                  on_key=False)
                elif name not in known:
                    yield Finding(at, f'{where} names volume "{name}", which is not declared in spec.volumes',
                                  on_key=False)
                elif not known[name].is_block_capable:
                    yield Finding(at, f'{where} names volume "{name}", which is not a persistentVolumeClaim or '
                                  "ephemeral volume; only those can be attached as block devices", on_key=False)
                if name and name in mount_names:
                    yield Finding(at, f'{where} volume "{name}" is also used in volumeMounts; a volume is '
                                  "mounted or attached as a block device, not both", on_key=False)
                if name:
                    names.add(name)
            if path is not None:
                at = d.path / "devicePath"
                if path == "":
                    yield Finding(at, f"{where} has an empty devicePath; it must be the device path in the "
                                  "container", on_key=False)
                elif path in paths:
                    yield Finding(at, f'{where} devicePath "{path}" is used twice; device paths must be unique',
                                  on_key=False)
                if has_backsteps(path):
                    yield Finding(at, f'{where} devicePath "{path}" contains \'..\'', on_key=False)
                else:
                    paths.add(path)
                if path and path in mount_paths:
                    yield Finding(at, f'{where} devicePath "{path}" is also a volumeMounts mountPath; use a '
                                  "different path", on_key=False)
