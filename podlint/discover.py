"""Paths on the command line -> the files to check, in the order they are reported."""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple, Optional

from podlint.terminal import display_name

if TYPE_CHECKING:
    from podlint.globs import PathMatcher
    from podlint.render import Unit
    from podlint.settings import Settings

EXTENSIONS = (".yaml", ".yml", ".json")
STDIN = "-"


class InputError(Exception):
    """A path given on the command line that does not exist (exit code 2)."""


class Source(NamedTuple):
    path: str  # what to open, or "-" for stdin
    display: str  # how diagnostics name it
    explicit: bool  # named on the command line (not found by walking a folder)
    problem: Optional[str] = None  # cannot be read at all: reported as PL004 (exit status 2)
    skipped: Optional[str] = None  # passed over on purpose: counted in the summary
    unit: Optional["Unit"] = None  # a kustomize tree or Helm chart to render (podlint.render)


def discover(paths: Iterable[str], settings: "Settings") -> Iterator[Source]:
    """Every file to check once, however often and however it was named (`x.yaml`,
    `./x.yaml` and a folder that holds it are one file)."""
    seen: set[str] = set()
    for source in _sources(paths, settings):
        if source.path == STDIN or source.display not in seen:
            seen.add(source.display)
            yield source


def _sources(paths: Iterable[str], settings: "Settings") -> Iterator[Source]:
    """Expand folders (recursively, sorted, hidden entries skipped) into YAML/JSON files.

    `exclude` globs apply to folders and files alike, named or found (as in flake8). What a
    walk passes over (a FIFO, a link out of the folder) is counted; a folder it cannot read
    is reported; a named file that is not a regular file is refused, never opened (a FIFO
    would block for good).
    """
    exclude = settings.exclude or None
    explicit = not settings.skip_non_manifests
    if settings.build_kustomizations:
        yield from _builds_using(paths, settings)
        return
    for path in paths:
        if path == STDIN:
            name = settings.stdin_filename
            yield Source(STDIN, display_name(name if name.startswith("<") else report_name(name)), True)
        elif not (os.path.exists(path) or os.path.islink(path)):
            raise InputError(f"no such file or directory: {path}")
        elif exclude is not None and exclude.matches(path):
            continue
        elif os.path.isdir(path):
            yield from _rendered(list(_walk(path, exclude, settings)), settings)
        elif os.path.exists(path) and not stat.S_ISREG(os.stat(path).st_mode):
            yield Source(path, _display(path), True,
                         problem="not a regular file (a FIFO, a socket or a device); not read")
        elif settings.skip_non_manifests and _in_chart_sources(path):
            # pre-commit names every staged file: a chart's templates are no manifests yet
            yield Source(path, _display(path), False, skipped="Helm chart source (not rendered)")
        elif settings.skip_non_manifests and _kustomize_input(path):
            yield Source(path, _display(path), False, skipped="kustomize patch or input (not an object)")
        elif os.path.basename(path) in KUSTOMIZATIONS and not settings.skip_non_manifests:
            yield from _rendered([Source(path, _display(path), explicit)], settings)  # as its folder
        else:
            yield Source(path, _display(path), explicit)


def _kustomize_input(path: str) -> bool:
    from podlint.paths import git_top
    from podlint.render import kustomize

    return kustomize.is_input(path, git_top(os.path.dirname(os.path.abspath(path))))


def _builds_using(paths: Iterable[str], settings: "Settings") -> Iterator[Source]:
    """--build-kustomizations: the kustomize builds (under the repository's top, or the
    working directory) that use any of the named files, instead of the files."""
    from podlint.paths import git_top
    from podlint.render import INSTALL_HINT, Unit, kustomize

    named = [path for path in paths if path != STDIN and os.path.isfile(path)]
    root = git_top(os.getcwd()) or os.getcwd()
    tops = kustomize.owners(named, root) if named else []
    if not tops:
        return
    if not settings.render or kustomize.find_renderer() is None:
        why = "--no-render" if not settings.render else f"no kustomize or kubectl found: {INSTALL_HINT}"
        for top in tops:
            yield Source(top.file, _display(top.file), False, skipped=f"kustomization (not rendered: {why})")
        return
    yield Source(tops[0].file, _display(tops[0].file), True, unit=Unit("kustomize", _roots(tops)))


# A Helm chart's sources are not manifests until rendered: in a folder walk, a folder with
# a Chart.yaml becomes one Source that renders it (podlint.render), and its templates,
# packaged subcharts, files/ and chart metadata are not read as manifests.
HELM_CHART_MARKER = "Chart.yaml"
HELM_SOURCE_DIRS = frozenset(("templates", "charts", "files"))
HELM_METADATA = frozenset(("Chart.yaml", "Chart.lock"))
KUSTOMIZATIONS = frozenset(("kustomization.yaml", "kustomization.yml", "Kustomization"))


