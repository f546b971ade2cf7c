"""run(paths, settings) -> Report: load, find pod specs, schema pass, rules, positions."""

from __future__ import annotations

import os
import re
import sys
from typing import Callable, Iterable, Iterator, NamedTuple, Optional, TYPE_CHECKING

from podlint import suppress
from podlint.diagnostics import Diagnostic, Finding, Notification, Report, RuleInfo, Severity, Span
from podlint.load import UNREADABLE_RULE, YAML_RULE, Document, LoadedFile, load_bytes, load_file
from podlint.model import Rule
from podlint.paths import FieldPath
from podlint.record import Record
from podlint.versions import KubeVersion

if TYPE_CHECKING:
    from podlint.config import PathMatcher, Selection

EXTENSIONS = (".yaml", ".yml", ".json")
DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024
STDIN = "-"
INTERNAL_RULE = "PL000"  # raised by the engine when a rule or the schema pass fails
UNUSED_SUPPRESSION_RULE = "PW001"  # raised by the engine for suppressions that hid nothing
RULES_URL = "https://github.com/podlint/podlint/blob/main/rules/"
# the test markers of the rule documents' examples (tests/markers.py)
_MARKER = re.compile(r"[ \t]*#\s*expect(?:\+\d+)?:\s*[A-Z]{2}\d{3}(?:\s*,\s*[A-Z]{2}\d{3})*")
# `helm template` writes "# Source: chart/templates/x.yaml" before each document
_HELM_SOURCE = re.compile(r"^#\s*Source:\s*(\S.*?)\s*$")


class Settings(NamedTuple):
    kubernetes_version: KubeVersion = KubeVersion.newest()
    stdin_filename: str = "<stdin>"
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    debug: bool = False
    # rule ids to report; None means every rule
    enabled: Optional[frozenset[str]] = None
    # select/ignore/per-file-ignores/severity from the configuration (None: every rule as is)
    selection: Optional["Selection"] = None
    exclude: Optional["PathMatcher"] = None  # files and folders never checked
    # files named on the command line are skipped, like walked ones, when they hold no
    # Kubernetes object (pre-commit names every staged YAML file)
    skip_non_manifests: bool = False


class InputError(Exception):
    """A path given on the command line that does not exist (exit code 2)."""


class Source(NamedTuple):
    path: str  # what to open, or "-" for stdin
    display: str  # how diagnostics name it
    explicit: bool  # named on the command line (not found by walking a folder)


def discover(paths: Iterable[str], settings: Settings) -> Iterator[Source]:
    """Expand folders (recursively, sorted, hidden entries skipped) into YAML/JSON files.

    `exclude` globs apply to folders and files alike, named or found (as in flake8).
    """
    exclude = settings.exclude or None
    explicit = not settings.skip_non_manifests
    for path in paths:
        if path == STDIN:
            yield Source(STDIN, settings.stdin_filename, True)
        elif not (os.path.exists(path) or os.path.islink(path)):
            raise InputError(f"no such file or directory: {path}")
        elif exclude is not None and exclude.matches(path):
            continue
        elif os.path.isdir(path):
            yield from _walk(path, exclude)
        else:
            yield Source(path, path, explicit)


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
    return path[2:] if path.startswith("./") else path


