"""PW804 deprecated-volume-plugin."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list, as_str

RULE = Rule(
    id="PW804",
    name="deprecated-volume-plugin",
    severity=Severity.WARNING,
    summary="A volume of a deprecated or removed in-tree plugin (gitRepo, cephfs, rbd, glusterfs, ...)",
)

# pkg/api/pod/warnings.go: volume source -> (deprecated in, non-functional from, advice)
PLUGINS = {
    "photonPersistentDisk": ("1.11", "1.16", "use a CSI driver"),
    "gitRepo": ("1.11", None, "clone the repository in an init container into an emptyDir volume"),
    "scaleIO": ("1.16", "1.22", "use a CSI driver"),
    "flocker": ("1.22", "1.25", "use a CSI driver"),
    "storageos": ("1.22", "1.25", "use a CSI driver"),
    "quobyte": ("1.22", "1.25", "use a CSI driver"),
    "glusterfs": ("1.25", "1.26", "use a CSI driver"),
    "cephfs": ("1.28", "1.31", "use the CephFS CSI driver"),
    "rbd": ("1.28", "1.31", "use the Ceph RBD CSI driver"),
}


def check(pod: PodSite) -> Iterator[Finding]:
    for i, volume in enumerate(as_list(pod.spec.get("volumes"))):
        if not isinstance(volume, dict):
            continue
        name = as_str(volume.get("name")) or f"#{i}"
        for plugin, (deprecated, dead, advice) in PLUGINS.items():
            if not isinstance(volume.get(plugin), dict):
                continue
            state = f"deprecated since {deprecated}"
            if dead:
                state += f" and no longer works from {dead}"
            yield Finding(pod.path / "volumes" / i / plugin,
                          f'volume "{name}" uses the {plugin} plugin, {state}; {advice}')
