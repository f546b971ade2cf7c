"""Volume mounts and devices as ValidateVolumeMounts/ValidateVolumeDevices see them (PL460-PL468).

Not a rule (leading underscore): the pod's volumes by name (with a StatefulSet's
volumeClaimTemplates), and each container's mounts and devices after the API server
dropped what the release does not keep.
"""

from __future__ import annotations

from typing import NamedTuple, Optional

from podlint.model import ContainerView, PodSite, as_dict, as_list, as_str, view_cache
from podlint.paths import FieldPath

# core.PersistentVolumeClaim / core.Ephemeral: the only sources a volumeDevice may use
BLOCK_SOURCES = ("persistentVolumeClaim", "ephemeral")


class Volume(NamedTuple):
    name: str
    spec: dict

    def has(self, source: str) -> bool:
        return self.spec.get(source) is not None  # a JSON null is an unset pointer

    @property
    def is_block_capable(self) -> bool:
        return any(self.has(s) for s in BLOCK_SOURCES)


def volumes(pod: PodSite) -> dict[str, Volume]:
    """The pod's volumes by name, plus a StatefulSet's claim templates.

    A StatefulSet controller adds one persistentVolumeClaim volume per
    spec.volumeClaimTemplates[*] (named after the template) to each pod it creates, so
    containers may mount those names without declaring them (catalogue section 4).
    Image volumes are left out where ImageVolume is off: pkg/api/pod/util.go
    dropImageVolumes removes them and every mount of them (PW830 warns).
    """
    out: dict[str, Volume] = {}
    if pod.kind == "StatefulSet" and pod.controller is not None:
        for template in as_list(pod.controller.get("volumeClaimTemplates")):
            name = as_str(as_dict(as_dict(template).get("metadata")).get("name"))
            if name:
                out[name] = Volume(name, {"persistentVolumeClaim": {"claimName": name}})
    for item in as_list(pod.spec.get("volumes")):
        spec = as_dict(item)
        name = as_str(spec.get("name"))
        if name is None:
            continue
        if spec.get("image") is not None and not pod.k8s.gate("ImageVolume"):
            continue
        out[name] = Volume(name, spec)
    return out


def dropped_image_volume_names(pod: PodSite) -> set[str]:
    """Names of image volumes that the release drops together with their mounts."""
    if pod.k8s.gate("ImageVolume"):
        return set()
    names = set()
    for item in as_list(pod.spec.get("volumes")):
        spec = as_dict(item)
        name = as_str(spec.get("name"))
        if name is not None and spec.get("image") is not None:
            names.add(name)
    return names


class Mount(NamedTuple):
    container: ContainerView
    index: int
    spec: dict
    path: FieldPath  # path to the volumeMounts item

    @property
    def name(self) -> Optional[str]:
        return as_str(self.spec.get("name"))

    @property
    def mount_path(self) -> Optional[str]:
        return as_str(self.spec.get("mountPath"))


class Device(NamedTuple):
    container: ContainerView
    index: int
    spec: dict
    path: FieldPath

    @property
    def name(self) -> Optional[str]:
        return as_str(self.spec.get("name"))

    @property
    def device_path(self) -> Optional[str]:
        return as_str(self.spec.get("devicePath"))



def mounts(pod: PodSite, c: ContainerView) -> list[Mount]:
    """The container's volumeMounts that survive dropping (mapping items only)."""
    cache = view_cache(c)  # a container view belongs to one pod site
    found = cache.get("mounts")
    if found is None:
        found = cache["mounts"] = tuple(_mounts(pod, c))
    return list(found)


def _mounts(pod: PodSite, c: ContainerView) -> list[Mount]:
    dropped = dropped_image_volume_names(pod)
    out = []
    for i, item in enumerate(as_list(c.spec.get("volumeMounts"))):
        if not isinstance(item, dict):
            continue
        if as_str(item.get("name")) in dropped:
            continue
        out.append(Mount(c, i, item, c.path / "volumeMounts" / i))
    return out


def devices(c: ContainerView) -> list[Device]:
    return [Device(c, i, item, c.path / "volumeDevices" / i)
            for i, item in enumerate(as_list(c.spec.get("volumeDevices"))) if isinstance(item, dict)]


def is_absolute(path: str) -> bool:
    """Go path.IsAbs, as validateLocalDescendingPath uses it."""
    return path.startswith("/")


def is_privileged(c: ContainerView) -> bool:
    """securityContext.privileged is true (validateMountPropagation looks at the container only)."""
    return as_dict(c.spec.get("securityContext")).get("privileged") is True