class Checker:
    """Checks files one at a time against the active rules."""

    def __init__(self, settings: Settings) -> None:
        from podlint.rules import all_rules

        self.settings = settings
        self.k8s = settings.kubernetes_version
        self.rules = {r.id: r for r in all_rules()}
        self.names = {r.name: r.id for r in self.rules.values()}
        enabled = settings.enabled
        selection = self.selection = settings.selection
        self.active = {rid for rid, r in self.rules.items()
                       if r.applies_to(self.k8s) and (enabled is None or rid in enabled)
                       and (selection is None or selection.selected(rid))}
        self.severities = {rid: (selection.severity(rid) if selection else None) or r.severity
                           for rid, r in self.rules.items()}
        self.checks: list[Rule] = [r for r in self.rules.values() if r.check and r.id in self.active]
        # (rule, id, check) of the pod-spec rules: the rule loop runs for each on every pod spec
        self._calls = [(rule, rule.id, rule.check) for rule in self.checks if rule.kinds is None]
        # "apiVersion/Kind" -> (rule, id, check) of the object rules for that kind
        self._object_calls: dict[str, list] = {}
        for rule in self.checks:
            for key in rule.kinds or ():
                self._object_calls.setdefault(key, []).append((rule, rule.id, rule.check))
        self.suppressed = 0  # diagnostics hidden by suppressions so far
        self._annotations: list[suppress.Suppression] = []
        self.objects = 0  # objects of built-in kinds checked in the current file
        self.skipped: dict[str, int] = {}  # what the current file holds that was not checked

    def rule_infos(self) -> dict[str, RuleInfo]:
        """Metadata of the active rules as formatters see it (configured severities)."""
        infos = {}
        for rid in sorted(self.active):
            rule, severity = self.rules[rid], self.severities[rid]
            infos[rid] = RuleInfo(
                rid, rule.name, severity, rule.summary,
                tags=("kubernetes", "correctness" if rule.severity is Severity.ERROR else "reliability"),
            )
        return infos

    def resolve(self, written: str) -> Optional[str]:
        """A rule id or name as written in a suppression -> the rule id, or None."""
        if written.upper() in self.rules:
            return written.upper()
        return self.names.get(written)

    def _allowed(self, rule_id: str, file: str) -> bool:
        return rule_id in self.active and (self.selection is None
                                           or self.selection.selected_in(rule_id, file))

    def check_source(self, source: Source) -> tuple[LoadedFile, list[Diagnostic]]:
        if source.path == STDIN:
            raw = sys.stdin.buffer.read()
            loaded = load_bytes(raw, source.display, self.settings.max_file_size)
        else:
            loaded = load_file(source.path, source.display, self.settings.max_file_size)
        return loaded, self.check_loaded(loaded, explicit=source.explicit)

    def check_loaded(self, loaded: LoadedFile, explicit: bool = True) -> list[Diagnostic]:
        out: list[Diagnostic] = []
        for problem in loaded.problems:
            self._emit(out, loaded.file, problem.rule_id, problem.message, problem.span,
                       None, problem.document, None)
        self.objects, self.skipped = 0, {}
        if not explicit and not loaded.problems and not any(_looks_like_object(d.data) for d in loaded.documents):
            # a walked file with no Kubernetes object at all: values.yaml, CI config
            self.skipped = {"file:no Kubernetes object": 1}
            return []
        self._annotations = []
        for document in loaded.documents:
            self._check_document(document, out)
        out = self._suppress(loaded, out)
        out = _name_helm_sources(loaded.text, out)
        out.sort(key=Diagnostic.sort_key)
        return out

    def _suppress(self, loaded: LoadedFile, out: list[Diagnostic]) -> list[Diagnostic]:
        """Drop what comments and annotations suppress; report those that hid nothing (PW001)."""
        suppressions = suppress.find_comments(loaded.text) + self._annotations
        if not suppressions:
            return out
        kept, hidden = suppress.apply(out, suppressions, self.resolve)
        self.suppressed += hidden
        documents = {d.index: d for d in loaded.documents}

        def ran(rule_id: str) -> bool:
            return self._allowed(rule_id, loaded.file)

        for item in suppressions:
            for message in suppress.unused(item, self.resolve, ran):
                if item.kind == "annotation" and item.key_path is not None and item.document in documents:
                    document = documents[item.document]
                    self._emit(kept, loaded.file, UNUSED_SUPPRESSION_RULE, message,
                               document.span(item.key_path), item.key_path, document.index, item.object_ref)
                else:
                    span = Span(item.line, item.column, item.line, item.end_column)
                    self._emit(kept, loaded.file, UNUSED_SUPPRESSION_RULE, message, span, None, None, None)
        return kept

    # -- documents and objects -------------------------------------------------------

    def _check_document(self, document: Document, out: list[Diagnostic]) -> None:
        data = document.data
        if not isinstance(data, dict):
            what = "a list" if isinstance(data, list) else f"a scalar ({data!r:.40})"
            self._at(out, document, "PL003", FieldPath(),
                     f"document is {what}, not a Kubernetes object (a mapping with apiVersion and kind)")
            return
        if not _looks_like_object(data):
            return  # not meant as a Kubernetes object (e.g. a kustomize patch or values file)
        kind = data.get("kind")
        items = data.get("items")
        if isinstance(kind, str) and kind.endswith("List") and isinstance(items, list):
            if not self._check_identity(document, data, FieldPath(), out, list_kind=True):
                return
            for i, item in enumerate(items):
                path = FieldPath(("items", i))
                if not isinstance(item, dict):
                    self._at(out, document, "PL003", path,
                             f"item {i} of the {kind} is not a Kubernetes object", on_key=False)
                elif self._check_identity(document, item, path, out):
                    self._check_object(document, item, path, out)
            return
        if self._check_identity(document, data, FieldPath(), out):
            self._check_object(document, data, FieldPath(), out)

    def _check_identity(self, document: Document, obj: dict, base: FieldPath,
                        out: list[Diagnostic], list_kind: bool = False) -> bool:
        ok = True
        for key in ("apiVersion", "kind"):
            value = obj.get(key)
            if value is None or value == "":
                self._at(out, document, "PL003", base,
                         f'object is missing "{key}"; every Kubernetes object needs apiVersion and kind')
                ok = False
            elif not isinstance(value, str):
                self._at(out, document, "PL003", base / key,
                         f"{key} must be a string, got {_describe(value)}", on_key=False)
                ok = False
        return ok

    def _check_object(self, document: Document, obj: dict, base: FieldPath, out: list[Diagnostic]) -> None:
        ref = _object_ref(obj)
        from podlint import schema
        from podlint.workloads import find_pod_sites

        if not schema.is_built_in_group(obj["apiVersion"]) and not os.environ.get("PODLINT_NO_SCHEMA"):
            key = f"kind:{obj['kind']}"  # a custom resource: its schema is the cluster's
            self.skipped[key] = self.skipped.get(key, 0) + 1
            self._annotations.extend(suppress.find_annotations(document.index, obj, base, [], ref))
            return
        self.objects += 1

        if document.nulls:  # checks judge what the server decodes: each null a zero value
            obj = schema.decoded(obj, self.k8s)
        sites = list(find_pod_sites(obj, self.k8s, base))
        templates = [site.path.parent for site in sites if site.template_metadata is not None]
        self._annotations.extend(suppress.find_annotations(document.index, obj, base, templates, ref))
        for rule_id, finding in self._schema_findings(obj, base, document, out):
            if rule_id == "PL006":
                sites = []  # no such type: kubectl stops there, and its pod spec means nothing
            if rule_id in self.active:
                self._finding(out, document, rule_id, finding, ref)
        finding_at = self._finding
        object_calls = self._object_calls.get(f"{obj.get('apiVersion')}/{obj.get('kind')}")
        if object_calls:
            from podlint.model import ObjectSite

            self._run(object_calls, ObjectSite(obj, base, self.k8s), document, out, ref)
        for site in sites:
            for rule, rule_id, check in self._calls:
                try:
                    for finding in check(site):
                        finding_at(out, document, rule_id, finding, ref)
                except Exception as err:  # one broken rule must not hide the others
                    if self.settings.debug:
                        _print_traceback()
                    self._at(out, document, INTERNAL_RULE, site.path,
                             f"rule {rule.id} ({rule.name}) failed on this object: "
                             f"{type(err).__name__}: {err}; please report it (--debug shows the traceback)")
            site.release()

    def _run(self, calls: list, site: object, document: Document, out: list[Diagnostic],
             ref: Optional[str]) -> None:
        """Object rules on one object; a rule that fails is reported, not fatal."""
        for rule, rule_id, check in calls:
            try:
                for finding in check(site):
                    self._finding(out, document, rule_id, finding, ref)
            except Exception as err:
                if self.settings.debug:
                    _print_traceback()
                self._at(out, document, INTERNAL_RULE, site.path,  # type: ignore[attr-defined]
                         f"rule {rule.id} ({rule.name}) failed on this object: "
                         f"{type(err).__name__}: {err}; please report it (--debug shows the traceback)")

    def _schema_findings(self, obj: dict, base: FieldPath, document: Document,
                         out: list[Diagnostic]) -> list[tuple[str, Finding]]:
        if os.environ.get("PODLINT_NO_SCHEMA"):  # for rule development and debugging
            return []
        try:
            from podlint import schema
        except ImportError:  # pragma: no cover - schema pass not installed
            return []
        try:
            return schema.check_object(obj, self.k8s, base)
        except Exception as err:
            if self.settings.debug:
                _print_traceback()
            self._at(out, document, INTERNAL_RULE, base,
                     f"schema check failed on this object: {type(err).__name__}: {err}; please report it")
            return []

    # -- diagnostics -----------------------------------------------------------------

    def _finding(self, out: list[Diagnostic], document: Document, rule_id: str,
                 finding: Finding, ref: Optional[str]) -> None:
        span = document.span(finding.path, finding.on_key)
        self._emit(out, document.file, rule_id, finding.message, span, finding.path, document.index, ref)

    def _at(self, out: list[Diagnostic], document: Document, rule_id: str, path: FieldPath,
            message: str, on_key: bool = True) -> None:
        self._finding(out, document, rule_id, Finding(path, message, on_key), _object_ref(document.data))

    def _emit(self, out: list[Diagnostic], file: str, rule_id: str, message: str, span: Span,
              path: Optional[FieldPath], document: Optional[int], ref: Optional[str]) -> None:
        if not self._allowed(rule_id, file):
            return
        rule = self.rules[rule_id]
        out.append(Diagnostic(rule_id, rule.name, self.severities[rule_id], message, file, span.line,
                              span.column, span.end_line, span.end_column, path, document, ref))


