"""PW805 overlapping-volume-paths."""

from __future__ import annotations

from typing import Iterator, Optional

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_list, as_str
from podlint.paths import FieldPath

RULE = Rule(
    id="PW805",
    name="overlapping-volume-paths",
    severity=Severity.WARNING,
    summary="Two items of one configMap, secret, downwardAPI or projected volume write the same or "
    "nested paths, or a projected source is empty",
)

_PROJECTED = ("configMap", "secret", "downwardAPI", "serviceAccountToken", "clusterTrustBundle", "podCertificate")


def _collision(seen: list[str], path: str) -> Optional[str]:
    """The earlier path equal to `path` or a directory of it (or under it), if any."""
    for other in seen:
        if other == path or other.startswith(path + "/") or path.startswith(other + "/"):
            return other
    return None


def _items(source: dict, kind: str, base: FieldPath) -> list[tuple[str, FieldPath]]:
    """(path, where) of each file a volume source writes."""
    if kind in ("serviceAccountToken", "clusterTrustBundle"):
        path = as_str(source.get("path"))
        return [(path, base / "path")] if path else []
    out = []
    for j, item in enumerate(as_list(source.get("items"))):
        path = as_str(as_dict(item).get("path"))
        if path:
            out.append((path, base / "items" / j / "path"))
    return out


def check(pod: PodSite) -> Iterator[Finding]:
    # pkg/api/pod/warnings.go warningsForOverlappingVirtualPaths: within one volume, item
    # paths (trailing "/" trimmed) that repeat or contain each other; in a projected volume
    # also across sources, and a source entry with nothing set
    for i, volume in enumerate(as_list(pod.spec.get("volumes"))):
        if not isinstance(volume, dict):
            continue
        name = as_str(volume.get("name")) or f"#{i}"
        vpath = pod.path / "volumes" / i
        groups: list[tuple[list[tuple[str, FieldPath]], bool]] = []
        for kind in ("configMap", "secret", "downwardAPI"):
            source = volume.get(kind)
            if isinstance(source, dict):
                groups.append((_items(source, kind, vpath / kind), False))
        projected = volume.get("projected")
        if isinstance(projected, dict):
            combined: list[tuple[str, FieldPath]] = []
            for j, source in enumerate(as_list(projected.get("sources"))):
                spath = vpath / "projected" / "sources" / j
                if source == {} or source is None:
                    yield Finding(spath, f'volume "{name}": projected source {j} is empty; give it a '
                                         "configMap, secret, downwardAPI or serviceAccountToken, or remove it",
                                  on_key=False)
                    continue
                for kind in _PROJECTED:
                    if isinstance(as_dict(source).get(kind), dict):
                        combined.extend(_items(source[kind], kind, spath / kind))
                        break
            groups.append((combined, True))
        for group, projected_group in groups:
            seen: list[str] = []
            for path, where in group:
                normalized = path.rstrip("/")
                other = _collision(seen, normalized)
                if other is not None and not (projected_group and other == normalized):
                    # a path repeated inside a projected volume is an error (PL566)
                    how = "is written twice" if other == normalized else f'overlaps "{other}"'
                    yield Finding(where, f'volume "{name}": path "{normalized}" {how}; one file hides the '
                                         "other or the mount fails", on_key=False)
                seen.append(normalized)
