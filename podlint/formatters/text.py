"""Human output: file:line:col: severity [ID] message, the source line and a caret."""

from __future__ import annotations

from typing import Optional, TextIO

from podlint.diagnostics import Report, Severity
from podlint.terminal import visible

_COLOURS = {Severity.ERROR: "\033[1;31m", Severity.WARNING: "\033[1;33m", Severity.INFO: "\033[1;36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


# a source line longer than this is cut to a window around the column, as ruff does
SNIPPET_WIDTH = 120
_BEFORE = 40  # characters of the window before the column


def write(report: Report, out: TextIO, color: bool = False, show_source: bool = True) -> None:
    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    for d in report.diagnostics:
        where = paint(f"{visible(d.file)}:{d.line}:{d.column}:", _BOLD)
        severity = paint(d.severity.value, _COLOURS[d.severity])
        message = visible(" ".join(d.message.split("\n")))  # one diagnostic, one line
        if d.object_ref and d.file in report.crowded_files:
            message = f"{visible(d.object_ref)}: {message}"
        out.write(f"{where} {severity} [{d.rule_id}] {message}\n")
        source = report.source_lines.get(d.file, {}).get(d.line)
        if show_source and source is not None:
            text, start, width = snippet(source, d.column, d.end_column if d.end_line == d.line else None)
            out.write(f"  {d.line:>4} | {text}\n")
            caret = " " * start + "^" + "~" * (width - 1)
            out.write(f"       | {paint(caret, _COLOURS[d.severity])}\n")
    out.write(summary(report) + "\n")


def statistics(report: Report) -> list[str]:
    """Findings counted per rule, most first: '  12  PL101  error    name'."""
    counts: dict[str, int] = {}
    firsts = {}
    for d in report.diagnostics:
        counts[d.rule_id] = counts.get(d.rule_id, 0) + 1
        firsts.setdefault(d.rule_id, d)
    lines = []
    for rule_id, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        first = firsts[rule_id]
        lines.append(f"{count:>6}  {rule_id:<6} {first.severity.value:<8} {visible(first.rule_name)}")
    return lines


def snippet(source: str, column: int, end_column: Optional[int]) -> tuple[str, int, int]:
    """The source line as shown (escaped, tabs as one space, cut to a window around the
    column when long), where its caret starts, and how wide it is."""
    raw = source.expandtabs(1)
    before = visible(raw[:column - 1], tabs=False)
    text = before + visible(raw[column - 1:], tabs=False)
    start, width = len(before), 1
    if end_column and end_column > column:
        span = raw[column - 1:end_column - 1]
        width = end_column - column + len(visible(span, tabs=False)) - len(span)  # escapes widen it
    if len(text) <= SNIPPET_WIDTH:
        return text, start, width
    left = max(0, start - _BEFORE)
    right = left + SNIPPET_WIDTH
    shown = ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")
    start = start - left + (1 if left else 0)
    width = max(1, min(width, len(shown) - start))
    return shown, start, width


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
    partly = report.template_only_kinds()
    if partly:
        count = sum(partly.values())
        shown = ", ".join(f"{visible(kind)} ({n})" for kind, n in partly.items())
        text += (f"; {count} custom resource{'' if count == 1 else 's'} ({shown}): only "
                 f"{'its pod template was' if count == 1 else 'their pod templates were'} checked")
    kinds = report.skipped_kinds()
    parts = [f"{visible(kind)} ({count})" for kind, count in kinds.items()]
    files = report.skipped_files()
    if files:
        parts.append(f"{files} file{'' if files == 1 else 's'} with no Kubernetes object")
    others = report.skipped_other_files()
    for reason, count in others.items():
        parts.append(f"{count} {reason}")
    if parts:
        text += f"; {sum(kinds.values()) + files + sum(others.values())} skipped: {', '.join(parts)}"
    return text
