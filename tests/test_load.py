"""The loader: Kubernetes' YAML 1.1 reading, positions, and broken input as problems."""

from __future__ import annotations

import math

import pytest

from podlint import load as load_mod
from podlint.load import decode, load_bytes, load_file, load_text
from podlint.yaml11 import resolve_plain
from podlint.paths import FieldPath


@pytest.mark.parametrize("text,value", [
    ("yes", True), ("Yes", True), ("on", True), ("ON", True), ("y", True), ("true", True),
    ("no", False), ("off", False), ("N", False), ("False", False),
    ("~", None), ("null", None), ("", None),
    ("0644", 420), ("0o644", 420), ("0x1F", 31), ("-0b101", -5), ("1_000", 1000), ("+7", 7),
    ("08", 8), ("1e3", 1000), ("80.0", 80), ("1.5", 1.5), (".5", 0.5), ("1e21", 1e21),
    ("2001-12-14", "2001-12-14"), ("1.2.3", "1.2.3"), ("80x", "80x"), ("0644x", "0644x"),
    ("18446744073709551615", 18446744073709551615),
])
def test_plain_scalars_resolve_like_kubectl(text: str, value: object) -> None:
    resolved = resolve_plain(text)
    assert resolved == value and type(resolved) is type(value)


def test_special_floats_and_huge_numbers() -> None:
    assert resolve_plain(".inf") == math.inf
    assert math.isnan(resolve_plain(".NaN"))
    huge = "9" * 5000  # go-yaml cannot parse it as a number: it stays a string
    assert resolve_plain(huge) == huge


def test_quoted_and_tagged_scalars_are_strings() -> None:
    doc = load_text('a: "yes"\nb: \'0644\'\nc: !!str on\nd: !!int "12"\ne: !custom 5\n', "t").documents[0]
    assert doc.data == {"a": "yes", "b": "0644", "c": "on", "d": 12, "e": "5"}


def test_unknown_tags_are_never_constructed() -> None:
    doc = load_text("a: !!python/object/apply:os.system ['echo hi']\n", "t").documents[0]
    assert doc.data == {"a": ["echo hi"]}


def test_positions_are_one_based_for_keys_and_values() -> None:
    doc = load_text("spec:\n  containers:\n    - name: app\n      image: nginx\n", "t").documents[0]
    image = FieldPath(("spec", "containers", 0, "image"))
    key = doc.span(image)
    value = doc.span(image, on_key=False)
    assert (key.line, key.column) == (4, 7)
    assert (value.line, value.column, value.end_column) == (4, 14, 19)
    item = doc.span(FieldPath(("spec", "containers", 0)))
    assert (item.line, item.column) == (3, 7)


def test_missing_path_points_at_deepest_existing_key() -> None:
    doc = load_text("spec:\n  containers:\n    - name: app\n", "t").documents[0]
    span = doc.span(FieldPath(("spec", "containers", 0, "livenessProbe", "exec")))
    assert (span.line, span.column) == (3, 7)


def test_multi_document_stream_keeps_indices_and_skips_empty_documents() -> None:
    loaded = load_text("---\n# only a comment\n---\na: 1\n---\n---\nb: 2\n", "t")
    assert [(d.index, d.data) for d in loaded.documents] == [(1, {"a": 1}), (3, {"b": 2})]
    assert loaded.problems == []


def test_syntax_error_does_not_hide_later_documents() -> None:
    text = "a: 1\n---\nb: [1, 2\n---\nc: 3\n"
    loaded = load_text(text, "t")
    assert [d.data for d in loaded.documents] == [{"a": 1}, {"c": 3}]
    [problem] = loaded.problems
    assert problem.rule_id == "PL001" and problem.span.line in (3, 4)
    assert loaded.documents[1].span(FieldPath(("c",))).line == 5


def test_duplicate_keys_name_both_lines() -> None:
    loaded = load_text("a: 1\nb: 2\na: 3\n", "t")
    [problem] = loaded.problems
    assert problem.rule_id == "PL002"
    assert problem.span.line == 3 and "line 1" in problem.message


def test_merge_keys_explicit_keys_win() -> None:
    text = "base: &b {image: nginx, name: x}\nc:\n  <<: *b\n  name: app\n"
    doc = load_text(text, "t").documents[0]
    assert doc.data["c"] == {"image": "nginx", "name": "app"}


def test_alias_bomb_is_refused_not_expanded() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    loaded = load_text("\n".join(lines) + "\n---\nok: 1\n", "t")
    assert any(p.rule_id == "PL001" and "alias" in p.message for p in loaded.problems)
    assert [d.data for d in loaded.documents] == [{"ok": 1}]


def test_deep_nesting_is_refused() -> None:
    loaded = load_text("a: " + "[" * 3000 + "]" * 3000 + "\n", "t")
    assert [p.rule_id for p in loaded.problems] == ["PL001"]
    assert loaded.documents == []


