"""GitHub Actions workflow commands (::error file=...,line=...::message)."""

from __future__ import annotations

from typing import TextIO

from podlint.diagnostics import Report
from podlint.terminal import visible


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
