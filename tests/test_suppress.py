"""Suppression comments and annotations, unused ones (PW001), and Helm "# Source:" comments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from podlint.cli import cli
from podlint.engine import Checker, Settings, run
from podlint.load import load_text
from podlint.suppress import find_comments

POD = """apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: wait
      image: busybox:1.36
      livenessProbe: {exec: {command: ["true"]}}{c1}
      readinessProbe: {exec: {command: ["true"]}}{c2}
  containers:
    - name: app
      image: nginx:1.27
"""


# the rules these examples are about (other rules' warnings may come and go)
WATCHED = {"PL102", "PL103", "PL104", "PL301", "PW001"}


def only(*rule_ids: str):
    """A selection of just these rules (as --select would make)."""
    from podlint.config import Config
    from podlint.selection import RuleRef, build_selection
    from podlint.rules import all_rules

    return build_selection(Config(select=rule_ids), [RuleRef(r.id, r.name) for r in all_rules()])


def lint(text: str, **settings) -> list[tuple[str, int]]:
    checker = Checker(Settings(**settings))
    return [(d.rule_id, d.line) for d in checker.check_loaded(load_text(text, "pod.yaml"))
            if d.rule_id in WATCHED]


def pod(c1: str = "", c2: str = "") -> str:
    return POD.replace("{c1}", c1).replace("{c2}", c2)


def test_without_suppressions_both_probes_are_errors() -> None:
    assert lint(pod()) == [("PL102", 9), ("PL103", 10)]


@pytest.mark.parametrize("comment", ["  # podlint: disable=PL102", "  # podlint: disable=init-container-liveness-probe",
                                     "  #podlint:disable = PL103 , PL102", "  # podlint: disable"])
def test_comment_on_the_offending_line(comment: str) -> None:
    found = lint(pod(c1=comment))
    assert ("PL102", 9) not in found and ("PL103", 10) in found
    assert not [r for r in found if r[0] == "PW001"] or "PL103" in comment


def test_unused_id_in_a_used_comment_is_reported() -> None:
    assert lint(pod(c1="  # podlint: disable=PL102,PL103")) == [("PW001", 9), ("PL103", 10)]


def test_comment_alone_on_the_line_above_and_disable_next_line() -> None:
    text = pod().replace("      livenessProbe:", "      # podlint: disable=PL102\n\n      livenessProbe:")
    assert lint(text) == [("PL103", 12)]
    text = pod().replace("      image: busybox:1.36", "      image: busybox:1.36  # podlint: disable-next-line=PL102")
    assert lint(text) == [("PL103", 10)]
    # stacked comments all reach the same line
    text = pod().replace("      readinessProbe:",
                         "      # podlint: disable=PL103\n      # a reason\n      readinessProbe:")
    assert lint(text) == [("PL102", 9)]


def test_disable_file_at_the_top_only() -> None:
    assert lint("# generated: do not edit\n# podlint: disable-file\n---\n" + pod()) == []
    assert lint("# podlint: disable-file=PL103\n" + pod()) == [("PL102", 10)]
    assert lint(pod() + "# podlint: disable-file\n") == [("PL102", 9), ("PL103", 10), ("PW001", 14)]


def test_comment_inside_a_value_is_not_a_suppression() -> None:
    assert find_comments('command: ["echo#podlint: disable=PL102"]\n') == []
    assert [s.kind for s in find_comments("a: b # podlint: disable=PL102\n")] == ["disable"]


def test_object_annotation_covers_the_whole_object() -> None:
    text = pod().replace("  name: web\n", '  name: web\n  annotations:\n    ignore.podlint.io/PL102: "known"\n'
                                          '    ignore.podlint.io/init-container-readiness-probe: ""\n')
    assert lint(text) == []


def test_pod_template_annotation_covers_its_containers_only() -> None:
    text = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web}
      annotations:
        ignore.podlint.io/PL102: "legacy chart"
        ignore.podlint.io/PL301: "stale"
    spec:
      initContainers:
        - name: wait
          image: busybox:1.36
          livenessProbe: {exec: {command: ["true"]}}
      containers:
        - name: app
          image: nginx:1.27
"""
    assert lint(text) == [("PW001", 12)]
    checker = Checker(Settings())
    [unused] = [d for d in checker.check_loaded(load_text(text, "d.yaml")) if d.rule_id == "PW001"]
    assert unused.message == 'unused suppression of "PL301": no PL301 diagnostic in the pod template of Deployment/web'
    assert str(unused.path) == "spec.template.metadata.annotations[ignore.podlint.io/PL301]"


