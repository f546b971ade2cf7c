"""PL563 invalid-host-path."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._formats import has_backsteps
from podlint.rules._volumes import volume_sites

RULE = Rule(
    id="PL563",
    name="invalid-host-path",
    severity=Severity.ERROR,
    summary="A hostPath volume has an empty path, a '..' element in its path, or an unknown type",
)

# validation.go supportedHostPathTypes ("" is HostPathUnset, the default)
HOST_PATH_TYPES = ("", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket",
                   "CharDevice", "BlockDevice")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateHostPathVolumeSource: path "" -> Required (and nothing else is
    # checked), a ".." element -> Invalid, then validateHostPathType -> NotSupported.
    # An absent path is the schema pass's PL012.
    for volume in volume_sites(pod):
        host_path = volume.source("hostPath")
        if host_path is None:
            continue
        base = volume.source_path("hostPath")
        path = as_str(host_path.get("path"))
        if path is None:
            continue
        if path == "":
            yield Finding(base / "path", f"{volume.label} hostPath path is empty; give the "
                          "absolute path of a file or directory on the node", on_key=False)
            continue
        if has_backsteps(path):
            yield Finding(base / "path", f'{volume.label} hostPath path "{path}" must not contain '
                          "'..' elements; write the path without going up a directory", on_key=False)
        kind = as_str(host_path.get("type"))
        if kind is not None and kind not in HOST_PATH_TYPES:
            accepted = ", ".join(f'"{t}"' for t in HOST_PATH_TYPES)
            hint = ""
            for known in HOST_PATH_TYPES:
                if known and known.lower() == kind.lower():
                    hint = f' (did you mean "{known}"? the type is case-sensitive)'
            yield Finding(base / "type", f'{volume.label} hostPath type "{kind}" is not supported'
                          f"{hint}; supported values: {accepted}", on_key=False)
