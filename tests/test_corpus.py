"""The real-world corpus: manifests real clusters accept must get no error."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from podlint.diagnostics import Severity
from podlint.engine import Settings, run

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "realworld"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/realworld is absent")


@pytest.fixture(scope="module")
def errors_by_file() -> dict[str, list[str]]:
    report = run([str(CORPUS)], Settings())
    found: dict[str, list[str]] = defaultdict(list)
    for d in report.diagnostics:
        if d.severity is Severity.ERROR:
            rel = Path(d.file).relative_to(CORPUS).as_posix()
            found[rel].append(f"{d.line}:{d.column} [{d.rule_id}] {d.message}")
    return found


def rejected() -> set[str]:
    """The corpus's own list of files the API server's code rejects."""
    return {line.strip() for line in (CORPUS / "expected-rejected.txt").read_text().splitlines()
            if line.strip() and not line.startswith("#")}


def test_no_error_on_files_real_clusters_accept(errors_by_file: dict[str, list[str]]) -> None:
    false = {f: errs for f, errs in errors_by_file.items() if f not in rejected()}
    assert false == {}


def test_every_known_rejected_file_is_flagged(errors_by_file: dict[str, list[str]]) -> None:
    missed = sorted(rejected() - set(errors_by_file))
    assert missed == []


def test_fingerprints_and_sarif_uris_do_not_depend_on_how_or_where_podlint_runs(tmp_path, monkeypatch) -> None:
    import json
    import os
    import shutil
    from urllib.parse import unquote

    from click.testing import CliRunner

    from podlint.cli import cli

    def run(where: Path, named: str) -> tuple[list, set]:
        monkeypatch.chdir(where)
        sarif = json.loads(CliRunner().invoke(cli, ["check", "--isolated", "-f", "sarif", named]).stdout)
        results = sarif["runs"][0]["results"]
        files = set()
        for result in results:
            uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            path = unquote(uri[len("file://"):]) if uri.startswith("file://") else os.path.join(where, unquote(uri))
            files.add(os.path.realpath(path))
        return sorted(r["partialFingerprints"]["podlint/v1"] for r in results), files

    # a repository (fingerprints are relative to its git top level) holding the corpus
    repo = tmp_path / "repo"
    shutil.copytree(CORPUS, repo / "realworld")
    (repo / ".git").mkdir()
    relative = run(repo, "realworld")
    assert relative[0], "the corpus has findings to compare"
    assert run(repo, str(repo / "realworld")) == relative
    assert run(repo, "./realworld/../realworld/") == relative
    subfolder = next(p for p in sorted((repo / "realworld").iterdir()) if p.is_dir())
    assert run(subfolder, "../../realworld") == relative
    assert run(tmp_path, "repo/realworld") == relative  # above the repository: still its own
