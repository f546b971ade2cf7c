"""Baseline: --write-baseline records findings by fingerprint, --baseline reports only new ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from podlint.cli import cli

POD = """apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: wait
      image: busybox:1.36
      readinessProbe: {exec: {command: ["true"]}}
  containers:
    - name: app
      image: nginx:1.27
"""
OTHER = POD.replace("name: web", "name: other")


def check(*args: str):
    return CliRunner().invoke(cli, ["check", "--isolated", "--select", "PL1", *args], catch_exceptions=False)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("pod.yaml").write_text(POD)
    return tmp_path


def test_write_then_check_against_the_baseline(project: Path) -> None:
    result = check("--write-baseline", "baseline.json", "pod.yaml")
    assert result.exit_code == 0, result.output
    assert "recorded 1 finding in baseline.json" in result.output
    assert "1 in the baseline" in result.output
    data = json.loads(Path("baseline.json").read_text())
    assert data["version"] == 1
    [entry] = data["findings"]
    assert entry["rule"] == "PL103" and entry["file"] == "pod.yaml" and entry["object"] == "Pod/web"
    assert entry["path"] == "spec.initContainers[0].readinessProbe" and entry["count"] == 1
    assert [p.name for p in project.iterdir() if p.name.startswith(".podlint-")] == []

    result = check("--baseline", "baseline.json", "pod.yaml")
    assert result.exit_code == 0 and "0 errors" in result.output


def test_moved_lines_keep_their_fingerprint_but_new_findings_show(project: Path) -> None:
    check("--write-baseline", "baseline.json", "pod.yaml")
    # unrelated lines above, and a new object with the same problem
    Path("pod.yaml").write_text("# moved\n" + POD.replace("metadata:\n", "metadata:\n  labels: {a: b}\n")
                                + "---\n" + OTHER)
    result = check("--baseline", "baseline.json", "-f", "json", "pod.yaml")
    data = json.loads(result.stdout)
    assert [(d["rule"], d["object"]) for d in data["diagnostics"]] == [("PL103", "Pod/other")]
    assert data["summary"]["baselined"] == 1
    assert result.exit_code == 1


def test_counts_per_fingerprint(project: Path) -> None:
    twice = POD.replace("  containers:", "  containers:").replace(
        "      readinessProbe: {exec: {command: [\"true\"]}}\n",
        "      readinessProbe: {exec: {command: [\"true\"]}}\n    - name: wait2\n      image: busybox:1.36\n"
        "      readinessProbe: {exec: {command: [\"true\"]}}\n")
    Path("pod.yaml").write_text(twice)
    check("--write-baseline", "baseline.json", "pod.yaml")
    assert len(json.loads(Path("baseline.json").read_text())["findings"]) == 2
    assert check("--baseline", "baseline.json", "pod.yaml").exit_code == 0


def test_bad_baselines_exit_2(project: Path) -> None:
    assert "does not exist" in check("--baseline", "missing.json", "pod.yaml").output
    assert check("--baseline", "missing.json", "pod.yaml").exit_code == 2
    Path("broken.json").write_text("{")
    assert check("--baseline", "broken.json", "pod.yaml").exit_code == 2
    Path("other.json").write_text('{"version": 7, "findings": []}')
    assert check("--baseline", "other.json", "pod.yaml").exit_code == 2
    both = CliRunner().invoke(cli, ["check", "--baseline", "a", "--write-baseline", "b", "pod.yaml"])
    assert both.exit_code == 2


def test_baseline_file_is_stable_and_sorted(project: Path) -> None:
    Path("b.yaml").write_text(OTHER)
    check("--write-baseline", "one.json", ".")
    check("--write-baseline", "two.json", "b.yaml", "pod.yaml")
    assert Path("one.json").read_text() == Path("two.json").read_text()
    files = [e["file"] for e in json.loads(Path("one.json").read_text())["findings"]]
    assert files == sorted(files)