def _walk(top: str, exclude: Optional["PathMatcher"] = None,
          settings: Optional["Settings"] = None) -> Iterator[Source]:
    # os.walk does not follow directory links, so a link loop cannot trap it
    errors: list[OSError] = []
    inside = os.path.realpath(top)
    for root, dirs, files in os.walk(top, onerror=errors.append):
        while errors:
            err = errors.pop(0)
            where = err.filename or root
            yield Source(where, _display(where), True, problem=f"cannot read folder: {err.strerror or err}")
        chart = HELM_CHART_MARKER in files
        if chart:
            yield _chart(root, settings)
        for name in sorted(dirs):  # os.walk lists links to folders but never enters them
            link = os.path.join(root, name)
            if not name.startswith(".") and os.path.islink(link):
                yield Source(link, _display(link), False, skipped="link to a folder (not followed)")
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not (chart and d in HELM_SOURCE_DIRS)
                         and not (exclude is not None and exclude.matches(os.path.join(root, d))))
        for name in sorted(files):
            if chart and name in HELM_METADATA:
                continue
            if name == "Kustomization" or (name.endswith(EXTENSIONS) and not name.startswith(".")):
                path = os.path.join(root, name)
                if exclude is None or not exclude.matches(path):
                    yield Source(path, _display(path), False, skipped=_passed_over(path, inside))
    for err in errors:  # the top folder itself
        yield Source(err.filename or top, _display(err.filename or top), True,
                     problem=f"cannot read folder: {err.strerror or err}")


def _chart(folder: str, settings: Optional["Settings"]) -> Source:
    marker = os.path.join(folder, HELM_CHART_MARKER)
    if settings is not None and not settings.render:
        return Source(marker, _display(marker), False, skipped="Helm chart (not rendered: --no-render)")
    from podlint.render import Unit

    values = settings.helm_values if settings is not None else ()
    sets = settings.helm_set if settings is not None else ()
    return Source(marker, _display(marker), True, unit=Unit("helm", ((os.path.abspath(folder), (), ()),), values, sets))


def _rendered(sources: list[Source], settings: "Settings") -> Iterator[Source]:
    """A walk's sources with its kustomize trees planned: each top-level kustomization is
    built (one Source for the tree) and the files it reaches are checked through the build,
    not again on their own; patches and other kustomize inputs are never checked as objects.
    Without a renderer (or with --no-render) the resources are checked as they are, and the
    summary says that the tree was not rendered."""
    found = [s.path for s in sources if os.path.basename(s.path) in KUSTOMIZATIONS and s.unit is None]
    if not found:
        yield from sources
        return
    from podlint.render import INSTALL_HINT, Unit, kustomize

    renderer = settings.render and kustomize.find_renderer() is not None
    plan = kustomize.plan(found, renderer)
    # without a renderer, the top-level kustomizations say so (PL009) unless --no-render
    tops = {os.path.abspath(t) for t in plan.tops} if settings.render else set()
    unit_roots = _roots(plan.builds)
    placed = False
    for source in sources:
        full = os.path.abspath(source.path)
        if full in tops:
            if not placed:
                placed = True
                yield source._replace(explicit=True, unit=Unit("kustomize", unit_roots))
        elif full in plan.resources and renderer:
            continue  # checked through the build
        elif full in plan.inputs:
            yield source._replace(skipped="kustomize patch or input (not an object)")
        elif full in plan.kustomizations:
            if renderer:
                yield source._replace(skipped="kustomize base or component (checked in the builds that use it)")
            else:
                why = "--no-render" if not settings.render else f"no kustomize or kubectl found: {INSTALL_HINT}"
                yield source._replace(skipped=f"kustomization (not rendered: {why})")
        else:
            yield source


def _roots(builds) -> tuple:
    """A kustomize Unit's roots: each build with the object files it reaches (checked as they
    are if it fails) and its patches (where a finding's value may come from)."""
    return tuple((build.file, build.resources, build.inputs) for build in builds)


def _in_chart_sources(path: str) -> bool:
    """Whether the file is a Helm chart's source: under the templates/ or charts/ folder of a
    folder that holds a Chart.yaml, or that Chart.yaml or Chart.lock itself."""
    folder, name = os.path.split(os.path.abspath(path))
    if name in HELM_METADATA:
        return os.path.isfile(os.path.join(folder, HELM_CHART_MARKER))
    while True:
        parent, part = os.path.split(folder)
        if part in HELM_SOURCE_DIRS and os.path.isfile(os.path.join(parent, HELM_CHART_MARKER)):
            return True
        if parent == folder:
            return False
        folder = parent


def _passed_over(path: str, inside: str) -> Optional[str]:
    """Why a walk does not open this file, or None."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            target = os.path.realpath(path)
            if os.path.commonpath([target, inside]) != inside:
                return "link out of the checked folder"
            info = os.stat(path)
    except (OSError, ValueError):
        return None  # reading it will say what is wrong
    return None if stat.S_ISREG(info.st_mode) else "not a regular file"


def _display(path: str) -> str:
    return display_name(report_name(path))


def report_name(path: str) -> str:
    """How reports spell a file: relative to the working directory when inside it, else
    absolute; normalised either way (no './', '//' or '..'), so that one file has one name,
    one fingerprint and one SARIF URI however it was named on the command line."""
    full = os.path.abspath(path)
    here = os.getcwd()
    if full == here or full.startswith(here.rstrip(os.sep) + os.sep):
        return os.path.relpath(full, here)
    return full
