"""podlint.goyaml: go-yaml v2's reading of YAML (what kubectl accepts, rejects and reads)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from podlint import load, yaml_build, yaml_events
from podlint.goyaml import (ALIAS, DOC_END, DOC_START, END, MAP_START, SCALAR, SEQ_START, STREAM,
                            GoYAMLError, events)

STR = "tag:yaml.org,2002:str"


def evs(text: str) -> list[tuple]:
    """All events but the two STREAM ones."""
    return [e for e in events(text) if e[0] != STREAM]


def scalars(text: str) -> list[str]:
    return [e[1] for e in events(text) if e[0] == SCALAR]


def error(text: str) -> GoYAMLError:
    with pytest.raises(GoYAMLError) as info:
        list(events(text))
    return info.value


def plain(value: str, line: int, column: int, end_line: int, end_column: int, anchor=None) -> tuple:
    return (SCALAR, value, None, (True, False), "", (line, column, end_line, end_column), anchor)


# -- the event tuples ------------------------------------------------------------------------

def test_probe_gives_the_same_tuples_as_the_libyaml_path() -> None:
    assert evs(yaml_events._PROBE) == yaml_events._PROBE_EVENTS


def test_stream_events_frame_the_stream() -> None:
    assert list(events("a")) == [(STREAM,), (DOC_START, 0), plain("a", 0, 0, 0, 1), (DOC_END,), (STREAM,)]
    assert list(events("")) == [(STREAM,), (STREAM,)]
    assert list(events("# only a comment\n")) == [(STREAM,), (STREAM,)]


def test_block_collections_and_their_marks() -> None:
    assert evs("a:\n  - b\n  - c: d\ne: f\n") == [
        (DOC_START, 0), (MAP_START, None, 0, 0), plain("a", 0, 0, 0, 1),
        (SEQ_START, None, 1, 2), plain("b", 1, 4, 1, 5),
        (MAP_START, None, 2, 4), plain("c", 2, 4, 2, 5), plain("d", 2, 7, 2, 8), (END, 3, 0),
        (END, 3, 0), plain("e", 3, 0, 3, 1), plain("f", 3, 3, 3, 4), (END, 4, 0), (DOC_END,)]


def test_an_indentless_sequence_ends_at_the_next_token() -> None:
    assert evs("a:\n- 1\nb: 2\n")[3:7] == [
        (SEQ_START, None, 1, 0), plain("1", 1, 2, 1, 3), (END, 2, 0), plain("b", 2, 0, 2, 1)]


# -- what go-yaml accepts and libyaml does not ---------------------------------------------------

def test_a_colon_without_a_space_stays_in_a_flow_plain_scalar() -> None:
    assert scalars("command: [curl, -f, http://localhost:8080/health]\n") == [
        "command", "curl", "-f", "http://localhost:8080/health"]
    assert scalars("{url: http://x.org, b: a:b}") == ["url", "http://x.org", "b", "a:b"]
    assert scalars("[a:]") == ["a:"]


def test_flow_url_marks() -> None:
    assert evs("{url: http://x.org}")[1:4] == [
        (MAP_START, None, 0, 0), plain("url", 0, 1, 0, 4), plain("http://x.org", 0, 6, 0, 18)]


def test_an_escaped_single_quote_in_double_quotes() -> None:
    assert scalars('a: "it\\\'s"\n') == ["a", "it's"]


def test_a_tab_before_a_flow_collection() -> None:
    assert evs("a:\t{}\n")[3:5] == [(MAP_START, None, 0, 3), (END, 0, 5)]


def test_the_empty_value_of_a_single_pair_in_a_flow_sequence_is_marked_at_its_colon() -> None:
    assert evs("[a: ]")[3:5] == [plain("a", 0, 1, 0, 2), plain("", 0, 2, 0, 2)]  # libyaml: at the ']'


def test_a_flow_collection_as_a_key_ends_the_first_document() -> None:
    # go-yaml v2 drops the simple key of '[]' and '{}': the document is just the sequence
    stream = events("[]: x\n")
    assert [next(stream) for _ in range(5)] == [
        (STREAM,), (DOC_START, 0), (SEQ_START, None, 0, 0), (END, 0, 2), (DOC_END,)]
    with pytest.raises(GoYAMLError) as info:
        next(stream)
    assert info.value.problem == "did not find expected <document start>"


# -- scalars -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,value,style", [
    ("a: |\n  x\n  y\n", "x\ny\n", "|"),
    ("a: |-\n  x\n\n", "x", "|"),
    ("a: |+\n  x\n\n\n", "x\n\n\n", "|"),
    ("a: >\n  x\n  y\n\n  z\n", "x y\nz\n", ">"),
    ("a: >-\n  x\n   more\n  y\n", "x\n more\ny", ">"),
    ("a: |2\n    x\n", "  x\n", "|"),
    ("- |1\n  x\n", " x\n", "|"),
    ("a: |\n  x\n   \n  \n", "x\n \n", "|"),  # whitespace-only lines: go-yaml's folding
    ("a: |+\n  x\n  \n", "x\n\n", "|"),
    ("a: >\n  x\n \n  y\n", "x\ny\n", ">"),
    ("a: |\n\n  x\n", "\nx\n", "|"),
    ("a: |\n  x", "x", "|"),
    ("a: |\r\n  x\r\n  y\r\n", "x\ny\n", "|"),
])
def test_block_scalars(text: str, value: str, style: str) -> None:
    scalar = evs(text)[-3]
    assert (scalar[1], scalar[4]) == (value, style)


def test_block_scalar_marks_end_after_the_last_line_break() -> None:
    assert evs("a: |\n  x\n\nb: 1\n")[3] == (SCALAR, "x\n", None, (False, True), "|", (0, 3, 3, 0), None)


@pytest.mark.parametrize("text,value", [
    ('"\\t\\x41\\u00e9\\U0001F600\\N\\_\\L\\P\\0\\e"', "\tA\u00e9\U0001F600\x85\xa0\u2028\u2029\0\x1b"),
    ('"a\\\n   b"', "ab"),
    ('"a\n\n  b\n  c"', "a\nb c"),
    ("'it''s\n  here'", "it's here"),
    ('"\\ \\"\\\\"', ' "\\'),
    ("plain\n  text # comment", "plain text"),
    ("a#b", "a#b"),
    ("x\u2028y", "x\u2028y"),  # LS is a line break, kept as it is
])
def test_flow_and_plain_scalar_values(text: str, value: str) -> None:
    assert scalars(text)[0] == value


@pytest.mark.parametrize("text,problem,line,column", [
    ('a: "\\/"\n', "found unknown escape character", 0, 4),
    ('a: "\\x4g"\n', "did not find expected hexdecimal number", 0, 6),
    ('a: "\\ud800"\n', "found invalid Unicode character escape code", 0, 6),
    ('a: "x\n', "found unexpected end of stream", 1, 0),
    ("a: 'x\n---\n'", "found unexpected document indicator", 1, 0),
])
def test_bad_quoted_scalars(text: str, problem: str, line: int, column: int) -> None:
    err = error(text)
    assert (err.problem, err.line, err.column) == (problem, line, column)
    assert err.context in ("while parsing a quoted scalar", "while scanning a quoted scalar")


def test_an_unknown_escape_reads_like_kubectl() -> None:
    assert error('x: 1\na: "\\/"\n').kubectl_message == "yaml: line 2: found unknown escape character"


# -- anchors, aliases, tags, directives --------------------------------------------------------

def test_anchors_aliases_and_tags() -> None:
    assert evs("a: &x !!str 1\nb: *x\nc: !local v\nd: ! w\ne: !<tag:e.org,2000:t> z\nf: &y\n") == [
        (DOC_START, 0), (MAP_START, None, 0, 0),
        plain("a", 0, 0, 0, 1), (SCALAR, "1", STR, (False, False), "", (0, 3, 0, 13), "x"),
        plain("b", 1, 0, 1, 1), (ALIAS, "x", 1, 3),
        plain("c", 2, 0, 2, 1), (SCALAR, "v", "!local", (False, False), "", (2, 3, 2, 11), None),
        plain("d", 3, 0, 3, 1), (SCALAR, "w", "!", (True, False), "", (3, 3, 3, 6), None),
        plain("e", 4, 0, 4, 1), (SCALAR, "z", "tag:e.org,2000:t", (False, False), "", (4, 3, 4, 24), None),
        plain("f", 5, 0, 5, 1), (SCALAR, "", None, (True, False), "", (5, 3, 5, 5), "y"),
        (END, 6, 0), (DOC_END,)]


def test_anchored_collections() -> None:
    assert evs("- &s [1]\n- &m {a: b}\n")[2:4] == [(SEQ_START, "s", 0, 2), plain("1", 0, 6, 0, 7)]
    assert evs("- &s [1]\n- &m {a: b}\n")[5] == (MAP_START, "m", 1, 2)


def test_tag_directives_apply_to_their_document_only() -> None:
    text = "%TAG !e! tag:example.com,2000:\n--- !e!thing x\n...\n--- !e!thing y\n"
    stream = events(text)
    assert [next(stream) for _ in range(4)] == [
        (STREAM,), (DOC_START, 0), (SCALAR, "x", "tag:example.com,2000:thing", (False, False), "",
                                    (1, 4, 1, 14), None), (DOC_END,)]
    next(stream)  # the second document starts
    with pytest.raises(GoYAMLError) as info:
        next(stream)
    assert info.value.problem == "found undefined tag handle"
    assert info.value.context == "while parsing a node"


@pytest.mark.parametrize("text,problem,message", [
    ("%YAML 1.2\n---\na\n", "found incompatible YAML document", "yaml: found incompatible YAML document"),
    ("%YAML 1.1\n%YAML 1.1\n---\n", "found duplicate %YAML directive", "yaml: line 1: found duplicate %YAML directive"),
    ("%FOO bar\n---\n", "found unknown directive name", "yaml: found unknown directive name"),
    ("%TAG !a b\n", "did not find expected '!'", "yaml: did not find expected '!'"),
])
def test_directive_errors(text: str, problem: str, message: str) -> None:
    err = error(text)
    assert (err.problem, err.kubectl_message) == (problem, message)


def test_a_yaml_11_directive_is_fine() -> None:
    assert evs("%YAML 1.1\n---\na\n") == [(DOC_START, 0), plain("a", 2, 0, 2, 1), (DOC_END,)]


# -- errors: go-yaml's texts, marks and kubectl's message ----------------------------------------

@pytest.mark.parametrize("text,problem,context,mark,message", [
    ("a: b: c\n", "mapping values are not allowed in this context", None, (0, 4),
     "yaml: mapping values are not allowed in this context"),
    ("x: 1\na: b: c\n", "mapping values are not allowed in this context", None, (1, 4),
     "yaml: line 2: mapping values are not allowed in this context"),
    ("a:\n  b: 1\n c: 2\n", "did not find expected key", "while parsing a block mapping", (2, 1),
     "yaml: line 2: did not find expected key"),
    ("a: 1\nb\n", "could not find expected ':'", "while scanning a simple key", (2, 0),
     "yaml: line 3: could not find expected ':'"),
    ("a:\n\tb: c\n", "found character that cannot start any token", "while scanning for the next token",
     (1, 0), "yaml: line 2: found character that cannot start any token"),
    ("key: - a\n", "block sequence entries are not allowed in this context", None, (0, 5),
     "yaml: block sequence entries are not allowed in this context"),
    ("- a\nb: c\n", "did not find expected '-' indicator", "while parsing a block collection", (1, 0),
     "yaml: line 1: did not find expected '-' indicator"),
    ("a: [b, c\n", "did not find expected ',' or ']'", "while parsing a flow sequence", (1, 0),
     "yaml: line 1: did not find expected ',' or ']'"),
    ("{a: b\nc: d\n", "did not find expected ',' or '}'", "while parsing a flow mapping", (1, 1),
     "yaml: line 1: did not find expected ',' or '}'"),
    ("a: &\n", "did not find expected alphabetic or numeric character", "while scanning an anchor", (0, 4),
     "yaml: did not find expected alphabetic or numeric character"),
    ("a: !x!y z\n", "found undefined tag handle", "while parsing a node", (0, 3),
     "yaml: found undefined tag handle"),
    ("a: |0\n", "found an indentation indicator equal to 0", "while scanning a block scalar", (0, 4),
     "yaml: found an indentation indicator equal to 0"),
    ("a: |\n  x\n\ty\n", "found a tab character where an indentation space is expected",
     "while scanning a block scalar", (2, 0),
     "yaml: line 3: found a tab character where an indentation space is expected"),
    ("a: b\n\tc\n", "found a tab character that violates indentation", "while scanning a plain scalar",
     (1, 0), "yaml: line 2: found a tab character that violates indentation"),
    ("- |\n \tx\n", "found a tab character where an indentation space is expected",
     "while scanning a block scalar", (1, 1), "yaml: line 2: found a tab character where an indentation space is expected"),
    ("[", "did not find expected node content", "while parsing a flow node", (1, 0),
     "yaml: line 1: did not find expected node content"),
])
def test_errors(text: str, problem: str, context, mark: tuple, message: str) -> None:
    err = error(text)
    assert (err.problem, err.context, (err.line, err.column), err.kubectl_message) == (
        problem, context, mark, message)
    assert str(err) == message


def test_errors_come_only_when_go_yaml_reaches_them() -> None:
    stream = events("a: 1\n---\nb: [\n")
    got = [next(stream) for _ in range(7)]
    assert got[-1] == (DOC_END,)  # the first document is whole before the second one fails
    with pytest.raises(GoYAMLError):
        list(stream)


def test_the_1024_character_limit_of_simple_keys() -> None:
    assert scalars("k" * 1000 + ": v\n") == ["k" * 1000, "v"]
    # past 1024 characters the key is no simple key: its ':' is a value without a key
    err = error("k" * 1030 + ": v\n")
    assert (err.problem, err.column) == ("mapping values are not allowed in this context", 1030)


def test_nesting_limits() -> None:
    err = error("[" * 10001)
    assert (err.problem, err.context) == ("exceeded max depth of 10000", "while increasing flow level")
    assert len(evs("[" * 3000 + "]" * 3000)) == 6002  # no recursion in the parser


def test_control_characters_are_refused_without_a_line() -> None:
    err = error("a: 1\nb: x\x01y\n")
    assert (err.kind, err.problem, err.kubectl_message) == (
        "reader", "control characters are not allowed", "yaml: control characters are not allowed")
    assert (err.line, err.column) == (1, 4)  # the character itself


def test_bom_and_crlf() -> None:
    assert evs("\ufeffa: 1\r\nb: 2\r\n") == [
        (DOC_START, 0), (MAP_START, None, 0, 0), plain("a", 0, 0, 0, 1), plain("1", 0, 3, 0, 4),
        plain("b", 1, 0, 1, 1), plain("2", 1, 3, 1, 4), (END, 2, 0), (DOC_END,)]


# -- the corpus of what kubectl 1.34 makes of YAML ---------------------------------------------

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "yaml-reading"

# Chunks that go-yaml's parser reads but kubectl refuses later: go-yaml's decoder or
# sigs.k8s.io/yaml's conversion to JSON (podlint.load's business, not the parser's).
_MAP_KEY = "a collection as a mapping key: go-yaml's decoder refuses it (invalid map key)"
_NULL_KEY = "a null mapping key: sigs.k8s.io/yaml cannot convert it (unsupported map key)"
KNOWN = {
    "k8s-key-flow-seq.yaml": _MAP_KEY, "yts-4FJ6.yaml": _MAP_KEY, "yts-6BFJ.yaml": _MAP_KEY,
    "yts-6PBE.yaml": _MAP_KEY, "yts-9MMW.yaml": _MAP_KEY, "yts-KK5P.yaml": _MAP_KEY,
    "yts-LX3P.yaml": _MAP_KEY, "yts-M5DY.yaml": _MAP_KEY, "yts-RZP5.yaml": _MAP_KEY,
    "yts-V9D5.yaml": _MAP_KEY, "yts-XW4D.yaml": _MAP_KEY,
    "k8s-keys-nonstring.yaml": _NULL_KEY, "yts-FH7J.yaml": _NULL_KEY, "yts-PW8X.yaml": _NULL_KEY,
    "k8s-merge-not-map.yaml": "a merge key on a scalar: go-yaml's decoder refuses it (map merge requires ...)",
    "k8s-float-forms.yaml": ".inf is a float that JSON cannot hold (json: unsupported value: +Inf)",
}


def kubectl_chunks(raw: bytes):
    """k8s.io/apimachinery's YAMLReader: lines (\\r\\n read as \\n), split at lines that start
    with "---"; with nothing buffered the separator line starts the next chunk."""
    lines = raw.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    buf: list[bytes] = []
    for line in lines:
        line = (line[:-1] if line.endswith(b"\r") else line) + b"\n"
        if line.startswith(b"---"):
            rest = line[3:].decode("utf-8", "replace").strip()
            if rest and not rest.startswith("#"):
                yield None  # "invalid Yaml document separator"
                return
            if buf:
                yield b"".join(buf).decode("utf-8")
                buf = []
                continue
        buf.append(line)
    if buf:
        yield b"".join(buf).decode("utf-8")


_NULLS = ("", "~", "null", "Null", "NULL")


def go_verdict(chunk: str) -> tuple[str, object]:
    """("ok", None) | ("skip", None) | ("error", message): Unmarshal of the chunk's first document."""
    anchors: set[str] = set()
    depth = 0
    root = None
    try:
        for event in events(chunk):
            kind = event[0]
            if kind == DOC_END:
                break
            if kind == SCALAR:
                if event[6]:
                    anchors.add(event[6])
                if depth == 0:
                    root = event
            elif kind in (MAP_START, SEQ_START):
                if event[1]:
                    anchors.add(event[1])
                depth += 1
                root = event
            elif kind == END:
                depth -= 1
            elif kind == ALIAS:
                if event[1] not in anchors:
                    return ("error", f"yaml: unknown anchor '{event[1]}' referenced")
                if depth == 0:
                    root = event
    except GoYAMLError as err:
        return ("error", err.kubectl_message)
    if root is None or (root[0] == SCALAR and root[1] in _NULLS and root[2] is None and root[4] == ""):
        return ("skip", None)
    return ("ok", None)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/yaml-reading is absent")