def test_non_string_keys_become_json_strings() -> None:
    doc = load_text("1: a\ntrue: b\non: c\n0644: d\n1.5: e\n1.0e+6: f\n", "t").documents[0]
    assert doc.data == {"1": "a", "true": "c", "420": "d", "1.5": "e", "1e+06": "f"}


@pytest.mark.parametrize("text,line,words", [
    ("a: 1\nnull: c\n", 2, "null mapping key"),
    ("a: 1\n~: c\n", 2, "null mapping key"),
    ("18446744073709551615: x\n", 1, "uint64"),
    ("a: 1\nb: .inf\n", 2, "json: unsupported value"),
    ("a: [.NaN]\n", 1, "json: unsupported value"),
    ("a: !!int abc\n", 1, "cannot decode !!str `abc` as a !!int"),
    ("a: !!binary '%%%'\n", 1, "invalid base64"),
    ("base: &b [1]\nc:\n  <<: *b\n", 3, "map merge requires map"),
])
def test_documents_kubectl_cannot_convert_fail_whole(text: str, line: int, words: str) -> None:
    loaded = load_text(text + "---\nok: 1\n", "t")
    [problem] = loaded.problems
    assert problem.rule_id == "PL001" and problem.span.line == line and words in problem.message
    assert [d.data for d in loaded.documents] == [{"ok": 1}]  # the next document is still read


def test_special_floats_are_fine_as_keys() -> None:
    assert load_text(".inf: a\n.nan: b\n", "t").documents[0].data == {".inf": "a", ".nan": "b"}


def test_merge_keys_apply_where_they_stand() -> None:
    doc = load_text("a: &a {p: 1, q: 1}\nb: &b {p: 2, r: 2}\n"
                    "c:\n  p: 0\n  <<: *a\n"
                    "d:\n  <<: [*a, *b]\n  q: 3\n", "t").documents[0]
    assert doc.data["c"] == {"p": 1, "q": 1}  # the merge overrides p set before it
    assert doc.data["d"] == {"p": 1, "q": 3, "r": 2}  # earlier maps win; later keys win
    assert load_text("a: &a {x: 1}\nc:\n  <<: *a\n  x: 2\n", "t").problems == []


def test_binary_is_decoded_as_kubectl_does() -> None:
    doc = load_text("a: !!binary aGVsbG8=\nb: !!float 3\nc: !!str 12\n", "t").documents[0]
    assert doc.data == {"a": "hello", "b": 3, "c": "12"}


@pytest.mark.parametrize("text,message", [
    ("a: 1\na: 2\n", "kubectl keeps only this last value, and the API server never sees the first"),
])
def test_duplicate_keys_keep_the_last_value(text: str, message: str) -> None:
    loaded = load_text(text, "t")
    assert loaded.documents[0].data == {"a": 2}
    [problem] = loaded.problems
    assert problem.rule_id == "PL002" and problem.span.line == 2 and message in problem.message


def test_duplicate_keys_in_json_reach_the_server() -> None:
    loaded = load_bytes(b'{"a": 1,\n "a": 2}\n', "x.json")
    [problem] = loaded.problems
    assert problem.rule_id == "PL002" and problem.span.line == 2 and "strict decoding" in problem.message


@pytest.mark.parametrize("text,documents,problems", [
    ('{"a": 1}\n{"b": 2}\n', [{"a": 1}, {"b": 2}], []),  # a JSON stream
    ('{"a": 1}\n---\nb: 2\n', [{"a": 1}, {"b": 2}], []),  # JSON, then YAML from the second
    ("{a: 1, b: [x]}\n", [{"a": 1, "b": ["x"]}], []),  # not JSON, but fine as YAML
    ('{"a": 1}{"b": 2}\n{"c"\n', [{"a": 1}, {"b": 2}], [(3, "JSON syntax error")]),
    ("a: 1\n--- x\nb: 2\n", [{"a": 1}, {"b": 2}], [(2, "invalid document separator")]),
    ("a: 1\n---   # fine\nb: 2\n", [{"a": 1}, {"b": 2}], []),
])
def test_documents_are_cut_as_kubectl_cuts_them(text: str, documents: list, problems: list) -> None:
    loaded = load_text(text, "t")
    assert [d.data for d in loaded.documents] == documents
    assert [(p.span.line, p.message[:len(m)]) for p, (_, m) in zip(loaded.problems, problems)] == problems
    assert len(loaded.problems) == len(problems)


@pytest.mark.parametrize("raw,ok", [
    (b"\xef\xbb\xbfa: 1\n", True),
    ("a: 1\n".encode("utf-16"), True),
    (b"a: caf\xe9\n", False),
    (b"\x00\x01binary", False),
])
def test_encodings(raw: bytes, ok: bool) -> None:
    text, problem = decode(raw)
    assert (text is not None) == ok
    if not ok:
        assert problem.rule_id == "PL004" and problem.span.line == 1


