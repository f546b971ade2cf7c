"""PL566 invalid-projected-volume."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_int, as_str
from podlint.paths import FieldPath
from podlint.rules._volumes import (
    absent_or_empty,
    dict_items,
    downward_file_findings,
    key_to_path_findings,
    mode_problem,
    path_problems,
    volume_sites,
)

RULE = Rule(
    id="PL566",
    name="invalid-projected-volume",
    severity=Severity.ERROR,
    summary="A projected volume source is invalid or two sources write the same file",
)

# validation.go validateProjectionSources counts these kinds per sources[] entry.
# clusterTrustBundle and podCertificate are left out: their gates (ClusterTrustBundleProjection,
# PodCertificateRequest) are off by default in every release podlint supports, and
# pkg/api/pod/util.go drops them before validation.
KINDS = ("secret", "configMap", "downwardAPI", "serviceAccountToken")
MIN_EXPIRATION = 10 * 60  # "may not specify a duration less than 10 minutes"
MAX_EXPIRATION = 1 << 32  # "may not specify a duration larger than 2^32 seconds"
DEFAULT_EXPIRATION = 3600  # SetDefaults_ServiceAccountTokenProjection


def check(pod: PodSite) -> Iterator[Finding]:
    for volume in volume_sites(pod):
        source = volume.source("projected")
        if source is None:
            continue
        base = volume.source_path("projected")
        label = f"{volume.label} projected"
        problem = mode_problem(source.get("defaultMode"), f"{label} defaultMode")
        if problem:
            yield Finding(base / "defaultMode", problem, on_key=False)
        yield from _sources(source, base, label)


def _sources(source: dict, base: FieldPath, label: str) -> Iterator[Finding]:
    # validation.go validateProjectionSources: every kind set in an entry is validated; more
    # than one kind in an entry is Forbidden; item paths of secrets, configMaps and
    # downwardAPI files must not repeat across the whole volume ("conflicting duplicate
    # paths", reported at the projected path). Token paths are not part of that check.
    seen: dict[str, str] = {}
    for i, entry in dict_items(source.get("sources")):
        entry_path = base / "sources" / i
        entry_label = f"{label} sources[{i}]"
        kinds = [k for k in KINDS if isinstance(entry.get(k), dict)]
        for kind in kinds:
            kind_path = entry_path / kind
            kind_label = f"{entry_label} {kind}"
            spec = entry[kind]
            if kind in ("secret", "configMap"):
                if absent_or_empty(spec.get("name")):
                    where = kind_path / "name" if "name" in spec else kind_path
                    yield Finding(where, f"{kind_label} has no name; name the {kind} to project")
                yield from key_to_path_findings(spec.get("items"), kind_path / "items", kind_label)
                for j, item in dict_items(spec.get("items")):
                    yield from _duplicate(item, kind_path / "items" / j, f"{kind_label} items[{j}]",
                                          f"sources[{i}] {kind} items[{j}]", seen)
            elif kind == "downwardAPI":
                for j, item in dict_items(spec.get("items")):
                    item_path = kind_path / "items" / j
                    item_label = f"{kind_label} items[{j}]"
                    yield from downward_file_findings(item, item_path, item_label)
                    yield from _duplicate(item, item_path, item_label,
                                          f"sources[{i}] {kind} items[{j}]", seen)
            else:
                yield from _token(spec, kind_path, kind_label)
        if len(kinds) > 1:
            yield Finding(entry_path / kinds[1],
                          f"{entry_label} sets {' and '.join(kinds)}; each sources[] entry takes "
                          "exactly one kind: split them into separate entries")


def _duplicate(item: dict, item_path: FieldPath, item_label: str, short: str,
               seen: dict[str, str]) -> Iterator[Finding]:
    target = as_str(item.get("path"))
    if not target:
        return
    if target in seen:
        yield Finding(item_path / "path", f'{item_label} path "{target}" is already written by '
                      f"{seen[target]}; two projected files cannot share a path", on_key=False)
    else:
        seen[target] = short


def _token(spec: dict, path: FieldPath, label: str) -> Iterator[Finding]:
    # serviceAccountToken: expirationSeconds (defaulted to 3600) must be 600..2^32; path is
    # Required ("" only: absence is the schema pass's PL012) and must be local (the server
    # reports both at "projected.path", without the source index). The Pod-only check
    # "must not be specified when serviceAccountName is not set" is not reproduced: the
    # ServiceAccount admission plugin sets serviceAccountName ("default") before validation.
    raw = spec.get("expirationSeconds")
    seconds = DEFAULT_EXPIRATION if raw is None else as_int(raw)
    if seconds is not None and seconds < MIN_EXPIRATION:
        yield Finding(path / "expirationSeconds", f"{label} expirationSeconds is {seconds}; the "
                      f"token must live at least {MIN_EXPIRATION} seconds (10 minutes)", on_key=False)
    elif seconds is not None and seconds > MAX_EXPIRATION:
        yield Finding(path / "expirationSeconds", f"{label} expirationSeconds is {seconds}; it must "
                      f"be at most 2^32 ({MAX_EXPIRATION}) seconds", on_key=False)
    target = as_str(spec.get("path"))
    if target == "":
        yield Finding(path / "path", f"{label} path is empty; give the token file name, relative "
                      "to the mount point", on_key=False)
    elif target is not None:
        problems = path_problems(target)
        if problems:
            yield Finding(path / "path", f'{label} path "{target}" {"; ".join(problems)}', on_key=False)
