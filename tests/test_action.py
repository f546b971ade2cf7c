"""The GitHub Action (action.yml): a valid composite action whose shell steps, run here with
the environment GitHub gives them, install podlint and check with the inputs as given."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
ACTION = YAML(typ="safe").load((ROOT / "action.yml").read_text(encoding="utf-8"))
BASH = shutil.which("bash")

BAD = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - {name: a, image: 'b:1', bogus: 1}\n"


def test_the_action_is_a_composite_with_the_documented_inputs() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) >= {"paths", "kubernetes-version", "config", "fail-on", "sarif-file", "args"}
    assert all("description" in spec for spec in ACTION["inputs"].values())
    assert ACTION["outputs"]["sarif-file"]["value"] == "${{ steps.check.outputs.sarif-file }}"
    for step in ACTION["runs"]["steps"]:
        assert ("uses" in step) != ("run" in step)
        if "run" in step:
            assert step["shell"] == "bash"
            # inputs reach the script through env only: ${{ }} in a script is an injection
            assert "${{" not in step["run"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "uses: podlint/podlint@" in readme and "sarif_file: ${{ steps.podlint.outputs.sarif-file }}" in readme


def _run_steps(tmp_path: Path, inputs: dict[str, str]) -> tuple[list[subprocess.CompletedProcess], Path]:
    """Each run step as GitHub runs it: bash with the step's env (inputs filled in) and the
    variables a runner sets. pip is a stand-in that records what it was asked to install."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").write_text(f'#!/bin/sh\nif [ "$1 $2" = "-m pip" ]; then echo "$@" >> "{tmp_path}/pip.log"; '
                                    f'exit 0; fi\nexec "{sys.executable}" "$@"\n')
    (bin_dir / "python").chmod(0o755)
    podlint = Path(sys.executable).with_name("podlint")
    output = tmp_path / "github_output"
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{podlint.parent}{os.pathsep}{os.environ['PATH']}",
           "GITHUB_ACTIONS": "true", "GITHUB_ACTION_PATH": str(ROOT), "GITHUB_OUTPUT": str(output),
           "GITHUB_WORKSPACE": str(tmp_path / "repo"), "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}
    defaults = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    values = {**defaults, **inputs}
    done = []
    for step in ACTION["runs"]["steps"]:
        if "run" not in step:
            continue
        step_env = dict(env)
        for name, template in step.get("env", {}).items():
            step_env[name] = re.sub(r"\$\{\{ inputs\.([\w-]+) \}\}", lambda m: values[m.group(1)], template)
        done.append(subprocess.run([BASH, "-c", step["run"]],
                                   cwd=tmp_path / "repo", env=step_env, capture_output=True, text=True, timeout=120))
    return done, output


@pytest.mark.skipif(BASH is None, reason="no bash")
def test_the_steps_install_from_the_checkout_and_check_with_the_inputs(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "deploy").mkdir(parents=True)
    (repo / "deploy" / "pod.yaml").write_text(BAD)
    (repo / "other.yaml").write_text(BAD)  # not named: not checked
    (install, check), _ = _run_steps(tmp_path, {"paths": "deploy", "kubernetes-version": "1.30", "fail-on": "error",
                                           "sarif-file": "podlint.sarif"})
    assert install.returncode == 0, install.stderr
    assert (tmp_path / "pip.log").read_text().split()[-1] == str(ROOT)
    assert check.returncode == 1, check.stderr  # the finding fails the step
    assert check.stdout.startswith("::error file=deploy/pod.yaml,line=6,")
    [run] = json.loads((repo / "podlint.sarif").read_text())["runs"]
    assert [r["ruleId"] for r in run["results"]] == ["PL010"]
    assert "Kubernetes 1.30" in check.stderr
    assert (tmp_path / "github_output").read_text() == "sarif-file=podlint.sarif\n"
    assert (tmp_path / "summary.md").read_text().startswith("## podlint")


@pytest.mark.skipif(BASH is None, reason="no bash")
def test_a_version_input_installs_that_release(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "ok.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
    (install, check), _ = _run_steps(tmp_path, {"version": "0.2.0", "args": "--select PL0 --no-color"})
    assert (tmp_path / "pip.log").read_text().split()[-1] == "podlint==0.2.0"
    assert check.returncode == 0, check.stdout + check.stderr