def test_annotations_in_list_items_stay_in_their_item() -> None:
    text = """apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata:
      name: a
      annotations: {ignore.podlint.io/PL103: "x"}
    spec:
      initContainers: [{name: w, image: busybox, readinessProbe: {exec: {command: ["true"]}}}]
      containers: [{name: app, image: nginx}]
  - apiVersion: v1
    kind: Pod
    metadata: {name: b}
    spec:
      initContainers: [{name: w, image: busybox, readinessProbe: {exec: {command: ["true"]}}}]
      containers: [{name: app, image: nginx}]
"""
    assert lint(text) == [("PL103", 16)]


def test_unknown_rule_and_unselected_rule() -> None:
    assert lint(pod(c1="  # podlint: disable=PL999")) == [("PL102", 9), ("PW001", 9), ("PL103", 10)]
    # a rule that was not checked cannot be judged: no PW001
    assert lint(pod(c1="  # podlint: disable=PL104"), selection=only("PL102", "PW001")) == [("PL102", 9)]
    assert lint(pod(c1="  # podlint: disable=PL104"), selection=only("PL102", "PL104")) == [("PL102", 9)]


def test_suppressed_count_reaches_the_report(tmp_path: Path) -> None:
    (tmp_path / "pod.yaml").write_text(pod(c1="  # podlint: disable=PL102"))
    result = CliRunner().invoke(cli, ["check", "--isolated", str(tmp_path / "pod.yaml")])
    assert result.exit_code == 1
    assert result.output.rstrip().endswith("; 1 suppressed")
    data = json.loads(CliRunner().invoke(cli, ["check", "--isolated", "-f", "json", str(tmp_path)]).stdout)
    assert data["summary"]["suppressed"] == 1


def test_pw001_can_be_ignored_like_any_rule(tmp_path: Path) -> None:
    (tmp_path / "pod.yaml").write_text(pod(c1="  # podlint: disable=PL104"))
    result = CliRunner().invoke(cli, ["check", "--isolated", "--ignore", "unused-suppression", "-f", "json",
                                      str(tmp_path / "pod.yaml")])
    assert [d["rule"] for d in json.loads(result.stdout)["diagnostics"] if d["rule"] in WATCHED] == ["PL102", "PL103"]


HELM = """---
# Source: web/templates/serviceaccount.yaml
apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
---
# Source: web/templates/pod.yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: wait
      image: busybox:1.36
      readinessProbe: {exec: {command: ["true"]}}
  containers:
    - name: app
      image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: plain
spec:
  initContainers:
    - name: wait
      image: busybox:1.36
      readinessProbe: {exec: {command: ["true"]}}
  containers:
    - name: app
      image: nginx:1.27
"""


def test_helm_source_comments_name_the_template() -> None:
    diagnostics = Checker(Settings()).check_loaded(load_text(HELM, "rendered.yaml"))
    errors = [d for d in diagnostics if d.rule_id == "PL103"]
    assert [(d.line, d.source) for d in errors] == [(17, "web/templates/pod.yaml"), (30, None)]
    assert errors[0].message.endswith(" (from web/templates/pod.yaml)")
    assert "(from" not in errors[1].message


def test_helm_source_in_sarif(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("rendered.yaml").write_text(HELM)
    sarif = json.loads(CliRunner().invoke(cli, ["check", "--isolated", "-f", "sarif", "rendered.yaml"]).stdout)
    results = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "PL103"]
    assert results[0]["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "web/templates/pod.yaml"
    assert "relatedLocations" not in results[1]


def test_run_counts_suppressed(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(pod(c1="  # podlint: disable=PL102", c2="  # podlint: disable=PL103"))
    report = run([str(tmp_path)], Settings())
    assert [d for d in report.diagnostics if d.rule_id in WATCHED] == [] and report.suppressed == 2