def _name_helm_sources(text: str, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Name the Helm template behind each diagnostic of `helm template` output."""
    if "Source:" not in text or not diagnostics:
        return diagnostics
    by_line: list[Optional[str]] = []
    current: Optional[str] = None
    for line in text.splitlines():
        if line.startswith("---"):
            current = None  # a new document: its own "# Source:" follows
        match = _HELM_SOURCE.match(line) if line.startswith("#") else None
        if match:
            current = match.group(1)
        by_line.append(current)
    named = []
    for d in diagnostics:
        source = by_line[d.line - 1] if 0 < d.line <= len(by_line) else None
        if source and d.source is None:
            d = d._replace(source=source, message=f"{d.message} (from {source})")
        named.append(d)
    return named


def _looks_like_object(data: object) -> bool:
    return isinstance(data, dict) and ("apiVersion" in data or "kind" in data)


def _object_ref(obj: object) -> Optional[str]:
    if not isinstance(obj, dict):
        return None
    kind = obj.get("kind")
    metadata = obj.get("metadata")
    name = metadata.get("name") if isinstance(metadata, dict) else None
    if isinstance(kind, str) and isinstance(name, str):
        return f"{kind}/{name}"
    return kind if isinstance(kind, str) else None


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value)


# Parallel checking pays for its worker processes (a fork, or about 0.2 s each where
# processes are spawned) only from a few dozen files on.
PARALLEL_MIN_FILES = 50
# Files go to workers in chunks: big enough to keep messaging cheap, small enough that
# the workers finish together.
MAX_CHUNK = 32


class FileResult(Record):
    """What the report needs from one checked file (all a worker process sends back)."""

    __slots__ = ("file", "documents", "unreadable", "notifications", "diagnostics", "source_lines",
                 "suppressed", "objects", "skipped")

    def __init__(self, file: str, documents: int, unreadable: bool, notifications: list[Notification],
                 diagnostics: list[Diagnostic], source_lines: Optional[dict[int, str]],
                 suppressed: int, objects: int = 0, skipped: Optional[dict[str, int]] = None) -> None:
        self.file = file
        self.documents = documents
        self.unreadable = unreadable  # could not be read at all: exit code 2
        self.notifications = notifications
        self.diagnostics = diagnostics
        self.source_lines = source_lines  # lines that carry a diagnostic (None: no diagnostic)
        self.suppressed = suppressed  # diagnostics hidden by comments and annotations
        self.objects = objects  # objects of built-in kinds checked
        self.skipped = skipped or {}  # what was not checked, by reason (Report.skipped)


def _check_file(checker: Checker, source: Source) -> tuple[LoadedFile, FileResult]:
    before = checker.suppressed
    loaded, diagnostics = checker.check_source(source)
    lines: Optional[dict[int, str]] = None
    if diagnostics:
        lines = {}
        text_lines = loaded.text.splitlines()
        for d in diagnostics:
            if 0 < d.line <= len(text_lines):
                lines[d.line] = text_lines[d.line - 1]
    unreadable = loaded.unreadable and any(p.message.startswith("cannot read") for p in loaded.problems)
    return loaded, FileResult(loaded.file, len(loaded.documents), unreadable,
                              list(_notifications(loaded, diagnostics)), diagnostics, lines,
                              checker.suppressed - before, checker.objects, dict(checker.skipped))


def _add(report: Report, result: FileResult) -> None:
    report.files_checked += 1
    report.files.append(result.file)
    report.documents_checked += result.documents
    if result.unreadable:
        report.files_unreadable.append(result.file)
    report.notifications.extend(result.notifications)
    if result.source_lines is not None:
        report.source_lines[result.file] = result.source_lines
    report.diagnostics.extend(result.diagnostics)
    report.suppressed += result.suppressed
    report.objects_checked += result.objects
    for key, count in result.skipped.items():
        report.skipped[key] = report.skipped.get(key, 0) + count


def available_cores() -> int:
    """CPUs this process may run on (the affinity mask where the platform has one)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def worker_count(jobs: Optional[int], files: int) -> int:
    """Processes to check `files` files with: 1 means in this process.

    `jobs` None is automatic: every core when there are more than PARALLEL_MIN_FILES
    files, else in-process. An explicit `jobs` is followed (never more workers than files).
    """
    if jobs is None:
        jobs = available_cores() if files > PARALLEL_MIN_FILES else 1
    return max(1, min(jobs, files))


def run(paths: Iterable[str], settings: Settings,
        on_file: Optional[Callable[[LoadedFile, list[Diagnostic]], None]] = None,
        jobs: Optional[int] = 1) -> Report:
    """Check every file under `paths`; raise InputError for a path that does not exist.

    `jobs`: worker processes (None: automatic, see worker_count). The report is the same
    for any number: files are reported in the order they were found. Standard input and
    `on_file` (which gets each LoadedFile) keep the run in this process.
    """
    checker = Checker(settings)
    report = Report(kubernetes_version=str(settings.kubernetes_version))
    report.rules = checker.rule_infos()
    sources = list(discover(paths, settings))
    workers = worker_count(jobs, len(sources))
    if workers > 1 and on_file is None and all(source.path != STDIN for source in sources):
        for result in _check_in_parallel(sources, settings, workers):
            _add(report, result)
        return report
    for source in sources:
        loaded, result = _check_file(checker, source)
        _add(report, result)
        if on_file:
            on_file(loaded, result.diagnostics)
    return report


# -- worker processes --------------------------------------------------------------------

_worker_checker: Optional[Checker] = None


def _start_worker(settings: Settings) -> None:
    global _worker_checker
    _worker_checker = Checker(settings)


def _check_chunk(chunk: list[Source]) -> list[FileResult]:
    assert _worker_checker is not None
    return [_check_file(_worker_checker, source)[1] for source in chunk]


def _check_in_parallel(sources: list[Source], settings: Settings, workers: int) -> Iterator[FileResult]:
    """Check `sources` in `workers` processes; results come back in the order of `sources`."""
    context = _context(settings)
    size = max(1, min(MAX_CHUNK, -(-len(sources) // (workers * 4))))
    chunks = [sources[i:i + size] for i in range(0, len(sources), size)]
    from concurrent.futures import ProcessPoolExecutor

    # an executor, not multiprocessing.Pool: a worker that dies (killed, out of memory)
    # fails the run with BrokenProcessPool instead of leaving it waiting forever
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                               initargs=(settings,))
    try:
        for results in pool.map(_check_chunk, chunks):  # in the order of `chunks`
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _context(settings: Settings):
    """Fork on Linux: workers inherit the imported rules and the loaded schema instead of
    importing them again. Elsewhere the platform's default (spawn), where fork is unsafe."""
    import multiprocessing

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        _prepare(settings)
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _prepare(settings: Settings) -> None:
    """Load what every worker needs once, before forking (the schema of the release)."""
    if os.environ.get("PODLINT_NO_SCHEMA"):
        return
    try:
        from podlint import schema

        schema.prepare(settings.kubernetes_version)
    except Exception:  # the workers report schema problems themselves, per object
        pass


def _notifications(loaded: LoadedFile, diagnostics: list[Diagnostic]) -> Iterator[Notification]:
    """Files that could not be read or parsed, and internal errors, whatever was selected."""
    for problem in loaded.problems:
        if problem.rule_id in (YAML_RULE, UNREADABLE_RULE):
            yield Notification(loaded.file, problem.message, problem.rule_id, Severity.ERROR,
                               problem.span.line, problem.span.column)
    for d in diagnostics:
        if d.rule_id == INTERNAL_RULE:
            yield Notification(d.file, d.message, d.rule_id, Severity.ERROR, d.line, d.column)


def attach_docs(report: Report) -> None:
    """Give the rules that fired their document and URL (for formats that show them: SARIF)."""
    from podlint.docs import rule_doc

    fired = {d.rule_id for d in report.diagnostics} | {n.rule_id for n in report.notifications}
    for rid in sorted(fired & set(report.rules)):
        info = report.rules[rid]
        doc = rule_doc(rid)
        if doc:  # the examples' test markers mean nothing to a reader
            doc = _MARKER.sub("", doc)
        report.rules[rid] = info._replace(doc=doc, help_uri=f"{RULES_URL}{rid}.md" if doc else None)


def exit_code(report: Report, fail_on: Severity = Severity.ERROR) -> int:
    if report.files_unreadable:
        return 2
    return 1 if any(d.severity.rank >= fail_on.rank for d in report.diagnostics) else 0


def _print_traceback() -> None:
    import traceback  # only with --debug

    traceback.print_exc()
