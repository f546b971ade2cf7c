"""The catalogue's tricky VALID cases (section 4): the API server accepts them, so no error."""

from __future__ import annotations

from pathlib import Path

import pytest

from podlint.diagnostics import Severity

from markers import lint_text

CASES = sorted((Path(__file__).resolve().parent / "fixtures" / "valid").glob("*.yaml"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_tricky_valid_case_has_no_error(path: Path) -> None:
    errors = [f"{d.line}:{d.column} [{d.rule_id}] {d.message}" for d in lint_text(path.read_text())
              if d.severity is Severity.ERROR]
    assert errors == []
