"""Sources that are not manifests until rendered: kustomize trees and Helm charts.

discover turns a kustomize tree or a chart found in a walk into one Source carrying a Unit;
the checker hands such a Source to `check_unit`, which renders it, checks the rendered
objects as any file, and maps each finding back to the file it came from (the origin
annotation of a kustomize build, the template of a Helm manifest). What it returns is one
FileResult per source file (`FileResult.parts`), so reports, suppressions in those files,
baselines and fingerprints see the user's own files, never the rendered stream.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, NamedTuple, Optional

from podlint.diagnostics import Diagnostic
from podlint.load import read_text

if TYPE_CHECKING:
    from podlint.checker import Checker, FileResult
    from podlint.discover import Source
    from podlint.load import Document, LoadedFile

RENDER_FAILED_RULE = "PL008"
NOT_RENDERED_RULE = "PL009"
INSTALL_HINT = "pip install 'podlint[render]'"


class Unit(NamedTuple):
    """What a Source renders: `kind` is 'kustomize' or 'helm'."""

    kind: str
    # (kustomization file or chart folder, its object files, its patches)
    roots: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]
    values: tuple[str, ...] = ()  # Helm --values files
    sets: tuple[str, ...] = ()  # Helm --set items


def check_unit(checker: "Checker", source: "Source") -> tuple["LoadedFile", "FileResult"]:
    from podlint.checker import FileResult
    from podlint.load import LoadedFile

    unit: Unit = source.unit
    parts = _Parts(checker)
    try:
        if unit.kind == "kustomize":
            _kustomize(parts, unit)
        else:
            _helm(parts, unit)
    except Exception as err:  # rendering is podlint's own code too: never a traceback
        if checker.settings.debug:
            import traceback

            traceback.print_exc()
        from podlint.checker import INTERNAL_RULE

        parts.note(source.path, INTERNAL_RULE, f"rendering failed inside podlint: {type(err).__name__}: "
                   f"{err}; please report it (--debug shows the traceback)")
    result = FileResult(source.display, 0, False, [], [], None, 0, checked=False)
    result.parts = parts.results()
    result.facts = parts.facts
    return LoadedFile(source.display, ""), result


class _SourceFile:
    """What the renderings of one unit found in one of the files they came from."""

    __slots__ = ("path", "diagnostics", "objects", "documents", "loose", "skipped")

    def __init__(self, path: str) -> None:
        self.path = path
        self.diagnostics: dict[tuple, Diagnostic] = {}  # one of each (rule, line, column, message)
        self.objects = 0  # objects rendered from it (the most any one build made)
        self.documents = 0
        self.loose: Optional["FileResult"] = None  # the file checked as it is (a build failed)
        self.skipped: dict[str, int] = {}  # what the renderings passed over, by reason


class _Parts:
    """The findings of one unit, gathered per source file and made unique (a base used by
    three overlays is reported once)."""

    def __init__(self, checker: "Checker") -> None:
        self.checker = checker
        self.files: dict[str, _SourceFile] = {}  # by the name reports give the file
        # the rendered objects' cross-document facts: they count for the set (a Service a
        # chart defines exists), but positions in a rendered stream are not reported
        self.facts: list = []

    def file(self, path: str) -> _SourceFile:
        name = _display_of(path)
        entry = self.files.get(name)
        if entry is None:
            entry = self.files[name] = _SourceFile(path)
        return entry

    def add(self, path: str, diagnostic: Diagnostic) -> None:
        """A finding in the file it came from, where the configuration lets it be reported:
        an excluded file gets none, and per-file-ignores apply to the source file (the check
        of the rendered stream only knew the kustomization or chart)."""
        exclude = self.checker.settings.exclude
        if exclude is not None and exclude.matches(path):
            return
        entry = self.file(path)
        if not self.checker.allowed(diagnostic.rule_id, diagnostic.file):
            return
        key = (diagnostic.rule_id, diagnostic.line, diagnostic.column, diagnostic.message)
        entry.diagnostics.setdefault(key, diagnostic)

    def note(self, path: str, rule_id: str, message: str) -> None:
        checker = self.checker
        if rule_id not in checker.active:
            self.file(path)
            return
        entry = self.file(path)
        d = Diagnostic(rule_id, checker.rules[rule_id].name, checker.severities[rule_id], message,
                       _display_of(entry.path), 1, 1)
        self.add(path, d)

    def skipped(self, path: str, counts: dict[str, int]) -> None:
        """What a rendering passed over (custom resources), at the file it was rendered from;
        the most any one build passed over, as builds of one tree share their objects."""
        held = self.file(path).skipped
        for key, count in counts.items():
            held[key] = max(held.get(key, 0), count)

    def loose(self, path: str) -> None:
        """Check a file as it is (a resource of a kustomization that could not be built)."""
        from podlint.discover import Source

        entry = self.file(path)
        if entry.loose is None:
            entry.loose = self.checker.check_source(Source(path, _display_of(path), False))[1]

    def results(self) -> list["FileResult"]:
        from podlint.checker import FileResult

        out = []
        for name, entry in sorted(self.files.items()):
            if entry.loose is not None and not entry.diagnostics:
                out.append(entry.loose)
                continue
            diagnostics = sorted(entry.diagnostics.values(), key=Diagnostic.sort_key)
            suppressed = 0
            text = read_text(entry.path)
            if diagnostics and text:
                from podlint import suppress

                comments = suppress.find_comments(text)
                if comments:
                    diagnostics, suppressed = suppress.apply(diagnostics, comments, self.checker.resolve)
            lines = None
            if diagnostics:
                text_lines = text.splitlines()
                lines = {d.line: text_lines[d.line - 1] for d in diagnostics if 0 < d.line <= len(text_lines)}
            result = FileResult(name, entry.documents, False, [], diagnostics, lines, suppressed,
                                entry.objects, dict(entry.skipped))
            if entry.loose is not None:  # both: the build failed elsewhere, or in part
                result.diagnostics = sorted(result.diagnostics + entry.loose.diagnostics,
                                            key=Diagnostic.sort_key)
                result.source_lines = {**(entry.loose.source_lines or {}), **(lines or {})}
            out.append(result)
        return out


def _display_of(path: str) -> str:
    from podlint.discover import _display

    return _display(path)


# -- kustomize ----------------------------------------------------------------------------

def _kustomize(parts: _Parts, unit: Unit) -> None:
    from podlint.load import load_text
    from podlint.render import kustomize

    command = kustomize.find_renderer()
    for kfile, resources, patches in unit.roots:
        parts.file(kfile)
        if command is None:
            parts.note(kfile, NOT_RENDERED_RULE,
                       "kustomization not rendered: no kustomize or kubectl found (on PATH, or "
                       f"{INSTALL_HINT}); its resources were checked as separate files and its "
                       "patches not at all")
            continue
        built = kustomize.build(kfile, command)
        if built.text is None:
            parts.note(kfile, RENDER_FAILED_RULE,
                       f"kustomization could not be built ({built.error}); its resources were "
                       "checked as separate files")
            for path in resources:
                parts.loose(path)
            continue
        loaded = load_text(built.text, _display_of(kfile))
        origins = []
        for document in loaded.documents:
            data = document.data
            found = kustomize.origin(data, built.base) if isinstance(data, dict) else None
            origins.append(found if found and os.path.isfile(found) else kfile)
        result = parts.checker.check(loaded, explicit=True)
        parts.facts.extend(f._replace(located=False) for f in result.facts)
        parts.skipped(kfile, result.skipped)
        mapper = _Mapper(loaded.documents, origins, os.path.relpath(os.path.dirname(kfile)), patches)
        for path in set(origins):  # the most any one build made of the file
            if path != kfile:
                entry = parts.file(path)
                entry.objects = entry.documents = max(entry.objects, origins.count(path))
        for d in result.diagnostics:
            target, mapped = mapper.map(d)
            parts.add(target, mapped)


class _Mapper:
    """Rendered document + field path -> the same field in the source file it came from."""

    def __init__(self, documents: list["Document"], origins: list[str], build: str,
                 patches: tuple[str, ...] = ()) -> None:
        self.documents = {d.index: d for d in documents}
        self.origins = origins
        self.build = build
        self.patches = patches
        self.sources: dict[str, "LoadedFile"] = {}

    def _from_patch(self, rendered: "Document", d: Diagnostic) -> Optional[tuple[str, "Document", object]]:
        """The strategic-merge patch of this build that sets the field to its rendered value."""
        value = _value(rendered.data, d.path)
        for patch in self.patches:
            loaded = self._source(patch)
            match = _matching_document(loaded, rendered.data) if loaded else None
            if match is None:
                continue
            path, whole = _source_path(rendered.data, match.data, d.path)
            if whole and _value(match.data, path) == value:
                return patch, match, path
        return None

    def map(self, d: Diagnostic) -> tuple[str, Diagnostic]:
        index = d.document if d.document is not None else 0
        origin = self.origins[index] if index < len(self.origins) else self.origins[0]
        rendered = self.documents.get(index)
        source = self._source(origin)
        match = _matching_document(source, rendered.data if rendered else None) if source else None
        if match is None or d.path is None:
            return origin, d._replace(file=_display_of(origin), line=1, column=1, end_line=None,
                                      end_column=None, document=match.index if match else None)
        path, whole = _source_path(rendered.data, match.data, d.path)
        message = d.message
        if not whole or _value(rendered.data, d.path) != _value(match.data, path):
            patched = self._from_patch(rendered, d)
            if patched is not None:
                origin, match, path = patched
                message += f" (a patch of the kustomize build of {self.build})"
            else:
                message += f" (as the kustomize build of {self.build} sets it)"
        span = match.span(path, on_key=_on_key(rendered, d))
        return origin, d._replace(file=_display_of(origin), line=span.line, column=span.column,
                                  end_line=span.end_line, end_column=span.end_column,
                                  document=match.index, object_ref=_ref(match.data) or d.object_ref,
                                  message=message)

    def _source(self, path: str) -> Optional["LoadedFile"]:
        if path not in self.sources:
            from podlint.load import load_file

            self.sources[path] = load_file(path, _display_of(path))
        return self.sources[path]


def _on_key(document: "Document", d: Diagnostic) -> bool:
    return document.span(d.path, on_key=True).column == d.column


def _matching_document(source: "LoadedFile", obj: object) -> Optional["Document"]:
    """The document of `source` that `obj` was rendered from: the same kind and name (a
    name prefix or suffix allowed), else the only one of that kind."""
    if not isinstance(obj, dict):
        return None
    kind, name = obj.get("kind"), _name(obj)
    same_kind = [doc for doc in source.documents if isinstance(doc.data, dict) and doc.data.get("kind") == kind]
    for doc in same_kind:
        if _name(doc.data) == name:
            return doc
    inside = [doc for doc in same_kind if _name(doc.data) and name and _name(doc.data) in name]
    if inside:
        return max(inside, key=lambda doc: len(_name(doc.data)))
    return same_kind[0] if len(same_kind) == 1 else None


def _name(obj: dict) -> Optional[str]:
    metadata = obj.get("metadata")
    name = metadata.get("name") if isinstance(metadata, dict) else None
    return name if isinstance(name, str) else None


def _ref(obj: dict) -> Optional[str]:
    kind, name = obj.get("kind"), _name(obj)
    return f"{kind}/{name}" if isinstance(kind, str) and name else None


def _source_path(rendered: object, source: object, path) -> tuple:
    """`path` in the rendered object -> the same field in the source object, as far as it
    exists there (list items matched by name: a patch may add or reorder containers), and
    whether all of it does."""
    from podlint.paths import FieldPath

    out = []
    for key in path:
        if isinstance(key, int) and isinstance(rendered, list) and isinstance(source, list):
            item = rendered[key] if 0 <= key < len(rendered) else None
            name = item.get("name") if isinstance(item, dict) else None
            if name is not None:
                found = [i for i, other in enumerate(source) if isinstance(other, dict) and other.get("name") == name]
                if not found:
                    return FieldPath(out), False
                key_there = found[0]
            elif 0 <= key < len(source):
                key_there = key
            else:
                return FieldPath(out), False
            out.append(key_there)
            rendered, source = item, source[key_there]
        elif isinstance(rendered, dict) and isinstance(source, dict) and key in source:
            out.append(key)
            rendered, source = rendered.get(key), source[key]
        else:
            return FieldPath(out), False
    return FieldPath(out), True


_MISSING = object()


def _value(obj: object, path) -> object:
    for key in path:
        if isinstance(obj, dict) and key in obj:
            obj = obj[key]
        elif isinstance(obj, list) and isinstance(key, int) and 0 <= key < len(obj):
            obj = obj[key]
        else:
            return _MISSING
    return obj


# -- Helm ---------------------------------------------------------------------------------

def _helm(parts: _Parts, unit: Unit) -> None:
    from podlint.load import load_text
    from podlint.render import helm

    renderer = helm.find_renderer()
    for chart, _files, _patches in unit.roots:
        chart_file = os.path.join(chart, helm.MARKER)
        parts.file(chart_file)
        if renderer is None:
            parts.note(chart_file, NOT_RENDERED_RULE,
                       "Helm chart not checked: no Helm renderer (a helm binary on PATH, or "
                       f"{INSTALL_HINT}); its templates/ are not manifests until rendered")
            continue
        rendered = helm.render(chart, renderer, unit.values, unit.sets)
        if rendered.manifests is None:
            parts.note(chart_file, RENDER_FAILED_RULE, f"Helm chart could not be rendered ({rendered.error})")
            continue
        for name, text in rendered.manifests:
            template = os.path.join(chart, name)
            if not os.path.isfile(template):
                template = chart_file
            loaded = load_text(text, _display_of(template))
            result = parts.checker.check(loaded, explicit=True)
            parts.facts.extend(f._replace(located=False) for f in result.facts)
            parts.skipped(template, result.skipped)
            entry = parts.file(template)
            entry.objects += result.objects
            entry.documents += len(loaded.documents)
            rendered_lines = text.splitlines()
            template_lines = read_text(template).splitlines() if template != chart_file else []
            for d in result.diagnostics:
                line, shift = helm.template_line(rendered_lines, d.line, template_lines)
                column = max(1, d.column + shift)
                end = d.end_column + shift if d.end_column and d.end_line == d.line else None
                parts.add(template, d._replace(file=_display_of(template), line=line, column=column,
                                               end_line=line if end else None, end_column=end))
