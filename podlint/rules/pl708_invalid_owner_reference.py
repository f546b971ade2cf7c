"""PL708 invalid-owner-reference."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import Rule, as_list, as_str
from podlint.rules._metadata import OBJECT_META_KINDS, Site, meta_subject, object_meta

RULE = Rule(
    id="PL708",
    name="invalid-owner-reference",
    severity=Severity.ERROR,
    summary="An ownerReference with an empty apiVersion version, kind, name or uid, an Event "
    "owner, or several controllers",
    kinds=OBJECT_META_KINDS,
)


def _version(api_version: str) -> str:
    """schema.ParseGroupVersion's version ("" when unparsable: two or more '/')."""
    if api_version in ("", "/"):
        return ""
    if api_version.count("/") == 0:
        return api_version
    if api_version.count("/") == 1:
        return api_version.split("/")[1]
    return ""


def check(site: Site) -> Iterator[Finding]:
    pod = meta_subject(site)
    if pod is None:
        return
    # objectmeta.go ValidateOwnerReferences / validateOwnerReference. An absent field is
    # reported by the schema pass (PL012: OpenAPI requires all four), so only present but
    # empty or malformed values are judged here.
    meta = object_meta(pod)
    if meta is None:
        return
    path = meta.path / "ownerReferences"
    first_controller = None
    for i, ref in enumerate(as_list(meta.data.get("ownerReferences"))):
        if not isinstance(ref, dict):
            continue
        at = path / i
        api_version = as_str(ref.get("apiVersion"))
        if api_version is not None and not _version(api_version):
            yield Finding(at / "apiVersion", f'owner reference apiVersion "{api_version}" has no version; '
                                             'use e.g. "v1" or "apps/v1"', on_key=False)
        for key in ("kind", "name", "uid"):
            if ref.get(key) == "":
                yield Finding(at / key, f"owner reference {key} must not be empty", on_key=False)
        if api_version == "v1" and ref.get("kind") == "Event":
            yield Finding(at, "an Event may not be an owner (/v1, Kind=Event is disallowed from being an owner)")
        if ref.get("controller") is True:
            label = f'{ref.get("kind")}/{ref.get("name")}'
            if first_controller is None:
                first_controller = label
            else:
                yield Finding(at / "controller", f"only one owner reference may have controller: true; found "
                                                 f"{first_controller} and {label}")
