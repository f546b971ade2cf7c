"""SARIF 2.1.0 for GitHub code scanning and other SARIF consumers."""

from __future__ import annotations

import hashlib
import json
from typing import TextIO
from urllib.parse import quote

from podlint import __version__
from podlint.diagnostics import Diagnostic, Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/podlint/podlint"


def fingerprint(d: Diagnostic) -> str:
    """Stable across unrelated line moves: rule, file, object and field path, not lines."""
    where = str(d.path) if d.path is not None else f"line:{d.line}"
    key = "\0".join((d.rule_id, d.file, d.object_ref or "", str(d.document or 0), where))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _uri(path: str) -> str:
    return quote(path.replace("\\", "/"), safe="/:@-._~")


def write(report: Report, out: TextIO, category: str | None = None) -> None:
    rule_ids = sorted(report.rules)
    index = {rid: i for i, rid in enumerate(rule_ids)}
    rules = []
    for rid in rule_ids:
        info = report.rules[rid]
        rules.append({
            "id": rid,
            "name": info.name,
            "shortDescription": {"text": info.summary},
            "fullDescription": {"text": info.summary},
            "helpUri": f"{INFORMATION_URI}/blob/main/rules/{rid}.md",
            "help": {"text": info.doc or info.summary, "markdown": info.doc or info.summary},
            "defaultConfiguration": {"level": info.severity.sarif},
            "properties": {
                "tags": ["kubernetes"],
                "precision": "very-high",
                "problem.severity": info.severity.value,
            },
        })
    results = []
    for d in report.diagnostics:
        region = {"startLine": d.line, "startColumn": d.column}
        if d.end_line and d.end_column and (d.end_line, d.end_column) > (d.line, d.column):
            region.update(endLine=d.end_line, endColumn=d.end_column)
        result = {
            "ruleId": d.rule_id,
            "level": d.severity.sarif,
            "message": {"text": d.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(d.file), "uriBaseId": "%SRCROOT%"},
                    "region": region,
                },
            }],
            "partialFingerprints": {"podlint/v1": fingerprint(d)},
        }
        if d.rule_id in index:
            result["ruleIndex"] = index[d.rule_id]
        if d.path is not None:
            result["locations"][0]["logicalLocations"] = [{
                "fullyQualifiedName": f"{d.object_ref}:{d.path}" if d.object_ref else str(d.path),
                "kind": "member",
            }]
        results.append(result)
    run = {
        "tool": {"driver": {
            "name": "podlint",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": INFORMATION_URI,
            "rules": rules,
        }},
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The working directory podlint ran in"}}},
        "results": results,
        "invocations": [{
            "executionSuccessful": not report.files_unreadable,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": f"could not read {f}"},
                 "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(f), "uriBaseId": "%SRCROOT%"}}}]}
                for f in report.files_unreadable
            ],
        }],
    }
    if category:
        run["automationDetails"] = {"id": category if category.endswith("/") else f"{category}/"}
    json.dump({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, out, indent=2, ensure_ascii=False)
    out.write("\n")
