"""Paths on the command line -> the files to check, in the order they are reported."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple, Optional

from podlint.terminal import display_name

if TYPE_CHECKING:
    from podlint.globs import PathMatcher
    from podlint.settings import Settings

EXTENSIONS = (".yaml", ".yml", ".json")
STDIN = "-"


class InputError(Exception):
    """A path given on the command line that does not exist (exit code 2)."""

class Source(NamedTuple):
    path: str  # what to open, or "-" for stdin
    display: str  # how diagnostics name it
    explicit: bool  # named on the command line (not found by walking a folder)

def discover(paths: Iterable[str], settings: "Settings") -> Iterator[Source]:
    """Expand folders (recursively, sorted, hidden entries skipped) into YAML/JSON files.

    `exclude` globs apply to folders and files alike, named or found (as in flake8).
    """
    exclude = settings.exclude or None
    explicit = not settings.skip_non_manifests
    for path in paths:
        if path == STDIN:
            yield Source(STDIN, display_name(settings.stdin_filename), True)
        elif not (os.path.exists(path) or os.path.islink(path)):
            raise InputError(f"no such file or directory: {path}")
        elif exclude is not None and exclude.matches(path):
            continue
        elif os.path.isdir(path):
            yield from _walk(path, exclude)
        else:
            yield Source(path, display_name(path), explicit)

# A Helm chart's sources are not manifests until rendered: in a folder walk, a folder with
# a Chart.yaml gets its templates (and packaged subcharts) and chart metadata passed over.
HELM_CHART_MARKER = "Chart.yaml"

HELM_SOURCE_DIRS = frozenset(("templates", "charts"))

HELM_METADATA = frozenset(("Chart.yaml", "Chart.lock"))

def _walk(top: str, exclude: Optional["PathMatcher"] = None) -> Iterator[Source]:
    # os.walk does not follow directory links, so a link loop cannot trap it
    for root, dirs, files in os.walk(top, onerror=None):
        chart = HELM_CHART_MARKER in files
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not (chart and d in HELM_SOURCE_DIRS)
                         and not (exclude is not None and exclude.matches(os.path.join(root, d))))
        for name in sorted(files):
            if chart and name in HELM_METADATA:
                continue
            if name.endswith(EXTENSIONS) and not name.startswith("."):
                path = os.path.join(root, name)
                if exclude is None or not exclude.matches(path):
                    yield Source(path, _display(path), False)

def _display(path: str) -> str:
    return display_name(path[2:] if path.startswith("./") else path)
