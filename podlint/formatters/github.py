"""GitHub Actions workflow commands (::error file=...,line=...::message), and the Markdown
job summary for $GITHUB_STEP_SUMMARY."""

from __future__ import annotations

from typing import TextIO

from podlint.diagnostics import Report, Severity
from podlint.terminal import visible

# GitHub shows at most this many annotations of each level (error, warning, notice) per step;
# the rest are only lines in the log
ANNOTATIONS_SHOWN = 10


def _escape_data(text: str) -> str:
    """As GitHub's toolkit escapes a command's data, after every hidden character is shown
    escaped (terminal.visible): a raw one would reach the runner's log."""
    text = visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
    return text


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write(report: Report, out: TextIO) -> None:
    for d in report.diagnostics:
        props = [f"file={_escape_property(d.file)}", f"line={d.line}", f"col={d.column}"]
        if d.end_line:
            props.append(f"endLine={d.end_line}")
        if d.end_column and d.end_line == d.line:
            props.append(f"endColumn={d.end_column}")
        props.append(f"title={_escape_property(f'{d.rule_id} {d.rule_name}')}")
        out.write(f"::{d.severity.github} {','.join(props)}::{_escape_data(d.message)}\n")
    hidden = {level: max(0, n - ANNOTATIONS_SHOWN) for level, n in _by_level(report).items()}
    if any(hidden.values()):
        parts = [f"{n} {level}{'' if n == 1 else 's'}" for level, n in hidden.items() if n]
        out.write(f"::notice title=podlint::{', '.join(parts)} are not shown as annotations (GitHub "
                  f"shows {ANNOTATIONS_SHOWN} of each level per step): every finding is in this log "
                  "and in the job summary\n")


def _by_level(report: Report) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "notice": 0}
    for d in report.diagnostics:
        counts[d.severity.github] += 1
    return counts


# the first findings listed in the job summary (GitHub caps a summary at 1 MiB)
SUMMARY_FINDINGS = 50


_INERT = {ord(char): f"&#{ord(char)};" for char in "\\`*_[]<>|#!~&$"}


def _cell(text: str) -> str:
    """Manifest text made inert in a Markdown table cell: no markup, links, HTML or row breaks."""
    return visible(" ".join(text.split("\n"))).translate(_INERT)


def job_summary(report: Report, link: str | None = None, root: str | None = None) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: counts by severity, a table by rule, the first
    findings. `link` is a URL prefix for files ('https://github.com/o/r/blob/SHA/') or None;
    `root` the repository's folder (GITHUB_WORKSPACE) the links are relative to."""
    import os
    from urllib.parse import quote

    from podlint.formatters.text import checked

    counts = ", ".join(f"{report.count(s)} {s.value}{'' if report.count(s) == 1 else 's'}" for s in Severity)
    lines = ["## podlint", "",
             f"**{counts}** in {report.files_checked} file{'' if report.files_checked == 1 else 's'} "
             f"(Kubernetes {report.kubernetes_version}); {_cell(checked(report))}", ""]
    if not report.diagnostics:
        return "\n".join(lines + ["No findings.", ""])
    per_rule: dict[str, list] = {}
    for d in report.diagnostics:
        per_rule.setdefault(d.rule_id, [0, d])[0] += 1
    lines += ["| Rule | Severity | Findings |", "| --- | --- | ---: |"]
    for rule_id, (count, first) in sorted(per_rule.items(), key=lambda item: (-item[1][0], item[0])):
        lines.append(f"| {_cell(rule_id)} {_cell(first.rule_name)} | {first.severity.value} | {count} |")
    lines += ["", "| Where | Rule | Message |", "| --- | --- | --- |"]
    for d in report.diagnostics[:SUMMARY_FINDINGS]:
        where = _cell(f"{d.file}:{d.line}")
        target = _in_repository(d.file, root or os.getcwd()) if link else None
        if target:
            where = f"[{where}]({link}{quote(target)}#L{d.line})"
        lines.append(f"| {where} | {_cell(d.rule_id)} | {_cell(d.message)} |")
    rest = len(report.diagnostics) - SUMMARY_FINDINGS
    if rest > 0:
        lines += ["", f"... and {rest} more findings in the log."]
    return "\n".join(lines + [""])


def _in_repository(name: str, root: str) -> str | None:
    """The file's path from the repository's folder, or None when it lies outside (or is stdin)."""
    import os

    if name in ("-", "<stdin>") or name.startswith("<"):
        return None
    full, root = os.path.abspath(name), os.path.abspath(root)
    if os.path.commonpath([full, root]) != root:
        return None
    return os.path.relpath(full, root).replace(os.sep, "/")
