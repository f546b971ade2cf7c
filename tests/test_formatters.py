"""Formatters are pure functions of a Report: compared with golden files in tests/snapshots/.

Regenerate after an intended change with PODLINT_UPDATE_SNAPSHOTS=1 pytest tests/test_formatters.py
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from podlint import formatters
from podlint.diagnostics import Diagnostic, Report, RuleInfo, Severity
from podlint.paths import FieldPath

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "reference" / "sarif-schema-2.1.0.json"


def sample_report() -> Report:
    rules = {
        "PL102": RuleInfo("PL102", "init-container-liveness-probe", Severity.ERROR,
                          "A plain init container sets livenessProbe"),
        "PW823": RuleInfo("PW823", "init-container-wait-without-deadline", Severity.WARNING,
                          "An init container waits for a dependency with no timeout"),
        "PL001": RuleInfo("PL001", "invalid-yaml", Severity.ERROR, "The file is not valid YAML"),
    }
    diagnostics = [
        Diagnostic("PL102", "init-container-liveness-probe", Severity.ERROR,
                   'init container "init-mydb" sets livenessProbe', "deploy/pod.yaml", 12, 5, 14, 24,
                   FieldPath(("spec", "initContainers", 1, "livenessProbe")), 0, "Pod/web"),
        Diagnostic("PW823", "init-container-wait-without-deadline", Severity.WARNING,
                   'init container "init-db" waits in a loop: 100%, "quoted", a,b:c', "deploy/pod.yaml",
                   9, 5, 9, 12, FieldPath(("spec", "initContainers", 0, "command")), 0, "Pod/web"),
        Diagnostic("PL001", "invalid-yaml", Severity.ERROR, "YAML syntax error: found a tab\ncharacter",
                   "deploy/dir with space/bad.yaml", 3, 1, None, None, None, 0, None),
    ]
    return Report(
        diagnostics=diagnostics, rules=rules, files_checked=2, documents_checked=2,
        kubernetes_version="1.37",
        source_lines={"deploy/pod.yaml": {12: "    livenessProbe:", 9: "    command: ['sh']"},
                      "deploy/dir with space/bad.yaml": {3: "\tname: x"}},
    )


def render(name: str, **options) -> str:
    out = io.StringIO()
    formatters.write(name, sample_report(), out, **options)
    return out.getvalue().replace(f'"version": "{_version()}"', '"version": "<version>"').replace(
        f'"semanticVersion": "{_version()}"', '"semanticVersion": "<version>"')


def _version() -> str:
    from podlint import __version__
    return __version__


CASES = [("text", {}, "report.txt"), ("text", {"color": True}, "report-color.txt"),
         ("json", {}, "report.json"), ("sarif", {"category": "podlint/manifests"}, "report.sarif"),
         ("github", {}, "report.github.txt")]


@pytest.mark.parametrize("fmt,options,snapshot", CASES, ids=[c[2] for c in CASES])
def test_snapshot(fmt: str, options: dict, snapshot: str) -> None:
    actual = render(fmt, **options)
    path = SNAPSHOTS / snapshot
    if os.environ.get("PODLINT_UPDATE_SNAPSHOTS"):
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"missing snapshot {path.name}; run with PODLINT_UPDATE_SNAPSHOTS=1"
    assert actual == path.read_text(encoding="utf-8")


def test_text_has_no_colour_unless_asked() -> None:
    assert "\033[" not in render("text")
    assert "\033[1;31m" in render("text", color=True)


def test_github_escaping() -> None:
    out = render("github")
    assert "::warning file=deploy/pod.yaml,line=9,col=5,endLine=9,endColumn=12," in out
    assert "waits in a loop: 100%25, \"quoted\", a,b:c" in out
    assert "YAML syntax error: found a tab%0Acharacter" in out
    assert "file=deploy/dir with space/bad.yaml" in out


def test_sarif_is_valid_against_the_official_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not SARIF_SCHEMA.is_file():
        pytest.skip("../shared/reference/sarif-schema-2.1.0.json is absent")
    schema = json.loads(SARIF_SCHEMA.read_text())
    sarif = json.loads(render("sarif"))
    jsonschema.validate(sarif, schema)
    result = sarif["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 12
    assert result["ruleId"] == "PL102"


def test_sarif_fingerprints_ignore_line_moves() -> None:
    from dataclasses import replace

    from podlint.formatters.sarif import fingerprint

    d = sample_report().diagnostics[0]
    assert fingerprint(d) == fingerprint(replace(d, line=40, column=9))
    assert fingerprint(d) != fingerprint(replace(d, rule_id="PL103"))
