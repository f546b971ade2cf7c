"""Third-party rules from the `podlint.rules` entry-point group."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from podlint import plugins, rules
from podlint.engine import Checker, Settings
from podlint.load import load_text

PLUGIN = '''
from podlint.diagnostics import Finding, Severity
from podlint.model import Rule

RULE = Rule(id="XP001", name="no-busybox", severity=Severity.WARNING,
            summary="Containers use busybox")


def check(pod):
    for c in pod.all_containers:
        if str(c.spec.get("image", "")).startswith("busybox"):
            yield Finding(c.path / "image", f"{c.label} uses busybox", on_key=False)
'''

POD = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: busybox:1.36\n"


@pytest.fixture
def installed_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "podlint_busybox.py").write_text(PLUGIN)
    dist = tmp_path / "podlint_busybox-1.0.dist-info"
    dist.mkdir()
    (dist / "entry_points.txt").write_text(
        "[console_scripts]\nx = y:z\n\n[podlint.rules]\nno-busybox = podlint_busybox\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    rules.all_rules.cache_clear()
    yield
    rules.all_rules.cache_clear()
    sys.modules.pop("podlint_busybox", None)


def test_entry_point_rule_is_loaded_and_run(installed_plugin) -> None:
    assert "XP001" in {r.id for r in rules.all_rules()}
    [d] = Checker(Settings()).check_loaded(load_text(POD, "pod.yaml"))
    assert (d.rule_id, d.severity.value, d.line, d.column) == ("XP001", "warning", 7, 14)


def test_parse_group_reads_only_its_section() -> None:
    text = "[other]\na = b:c\n[podlint.rules]\n# comment\nmine = pkg.mod:RULES\n"
    assert list(plugins._parse_group(text)) == [("mine", "pkg.mod:RULES")]


def test_clashing_plugin_id_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "podlint_clash.py").write_text(PLUGIN.replace("XP001", "PL103"))
    dist = tmp_path / "podlint_clash-1.0.dist-info"
    dist.mkdir()
    (dist / "entry_points.txt").write_text("[podlint.rules]\nclash = podlint_clash\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    rules.all_rules.cache_clear()
    try:
        with pytest.raises(plugins.PluginError, match="clashes"):
            rules.all_rules()
    finally:
        rules.all_rules.cache_clear()
        sys.modules.pop("podlint_clash", None)


def test_broken_plugin_is_a_clear_error_with_exit_code_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture) -> None:
    from podlint.cli import main

    dist = tmp_path / "podlint_broken-1.0.dist-info"
    dist.mkdir()
    (dist / "entry_points.txt").write_text("[podlint.rules]\nbroken = podlint_missing_module\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "argv", ["podlint", "rules"])
    rules.all_rules.cache_clear()
    try:
        with pytest.raises(SystemExit) as exit_info:
            main()
    finally:
        rules.all_rules.cache_clear()
    assert exit_info.value.code == 2
    assert "rule plugin 'broken'" in capsys.readouterr().err
