"""FileResults -> the Report: counted, with the baseline applied and the fired rules'
documents attached, built once; the exit status it implies."""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Optional

from podlint.checker import FileResult
from podlint.diagnostics import Report, RuleInfo, Severity

RULES_URL = "https://github.com/podlint/podlint/blob/main/rules/"


def build(results: Iterable[FileResult], rules: dict[str, RuleInfo], kubernetes_version: str,
          recorded: Optional[Counter] = None) -> Report:
    """The report of a run; `recorded`: a baseline whose findings are left out."""
    report = Report(kubernetes_version=kubernetes_version, rules=dict(rules))
    for result in results:
        _add(report, result)
    if recorded is not None:
        report = with_baseline(report, recorded)
    _attach_docs(report)
    return report


def with_baseline(report: Report, recorded: Counter) -> Report:
    """A copy of `report` without the findings the baseline records (up to its count per
    fingerprint)."""
    from podlint.baseline import unrecorded

    kept, baselined = unrecorded(report.diagnostics, recorded)
    return report.replaced(diagnostics=kept, baselined=report.baselined + baselined)


def _add(report: Report, result: FileResult) -> None:
    for part in result.parts:  # a rendered tree or chart: each file it was rendered from
        _add(report, part)
    if result.checked:
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
    templates = sum(n for key, n in result.skipped.items() if key.startswith("template:"))
    if result.objects + templates > 1:  # custom resources whose pod templates were checked count
        report.crowded_files.add(result.file)
    if result.worker_died:
        report.worker_died = True
    for key, count in result.skipped.items():
        report.skipped[key] = report.skipped.get(key, 0) + count


def _attach_docs(report: Report) -> None:
    """Give the rules that fired their document and URL (SARIF shows them)."""
    fired = {d.rule_id for d in report.diagnostics} | {n.rule_id for n in report.notifications}
    if not fired:
        return
    from podlint.docs import rule_doc

    for rid in sorted(fired & set(report.rules)):
        doc = rule_doc(rid)
        report.rules[rid] = report.rules[rid]._replace(doc=doc, help_uri=f"{RULES_URL}{rid}.md" if doc else None)


def exit_code(report: Report, fail_on: Severity = Severity.ERROR) -> int:
    """2 when a file could not be read; 1 when a finding is at or above `fail_on`; else 0."""
    if report.files_unreadable or report.worker_died:
        return 2
    return 1 if any(d.severity.rank >= fail_on.rank for d in report.diagnostics) else 0
