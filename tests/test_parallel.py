"""--jobs: checking in worker processes gives exactly the output of a serial run."""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from podlint import engine
from podlint import parallel as parallel_mod
from podlint.cli import cli
from podlint.config import Config
from podlint.globs import PathMatcher
from podlint.selection import RuleRef, build_selection
from podlint.diagnostics import Severity
from podlint.engine import Settings
from podlint.rules import all_rules

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from corpus import generate  # noqa: E402

FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")

BROKEN_YAML = "apiVersion: v1\nkind: Pod\nmetadata: {name: broken\nspec: {}\n"
SUPPRESSED = """apiVersion: v1
kind: Pod
metadata:
  name: quiet
  annotations:
    ignore.podlint.io/PW832: "pinned elsewhere"
    ignore.podlint.io/PL709: "hides nothing"
spec:
  initContainers:
    - name: wait
      image: busybox:1.36
      readinessProbe:  # podlint: disable=PL103
        exec: {command: ["true"]}
      # podlint: disable-next-line=PL102
      livenessProbe:
        exec: {command: ["true"]}
      startupProbe:  # podlint: disable=PL999
        exec: {command: ["true"]}
  containers:
    - name: app
      image: nginx
"""
HELM = """---
# Source: web/templates/pod.yaml
apiVersion: v1
kind: Pod
metadata: {name: helm}
spec:
  initContainers:
    - {name: wait, image: "busybox:1.36", readinessProbe: {exec: {command: ["true"]}}}
  containers: [{name: app, image: "nginx:1.27"}]
"""
CONFIG = """[tool.podlint]
ignore = ["PW826"]
extend-select = ["PW001"]

[tool.podlint.severity]
PL104 = "warning"

[tool.podlint.per-file-ignores]
"legacy/**" = ["PL1"]
"""


