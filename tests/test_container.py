"""The container image: its Dockerfile says what the README promises, and it builds and runs.

Building needs a container engine, which not every machine has; where there is none the
build test is skipped and says so. The install step itself is `scripts/install-image.sh`,
which `.ci/run` also runs into a fresh virtualenv, so it is proven on every CI run either way.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"


def _instructions() -> list[tuple[str, str]]:
    """The Dockerfile as (INSTRUCTION, arguments), continuation lines joined."""
    joined = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    out = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), " ".join(rest.split())))
    return out


def _one(instruction: str) -> str:
    values = [rest for word, rest in _instructions() if word == instruction]
    assert len(values) == 1, f"{instruction}: {values}"
    return values[0]


def test_slim_python_base():
    assert _one("FROM").startswith("python:") and _one("FROM").endswith("-slim")


def test_runs_as_a_non_root_user_in_src():
    user = _one("USER")
    assert user not in {"root", "0"} and not user.startswith("0:")
    run = _one("RUN")
    assert "useradd" in run and user in run
    assert _one("WORKDIR") == "/src"


def test_entrypoint_is_podlint_and_default_checks_the_mount():
    assert _one("ENTRYPOINT") == '["podlint"]'
    assert _one("CMD") == '["check", "."]'


def test_installs_with_the_script_ci_runs():
    assert "scripts/install-image.sh" in _one("RUN")
    assert "scripts/install-image.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_documents_the_run_line():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'docker run --rm -v "$PWD:/src"' in readme
    assert "docker build -t podlint ." in readme


def _engine() -> str | None:
    for name in ("docker", "podman"):
        exe = shutil.which(name)
        if exe and subprocess.run([exe, "info"], capture_output=True, timeout=60).returncode == 0:
            return exe
    return None


def test_image_builds_and_checks_a_mounted_folder(tmp_path):
    engine = _engine()
    if engine is None:
        pytest.skip("no container engine answers `docker info` or `podman info` here")
    tag = "podlint-test:latest"
    subprocess.run([engine, "build", "-q", "-t", tag, str(ROOT)], check=True, timeout=900)
    shutil.copytree(ROOT / "examples", tmp_path / "repo")
    done = subprocess.run(
        [engine, "run", "--rm", "-v", f"{tmp_path / 'repo'}:/src", tag, "check", ".",
         "--format", "json"],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 1, done.stderr
    assert '"broken-deployment.yaml"' in done.stdout
    who = subprocess.run([engine, "run", "--rm", "--entrypoint", "id", tag, "-u"],
                         capture_output=True, text=True, timeout=300)
    assert who.stdout.strip() != "0"
