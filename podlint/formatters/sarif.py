"""SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.

Rule metadata (help text, tags, URLs) comes from `report.rules`, never from podlint.rules.
Compare ruff's crates/ruff_linter/src/message/sarif.rs.
"""

from __future__ import annotations

import os
from typing import Optional, TextIO
from urllib.parse import quote

from podlint import __version__
from podlint.diagnostics import Diagnostic, Report, RuleInfo, Severity
from podlint.terminal import write_json

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/podlint/podlint"
FINGERPRINT_KEY = "podlint/v1"
# GitHub code scanning reads properties["problem.severity"]: error, warning or recommendation
_PROBLEM_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation"}


def fingerprint(d: Diagnostic) -> str:
    """Stable across unrelated line moves: rule, file, object and field path, not lines."""
    return d.fingerprint


def _uri(path: str) -> str:
    """A relative reference for a relative path: every character outside the unreserved set
    and "/" percent-encoded, so a ':' (c:evil.yaml, javascript:x.yaml) cannot read as a
    scheme and a '\\' (a legal file name character on POSIX) stays itself."""
    return quote(path, safe="/-._~")


def _artifact(path: str, base: Optional[str] = "%SRCROOT%") -> dict:
    """A file's artifactLocation: relative to %SRCROOT% (the working directory), or, for an
    absolute path, a file:// URI of its own without a base."""
    if os.path.isabs(path):
        return {"uri": "file://" + quote(path, safe="/-._~")}
    location = {"uri": _uri(path)}
    if base:
        location["uriBaseId"] = base
    return location


def _text(message: str) -> str:
    """SARIF message text reads [text](target) as a link: keep brackets from names literal."""
    return message.replace("[", "\\[").replace("]", "\\]")


def _rule(info: RuleInfo) -> dict:
    help_text = info.doc or info.summary
    rule = {
        "id": info.id,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": info.description},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": info.severity.sarif},
        "properties": {
            "tags": list(info.tags or ("kubernetes",)),
            "precision": "very-high" if info.severity is Severity.ERROR else "high",
            "problem.severity": _PROBLEM_SEVERITY[info.severity],
        },
    }
    if info.help_uri:
        rule["helpUri"] = info.help_uri
    return rule


def _result(d: Diagnostic, index: dict[str, int]) -> dict:
    region: dict = {"startLine": d.line, "startColumn": d.column}
    if d.end_line and d.end_column and (d.end_line, d.end_column) > (d.line, d.column):
        region.update(endLine=d.end_line, endColumn=d.end_column)
    location: dict = {"physicalLocation": {"artifactLocation": _artifact(d.file), "region": region}}
    if d.path is not None:
        location["logicalLocations"] = [{
            "name": str(d.path),
            "fullyQualifiedName": f"{d.object_ref}:{d.path}" if d.object_ref else str(d.path),
            "kind": "member",
        }]
    result: dict = {
        "ruleId": d.rule_id,
        "level": d.severity.sarif,
        "message": {"text": _text(d.message)},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: d.fingerprint},
    }
    if d.rule_id in index:
        result["ruleIndex"] = index[d.rule_id]
    if d.source:
        # the Helm template is relative to where `helm template` ran, not to %SRCROOT%
        result["relatedLocations"] = [{
            "id": 1,
            "physicalLocation": {"artifactLocation": _artifact(d.source, None)},
            "message": {"text": _text(f"rendered from the Helm template {d.source}")},
        }]
    return result


def write(report: Report, out: TextIO, category: str | None = None) -> None:
    # the rules that fired (or that a notification names): all active rules would add every
    # rule's document to each run, for no alert
    fired = {d.rule_id for d in report.diagnostics} | {n.rule_id for n in report.notifications}
    rule_ids = sorted(fired & set(report.rules))
    index = {rid: i for i, rid in enumerate(rule_ids)}
    notifications = []
    for n in report.notifications:
        note: dict = {"level": n.level.sarif, "message": {"text": _text(f"{n.file}: {n.message}")},
                      "associatedRule": {"id": n.rule_id}}
        if n.rule_id in index:
            note["associatedRule"]["index"] = index[n.rule_id]
        location: dict = {"artifactLocation": _artifact(n.file)}
        if n.line:
            location["region"] = {"startLine": n.line, "startColumn": n.column or 1}
        note["locations"] = [{"physicalLocation": location}]
        notifications.append(note)
    for name in report.files_unreadable:
        if not any(n.file == name for n in report.notifications):
            notifications.append({"level": "error", "message": {"text": _text(f"could not read {name}")},
                                  "locations": [{"physicalLocation": {"artifactLocation": _artifact(name)}}]})
    run: dict = {
        "tool": {"driver": {
            "name": "podlint",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": INFORMATION_URI,
            "rules": [_rule(report.rules[rid]) for rid in rule_ids],
        }},
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The working directory podlint ran in"}}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(d, index) for d in report.diagnostics],
        "invocations": [{
            "executionSuccessful": not report.files_unreadable,
            "toolExecutionNotifications": notifications,
            # what was and was not checked (SARIF's property bag for tool-specific facts)
            "properties": {"configuration": report.config_file,
                           "filesChecked": report.files_checked, "objectsChecked": report.objects_checked,
                           "podTemplatesOnly": report.template_only_kinds(),
                           "skippedCustomResources": report.skipped_kinds(),
                           "skippedFilesWithoutObjects": report.skipped_files()},
        }],
    }
    if category:
        run["automationDetails"] = {"id": category if category.endswith("/") else f"{category}/"}
    write_json({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, out)
    out.write("\n")
