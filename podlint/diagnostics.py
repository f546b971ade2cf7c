"""Severity, Finding (what a rule says) and Diagnostic (what a user sees)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Optional

from podlint.paths import FieldPath


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


@dataclass(frozen=True)
class Finding:
    """What a check reports: where (a field path) and what; the engine adds the rest.

    `on_key` points the diagnostic at the mapping key of `path` rather than its value.
    """

    path: FieldPath
    message: str
    on_key: bool = True


@dataclass(frozen=True)
class Span:
    """A 1-based source region."""

    line: int
    column: int
    end_line: Optional[int] = None
    end_column: Optional[int] = None


@dataclass(frozen=True)
class Diagnostic:
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

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, self.rule_id, self.message)


@dataclass(frozen=True)
class RuleInfo:
    """Rule metadata as formatters see it (no check function)."""

    id: str
    name: str
    severity: Severity
    summary: str
    doc: Optional[str] = None


@dataclass
class Report:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    rules: dict[str, RuleInfo] = field(default_factory=dict)
    files_checked: int = 0
    documents_checked: int = 0
    files_unreadable: list[str] = field(default_factory=list)
    kubernetes_version: str = ""
    # file -> {line number: source text}, only for lines that carry a diagnostic,
    # so the text formatter can show them without re-reading files.
    source_lines: dict[str, dict[int, str]] = field(default_factory=dict)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)
