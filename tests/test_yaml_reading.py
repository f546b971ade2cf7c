"""podlint reads YAML as kubectl does: `podlint read` against what kubectl 1.34 makes of
the 487 inputs of ../shared/corpus/yaml-reading (the YAML test suite and Kubernetes idioms).

For every case, the documents podlint reads must be kubectl's, value for value (1 and 1.0
are the same JSON number), up to where kubectl stops; where kubectl reports an error,
podlint must report one there. podlint goes on after an error (kubectl does not), so what
follows is not compared.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from podlint.load import load_bytes
from podlint.readcmd import entries

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "yaml-reading"
# case file -> why podlint deliberately reads it differently (none left)
KNOWN_DIFFERENCES: dict[str, str] = {}
# the agreement reached; the test fails when it drops
AGREEMENT = 487


def _expected() -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for line in (CORPUS / "expected.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        found.setdefault(entry["file"], []).append(entry)
    return found


def _json_value(value: object) -> object:
    """Compare as JSON values: numbers as floats, containers recursively."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dict):
        return {key: _json_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_value(item) for item in value]
    raise AssertionError(f"not a JSON value: {value!r}")


def disagreement(name: str, raw: bytes, expected: list[dict]) -> str | None:
    """Why podlint's reading of one case differs from kubectl's, or None."""
    read = entries(load_bytes(raw, name))
    for position, want in enumerate(expected):
        got = read[position] if position < len(read) else None
        if not want["ok"]:
            if got is None or "error" not in got:
                return f"kubectl stops at document {want['doc']} ({want['error']}); podlint read {got}"
            return None  # kubectl reads no further
        if got is None or "error" in got:
            return f"document {want['doc']}: kubectl reads {want['json']!r}; podlint: {got}"
        if _json_value(got["value"]) != _json_value(want["json"]):
            return f"document {want['doc']}: kubectl reads {want['json']!r}; podlint {got['value']!r}"
    if len(read) > len(expected):
        return f"podlint reads more than kubectl: {read[len(expected)]}"
    return None


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/yaml-reading is not beside the checkout")
def test_podlint_reads_yaml_as_kubectl_does() -> None:
    expected = _expected()
    cases = sorted((CORPUS / "cases").iterdir())
    differences = {}
    for path in cases:
        why = disagreement(path.name, path.read_bytes(), expected.get(path.name, []))
        if why is not None:
            differences[path.name] = why
    unexplained = {name: why for name, why in differences.items() if name not in KNOWN_DIFFERENCES}
    assert unexplained == {}
    assert sorted(set(KNOWN_DIFFERENCES) - set(differences)) == [], "listed differences that are gone"
    assert len(cases) - len(differences) >= AGREEMENT


def test_read_prints_what_kubectl_sends(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from podlint.cli import cli

    path = tmp_path / "m.yaml"
    path.write_text("a: yes\nb: 0644\nc: &x {p: 1}\nd:\n  <<: *x\n  q: 2\ne: 1\ne: 2\nf: 1.0\n"
                    "---\nbad: [\n---\n{\"j\": 1.5}\n")
    result = CliRunner().invoke(cli, ["read", str(path)])
    assert result.exit_code == 1  # a document kubectl cannot read
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert lines[0] == {"file": str(path), "document": 0,
                        "value": {"a": True, "b": 420, "c": {"p": 1}, "d": {"p": 1, "q": 2}, "e": 2, "f": 1}}
    assert set(lines[1]) == {"file", "document", "error", "line", "column"} and lines[1]["document"] == 1
    assert lines[2]["value"] == {"j": 1.5}
    assert not any(isinstance(v, float) and math.isnan(v) for v in lines[0]["value"].values())


def test_read_of_a_clean_file_exits_0(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from podlint.cli import cli

    path = tmp_path / "m.yaml"
    path.write_text("kind: Pod\n")
    result = CliRunner().invoke(cli, ["read", str(path)])
    assert result.exit_code == 0 and json.loads(result.stdout) == {
        "file": str(path), "document": 0, "value": {"kind": "Pod"}}
