"""The pre-commit hook, driven through the real pre-commit tool (`pre-commit try-repo`).

pre-commit builds a virtualenv and pip-installs podlint from a commit of this working tree,
so this takes 30-60 s the first time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD = """apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
"""
BAD = GOOD.replace("  containers:", """  initContainers:
    - name: wait
      image: busybox:1.36
      readinessProbe:
        exec: {command: ["true"]}
  containers:""")
GIT = ("git", "-c", "user.name=podlint tests", "-c", "user.email=tests@podlint.invalid",
       "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main")

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run([*GIT, *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


def working_tree_files() -> list[str]:
    """Tracked and untracked (not ignored) files of this checkout, as the hook would ship them."""
    if (ROOT / ".git").exists():
        out = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
        return sorted({name for name in out.split("\0") if name and (ROOT / name).is_file()})
    skip = {".venv", ".git", "__pycache__", ".pytest_cache", "build", "dist"}
    return sorted(str(p.relative_to(ROOT)) for p in ROOT.rglob("*")
                  if p.is_file() and not skip & set(p.relative_to(ROOT).parts))


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This working tree, committed to a temporary repository (try-repo needs a commit)."""
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install -e '.[test]')")
    repo = tmp_path_factory.mktemp("podlint-hook-repo")
    for name in working_tree_files():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "podlint working tree")
    return repo


def try_repo(hook_repo: Path, project: Path, cache: Path, hook: str = "podlint",
             files: tuple[str, ...] = ("pod.yaml",)) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(cache), "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), hook, "--files", *files,
         "--verbose"],
        cwd=project, env=env, capture_output=True, text=True, timeout=900, check=False)


def test_hook_fails_on_a_bad_manifest_and_passes_a_good_one(hook_repo: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    git(project, "init", "-q")
    (project / "pod.yaml").write_text(BAD)
    git(project, "add", "pod.yaml")
    cache = tmp_path / "pre-commit-cache"

    bad = try_repo(hook_repo, project, cache)
    output = bad.stdout + bad.stderr
    assert bad.returncode == 1, output
    assert "pod.yaml:9:7: error [PL103]" in output, output

    (project / "pod.yaml").write_text(GOOD)
    git(project, "add", "pod.yaml")
    good = try_repo(hook_repo, project, cache)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout


def test_patches_are_passed_over_and_the_kustomize_hook_checks_the_builds(hook_repo: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "fixtures" / "trees" / "kustomize-shop", project / "shop")
    git(project, "init", "-q")
    git(project, "add", "-A")
    cache = tmp_path / "pre-commit-cache"
    patches = ("shop/overlays/prod/replicas.yaml", "shop/components/no-debug/delete-debug-console.yaml",
               "shop/overlays/prod/kustomization.yaml")
    plain = try_repo(hook_repo, project, cache, "podlint", patches)
    assert plain.returncode == 0, plain.stdout + plain.stderr  # patches are no objects

    built = try_repo(hook_repo, project, cache, "podlint-kustomize", ("shop/base/service.yaml",))
    output = built.stdout + built.stderr
    assert built.returncode == 1, output
    assert "shop/overlays/prod/replicas.yaml:13:23: error [PL013]" in output, output
    assert "shop/base/deployment.yaml:16:11: error [PL102]" in output, output
