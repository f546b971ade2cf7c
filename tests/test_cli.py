"""The command line, driven through click's CliRunner: output, exit codes, files."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from podlint import __version__
from podlint.cli import cli

GOOD = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: app, image: \"nginx:1.27\"}]\n"
BAD = GOOD.replace("  containers:", "  initContainers:\n    - name: w\n      image: busybox:1.36\n"
                   "      readinessProbe: {exec: {command: [\"true\"]}}\n  containers:")


def invoke(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and result.output.strip() == f"podlint {__version__}"


def test_clean_file_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    path.write_text(GOOD)
    result = invoke("check", str(path))
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def test_error_exits_1_with_location_and_caret(tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    path.write_text(BAD)
    result = invoke("check", str(path))
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.startswith(f"{path}:8:7: error [PL103] ")
    assert "       |       ^" in result.output


def test_missing_path_exits_2() -> None:
    result = CliRunner().invoke(cli, ["check", "no/such/file.yaml"])
    assert result.exit_code == 2
    assert "no such file or directory" in result.output


def test_no_paths_is_a_usage_error() -> None:
    assert CliRunner().invoke(cli, ["check"]).exit_code == 2


def test_bad_kubernetes_version_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    path.write_text(GOOD)
    for bad in ("1.12", "banana", "2.0"):
        result = CliRunner().invoke(cli, ["check", "-k", bad, str(path)])
        assert result.exit_code == 2, bad
    assert invoke("check", "--kubernetes-version", "v1.30.2", str(path)).exit_code == 0


def test_stdin_with_filename() -> None:
    result = invoke("check", "-", "--stdin-filename", "deploy/pod.yaml", "--format", "json", input=BAD)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["diagnostics"][0]["file"] == "deploy/pod.yaml"
    assert data["diagnostics"][0]["rule"] == "PL103"


def test_binary_stdin_is_a_diagnostic_not_a_crash() -> None:
    result = invoke("check", "-", input=b"\x00\xff\xfe garbage")
    assert result.exit_code == 1
    assert "[PL004]" in result.output


def test_json_shape(tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    path.write_text(BAD)
    data = json.loads(invoke("check", "-f", "json", str(path)).stdout)
    d = data["diagnostics"][0]
    assert set(d) >= {"rule", "severity", "message", "file", "line", "column", "path"}
    assert d["path"] == "spec.initContainers[0].readinessProbe"
    assert data["summary"]["errors"] == 1 and data["summary"]["files"] == 1


def test_output_file_is_written_and_stdout_empty(tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    path.write_text(BAD)
    out = tmp_path / "report.sarif"
    result = invoke("check", "-f", "sarif", "-o", str(out), str(path))
    assert result.exit_code == 1 and result.stdout == "" and "1 error" in result.stderr
    assert json.loads(out.read_text())["version"] == "2.1.0"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".podlint-")] == []


def test_input_files_are_never_modified(tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    path.write_text(BAD)
    before = path.stat()
    invoke("check", str(path))
    after = path.stat()
    assert path.read_text() == BAD and before.st_mtime_ns == after.st_mtime_ns


def test_github_format_chosen_in_actions(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "pod.yaml"
    path.write_text(BAD)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = invoke("check", str(path))
    assert result.stdout.startswith(f"::error file={path},line=8,col=7,")


def test_rules_lists_every_rule_with_its_doc() -> None:
    result = invoke("rules")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert any(line.startswith("PL103  init-container-readiness-probe") for line in lines)
    data = json.loads(invoke("rules", "--format", "json").stdout)
    assert {"PL001", "PL103"} <= {r["id"] for r in data}


def test_rule_prints_its_document() -> None:
    result = invoke("rule", "PL103")
    assert result.exit_code == 0
    assert result.output.startswith("# PL103 init-container-readiness-probe")
    assert invoke("rule", "init-container-readiness-probe").output == result.output
    assert CliRunner().invoke(cli, ["rule", "PL999"]).exit_code == 2


GT_TOLERATION = GOOD.replace("spec:\n", "spec:\n  tolerations: [{key: sla, operator: Gt, value: \"900\"}]\n")


def test_feature_gates_follow_the_release_unless_the_cluster_sets_them(tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    path.write_text(GT_TOLERATION)
    default = invoke("check", "-k", "1.35", "--isolated", str(path))
    assert default.exit_code == 1 and "PL533" in default.output and "TaintTolerationComparisonOperators" in default.output
    on = invoke("check", "-k", "1.35", "--isolated", "--feature-gates",
                "TaintTolerationComparisonOperators=true,SidecarContainers=true", str(path))
    assert on.exit_code == 0, on.output
    (tmp_path / ".podlint.toml").write_text("[feature-gates]\nTaintTolerationComparisonOperators = true\n")
    configured = invoke("check", "-k", "1.35", "--config", str(tmp_path / ".podlint.toml"), str(path))
    assert configured.exit_code == 0, configured.output
    # the command line wins over the configuration
    off = invoke("check", "-k", "1.35", "--config", str(tmp_path / ".podlint.toml"),
                 "--feature-gates", "TaintTolerationComparisonOperators=false", str(path))
    assert off.exit_code == 1


def test_feature_gates_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    path.write_text(GOOD)
    bad = invoke("check", "--feature-gates", "SidecarContainers=maybe", str(path))
    assert bad.exit_code == 2 and "expected Name=true or Name=false" in bad.output
    unknown = CliRunner().invoke(cli, ["check", "--isolated", "--feature-gates", "NoSuchGate=true", str(path)])
    assert unknown.exit_code == 0 and "feature gate NoSuchGate changes nothing podlint checks" in unknown.output


def test_summary_says_what_was_not_checked(tmp_path: Path) -> None:
    (tmp_path / "crs.yaml").write_text(
        "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: a}\n---\n"
        "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: b}\n---\n"
        "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: c}\n---\n" + GOOD)
    (tmp_path / "values.yaml").write_text("replicas: 3\n")
    text = invoke("check", "--isolated", str(tmp_path))
    assert text.exit_code == 0
    assert text.output.strip().endswith(
        "; 1 object checked; 4 skipped: ServiceMonitor (2), PrometheusRule (1), 1 file with no Kubernetes object")
    summary = json.loads(invoke("check", "--isolated", "--format", "json", str(tmp_path)).stdout)["summary"]
    assert summary["objects"] == 1
    assert summary["skipped"] == {"customResources": {"ServiceMonitor": 2, "PrometheusRule": 1},
                                  "filesWithoutObjects": 1, "otherFiles": {}}
    sarif = json.loads(invoke("check", "--isolated", "--format", "sarif", str(tmp_path)).stdout)
    assert sarif["runs"][0]["invocations"][0]["properties"]["skippedCustomResources"] == {
        "ServiceMonitor": 2, "PrometheusRule": 1}


def test_report_and_baseline_files_get_the_umask_s_permissions(tmp_path: Path) -> None:
    import os

    path = tmp_path / "pod.yaml"
    path.write_text(BAD)
    old = os.umask(0o022)
    try:
        invoke("check", str(path), "--output", str(tmp_path / "report.txt"))
        invoke("check", str(path), "--write-baseline", str(tmp_path / "baseline.json"))
    finally:
        os.umask(old)
    assert (tmp_path / "report.txt").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "baseline.json").stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baseline.json", "pod.yaml", "report.txt"]


def test_a_report_to_a_file_or_a_machine_still_says_what_happened_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    path.write_text(BAD)
    to_file = CliRunner().invoke(cli, ["check", "--isolated", "-f", "sarif", "-o", str(tmp_path / "r.sarif"), str(path)])
    assert to_file.exit_code == 1 and to_file.stdout == ""
    assert "1 error" in to_file.stderr and "r.sarif" in to_file.stderr
    machine = CliRunner().invoke(cli, ["check", "--isolated", "-f", "json", str(path)])
    json.loads(machine.stdout)
    assert "1 error" in machine.stderr
    text = CliRunner().invoke(cli, ["check", "--isolated", str(path)])
    assert text.stderr == ""


TWO_OBJECTS = ("apiVersion: v1\nkind: Pod\nmetadata: {name: one}\nspec: {containers: [{name: a, image: 'b:1', bogus: 1}]}\n"
               "---\napiVersion: v1\nkind: Pod\nmetadata: {name: two}\nspec: {containers: [{name: a, image: 'b:1'}]}\n")


def test_a_message_names_its_object_when_the_file_holds_several(tmp_path: Path) -> None:
    (tmp_path / "two.yaml").write_text(TWO_OBJECTS)
    (tmp_path / "one.yaml").write_text(TWO_OBJECTS.split("---\n")[0])
    result = CliRunner().invoke(cli, ["check", "--isolated", "--no-color", str(tmp_path)])
    [crowded] = [line for line in result.output.splitlines() if "two.yaml:4:" in line]
    [alone] = [line for line in result.output.splitlines() if "one.yaml:4:" in line]
    assert "[PL010] Pod/one: " in crowded
    assert "Pod/one" not in alone and "[PL010] " in alone


def test_statistics_count_findings_per_rule(tmp_path: Path) -> None:
    (tmp_path / "two.yaml").write_text(TWO_OBJECTS.replace("'b:1'}", "'b:1', bogus: 2}"))
    result = CliRunner().invoke(cli, ["check", "--isolated", "--statistics", "--no-color", str(tmp_path)])
    assert result.stdout.splitlines()[-1].split() == ["2", "PL010", "error", "unknown-field"]
    machine = CliRunner().invoke(cli, ["check", "--isolated", "--statistics", "-f", "json", str(tmp_path)])
    json.loads(machine.stdout)  # the JSON report stays whole: the counts go to stderr
    assert machine.stderr.splitlines()[-1].split() == ["2", "PL010", "error", "unknown-field"]


def test_one_run_writes_text_to_the_log_and_other_formats_to_files(tmp_path: Path) -> None:
    (tmp_path / "two.yaml").write_text(TWO_OBJECTS)
    sarif, junit = tmp_path / "podlint.sarif", tmp_path / "podlint.xml"
    result = CliRunner().invoke(cli, ["check", "--isolated", "--no-color", str(tmp_path / "two.yaml"),
                                      "--output-format", f"sarif={sarif}", "--output-format", f"junit={junit}"])
    assert result.exit_code == 1
    assert "[PL010] Pod/one: unknown field" in result.stdout  # the text report, in the log
    [run] = json.loads(sarif.read_text())["runs"]
    assert [r["ruleId"] for r in run["results"]] == ["PL010"]
    assert junit.read_text().startswith("<?xml") and "PL010" in junit.read_text()
    assert f"podlint: sarif report in {sarif}" in result.stderr


def test_output_formats_are_checked_before_the_run(tmp_path: Path) -> None:
    (tmp_path / "two.yaml").write_text(TWO_OBJECTS)
    same = str(tmp_path / "r.json")
    clash = CliRunner().invoke(cli, ["check", "--isolated", str(tmp_path), "-o", same, "--output-format", f"json={same}"])
    assert clash.exit_code == 2 and "named for more than one report" in clash.stderr
    bad = CliRunner().invoke(cli, ["check", "--isolated", str(tmp_path), "--output-format", "yaml=r.yaml"])
    assert bad.exit_code == 2 and "expected FORMAT=FILE" in bad.output
    over = CliRunner().invoke(cli, ["check", "--isolated", str(tmp_path / "two.yaml"),
                                    "--output-format", f"json={tmp_path / 'two.yaml'}"])
    assert over.exit_code == 2 and (tmp_path / "two.yaml").read_text() == TWO_OBJECTS


def test_a_bare_invocation_checks(tmp_path: Path) -> None:
    (tmp_path / "two.yaml").write_text(TWO_OBJECTS)
    for args in ([str(tmp_path), "--isolated", "-f", "json"], ["-f", "json", "--isolated", str(tmp_path)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1 and json.loads(result.stdout)["diagnostics"][0]["rule"] == "PL010"
    assert CliRunner().invoke(cli, ["--version"]).stdout.startswith("podlint ")
    assert "check" in CliRunner().invoke(cli, ["--help"]).stdout
