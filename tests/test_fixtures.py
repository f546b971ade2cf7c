"""tests/fixtures/<ID>/fires-*.yaml and passes-*.yaml, checked against their markers."""

from __future__ import annotations

from pathlib import Path

import pytest

from markers import mismatches, parse_markers

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CASES = sorted(p for p in FIXTURES.glob("P[LW][0-9][0-9][0-9]/*.y*ml"))


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_fixture(path: Path) -> None:
    rule_id = path.parent.name
    text = path.read_text(encoding="utf-8")
    marked = parse_markers(text).ids()
    if path.name.startswith("fires-"):
        assert rule_id in marked, f"{path.name} marks no {rule_id}"
    elif path.name.startswith("passes-"):
        assert rule_id not in marked, f"{path.name} must not expect {rule_id}"
    else:
        pytest.fail(f"fixture names start with fires- or passes-: {path.name}")
    assert mismatches(text, rule_id, good=path.name.startswith("passes-")) == []
