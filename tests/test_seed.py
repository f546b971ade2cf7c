"""The seed document's manifests: a pod with two init containers waiting for two services."""

from __future__ import annotations

from pathlib import Path

from podlint.diagnostics import Severity
from podlint.engine import Settings, run

from markers import lint_text

SEED = Path(__file__).resolve().parent / "fixtures" / "seed"


def test_seed_manifests_have_no_errors() -> None:
    report = run([str(SEED)], Settings())
    assert report.files_checked == 3
    assert [d for d in report.diagnostics if d.severity is Severity.ERROR] == []


def test_liveness_probe_on_init_mydb_is_an_error_at_its_line() -> None:
    text = (SEED / "pod-with-init-container.yaml").read_text()
    anchor = "  - name: init-mydb\n    image: busybox\n"
    assert anchor in text
    bad = text.replace(anchor, anchor + "    livenessProbe:\n      exec:\n        command: ['true']\n")
    line = bad.splitlines().index("    livenessProbe:") + 1
    errors = [d for d in lint_text(bad) if d.severity is Severity.ERROR]
    assert [(d.rule_id, d.line, d.column) for d in errors] == [("PL102", line, 5)]
    assert "init-mydb" in errors[0].message
