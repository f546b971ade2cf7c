"""PL564 invalid-secret-or-config-map-volume."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._volumes import (
    absent_or_empty,
    key_to_path_findings,
    mode_problem,
    volume_sites,
)

RULE = Rule(
    id="PL564",
    name="invalid-secret-or-config-map-volume",
    severity=Severity.ERROR,
    summary="A secret or configMap volume has no name, a file mode outside 0-0777, or a bad item",
)

# source key -> (the field naming the object, how messages call the source)
_SOURCES = {"secret": ("secretName", "secret"), "configMap": ("name", "configMap")}


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateSecretVolumeSource / validateConfigMapVolumeSource: the object
    # name is Required (the OpenAPI schema does not require it, so absent counts too),
    # defaultMode must be 0-0777, and each item goes through validateKeyToPath.
    for volume in volume_sites(pod):
        for key, (name_field, what) in _SOURCES.items():
            source = volume.source(key)
            if source is None:
                continue
            base = volume.source_path(key)
            label = f"{volume.label} {what}"
            if absent_or_empty(source.get(name_field)):
                where = base / name_field if name_field in source else base
                yield Finding(where, f"{label} has no {name_field}; name the {what} to mount")
            problem = mode_problem(source.get("defaultMode"), f"{label} defaultMode")
            if problem:
                yield Finding(base / "defaultMode", problem, on_key=False)
            yield from key_to_path_findings(source.get("items"), base / "items", label)
