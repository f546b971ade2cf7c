"""Engine: pod sites in every kind, Lists, walking folders, and broken documents."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from podlint.engine import InputError, Settings, discover, run
from podlint.paths import FieldPath
from podlint.versions import KubeVersion
from podlint.workloads import find_pod_sites

from markers import lint_text

POD_SPEC = {"containers": [{"name": "app", "image": "nginx:1.27"}]}
TEMPLATE = {"metadata": {"labels": {"app": "x"}}, "spec": POD_SPEC}


@pytest.mark.parametrize("obj,path", [
    ({"apiVersion": "v1", "kind": "Pod", "spec": POD_SPEC}, "spec"),
    ({"apiVersion": "v1", "kind": "PodTemplate", "template": TEMPLATE}, "template.spec"),
    ({"apiVersion": "apps/v1", "kind": "Deployment", "spec": {"template": TEMPLATE}}, "spec.template.spec"),
    ({"apiVersion": "apps/v1", "kind": "ReplicaSet", "spec": {"template": TEMPLATE}}, "spec.template.spec"),
    ({"apiVersion": "apps/v1", "kind": "StatefulSet", "spec": {"template": TEMPLATE}}, "spec.template.spec"),
    ({"apiVersion": "apps/v1", "kind": "DaemonSet", "spec": {"template": TEMPLATE}}, "spec.template.spec"),
    ({"apiVersion": "v1", "kind": "ReplicationController", "spec": {"template": TEMPLATE}}, "spec.template.spec"),
    ({"apiVersion": "batch/v1", "kind": "Job", "spec": {"template": TEMPLATE}}, "spec.template.spec"),
    ({"apiVersion": "batch/v1", "kind": "CronJob",
      "spec": {"jobTemplate": {"spec": {"template": TEMPLATE}}}}, "spec.jobTemplate.spec.template.spec"),
])
def test_pod_spec_found_in_every_pod_bearing_kind(obj: dict, path: str) -> None:
    [site] = find_pod_sites(obj, KubeVersion.newest())
    assert str(site.path) == path
    assert site.containers[0].name == "app"
    assert site.is_template == (obj["kind"] != "Pod")


def test_cronjob_controller_is_the_job_spec() -> None:
    obj = {"apiVersion": "batch/v1", "kind": "CronJob",
           "spec": {"jobTemplate": {"spec": {"backoffLimit": 2, "template": TEMPLATE}}}}
    [site] = find_pod_sites(obj, KubeVersion.newest())
    assert site.controller == {"backoffLimit": 2, "template": TEMPLATE}
    assert site.controller_path == FieldPath(("spec", "jobTemplate", "spec"))


@pytest.mark.parametrize("obj", [
    {"apiVersion": "example.com/v1", "kind": "Deployment", "spec": {"template": TEMPLATE}},
    {"apiVersion": "v1", "kind": "Service", "spec": {}},
    {"apiVersion": "apps/v1", "kind": "Deployment", "spec": {"template": "oops"}},
    {"apiVersion": "v1", "kind": "Pod", "spec": ["not", "a", "mapping"]},
])
def test_no_pod_site_for_crds_other_kinds_or_malformed_objects(obj: dict) -> None:
    assert list(find_pod_sites(obj, KubeVersion.newest())) == []


INIT_PROBE_POD = """\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: wait
      image: busybox:1.36
      readinessProbe: {exec: {command: ["true"]}}
  containers: [{name: app, image: "nginx:1.27"}]
