"""Hostile and malformed input: a clean diagnostic (or nothing), the right exit code, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from podlint.cli import cli

POD = ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n"
       "    - name: app\n      image: nginx:1.27\n")


def lint(tmp_path: Path, content: str | bytes, name: str = "input.yaml", *extra: str):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "-f", "json", *extra, str(path)], catch_exceptions=False)
    data = json.loads(result.stdout)
    return result.exit_code, [(d["rule"], d["line"]) for d in data["diagnostics"]], data


def billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


# (name, content, exit code, expected (rule, line) pairs; None = any line)
CASES = [
    ("empty file", "", 0, []),
    ("only comments", "# nothing\n# here\n", 0, []),
    ("only separators", "---\n---\n", 0, []),
    # kubectl hands go-yaml the text between two "---" lines: a lone "..." has no node
    ("document end alone", "---\n...\n", 1, [("PL001", 2)]),
    ("null document", "~\n", 0, []),
    ("scalar at top", "hello\n", 1, [("PL003", 1)]),
    ("list at top", "- a\n- b\n", 1, [("PL003", 1)]),
    ("kind of wrong type", "apiVersion: v1\nkind: 5\n", 1, [("PL003", 2)]),
    ("spec of wrong type", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: [1, 2]\n", 1, [("PL011", 4)]),
    ("containers as mapping", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    app: {image: x}\n",
     1, [("PL011", 6)]),
    ("probe as string", POD + "      livenessProbe: /healthz\n", 1, [("PL011", 9)]),
    ("syntax error", "apiVersion: v1\nkind: Pod\nmetadata: {name: [\n", 1, [("PL001", None)]),
    ("tab indentation", "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: p\n", 1, [("PL001", 4)]),
    ("duplicate keys", POD.replace("  name: web\n", "  name: web\n  name: web2\n"), 1, [("PL002", 5)]),
    ("python tag is never constructed", "apiVersion: v1\nkind: !!python/name:os.system Pod\n"
     "metadata: {name: p}\nspec:\n  containers: [{name: a, image: 'b:1'}]\n", 0, []),
    ("merge keys", "base: &b {name: app, image: 'nginx:1.27'}\n---\n" + POD, 0, []),
    ("alias bomb", billion_laughs() + "---\n" + POD, 1, [("PL001", None)]),
    ("deep block nesting", "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 3001)), 1, [("PL001", 257)]),
    ("deep flow nesting", "a: " + "[" * 3000 + "]" * 3000 + "\n", 1, [("PL001", 1)]),
    ("helm template", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n", 1, [("PL001", 4)]),
    ("non-string keys", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: 'b:1'}]\n"
     "  1: x\n", 1, [("PL010", 6)]),
    ("huge integer", POD + "      ports: [{containerPort: " + "9" * 5000 + "}]\n", 1, [("PL011", 9)]),
    # kubectl cannot write .nan or .inf as JSON: the document fails before the server sees it
    ("nan in integer field", POD + "      ports: [{containerPort: .nan}]\n", 1, [("PL001", 9)]),
    ("inf in integer field", POD + "      ports: [{containerPort: .inf}]\n", 1, [("PL001", 9)]),
    ("list holding junk", "apiVersion: v1\nkind: List\nitems:\n- 5\n- null\n- " + "{apiVersion: v1, kind: Pod, metadata: {name: p},"
     " spec: {containers: [{name: a, image: 'b:1'}]}}\n", 1, [("PL003", 4), ("PL003", 5)]),
]


@pytest.mark.parametrize("name,content,code,expected", CASES, ids=[c[0] for c in CASES])
def test_malformed_input(tmp_path: Path, name: str, content: str, code: int, expected: list) -> None:
    exit_code, found, _ = lint(tmp_path, content)
    assert exit_code == code, found
    assert [rule for rule, _ in found] == [rule for rule, _ in expected], found
    for (rule, line), (_, got) in zip(expected, found):
        if line is not None:
            assert got == line, (rule, found)


@pytest.mark.parametrize("raw,name", [
    (b"\xef\xbb\xbf" + POD.encode(), "bom"),
    (POD.replace("\n", "\r\n").encode(), "crlf"),
    (POD.encode("utf-16"), "utf-16"),
])
def test_encodings_that_kubectl_reads(tmp_path: Path, raw: bytes, name: str) -> None:
    exit_code, found, _ = lint(tmp_path, raw)
    assert (exit_code, found) == (0, [])


@pytest.mark.parametrize("raw,line", [
    (POD.replace("web", "caf\xe9").encode("latin-1"), 4),
    (b"apiVersion: v1\n\x00\x01\x02binary", 2),
])
def test_unreadable_encodings_are_reported_with_a_line(tmp_path: Path, raw: bytes, line: int) -> None:
    exit_code, found, _ = lint(tmp_path, raw)
    assert (exit_code, found) == (1, [("PL004", line)])


def test_two_megabyte_line(tmp_path: Path) -> None:
    text = POD + "      args: [\"" + "x" * (2 * 1024 * 1024) + "\"]\n"
    exit_code, found, _ = lint(tmp_path, text)
    assert (exit_code, found) == (0, [])


def test_five_thousand_documents(tmp_path: Path) -> None:
    bad = POD.replace("    - name: app\n", "    - name: app\n      livenessprobe: {}\n")
    text = "---\n".join([POD] * 2500 + [bad] * 2500)
    exit_code, found, data = lint(tmp_path, text)
    assert exit_code == 1
    assert len(found) == 2500 and {rule for rule, _ in found} == {"PL010"}
    assert data["summary"]["documents"] == 5000


def test_five_thousand_broken_documents(tmp_path: Path) -> None:
    # each broken document restarts the parser at the next "---": linear, not quadratic
    exit_code, found, _ = lint(tmp_path, "---\n".join(["a: [\n"] * 4999 + [POD]))
    assert exit_code == 1 and len(found) == 4999 and {rule for rule, _ in found} == {"PL001"}


def test_null_list_items(tmp_path: Path) -> None:
    text = POD.replace("  containers:\n", "  containers:\n    - null\n") + "  initContainers: [null]\n"
    exit_code, found, _ = lint(tmp_path, text)
    assert exit_code in (0, 1) and all(rule != "PL000" for rule, _ in found), found


def test_file_size_limit(tmp_path: Path) -> None:
    exit_code, found, _ = lint(tmp_path, POD, "pod.yaml", "--max-file-size", "10")
    assert (exit_code, found) == (1, [("PL004", 1)])


def test_binary_stdin() -> None:
    result = CliRunner().invoke(cli, ["check", "-f", "json", "-"], input=b"\x89PNG\r\n\x1a\n\x00\x00")
    assert result.exit_code == 1
    assert [d["rule"] for d in json.loads(result.stdout)["diagnostics"]] == ["PL004"]


def test_every_formatter_survives_hostile_messages(tmp_path: Path) -> None:
    text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  "weird,key:%\\n": 1\n  containers: []\n'
    path = tmp_path / "we,ird:%.yaml"
    path.write_text(text)
    for fmt in ("text", "json", "sarif", "github"):
        result = CliRunner().invoke(cli, ["check", "-f", fmt, str(path)], catch_exceptions=False)
        assert result.exit_code == 1, fmt
        if fmt in ("json", "sarif"):
            json.loads(result.stdout)


def test_a_crashing_rule_becomes_a_diagnostic_and_the_run_goes_on(tmp_path: Path, monkeypatch) -> None:
    from podlint import rules as registry
    from podlint.model import Rule

    def explode(pod):
        raise KeyError("boom")
        yield  # pragma: no cover

    broken = Rule(id="PL103", name="init-container-readiness-probe",
                  severity=registry.rules_by_id()["PL103"].severity, summary="x", check=explode)
    original = registry.all_rules()
    monkeypatch.setattr(registry, "all_rules", lambda: tuple(broken if r.id == "PL103" else r for r in original))
    bad = POD.replace("    - name: app\n", "    - name: app\n      livenessprobe: {}\n")
    exit_code, found, data = lint(tmp_path, bad + "---\n" + POD.replace("web", "web2"))
    assert exit_code == 1
    assert ("PL010", 8) in found  # the other rules and documents are still checked
    crash = [d for d in data["diagnostics"] if d["rule"] == "PL000"]
    assert len(crash) == 2 and "PL103" in crash[0]["message"] and "KeyError" in crash[0]["message"]
    assert crash[0]["file"].endswith("input.yaml")
    result = CliRunner().invoke(cli, ["check", "--debug", str(tmp_path / "input.yaml")])
    assert "Traceback" in result.output and "boom" in result.output
