"""Pod templates inside custom resources (the pod-templates setting), as the user sees them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from podlint.cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROLLOUT = FIXTURES / "PL102" / "fires-argo-rollout-init-container.yaml"


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_an_argo_rollout_init_container_probe_is_found_at_its_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROLLOUT.parent)
    result = invoke("check", "--isolated", ROLLOUT.name)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f'{ROLLOUT.name}:18:11: error [PL102] init container "migrate" sets livenessProbe; init containers run '
        "to completion and may only have probes as sidecars (restartPolicy: Always)")
    assert result.output.rstrip().endswith(
        "0 objects checked; 1 custom resource (Rollout (1)): only its pod template was checked")


def test_configured_kinds_pod_spec_and_versioned_keys_and_a_built_in_turned_off(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURES / "pod-templates", tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    result = invoke("check", "custom-kinds.yaml")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if ": error [" in line]
    assert lines == [
        'custom-kinds.yaml:12:28: error [PL410] Worker/crawler: container "crawl" containerPort 70000 is out of '
        "range; ports are 1-65535",
        'custom-kinds.yaml:28:32: error [PL013] Pipeline/build: invalid quantity "1Gb": expected a number with '
        "an optional suffix such as 500m, 1.5, 128Mi or 1G",
    ]
    # spec.concurrency of the Worker and the v2 Pipeline are the cluster's to judge; the
    # Rollout entry is off, so its empty containers list is not reported
    assert result.output.rstrip().endswith(
        "0 objects checked; 2 custom resources (Pipeline (1), Worker (1)): only their pod templates were "
        "checked; 2 skipped: Pipeline (1), Rollout (1)")
    report = json.loads(invoke("check", "-f", "json", "custom-kinds.yaml").stdout)
    assert report["summary"]["podTemplatesOnly"] == {"Pipeline": 1, "Worker": 1}
    assert report["summary"]["skipped"]["customResources"] == {"Pipeline": 1, "Rollout": 1}


def test_the_command_line_adds_entries_over_the_configuration(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = Path("job.yaml")
    path.write_text("apiVersion: example.com/v1\nkind: Batch\nmetadata: {name: b}\nspec:\n  job:\n"
                    "    template:\n      spec:\n        containers: [{name: a, image: 'x:1', bogus: 1}]\n")
    assert invoke("check", "--isolated", str(path)).exit_code == 0  # not configured: skipped
    result = invoke("check", "--isolated", "--pod-template", "example.com/Batch=spec.job.template", str(path))
    assert result.exit_code == 1
    assert f'{path}:8:46: error [PL010] unknown field "bogus" in container "a"' in result.output


@pytest.mark.parametrize("entry,words", [
    ('"argoproj.io/Rollout" = "spec..template"', '"spec..template" is not a path of field names'),
    ('"Rollout" = "spec.template"', '"Rollout" is not "group/Kind" or "group/version/Kind"'),
    ('"apps/Deployment" = "spec.template"', 'the group "apps" is not a custom resource\'s group'),
    ('"networking.k8s.io/Thing" = "spec.template"', "networking.k8s.io is a Kubernetes API group"),
    ('"example.com/Foo" = 3', 'expected a path such as "spec.template"'),
    ('"example.com/Foo" = "Pod:spec.pod"', '"Pod" is not a pod type'),
    ('"example.com/Foo" = "metadata.template"', "points into metadata"),
])
def test_a_bad_entry_is_a_config_error_with_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     entry: str, words: str) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".podlint.toml").write_text(f'fail-on = "error"\n[pod-templates]\n{entry}\n')
    (tmp_path / "pod.yaml").write_text("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "pod.yaml"])
    assert result.exit_code == 2
    assert result.output.startswith(".podlint.toml:3: pod-templates: ") or \
        result.output.startswith("podlint: .podlint.toml:3: pod-templates: "), result.output
    assert words in result.output


def test_a_bad_command_line_entry_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    path.write_text("apiVersion: v1\nkind: Pod\n")
    result = CliRunner().invoke(cli, ["check", "--pod-template", "argoproj.io/Rollout", str(path)])
    assert result.exit_code == 2 and "expected GROUP/KIND=PATH" in result.output


def test_the_readme_example_is_a_valid_configuration(tmp_path: Path) -> None:
    import re

    from podlint.config import load_config
    from podlint.workloads import custom_layouts

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Pod templates in custom resources"):]
    block = re.search(r"^```toml\n(.*?)^```", section, re.S | re.M).group(1)
    (tmp_path / "pyproject.toml").write_text(block)
    table = custom_layouts(load_config(str(tmp_path / "pyproject.toml")).pod_templates)
    assert "argoproj.io/Rollout" not in table and table["example.com/v1/Worker"].custom_type == "PodSpec"
    assert table["example.com/Pipeline"].template == ("spec", "runner", "template")