def invoke(*args: str, input: str | None = None):
    result = CliRunner().invoke(cli, ["check", *args], input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated corpus plus every kind of file the report treats specially."""
    root = tmp_path_factory.mktemp("parallel")
    generate(root / "deploy", 90, seed=11)
    legacy = root / "legacy"
    legacy.mkdir()
    (legacy / "old.yaml").write_text(SUPPRESSED.replace("quiet", "old"))
    extra = root / "deploy" / "zz"
    extra.mkdir()
    (extra / "broken.yaml").write_text(BROKEN_YAML)
    (extra / "quiet.yaml").write_text(SUPPRESSED)
    (extra / "helm.yaml").write_text(HELM)
    (extra / "latin1.yaml").write_bytes(b"apiVersion: v1\nkind: Pod\nmetadata: {name: \xe9}\n")
    (extra / "values.yaml").write_text("replicas: 3\nimage: {tag: latest}\n")
    (extra / "pod.json").write_text(json.dumps(
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "j"},
         "spec": {"containers": [{"name": "app", "image": "nginx:1.27", "livenessprobe": {}}]}}))
    (extra / "missing.yaml").symlink_to(extra / "nowhere.yaml")  # cannot be read: exit 2
    (root / "pyproject.toml").write_text(CONFIG)
    return root


def both(*args: str, jobs: str = "3") -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    return invoke(*args, "--jobs", "1"), invoke(*args, "--jobs", jobs)


@pytest.mark.parametrize("fmt", FORMATS)
def test_generated_corpus_same_output_in_every_format(project: Path, fmt: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    serial, parallel = both("deploy", "legacy", "--format", fmt)
    assert serial[0] == 2  # the dangling link
    assert parallel == serial
    assert engine.worker_count(3, 97) == 3  # so the second run really used workers


def test_generated_corpus_reports_everything_once(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    code, out, _ = invoke("deploy", "legacy", "--format", "json", "--jobs", "2")
    summary = json.loads(out)["summary"]
    assert summary["files"] == 98  # 90 generated, 7 in zz/ (values.yaml too: found, then passed over), 1 legacy
    assert summary["unreadableFiles"] == ["deploy/zz/missing.yaml"]
    assert summary["suppressed"] > 0
    files = [d["file"] for d in json.loads(out)["diagnostics"]]
    assert files == sorted(files)  # discovery order: folders sorted, as in a serial run


@pytest.mark.parametrize("fmt", FORMATS)
def test_fixtures_same_output_in_every_format(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    serial, parallel = both("--isolated", "tests/fixtures", "--format", fmt, jobs="2")
    assert serial[0] == 1
    assert parallel == serial


def test_configuration_and_selection_reach_the_workers(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    args = ("deploy", "legacy", "--format", "json", "--select", "PL1,PW0,PL3", "--ignore", "PL103",
            "--severity", "PL102=info", "--exclude", "zz/helm.yaml", "--fail-on", "info")
    serial, parallel = both(*args)
    assert parallel == serial
    diagnostics = json.loads(serial[1])["diagnostics"]
    assert {d["rule"][:3] for d in diagnostics} <= {"PL1", "PW0", "PL3", "PL0"}
    assert not any(d["file"].startswith("legacy/") and d["rule"].startswith("PL1") for d in diagnostics)


def test_baseline_applies_the_same(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    recorded = tmp_path / "baseline.json"
    code, _, _ = invoke("deploy", "legacy", "--write-baseline", str(recorded), "--jobs", "3")
    assert code == 2  # the unreadable file still counts
    serial_record = tmp_path / "serial.json"
    invoke("deploy", "legacy", "--write-baseline", str(serial_record), "--jobs", "1")
    assert recorded.read_text() == serial_record.read_text()
    (project / "legacy" / "new.yaml").write_text(HELM.replace("name: helm", "name: new"))
    try:
        serial, parallel = both("deploy", "legacy", "--baseline", str(recorded), "--format", "json")
    finally:
        (project / "legacy" / "new.yaml").unlink()
    assert parallel == serial
    summary = json.loads(serial[1])["summary"]
    assert summary["baselined"] > 0 and summary["errors"] == 0  # legacy/ ignores PL1


def test_standard_input_is_checked_in_process(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    serial = invoke("deploy/zz/quiet.yaml", "-", "--jobs", "1", input=HELM)
    parallel = invoke("deploy/zz/quiet.yaml", "-", "--jobs", "4", input=HELM)
    assert parallel == serial and "<stdin>" in serial[1]


def test_worker_count() -> None:
    cores = engine.available_cores()
    assert engine.worker_count(None, engine.PARALLEL_MIN_FILES) == 1  # a pre-commit batch: in-process
    assert engine.worker_count(None, engine.PARALLEL_MIN_FILES + 1) == cores
    assert engine.worker_count(1, 10_000) == 1
    assert engine.worker_count(8, 3) == 3
    assert engine.worker_count(None, 0) == 1


def test_on_file_keeps_the_run_in_process(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    seen: list[str] = []
    report = engine.run(["legacy", "deploy/zz"], Settings(), on_file=lambda loaded, _: seen.append(loaded.file),
                        jobs=4)
    assert seen == report.files


def selective_settings(project: Path) -> Settings:
    config = Config(select=("PL1", "PW"), ignore=("PW826",), severity=(("PL104", Severity.WARNING),),
                    per_file_ignores=(("legacy/**", ("PL1",)),), base=str(project))
    selection = build_selection(config, [RuleRef(r.id, r.name) for r in all_rules()])
    return Settings(selection=selection, exclude=PathMatcher(("*.json",), str(project)))


def test_settings_survive_pickling(project: Path) -> None:
    """Spawned workers (macOS, Windows) get the settings pickled."""
    settings = selective_settings(project)
    copy = pickle.loads(pickle.dumps(settings))
    assert copy.kubernetes_version == settings.kubernetes_version
    assert [copy.selection.selected_in(r.id, "legacy/a.yaml") for r in all_rules()] == \
        [settings.selection.selected_in(r.id, "legacy/a.yaml") for r in all_rules()]
    assert copy.exclude.matches(str(project / "deploy" / "zz" / "pod.json"))


@pytest.mark.skipif("spawn" not in multiprocessing.get_all_start_methods(), reason="no spawn")
def test_spawned_workers_give_the_same_report(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    settings = selective_settings(project)
    serial = engine.run(["deploy", "legacy"], settings, jobs=1)
    monkeypatch.setattr(parallel_mod, "_context", lambda settings: multiprocessing.get_context("spawn"))
    parallel = engine.run(["deploy", "legacy"], settings, jobs=2)
    assert parallel == serial


def test_forked_workers_give_the_same_report_object(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    serial = engine.run(["deploy", "legacy"], Settings(), jobs=1)
    parallel = engine.run(["deploy", "legacy"], Settings(), jobs=2)
    assert parallel == serial
    assert parallel.suppressed == serial.suppressed > 0
    assert parallel.files_unreadable == serial.files_unreadable == [os.path.join("deploy", "zz", "missing.yaml")]


def _die(chunk: list) -> list:
    os._exit(3)  # a worker killed mid-run (out of memory, a signal)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the patched worker needs fork")
def test_a_dead_worker_loses_nothing_and_says_so(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from podlint.report import exit_code

    monkeypatch.chdir(project)
    serial = engine.run(["deploy"], Settings(), jobs=1)
    monkeypatch.setattr(parallel_mod, "_check_chunk", _die)  # every worker dies at once
    parallel = engine.run(["deploy"], Settings(), jobs=2)
    assert parallel.worker_died and exit_code(parallel) == 2
    assert parallel.diagnostics == serial.diagnostics and parallel.files == serial.files


class _NoSemaphores:
    def __init__(self, *args, **kwargs) -> None:
        raise OSError(38, "Function not implemented")  # what SemLock says without /dev/shm


def test_no_worker_processes_means_one_process_not_a_crash(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture) -> None:
    from concurrent import futures

    monkeypatch.chdir(project)
    serial = engine.run(["deploy"], Settings(), jobs=1)
    monkeypatch.setattr(futures, "ProcessPoolExecutor", _NoSemaphores)
    parallel = engine.run(["deploy"], Settings(), jobs=2)
    assert parallel.diagnostics == serial.diagnostics and parallel.files == serial.files
    assert not parallel.worker_died
    assert "cannot start worker processes ([Errno 38] Function not implemented); checking in one process" \
        in capsys.readouterr().err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork and /proc")
def test_workers_exit_when_the_parent_is_killed(project: Path, tmp_path: Path) -> None:
    import signal
    import subprocess
    import time

    script = tmp_path / "run.py"
    pids = tmp_path / "pids"
    pids.mkdir()
    script.write_text(f"""
import os, sys, time
from podlint import engine, parallel
def stuck(chunk):
    open(os.path.join({str(pids)!r}, str(os.getpid())), "w").close()
    time.sleep(60)
    return []
parallel._check_chunk = stuck
os.chdir({str(project)!r})
engine.run(["deploy", "legacy"], engine.Settings(), jobs=2)
""")
    parent = subprocess.Popen([sys.executable, str(script)])
    deadline = time.monotonic() + 20
    while len(list(pids.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = [int(p.name) for p in pids.iterdir()]
    assert workers, "no worker started"
    parent.send_signal(signal.SIGKILL)
    parent.wait()

    def running(pid: int) -> bool:
        try:
            with open(f"/proc/{pid}/status") as status:
                return "zombie" not in status.read()
        except OSError:
            return False

    deadline = time.monotonic() + 10
    while any(running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [pid for pid in workers if running(pid)] == []
