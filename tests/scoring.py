"""The differential corpus's own scorer, run on podlint (tests/test_differential.py for the
pod kinds, tests/test_services.py for Services)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "differential"
SCORER = SHARED / "tools" / "score-differential.py"


def score(tmp_path: Path, kinds: str) -> tuple[str, dict]:
    """Run ../shared/tools/score-differential.py on `kinds`: its summary line and report."""
    wrapper = tmp_path / "podlint"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m podlint "$@"\n')
    wrapper.chmod(0o755)
    report = tmp_path / "report.json"
    result = subprocess.run(
        [sys.executable, str(SCORER), str(CORPUS / "cases"), str(CORPUS / "verdicts.jsonl"),
         "--podlint", str(wrapper), "--k8s", "1.34", "--kinds", kinds, "--report", str(report)],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1], json.loads(report.read_text())


def check_disagreements(report: dict, known: dict[str, str], line: str) -> None:
    """Every disagreement is listed in `known` with its reason, and every listed one is still
    a disagreement."""
    disagreements = {d["case"]: d for d in report["disagreements"]}
    unexplained = {case: (d["outcome"], d.get("server"), d.get("podlint"))
                   for case, d in disagreements.items() if case not in known}
    assert unexplained == {}, line
    assert sorted(set(known) - set(disagreements)) == [], "listed cases that agree now"
