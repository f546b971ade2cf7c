"""Severity, Finding (what a rule says) and Diagnostic (what a user sees)."""

from __future__ import annotations

import enum
import os
from typing import Any, NamedTuple, Optional

from podlint.paths import FieldPath
from podlint.record import Record


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    @property
    def github(self) -> str:
        return {"error": "error", "warning": "warning", "info": "notice"}[self.value]

    @property
    def sarif(self) -> str:
        return {"error": "error", "warning": "warning", "info": "note"}[self.value]

    @classmethod
    def parse(cls, text: str) -> "Severity":
        return cls(text.strip().lower())


class FixIntent(NamedTuple):
    """A finding's fix in value terms (rules never see text); the checker makes the edits.

    `action`: "rename-key" (the key at `path` becomes the string `value`), "replace" (the
    scalar at `path` becomes the plain value `value`, written in the scalar's own quoting)
    or "quote" (the plain scalar at `path` becomes a string of its own text; `value` unused).
    """

    action: str
    value: Any
    description: str
    safe: bool = True
    path: Optional[FieldPath] = None  # None: the finding's own path


class Finding(NamedTuple):
    """What a check reports: where (a field path) and what; the engine adds the rest.

    `on_key` points the diagnostic at the mapping key of `path` rather than its value;
    `fix` is what would repair it, if anything may.
    """

    path: FieldPath
    message: str
    on_key: bool = True
    fix: Optional[FixIntent] = None


