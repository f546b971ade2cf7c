"""Human output: file:line:col: severity [ID] message, the source line and a caret."""

from __future__ import annotations

from typing import TextIO

from podlint.diagnostics import Report, Severity

_COLOURS = {Severity.ERROR: "\033[1;31m", Severity.WARNING: "\033[1;33m", Severity.INFO: "\033[1;36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def write(report: Report, out: TextIO, color: bool = False, show_source: bool = True) -> None:
    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    for d in report.diagnostics:
        where = paint(f"{d.file}:{d.line}:{d.column}:", _BOLD)
        severity = paint(d.severity.value, _COLOURS[d.severity])
        message = " ".join(d.message.split("\n"))  # one diagnostic, one line
        out.write(f"{where} {severity} [{d.rule_id}] {message}\n")
        source = report.source_lines.get(d.file, {}).get(d.line)
        if show_source and source is not None:
            text = source.expandtabs(1)
            out.write(f"  {d.line:>4} | {text}\n")
            width = 1
            if d.end_line == d.line and d.end_column and d.end_column > d.column:
                width = d.end_column - d.column
            caret = " " * (d.column - 1) + "^" + "~" * (width - 1)
            out.write(f"       | {paint(caret, _COLOURS[d.severity])}\n")
    out.write(summary(report) + "\n")


def summary(report: Report) -> str:
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    counts = ", ".join(plural(report.count(s), s.value) for s in Severity)
    text = (f"{counts} in {plural(report.files_checked, 'file')} "
            f"({plural(report.documents_checked, 'document')}, Kubernetes {report.kubernetes_version})")
    text += "; " + checked(report)
    hidden = []
    if report.suppressed:
        hidden.append(f"{report.suppressed} suppressed")
    if report.baselined:
        hidden.append(f"{report.baselined} in the baseline")
    if hidden:
        text += f"; {', '.join(hidden)}"
    if report.files_unreadable:
        text += f"; {plural(len(report.files_unreadable), 'file')} could not be read"
    return text


def checked(report: Report) -> str:
    """What was checked and what was not: '12 objects checked; 3 skipped: ServiceMonitor (2), ...'."""
    objects = report.objects_checked
    text = f"{objects} object{'' if objects == 1 else 's'} checked"
    kinds = report.skipped_kinds()
    parts = [f"{kind} ({count})" for kind, count in kinds.items()]
    files = report.skipped_files()
    if files:
        parts.append(f"{files} file{'' if files == 1 else 's'} with no Kubernetes object")
    if parts:
        text += f"; {sum(kinds.values()) + files} skipped: {', '.join(parts)}"
    return text
