"""The bundled examples through the whole pipeline, in every format, against golden files.

These move when rules change on purpose: regenerate with PODLINT_UPDATE_SNAPSHOTS=1.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from podlint import __version__, formatters
from podlint.engine import Settings, run

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "tests" / "snapshots"


@pytest.fixture(scope="module")
def report(request):
    cwd = os.getcwd()
    os.chdir(ROOT)  # paths in the report are as given: relative to the repository
    try:
        yield run(["examples"], Settings())
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_examples_snapshot(report, fmt: str) -> None:
    out = io.StringIO()
    formatters.write(fmt, report, out)
    actual = out.getvalue().replace(__version__, "<version>")
    path = SNAPSHOTS / f"examples.{fmt}.txt"
    if os.environ.get("PODLINT_UPDATE_SNAPSHOTS"):
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"missing snapshot {path.name}; run with PODLINT_UPDATE_SNAPSHOTS=1"
    assert actual == path.read_text(encoding="utf-8")


def test_seed_example_has_no_error_and_broken_one_does(report) -> None:
    by_file = {}
    for d in report.diagnostics:
        by_file.setdefault(d.file, []).append(d)
    assert not [d for d in by_file.get("examples/pod-with-init-container.yaml", [])
                if d.severity.value == "error"]
    assert len([d for d in by_file["examples/broken-deployment.yaml"] if d.severity.value == "error"]) >= 5


def test_examples_sarif_is_schema_valid(report) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = ROOT.parent / "shared" / "reference" / "sarif-schema-2.1.0.json"
    if not schema_path.is_file():
        pytest.skip("../shared is absent")
    out = io.StringIO()
    formatters.write("sarif", report, out)
    jsonschema.validate(json.loads(out.getvalue()), json.loads(schema_path.read_text()))
