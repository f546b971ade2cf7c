"""GitLab Code Quality report (a JSON array of issues) for merge request widgets.

Fingerprints are the SARIF ones (rule, file, object, field path), made unique within the
report by an occurrence number, since GitLab keeps one issue per fingerprint.
"""

from __future__ import annotations

import hashlib
from typing import TextIO

from podlint.diagnostics import Report, Severity
from podlint.paths import posix
from podlint.terminal import write_json

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def write(report: Report, out: TextIO) -> None:
    seen: dict[str, int] = {}
    issues = []
    for d in report.diagnostics:
        base = d.fingerprint
        occurrence = seen.get(base, 0)
        seen[base] = occurrence + 1
        fingerprint = base if occurrence == 0 else hashlib.sha256(
            f"{base}:{occurrence}".encode()).hexdigest()[:32]
        begin: dict = {"line": d.line, "column": d.column}
        end = {"line": d.end_line or d.line, "column": d.end_column or d.column}
        issues.append({
            "type": "issue",
            "description": f"[{d.rule_id}] {d.message}",
            "check_name": d.rule_id,
            "fingerprint": fingerprint,
            "severity": _SEVERITY[d.severity],
            "categories": ["Bug Risk"],
            "location": {
                "path": posix(d.file),
                "lines": {"begin": d.line, "end": d.end_line or d.line},
                "positions": {"begin": begin, "end": end},
            },
        })
    write_json(issues, out)
    out.write("\n")
