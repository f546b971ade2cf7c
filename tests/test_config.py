"""Configuration: [tool.podlint] / .podlint.toml, rule selection, globs, and the same on the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from podlint.cli import cli
from podlint.config import Config, ConfigError, find_config, load_config
from podlint.globs import PathMatcher
from podlint.selection import RuleRef, Selection
from podlint.diagnostics import Severity

BAD = """apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: w
      image: busybox:1.36
      livenessProbe: {exec: {command: ["true"]}}
      readinessProbe: {exec: {command: ["true"]}}
  containers: [{name: app, image: "nginx:1.27"}]
"""
RULES = [RuleRef("PL102", "init-container-liveness-probe"), RuleRef("PL103", "init-container-readiness-probe"),
         RuleRef("PL104", "init-container-startup-probe"), RuleRef("PL301", "probe-without-handler"),
         RuleRef("PW820", "liveness-probe-without-restart")]


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def rules_of(result) -> list[tuple[str, str]]:
    """(rule, severity) of the PL1xx diagnostics: other rules' warnings may come and go."""
    return [(d["rule"], d["severity"]) for d in json.loads(result.stdout)["diagnostics"]
            if d["rule"].startswith("PL1")]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder, the working directory, with a bad pod in it."""
    (tmp_path / "pod.yaml").write_text(BAD)
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- finding and reading -----------------------------------------------------------------

def test_found_by_walking_up_and_podlint_toml_wins(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.podlint]\nignore = ["PL102"]\n')
    deep = project / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(str(deep)) == str(project / "pyproject.toml")
    (project / "a" / ".podlint.toml").write_text('ignore = ["PL103"]\n')
    assert find_config(str(deep)) == str(project / "a" / ".podlint.toml")
    monkeypatch.chdir(deep)
    assert load_config().ignore == ("PL103",)


def test_pyproject_without_podlint_table_is_passed_over(project: Path) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["podlint"]\n')
    inner = project / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[tool.black]\nline-length = 99\n')
    found = find_config(str(inner))
    assert found not in (str(project / "pyproject.toml"), str(inner / "pyproject.toml"))


def test_config_applies_to_check(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.podlint]\nselect = ["PL1"]\nignore = ["init-container-liveness-probe"]\n'
        '[tool.podlint.severity]\nPL103 = "warning"\n')
    result = invoke("check", "-f", "json", "pod.yaml")
    assert rules_of(result) == [("PL103", "warning")]
    assert result.exit_code == 0  # a warning does not fail by default
    assert invoke("check", "--fail-on", "warning", "pod.yaml").exit_code == 1


def test_isolated_and_explicit_config(project: Path) -> None:
    (project / ".podlint.toml").write_text('select = ["PL103"]\n')
    assert rules_of(invoke("check", "-f", "json", "pod.yaml")) == [("PL103", "error")]
    isolated = rules_of(invoke("check", "-f", "json", "--isolated", "pod.yaml"))
    assert ("PL102", "error") in isolated and ("PL103", "error") in isolated
    other = project / "ci.toml"
    other.write_text('select = ["PL102"]\nfail-on = "info"\n')
    assert rules_of(invoke("check", "-f", "json", "--config", str(other), "pod.yaml")) == [("PL102", "error")]
    result = CliRunner().invoke(cli, ["check", "--config", str(other), "--isolated", "pod.yaml"])
    assert result.exit_code == 2


def test_kubernetes_version_from_config_and_command_line(project: Path) -> None:
    (project / ".podlint.toml").write_text('kubernetes-version = "1.28"\n')
    assert json.loads(invoke("check", "-f", "json", "pod.yaml").stdout)["kubernetesVersion"] == "1.28"
    assert json.loads(invoke("check", "-f", "json", "-k", "1.30", "pod.yaml").stdout)["kubernetesVersion"] == "1.30"


@pytest.mark.parametrize("text,line,words", [
    ('[tool.podlint]\nselect = ["PL1"]\nselct = ["PL1"]\n', 3, 'unknown key "selct"; did you mean "select"?'),
    ('[tool.podlint]\nfail-on = "fatal"\n', 2, '"fail-on" must be "error", "warning" or "info"'),
    ('[tool.podlint]\nkubernetes-version = "1.12"\n', 2, '"kubernetes-version"'),
    ('[tool.podlint]\nselect = "PL1"\n', 2, '"select" must be a list of strings'),
    ('[tool.podlint]\nignore = [\n  "PL102",\n  "PX9",\n]\n', 4, '"PX9" in ignore is not a rule id, prefix or name'),
    ('[tool.podlint]\nselect = ["init-container-livenes-probe"]\n', 2,
     'did you mean "init-container-liveness-probe"?'),
    ('[tool.podlint.severity]\nPL103 = "warning"\nPL104 = "loud"\n', 3, 'severity of "PL104"'),
    ('[tool.podlint]\nseverity = {PL103 = "loud"}\n', 2, 'severity of "PL103"'),
    ('[tool.podlint.per-file-ignores]\n"a/*.yaml" = "PL103"\n', 2, 'per-file-ignores for "a/*.yaml"'),
    ('[tool.podlint]\nselect = ["PL1"\n', 2, "invalid TOML"),
    ('[tool.podlint]\nselect = ["PL103"]\nignore = ["PL103"]\n', 2, "leaves no rule to check"),
])
def test_bad_configuration_is_an_error_with_its_line(project: Path, text: str, line: int, words: str) -> None:
    (project / "pyproject.toml").write_text(text)
    result = CliRunner().invoke(cli, ["check", "pod.yaml"])
    assert result.exit_code == 2, result.output
    first = result.output.splitlines()[0]
    assert first.startswith(f"podlint: pyproject.toml:{line}: "), first
    assert words in first


def test_bad_command_line_values_name_the_option(project: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--isolated", "--ignore", "PL102,PX9", "pod.yaml"])
    assert result.exit_code == 2 and result.output.startswith('podlint: --ignore: "PX9" in ignore')
    for args in (["--severity", "PL103"], ["--severity", "PL103=loud"], ["--per-file-ignores", "pod.yaml"],
                 ["--fail-on", "never"]):
        assert CliRunner().invoke(cli, ["check", *args, "pod.yaml"]).exit_code == 2, args


def test_command_line_options_mirror_the_keys(project: Path) -> None:
    (project / ".podlint.toml").write_text('ignore = ["PL102"]\n')
    # --ignore adds to the configured list; --select replaces it
    assert rules_of(invoke("check", "-f", "json", "--ignore", "PL103", "pod.yaml")) == []
    assert rules_of(invoke("check", "-f", "json", "--select", "PL103,init-container-liveness-probe",
                           "pod.yaml")) == [("PL103", "error")]
    result = invoke("check", "-f", "json", "--isolated", "--select", "PL103", "--extend-select", "PL102",
                    "--severity", "PL102=info", "pod.yaml")
    assert rules_of(result) == [("PL102", "info"), ("PL103", "error")]
    assert rules_of(invoke("check", "-f", "json", "--isolated", "--per-file-ignores", "*.yaml:PL1",
                           "pod.yaml")) == []
    assert invoke("check", "--isolated", "--exclude", "pod.yaml", ".").exit_code == 0


def test_exclude_and_per_file_ignores_are_relative_to_the_config(project: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    for folder in ("deploy", "deploy/legacy", "vendor/chart"):
        (project / folder).mkdir(parents=True)
        (project / folder / "pod.yaml").write_text(BAD)
    (project / "pyproject.toml").write_text(
        '[tool.podlint]\nselect = ["PL103"]\nexclude = ["vendor", "/pod.yaml"]\n'
        '[tool.podlint.per-file-ignores]\n"deploy/legacy/*.yaml" = ["PL103"]\n')
    monkeypatch.chdir(project / "deploy")
    files = {d["file"] for d in json.loads(invoke("check", "-f", "json", "..").stdout)["diagnostics"]
             if d["rule"] == "PL103"}
    assert files == {"pod.yaml"}  # ../deploy/pod.yaml, as reports spell it from here
    # a named file is excluded too (as in flake8), so pre-commit honours the setting
    assert rules_of(invoke("check", "-f", "json", "../vendor/chart/pod.yaml")) == []
    assert rules_of(invoke("check", "-f", "json", "legacy/pod.yaml")) == []


# -- selection -----------------------------------------------------------------------------

def selection(**values) -> Selection:
    return Selection(Config(**values), RULES)


def test_longest_prefix_wins_and_a_tie_goes_to_ignore() -> None:
    s = selection(select=("PL1",), ignore=("PL10",), extend_select=("PL103",))
    assert [r.id for r in RULES if s.selected(r.id)] == ["PL103"]
    s = selection(ignore=("PL1",), select=("PL10", "PW"))
    assert [r.id for r in RULES if s.selected(r.id)] == ["PL102", "PL103", "PL104", "PW820"]
    assert not selection(select=("PL103",), ignore=("PL103",)).selected("PL103")
    # a name counts as the full id
    assert not selection(ignore=("init-container-readiness-probe",)).selected("PL103")
    assert selection(select=("ALL",)).selected("PW820")
    assert selection(select=("pl3",)).selected("PL301")


def test_per_file_ignores_and_severity_overrides() -> None:
    s = selection(per_file_ignores=(("legacy/**", ("PL1",)),), severity=(("PL", Severity.WARNING),
                                                                            ("PL103", Severity.INFO)))
    assert s.selected_in("PL103", "deploy/pod.yaml") and not s.selected_in("PL103", "legacy/a/pod.yaml")
    assert s.selected_in("PL301", "legacy/a/pod.yaml")
    assert s.severity("PL103") is Severity.INFO and s.severity("PL102") is Severity.WARNING
    assert s.severity("PW820") is None


def test_unknown_selector_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match='"PX" in select'):
        selection(select=("PX",))


@pytest.mark.parametrize("pattern,path,hit", [
    ("vendor", "vendor/chart/pod.yaml", True),
    ("vendor", "deploy/vendor/pod.yaml", True),
    ("vendor", "vendors/pod.yaml", False),
    ("*.tmpl.yaml", "a/b/pod.tmpl.yaml", True),
    ("deploy/*.yaml", "deploy/pod.yaml", True),
    ("deploy/*.yaml", "deploy/x/pod.yaml", False),
    ("deploy/**/*.yaml", "deploy/x/y/pod.yaml", True),
    ("deploy/**/*.yaml", "deploy/pod.yaml", True),
    ("deploy/**", "deploy/x/pod.yaml", True),
    ("/pod.yaml", "pod.yaml", True),
    ("/pod.yaml", "a/pod.yaml", False),
    ("./a/", "a/pod.yaml", True),
    ("pod-[0-9].yaml", "x/pod-3.yaml", True),
    ("pod-[!0-9].yaml", "x/pod-3.yaml", False),
    ("pod?.yaml", "pod1.yaml", True),
])
def test_globs(tmp_path: Path, pattern: str, path: str, hit: bool) -> None:
    assert PathMatcher((pattern,), str(tmp_path)).matches(str(tmp_path / path)) is hit


# -- the README's examples -----------------------------------------------------------------

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_block(language: str, after: str) -> str:
    import re

    text = README.read_text(encoding="utf-8")
    start = text.index(after)
    return re.search(rf"^```{language}\n(.*?)^```", text[start:], re.S | re.M).group(1)


def test_readme_configuration_example_is_valid(tmp_path: Path) -> None:
    from podlint.rules import all_rules

    text = readme_block("toml", "## Configuration")
    (tmp_path / "pyproject.toml").write_text(text)
    config = load_config(str(tmp_path / "pyproject.toml"))
    assert config.kubernetes_version == "1.30" and config.exclude and config.per_file_ignores
    chosen = Selection(config, [RuleRef(r.id, r.name) for r in all_rules()])
    assert chosen.selected("PL103") and not chosen.selected("PW826") and chosen.selected("PW001")
    assert chosen.severity("PW823") is Severity.ERROR
    # the same keys at the top level of a .podlint.toml
    (tmp_path / ".podlint.toml").write_text(text.replace("[tool.podlint]\n", "").replace("tool.podlint.", ""))
    assert load_config(str(tmp_path / ".podlint.toml")).severity == config.severity


def test_readme_workflow_runs_podlint_and_uploads_sarif(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from podlint.load import load_text

    block = readme_block("yaml", "### GitHub code scanning")
    [workflow] = [d.data for d in load_text(block, "podlint.yml").documents]
    steps = workflow["jobs"]["podlint"]["steps"]
    upload = [s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif")]
    assert upload and upload[0]["with"]["sarif_file"] == "podlint.sarif"
    assert workflow["jobs"]["podlint"]["permissions"]["security-events"] == "write"
    [command] = [s["run"] for s in steps if str(s.get("run", "")).startswith("podlint check")]
    examples = Path(__file__).resolve().parent.parent / "examples"
    shutil.copytree(examples, tmp_path / "deploy")
    monkeypatch.chdir(tmp_path)
    args = command.split()[1:]
    result = CliRunner().invoke(cli, [*args, "--isolated"])
    assert result.exit_code == 1  # the broken example
    sarif = json.loads((tmp_path / "podlint.sarif").read_text())
    assert sarif["runs"][0]["automationDetails"]["id"] == "podlint/deploy/"


def test_skip_non_manifests_passes_over_named_non_kubernetes_yaml(project: Path) -> None:
    Path("playbook.yaml").write_text("- hosts: all\n  tasks: []\n")
    Path("ci.yaml").write_text("stages: [test]\n")
    assert invoke("check", "--isolated", "playbook.yaml", "ci.yaml").exit_code == 1  # PL003: a list
    result = invoke("check", "--isolated", "--skip-non-manifests", "playbook.yaml", "ci.yaml")
    assert result.exit_code == 0, result.output
    assert invoke("check", "--isolated", "--skip-non-manifests", "pod.yaml").exit_code == 1
