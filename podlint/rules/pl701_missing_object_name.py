"""PL701 missing-object-name."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import Rule
from podlint.rules._metadata import OBJECT_META_KINDS, Site, meta_subject, object_meta

RULE = Rule(
    id="PL701",
    name="missing-object-name",
    severity=Severity.ERROR,
    summary="An object with neither metadata.name nor metadata.generateName",
    kinds=OBJECT_META_KINDS,
)


def check(site: Site) -> Iterator[Finding]:
    pod = meta_subject(site)
    if pod is None:
        return
    # objectmeta.go ValidateObjectMetaAccessor: Required "name or generateName is required".
    # Only the object's own metadata: ValidatePodTemplateSpec never checks a template's name.
    meta = object_meta(pod)
    if meta is None:
        return  # metadata of the wrong type: the schema pass reports it
    name, generate = meta.data.get("name"), meta.data.get("generateName")
    if any(v is not None and not isinstance(v, str) for v in (name, generate)):
        return  # wrong type: the schema pass reports it
    if name or generate:
        return
    if "name" in meta.data:
        path, what = meta.path / "name", "metadata.name is empty"
    elif meta.present:
        path, what = meta.path, "metadata has no name"
    else:
        path, what = meta.path, "the object has no metadata"
    yield Finding(path, f"{what}; a {pod.kind} needs metadata.name (or metadata.generateName "
                        "for a generated name)")
