"""PL567 invalid-persistent-volume-claim-volume."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._volumes import empty_string, volume_sites

RULE = Rule(
    id="PL567",
    name="invalid-persistent-volume-claim-volume",
    severity=Severity.ERROR,
    summary="A persistentVolumeClaim volume has an empty claimName or names a PVC that an "
    "ephemeral volume of the same Pod creates",
)


def check(pod: PodSite) -> Iterator[Finding]:
    volumes = volume_sites(pod)
    # validation.go ValidateVolumes: with the Pod's name known (Pods only, not templates),
    # every ephemeral volume creates the PVC "<pod name>-<volume name>"; a
    # persistentVolumeClaim volume must not claim one of those. This runs for any volume
    # that has a persistentVolumeClaim, even when that source is an extra one (PL561).
    # A generated name (generateName) is random, so nothing can match it.
    name = as_str(pod.metadata.get("name")) if not pod.is_template else None
    created = {}
    if name:
        for volume in volumes:
            if isinstance(volume.spec.get("ephemeral"), dict) and isinstance(volume.spec.get("name"), str):
                created[f"{name}-{volume.spec['name']}"] = volume.name
    for volume in volumes:
        claim = volume.spec.get("persistentVolumeClaim")
        if not isinstance(claim, dict):
            continue
        path = volume.source_path("persistentVolumeClaim") / "claimName"
        claim_name = claim.get("claimName")
        # validatePersistentClaimVolumeSource: claimName "" -> Required (absence is PL012)
        if volume.validated == "persistentVolumeClaim" and empty_string(claim_name):
            yield Finding(path, f"{volume.label} persistentVolumeClaim claimName is empty; name the "
                          "PersistentVolumeClaim to mount", on_key=False)
        if isinstance(claim_name, str) and claim_name in created:
            yield Finding(path, f'{volume.label} claims "{claim_name}", the PVC that ephemeral volume '
                          f'"{created[claim_name]}" of this Pod creates; mount that ephemeral volume '
                          "instead of claiming its PVC", on_key=False)