def test_crlf_line_ends_keep_line_numbers() -> None:
    doc = load_bytes(b"a: 1\r\nb:\r\n  c: 2\r\n", "t").documents[0]
    assert doc.data == {"a": 1, "b": {"c": 2}}
    assert doc.span(FieldPath(("b", "c"))).line == 3


def test_json_with_tab_indentation() -> None:
    doc = load_bytes(b'{\n\t"kind": "Pod",\n\t"n": 1\n}\n', "x.json").documents[0]
    assert doc.data == {"kind": "Pod", "n": 1}
    assert doc.span(FieldPath(("n",))).line == 3


def test_file_size_limit() -> None:
    loaded = load_bytes(b"a: 1\n" * 100, "big.yaml", max_size=10)
    assert loaded.unreadable and loaded.problems[0].rule_id == "PL004"


@pytest.mark.parametrize("size, too_large", [(9, False), (10, False), (11, True), (500, True)])
def test_file_size_limit_reading_files(tmp_path, size: int, too_large: bool) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"#" * (size - 1) + b"\n")
    loaded = load_file(str(path), max_size=10)
    assert loaded.unreadable is too_large
    assert (loaded.problems[0].rule_id if loaded.problems else None) == ("PL004" if too_large else None)


@pytest.mark.parametrize("size, limit", [(0, 10), (5, 10), (10, 10), (11, 10), (4096, 10), (4096, 5000)])
def test_read_limited_without_a_size_or_growing(monkeypatch, size: int, limit: int) -> None:
    """A pipe reports size 0, and a file may grow after fstat: still limit + 1 bytes at most."""
    import io
    import os

    data = b"x" * size
    for reported in (0, max(size // 2, 1)):
        handle = io.BytesIO(data)
        monkeypatch.setattr(handle, "fileno", lambda: 0)
        monkeypatch.setattr(load_mod.os, "fstat", lambda fd: os.stat_result((0,) * 6 + (reported,) + (0,) * 3))
        raw = load_mod._read_limited(handle, limit)
        assert raw == data[:limit + 1]


# The loader pulls libyaml's events as tuples through factories that stand in for
# ruamel.yaml's event classes (yaml_events._fast_events); without them it converts the library's
# own events (yaml_events._converted_events). Both must give the same events, and the loader the
# same documents, whichever it uses.

_STREAMS = [
    "a: &x [1, {b: !!str c}]\nd: *x\n<<: {e: 1}\nf: 'g'\nh: |\n  block\n---\n- i\n...\n",
    "apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a, image: b}]}\n---\n---\nx: [\n---\ny: 1\n",
    "k: v\nk: w\n? [complex]\n: key\n",
    "a: 1\n b: 2\n",
]


@pytest.mark.parametrize("text", _STREAMS)
def test_fast_and_converted_events_agree(text: str) -> None:
    from podlint import yaml_events as load

    module = load._extension_module()
    if module is None:
        pytest.skip("ruamel.yaml's C extension is not the expected module")
    fast_failure: list = []
    converted_failure: list = []
    fast = list(load._fast_events(module, text, fast_failure))
    converted = list(load._converted_events(text, converted_failure))
    assert fast == converted
    assert [str(e) for e in fast_failure] == [str(e) for e in converted_failure]


def test_loader_falls_back_when_the_probe_disagrees(monkeypatch: pytest.MonkeyPatch) -> None:
    from podlint import yaml_events as load

    expected = [(load_text(text, "f.yaml").documents, load_text(text, "f.yaml").problems) for text in _STREAMS]
    monkeypatch.setattr(load, "_PROBE_EVENTS", [])  # as if the extension called the factories otherwise
    monkeypatch.setattr(load, "_fast_checked", False)
    monkeypatch.setattr(load, "_fast_module", None)
    got = [(load_text(text, "f.yaml").documents, load_text(text, "f.yaml").problems) for text in _STREAMS]
    assert load._fast_module is None  # the probe failed: the converted path was used
    assert got == expected


def test_event_factories_are_restored_after_a_file() -> None:
    from ruamel.yaml import events

    from podlint import yaml_events as load

    load_text("a: [1, 2]\n", "f.yaml")
    module = load._extension_module()
    if module is None:
        pytest.skip("ruamel.yaml's C extension is not the expected module")
    assert module.ScalarEvent is events.ScalarEvent
    assert module.MappingStartEvent is events.MappingStartEvent


def test_event_factories_stand_in_only_while_events_are_pulled() -> None:
    from ruamel.yaml import events

    from podlint import yaml_events as load

    module = load._extension_module()
    if module is None:
        pytest.skip("ruamel.yaml's C extension is not the expected module")
    stream, failure = load.libyaml_events("a: 1\n")
    assert next(stream) == (load.STREAM,)
    assert module.ScalarEvent is events.ScalarEvent  # between batches: the library's own
    assert [e[0] for e in stream] == [load.DOC_START, load.MAP_START, load.SCALAR, load.SCALAR,
                                      load.END, load.DOC_END, load.STREAM]
    assert failure == []
