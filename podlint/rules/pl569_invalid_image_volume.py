"""PL569 invalid-image-volume."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._volumes import volume_sites

RULE = Rule(
    id="PL569",
    name="invalid-image-volume",
    severity=Severity.ERROR,
    summary="An image volume has no reference (Pods) or an unknown pullPolicy",
    # ImageVolume is on by default from 1.35; before that the volume is dropped (PW830)
    min_version=35,
)

PULL_POLICIES = ("Always", "IfNotPresent", "Never")


def check(pod: PodSite) -> Iterator[Finding]:
    if not pod.k8s.gate("ImageVolume"):
        return  # pkg/api/pod/util.go dropImageVolumes removes the volume first
    # validation.go validateImageVolumeSource: reference "" -> Required only when the
    # object is a Pod (opts.ResourceIsPod): templates may leave it for a controller or
    # admission to fill in. pullPolicy is defaulted (Always for :latest or no tag, else
    # IfNotPresent; SetDefaults_Volume), so only an unknown value fails (NotSupported).
    for volume in volume_sites(pod):
        image = volume.source("image")
        if image is None:
            continue
        base = volume.source_path("image")
        reference = image.get("reference")
        if not pod.is_template and (reference is None or reference == ""):
            where = base / "reference" if "reference" in image else base
            yield Finding(where, f"{volume.label} image has no reference; name the OCI image or "
                          "artifact to mount, e.g. quay.io/example/models:v1")
        policy = as_str(image.get("pullPolicy"))
        if policy and policy not in PULL_POLICIES:
            accepted = ", ".join(f'"{p}"' for p in PULL_POLICIES)
            yield Finding(base / "pullPolicy", f'{volume.label} image pullPolicy "{policy}" is not '
                          f"supported; supported values: {accepted} (case-sensitive)", on_key=False)
