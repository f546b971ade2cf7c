"""Machine output: one stable JSON object (documented in the README)."""

from __future__ import annotations

from typing import TextIO

from podlint.diagnostics import Report, Severity
from podlint.terminal import write_json

SCHEMA_VERSION = 1


def write(report: Report, out: TextIO) -> None:
    payload = {
        "version": SCHEMA_VERSION,
        "kubernetesVersion": report.kubernetes_version,
        "diagnostics": [
            {
                "rule": d.rule_id,
                "name": d.rule_name,
                "severity": d.severity.value,
                "message": d.message,
                "file": d.file,
                "line": d.line,
                "column": d.column,
                "endLine": d.end_line,
                "endColumn": d.end_column,
                "path": str(d.path) if d.path is not None else None,
                "document": d.document,
                "object": d.object_ref,
                "source": d.source,
                "fingerprint": d.fingerprint,
            }
            for d in report.diagnostics
        ],
        "summary": {
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "infos": report.count(Severity.INFO),
            "files": report.files_checked,
            "documents": report.documents_checked,
            "objects": report.objects_checked,
            "config": report.config_file,
            "podTemplatesOnly": report.template_only_kinds(),
            "skipped": {"customResources": report.skipped_kinds(),
                        "filesWithoutObjects": report.skipped_files(),
                        "otherFiles": report.skipped_other_files()},
            "unreadableFiles": list(report.files_unreadable),
            "suppressed": report.suppressed,
            "baselined": report.baselined,
        },
    }
    write_json(payload, out)
    out.write("\n")
