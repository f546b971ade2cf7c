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


def test_one_file_has_one_name_and_one_fingerprint_however_it_is_spelt(project: Path) -> None:
    Path("deploy").mkdir()
    Path("deploy/pod.yaml").write_text(POD)
    seen = set()
    for spelling in ("deploy/pod.yaml", "./deploy/pod.yaml", "deploy//pod.yaml", "deploy/../deploy/pod.yaml",
                     str(project / "deploy" / "pod.yaml")):
        [d] = json.loads(check("-f", "json", spelling).stdout)["diagnostics"]
        seen.add((d["file"], d["fingerprint"]))
    assert len(seen) == 1 and next(iter(seen))[0] == "deploy/pod.yaml", seen
    # named twice, or by a folder that holds it too: checked once
    twice = json.loads(check("-f", "json", "deploy/pod.yaml", "./deploy/pod.yaml", "deploy").stdout)
    assert len(twice["diagnostics"]) == 1


def test_a_baseline_matches_from_any_folder_and_says_how_much(project: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    Path("deploy").mkdir()
    Path("deploy/pod.yaml").write_text(POD)
    assert check("--write-baseline", "baseline.json", "deploy").exit_code == 0
    monkeypatch.chdir(project / "deploy")
    result = check("--baseline", "../baseline.json", "pod.yaml")
    assert result.exit_code == 0, result.output
    assert "the baseline ../baseline.json matched 1 of its 1 recorded finding" in result.stderr
    monkeypatch.chdir(project)
    Path("elsewhere").mkdir()
    Path("elsewhere/baseline.json").write_text(Path("baseline.json").read_text())
    result = check("--baseline", "elsewhere/baseline.json", "deploy")
    assert result.exit_code == 1  # named from its own folder: deploy/pod.yaml is not elsewhere/deploy/pod.yaml
    assert "matched 0 of its 1 recorded finding (its files are named from its own folder" in result.stderr