"""


def test_list_items_are_checked_with_their_paths() -> None:
    body = "".join("  " + line + "\n" if i else "- " + line + "\n"
                   for i, line in enumerate(INIT_PROBE_POD.splitlines()))
    text = "apiVersion: v1\nkind: List\nitems:\n" + "\n".join("  " + l for l in body.splitlines()) + "\n"
    [d] = [d for d in lint_text(text) if d.rule_id == "PL103"]
    assert str(d.path) == "items[0].spec.initContainers[0].readinessProbe"
    assert d.line == 11


def test_broken_document_does_not_hide_findings_in_the_others() -> None:
    text = "a: [\n---\n" + INIT_PROBE_POD + "---\n- just a list\n"
    ids = sorted((d.rule_id, d.line) for d in lint_text(text))
    assert ("PL001", 2) in ids or ("PL001", 1) in ids
    assert ("PL103", 10) in ids
    assert ("PL003", 13) in ids


def test_objects_without_kind_or_with_wrong_types_are_reported() -> None:
    diags = lint_text("apiVersion: v1\nmetadata: {name: x}\n---\napiVersion: v1\nkind: [Pod]\n")
    assert [(d.rule_id, d.line) for d in diags] == [("PL003", 1), ("PL003", 5)]


def test_folder_walk_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("b/z.yaml", "a.yml", "c.json", "notes.txt", ".git/x.yaml", ".hidden.yaml"):
        (tmp_path / name).write_text("{}\n")
    found = [s.display for s in discover([str(tmp_path)], Settings())]
    assert [Path(f).relative_to(tmp_path).as_posix() for f in found] == ["a.yml", "c.json", "b/z.yaml"]


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        run([str(tmp_path / "nope.yaml")], Settings())


def test_walked_files_without_kubernetes_objects_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "values.yaml").write_text("replicas: 3\nimage: {tag: latest}\n")
    (tmp_path / "hooks.yaml").write_text("- id: x\n  name: y\n")
    report = run([str(tmp_path)], Settings())
    assert report.diagnostics == []
    named = run([str(tmp_path / "hooks.yaml")], Settings())
    assert [d.rule_id for d in named.diagnostics] == ["PL003"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read every file")
def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("a: 1\n")
    path.chmod(0)
    report = run([str(path)], Settings())
    assert report.files_unreadable == [str(path)]


def test_dangling_link_and_link_loop(tmp_path: Path) -> None:
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "missing.yaml")
    (tmp_path / "loop").symlink_to(tmp_path)
    report = run([str(tmp_path)], Settings())
    assert [d.rule_id for d in report.diagnostics] == ["PL004"]
    assert report.files_unreadable == [str(tmp_path / "dangling.yaml")]


def test_version_changes_the_verdict() -> None:
    sidecar = INIT_PROBE_POD.replace("      image: busybox:1.36\n", "      image: busybox:1.36\n      restartPolicy: Always\n")
    assert not [d for d in lint_text(sidecar, version=KubeVersion(29)) if d.rule_id == "PL103"]
    assert [d for d in lint_text(sidecar, version=KubeVersion(28)) if d.rule_id == "PL103"]


def test_permission_error_is_reported_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    path = tmp_path / "secret.yaml"
    path.write_text("a: 1\n")
    real_open = builtins.open

    def refuse(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refuse)
    report = run([str(path)], Settings())
    assert report.files_unreadable == [str(path)]
    [d] = report.diagnostics
    assert d.rule_id == "PL004" and "Permission denied" in d.message


def test_pod_bearing_object_without_template_still_gets_a_site() -> None:
    obj = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"}, "spec": {"replicas": 1}}
    [site] = find_pod_sites(obj, KubeVersion.newest())
    assert site.spec == {} and str(site.path) == "spec.template.spec" and site.obj is obj


def test_folder_walk_passes_over_helm_chart_sources(tmp_path: Path) -> None:
    chart = tmp_path / "charts" / "web"
    (chart / "templates").mkdir(parents=True)
    (chart / "charts").mkdir()
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: web\nversion: 0.1.0\n")
    (chart / "values.yaml").write_text("replicas: 2\n")
    (chart / "templates" / "deploy.yaml").write_text("metadata:\n  name: {{ .Release.Name }}\n")
    (chart / "crds").mkdir()
    (chart / "crds" / "crd.yaml").write_text("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n")
    (chart / "files").mkdir()
    (chart / "files" / "conf.yaml").write_text("listen: {{ .Values.port }}\n")
    found = {Path(s.path).relative_to(tmp_path).as_posix(): s.unit for s in discover([str(tmp_path)], Settings())}
    # the chart is one source that renders it (podlint.render); its sources are no manifests
    assert sorted(found) == ["charts/web/Chart.yaml", "charts/web/crds/crd.yaml", "charts/web/values.yaml"]
    assert found["charts/web/Chart.yaml"].kind == "helm"
    # named explicitly, a chart file is still checked
    assert [s.path for s in discover([str(chart / "Chart.yaml")], Settings())] == [str(chart / "Chart.yaml")]


def test_checking_an_object_leaves_no_reference_cycles() -> None:
    """Rule caches point back at their views; the engine breaks those cycles after each
    object, so a long run frees each object's values at once instead of in GC passes."""
    import gc

    from podlint.engine import Checker
    from podlint.load import load_text

    text = (Path(__file__).parent.parent / "examples" / "broken-deployment.yaml").read_text()
    checker = Checker(Settings())
    checker.check_loaded(load_text(text, "a.yaml"))  # first use: imports and lazy compiles
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        diagnostics = checker.check_loaded(load_text(text, "b.yaml"))
        assert diagnostics  # the rules ran and used their caches
        assert gc.collect() == 0
    finally:
        if was_enabled:
            gc.enable()


def test_pod_sites_and_container_views_are_read_only() -> None:
    obj = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
           "spec": {"containers": [{"name": "app", "image": "nginx"}]}}
    site = next(find_pod_sites(obj, KubeVersion.newest(), FieldPath()))
    view = site.containers[0]
    assert view.name == "app" and site.kind == "Pod"
    with pytest.raises(AttributeError):
        site.spec = {}  # type: ignore[misc]
    with pytest.raises(AttributeError):
        view.index = 3  # type: ignore[misc]
    assert "ContainerView(spec={'name': 'app'" in repr(view)