def test_accepts_and_rejects_what_kubectl_does() -> None:
    expected: dict[str, list[dict]] = {}
    for line in (CORPUS / "expected.jsonl").read_text().splitlines():
        record = json.loads(line)
        expected.setdefault(record["file"], []).append(record)
    checked = 0
    wrong = []
    for path in sorted((CORPUS / "cases").iterdir()):
        raw = path.read_bytes()
        if raw.lstrip()[:1] == b"{":
            continue  # kubectl reads a stream that starts with '{' as JSON
        got: list[tuple[str, object]] = []
        for chunk in kubectl_chunks(raw):
            if chunk is None:
                got.append(("error", "invalid Yaml document separator"))
                break
            verdict = go_verdict(chunk)
            if verdict[0] != "skip":
                got.append(verdict)
            if verdict[0] == "error":
                break
        want = [("ok", None) if r["ok"] else ("error", r["error"]) for r in expected.get(path.name, [])]
        for index, (g, w) in enumerate(zip(got, want)):
            checked += 1
            if g[0] != w[0] or (g[0] == "error" and not (w[1].endswith(g[1]) or w[1].startswith(g[1]))):
                wrong.append((path.name, index, g, w))
        if len(got) != len(want):
            wrong.append((path.name, "documents", got, want))
    assert [w for w in wrong if w[0] not in KNOWN] == []
    assert checked > 450
    assert set(KNOWN) == {w[0] for w in wrong}, "a known difference is gone: update KNOWN"


# -- linear time -------------------------------------------------------------------------------

DOC = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web, tier: "front"}
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.25
        command: [curl, -f, http://localhost:8080/health]
        args:
        - |
          echo one
          echo two
        env:
        - {name: A, value: 'x'}
---
"""


def _time(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _event in events(text):
            pass
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("unit,copies", [
    (DOC, 150),
    ("- [" + "a, " * 50 + "http://x:1]\n", 150),
    ("k: |\n  x\n\n\n", 2000),
    ("a: 'x\n\n  y'\n", 2000),
])
def test_parse_time_is_linear(unit: str, copies: int) -> None:
    small = _time(unit * copies)
    large = _time(unit * copies * 4)
    assert large / small < 8