class Edit(NamedTuple):
    """Replace the text from (line, column) to (end_line, end_column): 1-based, end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int
    new_text: str


class Fix(NamedTuple):
    """Text edits that repair one diagnostic; `safe` ones keep the manifest's meaning.

    `paths`: the field paths whose values the edits change (a renamed key: its old and new
    path), so a fixed file can be compared with the original everywhere else.
    """

    description: str
    edits: tuple[Edit, ...]
    safe: bool = True
    paths: tuple[FieldPath, ...] = ()


def _from_root(name: str, root: str, _cache: dict = {}) -> str:  # noqa: B006 (a cache)
    key = (name, root, os.getcwd())
    found = _cache.get(key)
    if found is None:
        from podlint.paths import from_root

        found = _cache[key] = from_root(name, root)
    return found


class Span(NamedTuple):
    """A 1-based source region."""

    line: int
    column: int
    end_line: Optional[int] = None
    end_column: Optional[int] = None


class Diagnostic(NamedTuple):
    rule_id: str
    rule_name: str
    severity: Severity
    message: str
    file: str
    line: int
    column: int
    end_line: Optional[int] = None
    end_column: Optional[int] = None
    path: Optional[FieldPath] = None
    document: Optional[int] = None  # 0-based index of the YAML document in its file
    object_ref: Optional[str] = None  # "Deployment/web" when known
    source: Optional[str] = None  # the Helm template it was rendered from (a "# Source:" comment)
    fix: Optional[Fix] = None  # text edits that repair it (only when Settings.fixes asks)

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, self.rule_id, self.message)

    @property
    def fingerprint(self) -> str:
        """Stable across unrelated line moves: rule, file, object and field path, never lines.

        Shared by SARIF partialFingerprints, GitLab fingerprints and the baseline. The file
        is named from its repository's root (the git top level above it; paths.repository_root), so
        the fingerprint is the same whichever folder podlint runs from and however the file
        was named. The object
        is named by Kind/name when known (so inserting a document above keeps it), else by
        its document index; a file-level problem without a field path by its message, digits
        removed (messages may cite line numbers).
        """
        from podlint.paths import repository_root

        return self.fingerprint_from(repository_root(self.file))

    def fingerprint_from(self, root: str) -> str:
        """The fingerprint with the file named from `root` (a baseline's own folder)."""
        import hashlib

        obj = self.object_ref or f"#{self.document or 0}"
        if self.path is not None:
            where = str(self.path)
        else:
            import re

            where = "message:" + re.sub(r"\d+", "#", self.message)
        key = "\0".join((self.rule_id, _from_root(self.file, root), obj, where))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


class RuleInfo(NamedTuple):
    """Rule metadata as formatters see it (no check function)."""

    id: str
    name: str
    severity: Severity
    summary: str
    doc: Optional[str] = None  # the rule's Markdown document, loaded only for formats that show it
    help_uri: Optional[str] = None
    tags: tuple[str, ...] = ()

    @property
    def description(self) -> str:
        """The document's "What it does" paragraph as one line, else the summary."""
        if not self.doc:
            return self.summary
        lines: list[str] = []
        inside = False
        for line in self.doc.splitlines():
            if line.startswith("## "):
                if inside:
                    break
                inside = line[3:].strip().lower() == "what it does"
            elif inside:
                if not line.strip() and lines:
                    break
                if line.strip():
                    lines.append(line.strip())
        return " ".join(lines) or self.summary


class Notification(NamedTuple):
    """A file podlint could not read or parse (SARIF toolExecutionNotifications)."""

    file: str
    message: str
    rule_id: str
    level: Severity = Severity.ERROR
    line: Optional[int] = None
    column: Optional[int] = None


class Report(Record):
    __slots__ = ("diagnostics", "rules", "files_checked", "documents_checked", "files_unreadable",
                 "kubernetes_version", "files", "notifications", "suppressed", "baselined",
                 "source_lines", "objects_checked", "skipped", "config_file", "worker_died",
                 "crowded_files")

    def __init__(self, diagnostics: Optional[list[Diagnostic]] = None,
                 rules: Optional[dict[str, RuleInfo]] = None, files_checked: int = 0,
                 documents_checked: int = 0, files_unreadable: Optional[list[str]] = None,
                 kubernetes_version: str = "", files: Optional[list[str]] = None,
                 notifications: Optional[list[Notification]] = None, suppressed: int = 0,
                 baselined: int = 0, source_lines: Optional[dict[str, dict[int, str]]] = None) -> None:
        self.diagnostics: list[Diagnostic] = [] if diagnostics is None else diagnostics
        self.rules: dict[str, RuleInfo] = {} if rules is None else rules
        self.files_checked = files_checked
        self.documents_checked = documents_checked
        self.files_unreadable: list[str] = [] if files_unreadable is None else files_unreadable
        self.kubernetes_version = kubernetes_version
        self.files: list[str] = [] if files is None else files  # every file checked, as diagnostics name it
        self.notifications: list[Notification] = [] if notifications is None else notifications
        self.suppressed = suppressed  # diagnostics hidden by comments and annotations
        self.baselined = baselined  # diagnostics hidden because the baseline has them
        # file -> {line number: source text}, only for lines that carry a diagnostic,
        # so the text formatter can show them without re-reading files.
        self.source_lines: dict[str, dict[int, str]] = {} if source_lines is None else source_lines
        self.objects_checked = 0  # Kubernetes objects of built-in kinds that were checked
        # what was not checked: "kind:<Kind>" (a custom resource), "template:<Kind>" (a custom
        # resource of which only the pod template was checked) or "file:<reason>" -> count
        self.skipped: dict[str, int] = {}
        self.config_file: Optional[str] = None  # the configuration file the run used
        # a worker process died (killed, out of memory): its files were checked again here
        self.worker_died = False
        # files that hold more than one object: their text messages name the object
        self.crowded_files: set[str] = set()

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    def skipped_kinds(self) -> dict[str, int]:
        """Custom-resource kinds that were not checked -> objects, most first."""
        kinds = {key[5:]: n for key, n in self.skipped.items() if key.startswith("kind:")}
        return dict(sorted(kinds.items(), key=lambda item: (-item[1], item[0])))

    def template_only_kinds(self) -> dict[str, int]:
        """Custom-resource kinds of which only the pod template was checked -> objects, most first."""
        kinds = {key[9:]: n for key, n in self.skipped.items() if key.startswith("template:")}
        return dict(sorted(kinds.items(), key=lambda item: (-item[1], item[0])))

    def skipped_files(self) -> int:
        """Files passed over because they hold no Kubernetes object (values.yaml, CI config)."""
        return self.skipped.get("file:no Kubernetes object", 0)

    def skipped_other_files(self) -> dict[str, int]:
        """Files a walk did not open, by reason (not a regular file, a link out of the folder)."""
        return {key[5:]: n for key, n in sorted(self.skipped.items())
                if key.startswith("file:") and key != "file:no Kubernetes object"}

