"""JUnit XML for GitLab, Jenkins and Azure Pipelines: one testcase per file and rule.

A file without diagnostics is one passing testcase, so the test count shows every file checked.
"""

from __future__ import annotations

from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from podlint.diagnostics import Diagnostic, Report
from podlint.terminal import visible
from podlint import lazyre

# XML 1.0 forbids most control characters, even escaped
_INVALID_XML = lazyre.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _shown(value: str) -> str:
    """Each line with its hidden characters escaped (terminal.visible); line breaks kept."""
    return "\n".join(visible(line) for line in value.split("\n"))


def _text(value: str) -> str:
    return escape(_INVALID_XML.sub("\ufffd", _shown(value)))


def _attr(value: str) -> str:
    return quoteattr(_INVALID_XML.sub("\ufffd", _shown(value)))


def write(report: Report, out: TextIO) -> None:
    by_file: dict[str, dict[str, list[Diagnostic]]] = {}
    for name in report.files:
        by_file.setdefault(name, {})
    for d in report.diagnostics:
        by_file.setdefault(d.file, {}).setdefault(d.rule_id, []).append(d)
    cases: list[str] = []
    failures = 0
    for name in sorted(by_file):
        rules = by_file[name]
        if not rules:
            cases.append(f'    <testcase classname={_attr(name)} name="podlint" file={_attr(name)}/>\n')
            continue
        for rule_id in sorted(rules):
            found = rules[rule_id]
            first = found[0]
            failures += 1
            body = "\n".join(f"{d.file}:{d.line}:{d.column}: {d.severity.value} [{d.rule_id}] {d.message}"
                             for d in found)
            worst = max(found, key=lambda d: d.severity.rank).severity.value
            count = f"{len(found)} diagnostic{'' if len(found) == 1 else 's'}"
            cases.append(
                f"    <testcase classname={_attr(name)} name={_attr(f'{rule_id} {first.rule_name}')} "
                f"file={_attr(name)} line=\"{first.line}\">\n"
                f"      <failure type={_attr(worst)} message={_attr(f'{count}: {first.message}')}>"
                f"{_text(body)}</failure>\n"
                "    </testcase>\n")
    tests = len(cases)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(f'<testsuites name="podlint" tests="{tests}" failures="{failures}" errors="0">\n')
    out.write(f'  <testsuite name="podlint" tests="{tests}" failures="{failures}" errors="0" skipped="0">\n')
    for case in cases:
        out.write(case)
    out.write("  </testsuite>\n</testsuites>\n")
