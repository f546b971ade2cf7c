"""Property-based robustness: generated YAML and mutated real manifests through the whole pipeline.

The default run is short; PODLINT_HYPOTHESIS_EXAMPLES=5000 pytest tests/test_properties.py runs long.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from fuzz import mutate  # noqa: E402
from podlint import formatters  # noqa: E402
from podlint.diagnostics import Report  # noqa: E402
from podlint.engine import Checker, Settings  # noqa: E402
from podlint.load import load_bytes  # noqa: E402
from podlint.versions import KubeVersion  # noqa: E402

EXAMPLES = int(os.environ.get("PODLINT_HYPOTHESIS_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 60,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FIXTURES = sorted((Path(__file__).resolve().parent / "fixtures").glob("P*/*.yaml"))
SEEDS = [p.read_bytes() for p in FIXTURES[:: max(1, len(FIXTURES) // 60)]]
CHECKERS = {minor: Checker(Settings(kubernetes_version=KubeVersion(minor))) for minor in (25, 28, 33, 37)}

TOKENS = ["apiVersion: v1\n", "kind: Pod\n", "kind: Deployment\n", "kind: List\n", "spec:\n", "  containers:\n",
          "  initContainers:\n", "    - name: a\n", "      image: x\n", "      livenessProbe:\n", "        exec: {}\n",
          "  template:\n", "items:\n", "- ", "---\n", "&a ", "*a\n", "<<: *a\n", "!!python/object ", "{", "}", "[", "]",
          ", ", ": ", "yes\n", "0644\n", ".nan\n", "'\n", '"\n', "\t", "\r\n", "# podlint: disable=PL103\n",
          "{{ .Values.x }}\n", "null\n", "~\n", "-1\n", "99999999999999999999999\n", "  restartPolicy: Never\n",
          "  ports: [{containerPort: 80, hostPort: 80}]\n", "metadata: {name: p}\n"]


def run_everything(raw: bytes, minor: int) -> None:
    loaded = load_bytes(raw, "fuzz.yaml")
    diagnostics = CHECKERS[minor].check_loaded(loaded)
    assert not [d for d in diagnostics if d.rule_id == "PL000"], [d.message for d in diagnostics if d.rule_id == "PL000"]
    for d in diagnostics:
        assert d.line >= 1 and d.column >= 1
    report = Report(diagnostics=diagnostics, files_checked=1, documents_checked=len(loaded.documents),
                    kubernetes_version=f"1.{minor}")
    for fmt in ("text", "json", "sarif", "github"):
        out = io.StringIO()
        formatters.write(fmt, report, out)
        if fmt in ("json", "sarif"):
            json.loads(out.getvalue())


@SETTINGS
@given(st.lists(st.sampled_from(TOKENS) | st.text(max_size=8), max_size=40), st.sampled_from(sorted(CHECKERS)))
def test_generated_yaml_never_crashes(parts: list[str], minor: int) -> None:
    run_everything("".join(parts).encode("utf-8", "surrogatepass"), minor)


@SETTINGS
@given(st.sampled_from(SEEDS), st.data(), st.sampled_from(sorted(CHECKERS)))
def test_mutated_manifests_never_crash(seed: bytes, data, minor: int) -> None:
    run_everything(mutate(seed, data, TOKENS, duplicate_lines=True), minor)


@SETTINGS
@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["spec", "containers", "initContainers", "name", "image", "ports", "livenessProbe",
                         "httpGet", "port", "restartPolicy", "template", "metadata", "resources", "limits",
                         "volumes", "env", "command", "x"]), children, max_size=5),
    max_leaves=30), st.sampled_from(["Pod", "Deployment", "Job", "CronJob", "StatefulSet"]))
def test_wrongly_typed_objects_never_crash_rules(body, kind: str) -> None:
    api = {"Pod": "v1", "Job": "batch/v1", "CronJob": "batch/v1"}.get(kind, "apps/v1")
    obj = {"apiVersion": api, "kind": kind, "metadata": {"name": "p"}, "spec": body}
    raw = json.dumps(obj, allow_nan=True).encode()
    for minor in CHECKERS:
        run_everything(raw, minor)


# characters and markers a terminal or a CI runner acts on (issue 18)
HIDDEN = ["\x1b", "\r", "\x07", "\x08", "\x9b", "\u202e", "\u2066", "\u200b", "\ufeff", "\u2028"]
HOSTILE = st.lists(st.sampled_from(HIDDEN + ["##vso[", "##[", "::", "x", "é", " "]), min_size=1, max_size=8).map("".join)


@SETTINGS
@given(HOSTILE, HOSTILE, HOSTILE)
def test_no_formatter_prints_a_raw_hidden_character(name: str, key: str, value: str) -> None:
    q = json.dumps  # a YAML double-quoted scalar with \\u escapes
    text = (f"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {q(name)}\n  labels: {{{q(key)}: {q(value)}}}\n"
            f"spec:\n  containers:\n    - name: {q(name)}\n      image: {q(value)}\n"
            f"      env: [{{name: {q(key)}, value: {q(value)}}}]\n      {q(key)}: 1\n")
    loaded = load_bytes(text.encode(), f"dir/{name}.yaml".replace("/", "_").replace("\r", "") or "x.yaml")
    diagnostics = CHECKERS[37].check_loaded(loaded)
    lines = {d.line: text.splitlines()[d.line - 1] for d in diagnostics if 0 < d.line <= len(text.splitlines())}
    report = Report(diagnostics=diagnostics, files_checked=1, files=[loaded.file],
                    source_lines={loaded.file: lines}, kubernetes_version="1.37")
    for fmt in ("text", "json", "sarif", "github", "junit", "gitlab"):
        out = io.StringIO()
        formatters.write(fmt, report, out)
        shown = out.getvalue()
        assert [c for c in HIDDEN if c in shown.replace("\r\n", "\n")] == [], fmt
        if fmt in ("text", "github"):
            assert "##vso[" not in shown and "##[" not in shown, fmt
