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


class _Seen:
    """The paths of one group so far, as a trie of their "/"-separated components.

    `path.startswith(other + "/")` holds exactly when other's components are a proper
    prefix of path's, so `collision` finds the first earlier path equal to `path`, a
    directory of it or under it in time linear in the path's length (a list scan made
    a volume of n items quadratic).
    """

    __slots__ = ("root", "paths")

    def __init__(self) -> None:
        # node: [children by component, index of the path ending here, first index below]
        self.root: list = [{}, None, None]
        self.paths: list[str] = []

    def add(self, path: str) -> None:
        index = len(self.paths)
        self.paths.append(path)
        node = self.root
        for part in path.split("/"):
            if node[2] is None and node is not self.root:
                node[2] = index
            child = node[0].get(part)
            if child is None:
                child = node[0][part] = [{}, None, None]
            node = child
        if node[1] is None:
            node[1] = index

    def collision(self, path: str) -> Optional[str]:
        """The earliest path equal to `path` or a directory of it (or under it), if any."""
        best: Optional[int] = None
        node = self.root
        parts = path.split("/")
        for depth, part in enumerate(parts):
            if depth and node[1] is not None:  # an earlier path is a directory of this one
                best = node[1] if best is None else min(best, node[1])
            node = node[0].get(part)
            if node is None:
                break
        else:
            for index in (node[1], node[2]):  # the same path, or one under it
                if index is not None and (best is None or index < best):
                    best = index
        return None if best is None else self.paths[best]


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
            seen = _Seen()
            for path, where in group:
                normalized = path.rstrip("/")
                other = seen.collision(normalized)
                if other is not None and not (projected_group and other == normalized):
                    # a path repeated inside a projected volume is an error (PL566)
                    how = "is written twice" if other == normalized else f'overlaps "{other}"'
                    yield Finding(where, f'volume "{name}": path "{normalized}" {how}; one file hides the '
                                         "other or the mount fails", on_key=False)
                seen.add(normalized)
