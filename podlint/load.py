"""YAML -> documents with positions, read the way Kubernetes reads YAML.

The libyaml parser (ruamel.yaml's C extension) gives events with start and end marks;
this module builds plain dicts/lists and a parallel position tree from them. That is
far faster than ruamel's round-trip loader and lets us resolve plain scalars as
sigs.k8s.io/yaml (go-yaml v2) does: YAML 1.1 booleans, `0644` octal, timestamps kept
as strings, merge keys, duplicate keys reported.
"""

from __future__ import annotations

import codecs
import math
import os
import re
import _thread
from itertools import chain
from typing import Any, Iterator, NamedTuple, Optional

from podlint import streams
from podlint.diagnostics import Span
from podlint.paths import FieldPath
from podlint.record import Record

MAX_DEPTH = 256
# Alias expansion budget: a document may expand to at most this many nodes beyond
# what it literally contains (a "billion laughs" document is refused, not walked).
MAX_ALIAS_EXPANSION = 200_000

YAML_RULE = "PL001"  # syntax errors, nesting and alias limits
DUPLICATE_RULE = "PL002"
UNREADABLE_RULE = "PL004"

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {
    **dict.fromkeys(("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
}
_SPECIAL_FLOATS = {
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), math.inf),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), -math.inf),
    **dict.fromkeys((".nan", ".NaN", ".NAN"), math.nan),
}
# strconv.ParseInt(s, 0, 64) syntax, after go-yaml has removed every underscore.
_GO_INT = re.compile(r"[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)\Z")
_GO_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_INT_MIN, _UINT_MAX = -(2**63), 2**64 - 1
# resolve_plain is a pure function of the text and manifests repeat the same plain
# scalars (keys, "true", "TCP", "80"): its answers are kept, up to a bound
_PLAIN_CACHE: dict[str, Any] = {}
_PLAIN_CACHE_SIZE = 20_000


def resolve_plain(text: str) -> Any:
    """Resolve an untagged plain scalar as go-yaml v2 (and so kubectl) does."""
    if text in _NULLS:
        return None
    value = _BOOLS.get(text)
    if value is not None:
        return value
    if not text or text[0] not in "0123456789+-.":
        return text
    special = _SPECIAL_FLOATS.get(text)
    if special is not None:
        return special
    plain = text.replace("_", "") if "_" in text else text
    if len(plain) <= 70 and _GO_INT.match(plain):
        number = _parse_go_int(plain)
        if _INT_MIN <= number <= _UINT_MAX:
            return number
    if _GO_FLOAT.match(plain):
        number = float(plain)
        if not math.isinf(number):
            return _json_number(number)
    return text  # timestamps and out-of-range numbers stay strings


def _parse_go_int(plain: str) -> int:
    sign = -1 if plain[0] == "-" else 1
    digits = plain.lstrip("+-")
    if len(digits) > 1 and digits[0] == "0":
        base = {"x": 16, "X": 16, "o": 8, "O": 8, "b": 2, "B": 2}.get(digits[1])
        if base:
            return sign * int(digits[2:], base)
        return sign * int(digits[1:], 8)
    return sign * int(digits)


_TAG_TYPES = {"int": int, "float": float, "bool": bool, "null": type(None), "str": str}


def _resolve_tagged(tag: str, text: str) -> Any:
    """A scalar with an explicit tag, as go-yaml v2's resolve() and decoder take it.

    Raises ValueError where go-yaml fails the document ("cannot decode ...")."""
    short = tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else None
    if short in ("int", "float", "bool", "null"):
        value = resolve_plain(text)
        found = "str" if isinstance(value, str) else next(
            name for name, kind in _TAG_TYPES.items() if value.__class__ is kind)
        if found == short:
            return value
        if short == "float" and found == "int":
            return _json_number(float(value))
        raise ValueError(f"cannot decode !!{found} `{text}` as a !!{short}")
    if short == "binary":
        import base64
        import binascii

        try:
            data = base64.b64decode(text.replace("\n", "").replace("\r", ""), validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("!!binary value contains invalid base64 data") from None
        return data.decode("utf-8", "replace")  # JSON cannot hold bytes that are not UTF-8
    # !!str, !!timestamp, unknown and local tags: never constructed, kept as text
    return text


def _json_number(number: float) -> Any:
    """A float as it comes back from kubectl's JSON: a whole number is written without a
    fraction (json.Marshal(80.0) is 80), so the API server reads it as an integer."""
    if number.is_integer() and abs(number) < 1e21:
        return int(number)
    return number


def _non_finite(stack: list, event: tuple) -> None:
    """.inf and .nan are fine as keys (they become the strings), but JSON cannot hold them
    as values: kubectl fails the document."""
    if stack and stack[-1][2] and stack[-1][3] is _NO_KEY:
        return
    raise _Refused(f"{event[1]} is not a number JSON can hold: kubectl cannot convert the document "
                   "(json: unsupported value)", event[5][0], event[5][1])


class Pos:
    """Position of one node, with the positions of its children (a parallel tree).

    A plain class with slots, not a dataclass: the loader makes one per node, and this
    is the cheapest object to build and read.
    """

    __slots__ = ("children", "column", "end_column", "end_line", "line")

    def __init__(self, line: int, column: int, end_line: int, end_column: int,
                 children: Any = None) -> None:
        self.line = line  # 0-based, as libyaml reports
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        # mapping: key -> (key line, key column, Pos of value); sequence: list of Pos
        self.children = children

    def __repr__(self) -> str:
        return (f"Pos(line={self.line!r}, column={self.column!r}, end_line={self.end_line!r}, "
                f"end_column={self.end_column!r}, children={self.children!r})")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Pos):
            return NotImplemented
        return (self.line, self.column, self.end_line, self.end_column, self.children) == (
            other.line, other.column, other.end_line, other.end_column, other.children)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaces


# A scalar's position is a plain tuple (line, column, end_line, end_column): most nodes
# are scalars, and a tuple is far cheaper to make than an object. Containers get a Pos.
Leaf = tuple


def _bounds(node: Any) -> tuple[int, int, int, int]:
    """(line, column, end_line, end_column) of a Pos or a scalar's position tuple."""
    if node.__class__ is Pos:
        return node.line, node.column, node.end_line, node.end_column
    return node


class Document(Record):
    """One YAML document of a file: its plain value and where each piece came from."""

    __slots__ = ("file", "index", "data", "pos", "line_offset", "nulls")

    def __init__(self, file: str, index: int, data: Any, pos: Pos, line_offset: int = 0,
                 nulls: bool = False) -> None:
        self.file = file
        self.index = index  # 0-based position in the stream
        self.data = data
        self.pos = pos
        self.line_offset = line_offset
        # whether some value is null: the API server decodes each to its type's zero value
        self.nulls = nulls

    def span(self, path: FieldPath, on_key: bool = True) -> Span:
        """1-based position of the deepest node of `path` that exists in the source."""
        node = self.pos
        key_at: Optional[tuple[int, int]] = None
        for depth, part in enumerate(path):
            children = node.children if node.__class__ is Pos else None
            if isinstance(children, dict) and not isinstance(part, int) and part in children:
                kline, kcol, child = children[part]
                key_at = (kline, kcol)
                node = child
            elif isinstance(children, list) and isinstance(part, int) and 0 <= part < len(children):
                node = children[part]
                key_at = None
            else:
                break
        else:
            line, column, end_line, end_column = _bounds(node)
            if on_key and key_at is not None:
                return Span(key_at[0] + 1, key_at[1] + 1, end_line + 1, end_column + 1)
            return Span(line + 1, column + 1, end_line + 1, end_column + 1)
        line, column, end_line, end_column = _bounds(node)
        # path goes deeper than the source: point at the key of the last node found
        if key_at is not None:
            return Span(key_at[0] + 1, key_at[1] + 1, end_line + 1, end_column + 1)
        return Span(line + 1, column + 1, end_line + 1, end_column + 1)


class Problem(NamedTuple):
    """A defect found while reading: becomes a diagnostic of `rule_id` at `span`."""

    rule_id: str
    message: str
    span: Span
    document: Optional[int] = None


class LoadedFile(Record):
    __slots__ = ("file", "text", "documents", "problems", "unreadable")

    def __init__(self, file: str, text: str, documents: Optional[list[Document]] = None,
                 problems: Optional[list[Problem]] = None, unreadable: bool = False) -> None:
        self.file = file
        self.text = text
        self.documents: list[Document] = [] if documents is None else documents
        self.problems: list[Problem] = [] if problems is None else problems
        self.unreadable = unreadable

    def line(self, number: int) -> str:
        """Source line `number` (1-based), without its line break; '' when out of range."""
        lines = self.text.splitlines()
        return lines[number - 1] if 0 < number <= len(lines) else ""


def decode(raw: bytes) -> tuple[Optional[str], Optional[Problem]]:
    """Bytes -> text: UTF-8 (BOM allowed) or UTF-16/32 with a BOM, else a problem."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(codec), None
            except UnicodeDecodeError as err:
                return None, _decode_problem(raw, err.start, f"not valid {codec.upper()} text")
    if b"\x00" in raw:
        return None, _decode_problem(raw, raw.index(b"\x00"), "binary file (NUL byte)")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as err:
        return None, _decode_problem(
            raw, err.start, f"not UTF-8 text (byte 0x{raw[err.start]:02x}); Kubernetes reads YAML as UTF-8")


def _decode_problem(raw: bytes, offset: int, message: str) -> Problem:
    line = raw.count(b"\n", 0, offset) + 1
    column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    return Problem(UNREADABLE_RULE, f"{message} at line {line}", Span(line, column))


def load_text(text: str, file: str) -> LoadedFile:
    """Parse every document of a file as kubectl does; a broken document does not hide the rest."""
    result = LoadedFile(file, text)
    for piece in streams.pieces(text):
        kind = piece.__class__
        if kind is streams.Chunk:
            _load_chunk(piece, result)
        elif kind is streams.JSONValue:
            _load_json(piece, result)
        elif kind is streams.SeparatorError:
            result.problems.append(Problem(
                YAML_RULE, f'invalid document separator: only a comment may follow "---" on its line, '
                f'found "{piece.found}" (kubectl: invalid Yaml document separator)',
                Span(piece.line + 1, piece.column + 1), None))
        else:  # streams.JSONError
            result.problems.append(Problem(
                YAML_RULE, f"JSON syntax error: {piece.message}",
                Span(piece.line + 1, piece.column + 1), None))
    return result


def _load_chunk(chunk: "streams.Chunk", result: LoadedFile) -> None:
    """One kubectl document: go-yaml reads the first YAML document of the chunk."""
    text = chunk.text
    built: Optional[tuple[Any, Pos, list[Problem], bool]] = None
    failure: Optional[_Failure] = None
    # a stream that began as JSON and is not JSON is rare: read it the exact way at once
    if not ((chunk.json_error is not None or _needs_go_yaml(text)) and _go_yaml_module() is not None):
        try:
            built = _first_document(text, _events(text))
        except _Refused as refused:
            failure = refused
        except _Failure as err:
            failure = err
    if built is None and not isinstance(failure, _Refused):
        go = _go_yaml_events(text)
        if go is not None:
            try:
                built = _first_document(text, go)
                failure = None
            except _Failure as err:
                failure = err
    offset = chunk.line
    if built is not None:
        data, pos, problems, nulls = built
        for problem in problems:
            result.problems.append(_shift_problem(problem, offset, chunk.index))
        if data is not _SKIP:
            result.documents.append(Document(result.file, chunk.index, data, _shift(pos, offset),
                                             offset, nulls))
        return
    assert failure is not None
    if chunk.json_error is not None and not isinstance(failure, _Refused):
        error = chunk.json_error  # the stream began as JSON: kubectl reports the JSON error
        result.problems.append(Problem(YAML_RULE, f"JSON syntax error: {error.message}",
                                       Span(error.line + 1, error.column + 1), chunk.index))
        return
    lines = text.split("\n")
    line, column = failure.line, failure.column
    last = max(len(lines) - 2, 0)  # the chunk always ends with a line break
    if line > last:  # an error at the end of input: show the last line instead
        line, column = last, 0
    message = failure.message
    if "{{" in lines[line]:
        message += "; this looks like an unrendered template ({{ ... }}): check the output of helm template instead"
    result.problems.append(Problem(YAML_RULE, message, Span(line + offset + 1, column + 1), chunk.index))


def _first_document(text: str, events: tuple[Iterator[tuple], list[Exception]]
                    ) -> tuple[Any, Pos, list[Problem], bool]:
    """Build the chunk's first document (go-yaml's Unmarshal reads no further)."""
    stream, failure = events
    for event in stream:
        if event[0] == DOC_START:
            return _build_document(stream, event, failure, text)
    if failure:
        raise _yaml_error(failure[0])
    return _SKIP, Pos(0, 0, 0, 0), [], False


# Constructs where libyaml and go-yaml read the same text differently although libyaml
# raises no error: the "\/" escape (go-yaml refuses it), and directives and document-end
# markers (go-yaml reads only up to the first document). Such chunks go to go-yaml directly.
_GO_YAML_ONLY = re.compile(r"\n(?:%|\.\.\.)")


def _needs_go_yaml(text: str) -> bool:
    return "\\/" in text or text.startswith(("%", "...")) or _GO_YAML_ONLY.search(text) is not None


_go_yaml: Any = None


def _go_yaml_module() -> Any:
    global _go_yaml
    if _go_yaml is None:
        try:
            from podlint import goyaml
        except ImportError:  # pragma: no cover - the module ships with podlint
            goyaml = False
        _go_yaml = goyaml
    return _go_yaml or None


def _go_yaml_events(text: str) -> Optional[tuple[Iterator[tuple], list[Exception]]]:
    """go-yaml's own events for a chunk (the slow, exact path), errors as _Failure."""
    module = _go_yaml_module()
    if module is None:
        return None

    def events() -> Iterator[tuple]:
        try:
            yield from module.events(text)
        except module.GoYAMLError as err:
            context = f" ({err.context})" if err.context else ""
            raise _Failure(f"YAML syntax error: {err.problem}{context}", err.line, err.column) from None

    return events(), []


def _load_json(value: "streams.JSONValue", result: LoadedFile) -> None:
    """One value of a JSON stream: already valid JSON; its events give the positions."""
    try:
        data, pos, problems, nulls = _build_document(_json_events(value.text, value.start, value.end),
                                              (DOC_START, 0), [], value.text, json=True)
    except _Failure as failure:
        result.problems.append(Problem(YAML_RULE, failure.message,
                                       Span(failure.line + 1, failure.column + 1), value.index))
        return
    for problem in problems:
        result.problems.append(problem._replace(document=value.index))
    if data is not _SKIP:
        result.documents.append(Document(result.file, value.index, data, pos, 0, nulls))


_JSON_TOKEN = re.compile(r'[ \t\r\n]*(?:([{}\[\]])|[:,]|("(?:[^"\\]|\\.)*")|([^\s{}\[\],:"]+))')


def _json_events(text: str, start: int, end: int) -> Iterator[tuple]:
    """Parse events of a valid JSON value, with the marks libyaml would give."""
    import json

    line = text.count("\n", 0, start)
    line_start = text.rfind("\n", 0, start) + 1
    newline = text.find
    next_break = newline("\n", start)
    for match in _JSON_TOKEN.finditer(text, start, end):
        at = match.start(match.lastindex) if match.lastindex else match.end()
        while 0 <= next_break < at:
            line += 1
            line_start = next_break + 1
            next_break = newline("\n", line_start)
        column = at - line_start
        bracket, string, plain = match.group(1, 2, 3)
        if bracket is not None:
            if bracket == "{":
                yield (MAP_START, None, line, column)
            elif bracket == "[":
                yield (SEQ_START, None, line, column)
            else:
                yield (END, line, column + 1)
        elif string is not None:
            width = len(string)
            yield (SCALAR, json.loads(string), None, (False, True), '"',
                   (line, column, line, column + width), None)
        elif plain is not None:
            yield (SCALAR, plain, None, (True, False), "", (line, column, line, column + len(plain)), None)
    yield (DOC_END,)


def _shift(pos: Any, offset: int) -> Any:
    """The position tree moved down by `offset` lines (Pos nodes in place; leaves rebuilt)."""
    if not offset:
        return pos
    if pos.__class__ is not Pos:
        return (pos[0] + offset, pos[1], pos[2] + offset, pos[3])
    stack = [pos]
    while stack:
        node = stack.pop()
        node.line += offset
        node.end_line += offset
        children = node.children
        if isinstance(children, dict):
            for key, (kline, kcol, child) in list(children.items()):
                if child.__class__ is Pos:
                    stack.append(child)
                else:
                    child = (child[0] + offset, child[1], child[2] + offset, child[3])
                children[key] = (kline + offset, kcol, child)
        elif isinstance(children, list):
            for i, child in enumerate(children):
                if child.__class__ is Pos:
                    stack.append(child)
                else:
                    children[i] = (child[0] + offset, child[1], child[2] + offset, child[3])
    return pos


def _shift_problem(problem: Problem, offset: int, index: int) -> Problem:
    span = problem.span
    return Problem(problem.rule_id, problem.message,
                   Span(span.line + offset, span.column, span.end_line, span.end_column),
                   problem.document if problem.document is not None else index)


class _Failure(Exception):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


class _Refused(_Failure):
    """The YAML parses, but kubectl cannot convert the document to JSON (null or
    unsupported map keys, .inf/.nan values, a merge of a non-mapping, bad !!binary):
    the document fails as a whole, whichever parser read it."""


_SKIP = object()  # an empty document: nothing to check, nothing to report


def _yaml_error(err: Exception) -> _Failure:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    problem = getattr(err, "problem", None) or str(err)
    context = getattr(err, "context", None)
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    if mark is None:
        return _Failure(message, 0, 0)
    return _Failure(message, mark.line, mark.column)


# -- libyaml events as flat tuples -------------------------------------------------------
#
# ruamel.yaml's C extension turns each libyaml event into an instance of a Python class
# from ruamel.yaml.events, whose __init__ chain runs three Python frames and sets seven
# attributes: half the time of pulling events. The extension looks those classes up by
# name in its module globals, so while podlint pulls the events of one file, factories
# that build a flat tuple stand in for them (_fast_events). A probe document, parsed once,
# checks that the extension calls them as expected; otherwise, or without the extension's
# module, the library's own events are converted to the same tuples (_converted_events).

SCALAR, MAP_START, SEQ_START, END, ALIAS, DOC_START, DOC_END, STREAM = range(8)
# SCALAR:    (SCALAR, value, tag, implicit, style, (line, column, end_line, end_column), anchor)
# MAP_START: (MAP_START, anchor, line, column)   and SEQ_START likewise
# END:       (END, end_line, end_column)          ends a mapping or a sequence
# ALIAS:     (ALIAS, anchor, line, column)
# DOC_START: (DOC_START, line)


def _scalar(anchor, tag, implicit, value, start, end, style=None, *_):
    return (SCALAR, value, tag, implicit, style, (start.line, start.column, end.line, end.column), anchor)


def _map_start(anchor, tag, implicit, start, *_):
    return (MAP_START, anchor, start.line, start.column)


def _seq_start(anchor, tag, implicit, start, *_):
    return (SEQ_START, anchor, start.line, start.column)


def _end(start, end, *_):
    return (END, end.line, end.column)


def _alias(anchor, start, *_):
    return (ALIAS, anchor, start.line, start.column)


def _doc_start(start, *_):
    return (DOC_START, start.line)


def _doc_end(*_):
    return (DOC_END,)


def _stream(*_):
    return (STREAM,)


_FACTORIES = {
    "ScalarEvent": _scalar, "MappingStartEvent": _map_start, "SequenceStartEvent": _seq_start,
    "MappingEndEvent": _end, "SequenceEndEvent": _end, "AliasEvent": _alias,
    "DocumentStartEvent": _doc_start, "DocumentEndEvent": _doc_end,
    "StreamStartEvent": _stream, "StreamEndEvent": _stream,
}
_PROBE = "a: &x [1, {b: !!str c}]\nd: *x\nf: 'g'\n---\n- e\n"
_PROBE_EVENTS = [
    (DOC_START, 0), (MAP_START, None, 0, 0), (SCALAR, "a", None, (True, False), "", (0, 0, 0, 1), None),
    (SEQ_START, "x", 0, 3), (SCALAR, "1", None, (True, False), "", (0, 7, 0, 8), None),
    (MAP_START, None, 0, 10), (SCALAR, "b", None, (True, False), "", (0, 11, 0, 12), None),
    (SCALAR, "c", "tag:yaml.org,2002:str", (False, False), "", (0, 14, 0, 21), None),
    (END, 0, 22), (END, 0, 23), (SCALAR, "d", None, (True, False), "", (1, 0, 1, 1), None),
    (ALIAS, "x", 1, 3), (SCALAR, "f", None, (True, False), "", (2, 0, 2, 1), None),
    (SCALAR, "g", None, (False, True), "'", (2, 3, 2, 6), None), (END, 3, 0), (DOC_END,),
    (DOC_START, 3), (SEQ_START, None, 4, 0), (SCALAR, "e", None, (True, False), "", (4, 2, 4, 3), None),
    (END, 5, 0), (DOC_END,),
]
_events_lock = _thread.allocate_lock()  # threading.Lock, without importing threading
_fast_module: Any = None  # the extension module whose globals the factories stand in for
_fast_checked = False


def _events(text: str) -> tuple[Iterator[tuple], list[Exception]]:
    """The events of a stream as tuples, pulled as they are consumed, and a list that
    receives the YAMLError that ends them early, if one does."""
    global _fast_module, _fast_checked
    if not _fast_checked:
        _fast_checked = True
        _fast_module = _extension_module()
        if _fast_module is not None:
            failure: list[Exception] = []
            try:
                probe = [e for e in _fast_events(_fast_module, _PROBE, failure) if e[0] != STREAM]
            except Exception:
                probe = None
            if failure or probe != _PROBE_EVENTS:
                _fast_module = None
    failure = []
    if _fast_module is not None:
        return _fast_events(_fast_module, text, failure), failure
    return _converted_events(text, failure), failure


def _extension_module() -> Any:
    """The module of ruamel.yaml's CParser, if it builds events from its own globals."""
    import sys

    from ruamel.yaml.cyaml import CParser

    module = sys.modules.get(CParser.__module__)
    if module is None or getattr(module, "CParser", None) is not CParser:
        return None
    if not all(hasattr(module, name) for name in _FACTORIES):
        return None
    return module


# events pulled per stand-in window: whole documents, at least this many (most files are
# one window; a big stream never holds more than about a document and this many events)
_BATCH_EVENTS = 20_000


def _fast_events(module: Any, text: str, failure: list[Exception]) -> Iterator[tuple]:
    """Events through the tuple factories, pulled a few documents at a time: the factories
    stand in only while a batch is pulled, and the stream is never held whole (chain runs
    through each batch in C: a generator resumed per event would cost more)."""
    return chain.from_iterable(_fast_batches(module, text, failure))


def _fast_batches(module: Any, text: str, failure: list[Exception]) -> Iterator[list[tuple]]:
    from ruamel.yaml.error import YAMLError

    names = module.__dict__
    parser = module.CParser(text)
    get_event = parser.get_event
    try:
        done = False
        while not done:
            batch: list[tuple] = []
            append = batch.append
            with _events_lock:
                originals = {name: names[name] for name in _FACTORIES}
                names.update(_FACTORIES)
                try:
                    while True:
                        event = get_event()
                        if event is None:
                            done = True
                            break
                        append(event)
                        if event[0] == DOC_END and len(batch) >= _BATCH_EVENTS:
                            break
                except YAMLError as err:
                    failure.append(err)
                    done = True
                finally:
                    names.update(originals)
            yield batch
    finally:
        parser.dispose()


def _converted_events(text: str, failure: list[Exception]) -> Iterator[tuple]:
    """The same tuples from the library's own event objects (slower; any ruamel.yaml)."""
    from ruamel.yaml import events as ev
    from ruamel.yaml.cyaml import CParser
    from ruamel.yaml.error import YAMLError

    factories = {getattr(ev, name): factory for name, factory in _FACTORIES.items()}
    parser = CParser(text)
    try:
        while True:
            try:
                event = parser.get_event()
            except YAMLError as err:
                failure.append(err)
                return
            if event is None:
                return
            yield _convert(event, factories)
    finally:
        parser.dispose()


def _convert(event: Any, factories: dict) -> tuple:
    factory = factories[type(event)]
    start, end = event.start_mark, event.end_mark
    if factory is _scalar:
        return _scalar(event.anchor, event.tag, event.implicit, event.value, start, end, event.style)
    if factory in (_map_start, _seq_start):
        return factory(event.anchor, event.tag, event.implicit, start)
    if factory is _alias:
        return _alias(event.anchor, start)
    if factory is _end:
        return _end(start, end)
    if factory is _doc_start:
        return _doc_start(start)
    return factory()


def _build_document(stream: Iterator[tuple], start_event: tuple, failure: list[Exception],
                    text: str = "", json: bool = False) -> tuple[Any, Pos, list[Problem], bool]:
    """Consume one document's events and build (data, Pos tree, problems, has nulls).

    The data is what kubectl sends: go-yaml's values converted to JSON by sigs.k8s.io/yaml
    (a repeated key keeps its last value, merge keys apply in order, keys become strings).
    `json`: the events come from JSON, where repeated keys reach the API server."""
    plain_cache = _PLAIN_CACHE
    problems: list[Problem] = []
    template_at: Optional[Pos] = None  # an unrendered {{ ... }} parsed as a mapping key
    anchors: dict[str, tuple[Any, Pos, int]] = {}
    expansion = 0
    # frame: [container, children, is_map, pending_key, key_at, line, column, anchor, size, merges]
    stack: list[list] = []
    root: Any = _SKIP
    root_pos: Optional[Pos] = None
    too_deep = False
    nulls = False

    def add(value: Any, pos: Any, size: int, key_event: Optional[tuple] = None) -> None:
        nonlocal root, root_pos
        if not stack:
            root, root_pos = value, pos
            return
        frame = stack[-1]
        frame[8] += size
        if frame[2]:
            if frame[3] is _NO_KEY:
                # this node is a key
                if isinstance(value, (dict, list)):
                    nonlocal template_at
                    if not _text_at(text, pos, back=1).startswith("{{"):
                        raise _Refused("a mapping key that is itself a mapping or a list: kubectl "
                                       "cannot convert it to JSON (invalid map key)", pos.line, pos.column)
                    template_at = template_at or pos
                    value = repr(value)
                frame[3] = value
                line, column = _bounds(pos)[:2]
                frame[4] = (line, column, key_event)
                return
            key, (kline, kcol, kev) = frame[3], frame[4]
            frame[3] = _NO_KEY
            # a merge key is a plain, untagged "<<" or one tagged !!merge (kev: its event)
            if key == "<<" and kev is not None and (
                    (kev[2] is None and kev[3][0]) or kev[2] == "tag:yaml.org,2002:merge"):
                _merge(frame, value, pos, kline, kcol)
                return
            if key.__class__ is not str:
                key = _key_text(key, kline, kcol, kev)
            container, children = frame[0], frame[1]
            if key in container and not (frame[9] and key in frame[9]):
                first = children[key]
                problems.append(Problem(DUPLICATE_RULE, _duplicate_message(key, first[0], json),
                                        Span(kline + 1, kcol + 1)))
            elif frame[9]:
                frame[9].discard(key)  # set here again: a later repeat is a duplicate
            container[key] = value
            children[key] = (kline, kcol, pos)
        else:
            frame[0].append(value)
            frame[1].append(pos)

    try:
        for event in stream:
            etype = event[0]
            if etype == SCALAR:
                tag = event[2]
                if tag is None and event[3][0] and not event[4]:
                    text_value = event[1]
                    value = plain_cache.get(text_value, _NO_KEY)
                    if value is _NO_KEY:
                        value = resolve_plain(text_value)
                        if value.__class__ is float and not math.isfinite(value):
                            _non_finite(stack, event)  # never cached: each use is judged
                        elif len(plain_cache) < _PLAIN_CACHE_SIZE:
                            plain_cache[text_value] = value
                elif tag is None or tag == "!":
                    value = event[1]
                else:
                    try:
                        value = _resolve_tagged(tag, event[1])
                    except ValueError as err:
                        raise _Refused(str(err), event[5][0], event[5][1]) from None
                    if value.__class__ is float and not math.isfinite(value):
                        _non_finite(stack, event)
                if value is None:
                    nulls = True
                pos = event[5]
                if event[6]:
                    anchors[event[6]] = (value, pos, 1)
                # add() inlined for the two commonest cases (most nodes are scalars): a
                # scalar key, and a scalar in a list; the rest goes through add()
                if stack:
                    frame = stack[-1]
                    if frame[2]:
                        key = frame[3]
                        if key is _NO_KEY:
                            frame[8] += 1
                            frame[3] = value
                            frame[4] = (pos[0], pos[1], event)
                            continue
                        if type(key) is str and key != "<<":
                            container = frame[0]
                            if key not in container:
                                kline, kcol, _ = frame[4]
                                frame[8] += 1
                                frame[3] = _NO_KEY
                                container[key] = value
                                frame[1][key] = (kline, kcol, pos)
                                continue
                    else:
                        frame[8] += 1
                        frame[0].append(value)
                        frame[1].append(pos)
                        continue
                add(value, pos, 1, event)
            elif etype == END:
                frame = stack.pop()
                container, children = frame[0], frame[1]
                pos = Pos(frame[5], frame[6], event[1], event[2], children)
                if frame[7]:
                    anchors[frame[7]] = (container, pos, frame[8])
                # add() inlined for a container as a list item or as the value of a plain
                # string key seen once (nearly all); keys, merges and duplicates go through add()
                if stack:
                    parent = stack[-1]
                    if parent[2]:
                        key = parent[3]
                        if type(key) is str and key != "<<" and key not in parent[0]:
                            kline, kcol, _ = parent[4]
                            parent[8] += frame[8]
                            parent[3] = _NO_KEY
                            parent[0][key] = container
                            parent[1][key] = (kline, kcol, pos)
                            continue
                    else:
                        parent[8] += frame[8]
                        parent[0].append(container)
                        parent[1].append(pos)
                        continue
                add(container, pos, frame[8])
            elif etype == MAP_START or etype == SEQ_START:
                if len(stack) >= MAX_DEPTH:
                    too_deep = True
                    raise _Failure(f"nesting deeper than {MAX_DEPTH} levels", event[2], event[3])
                if etype == MAP_START:
                    stack.append([{}, {}, True, _NO_KEY, None, event[2], event[3], event[1], 1, None])
                else:
                    stack.append([[], [], False, _NO_KEY, None, event[2], event[3], event[1], 1, None])
            elif etype == ALIAS:
                target = anchors.get(event[1])
                if target is None:  # libyaml reports undefined aliases itself; be safe
                    raise _Failure(f'undefined alias "{event[1]}"', event[2], event[3])
                value, pos, size = target
                expansion += size
                if expansion > MAX_ALIAS_EXPANSION:
                    raise _Failure(
                        f"aliases expand to more than {MAX_ALIAS_EXPANSION} nodes "
                        "(an alias bomb?); document not checked", event[2], event[3])
                add(value, pos, size, None)
            elif etype == DOC_END:
                if template_at is not None:
                    problems.append(Problem(
                        YAML_RULE, "unrendered template expression ({{ ... }}); render the chart "
                        "(helm template) or the template before checking it; document not checked",
                        Span(template_at.line + 1, _template_column(text, template_at))))
                    return _SKIP, root_pos or Pos(start_event[1], 0, 0, 0), problems, False
                if root is _SKIP or root is None:
                    if root_pos is not None and root_pos.__class__ is not Pos:
                        root_pos = Pos(*root_pos)
                    return _SKIP, root_pos or Pos(start_event[1], 0, 0, 0), problems, False
                if root_pos.__class__ is not Pos:
                    root_pos = Pos(*root_pos)  # a scalar document: Document.pos is always a Pos
                return root, root_pos, problems, nulls
        # the events ran out inside the document: the parser stopped at a syntax error
        raise _yaml_error(failure[0]) if failure else _Failure("unexpected end of stream", 0, 0)
    except _Failure as failure:
        if failure.__class__ is _Failure and (too_deep or "expand" in failure.message):
            _drain(stream, failure)
            problems.append(Problem(YAML_RULE, failure.message, Span(failure.line + 1, failure.column + 1)))
            return _SKIP, Pos(start_event[1], 0, 0, 0), problems, False
        raise


_NO_KEY = object()


def _template_column(text: str, pos: Pos) -> int:
    """1-based column of the '{{' that opens the template expression at `pos`."""
    return pos.column + (1 if _text_at(text, pos).startswith("{{") else 0)


def _text_at(text: str, pos: Pos, back: int = 0) -> str:
    """The source from `back` characters before a node's start to the end of its line."""
    start = 0
    for _ in range(pos.line):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    end = text.find("\n", start)
    return text[start + max(pos.column - back, 0):end if end >= 0 else len(text)]


def _drain(stream: Iterator[tuple], failure: list[Exception]) -> None:
    """Skip the rest of a refused document."""
    for event in stream:
        if event[0] == DOC_END:
            return
    if failure:
        raise _yaml_error(failure[0])


def _key_text(key: Any, line: int, column: int, event: Optional[tuple] = None) -> str:
    """A mapping key as sigs.k8s.io/yaml turns it into a JSON object key (`event`: the
    key's scalar event, which tells a float written `1.0` from an integer)."""
    if key is None:
        raise _Refused("a null mapping key (empty, ~ or null): kubectl cannot convert it to JSON "
                       "(unsupported map key)", line, column)
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, int):
        if key > _INT64_MAX:  # go-yaml makes it a uint64, which the conversion refuses
            raise _Refused(f"mapping key {key} is too large: kubectl cannot convert it to JSON "
                           "(unsupported map key of type uint64)", line, column)
        if event is not None and event[2] is None and event[3][0] and not _GO_INT.match(
                event[1].replace("_", "")):
            return _go_float32_text(float(key))  # go-yaml read a float: 1.0 -> "1"
        return str(key)
    if isinstance(key, float):
        return _go_float32_text(key)
    return str(key)


_INT64_MAX = 2**63 - 1


def _go_float32_text(value: float) -> str:
    """strconv.FormatFloat(value, 'g', -1, 32), with go-yaml's names for the specials."""
    import struct

    if value != value:
        return ".nan"
    try:
        single = struct.unpack("f", struct.pack("f", value))[0]
    except OverflowError:
        single = math.copysign(math.inf, value)
    if math.isinf(single):
        return ".inf" if single > 0 else "-.inf"
    if single == 0:
        return "-0" if math.copysign(1, single) < 0 else "0"
    for precision in range(1, 10):  # the shortest digits that read back as the same float32
        text = f"{single:.{precision - 1}e}"
        if struct.unpack("f", struct.pack("f", float(text)))[0] == single:
            break
    mantissa, exponent = text.split("e")
    digits = mantissa.replace(".", "").lstrip("-").rstrip("0") or "0"
    sign = "-" if single < 0 else ""
    power = int(exponent)
    if power < -4 or power >= 6:  # Go's %g switches to an exponent there when shortest
        body = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{sign}{body}e{'-' if power < 0 else '+'}{abs(power):02d}"
    if power >= len(digits) - 1:
        return sign + digits + "0" * (power - len(digits) + 1)
    if power >= 0:
        return sign + digits[:power + 1] + "." + digits[power + 1:]
    return sign + "0." + "0" * (-power - 1) + digits


def _duplicate_message(key: str, first_line: int, json: bool) -> str:
    if json:
        return (f'duplicate key "{key}" (first defined at line {first_line + 1}); the API server\'s '
                "strict decoding rejects duplicate fields")
    return (f'duplicate key "{key}" (first defined at line {first_line + 1}); kubectl keeps only '
            "this last value, and the API server never sees the first")


def _merge(frame: list, value: Any, pos: Any, line: int, column: int) -> None:
    """A merge key, as go-yaml applies it: where it stands, over the keys set so far;
    of a list of mappings, the earlier ones win. Later keys of the mapping win over it."""
    if isinstance(value, dict):
        sources = [(value, pos)]
    elif isinstance(value, list) and all(isinstance(item, dict) for item in value):
        sources = list(zip(value, pos.children))[::-1]
    else:
        raise _Refused("merge key (<<) needs a mapping or a list of mappings (kubectl: map merge "
                       "requires map or sequence of maps as the value)", line, column)
    container, children = frame[0], frame[1]
    merged = frame[9]
    if merged is None:
        merged = frame[9] = set()
    for source, source_pos in sources:
        for key, item in source.items():
            container[key] = item
            children[key] = source_pos.children[key]
            merged.add(key)


def load_file(path: str, display: Optional[str] = None, max_size: Optional[int] = None) -> LoadedFile:
    """Read and parse a file; I/O and encoding problems become problems, not exceptions."""
    name = display or path
    try:
        with open(path, "rb") as handle:
            raw = _read_limited(handle, max_size) if max_size else handle.read()
    except OSError as err:
        reason = err.strerror or str(err)
        loaded = LoadedFile(name, "", unreadable=True)
        loaded.problems.append(Problem(UNREADABLE_RULE, f"cannot read file: {reason}", Span(1, 1)))
        return loaded
    return load_bytes(raw, name, max_size)


def _read_limited(handle: Any, limit: int) -> bytes:
    """Up to limit + 1 bytes: enough to tell a file over the limit.

    read(limit + 1) alone would allocate the whole limit (50 MiB by default) for every
    file, about 15 us each; the size from fstat (0 for pipes) bounds the first read.
    """
    want = min(os.fstat(handle.fileno()).st_size, limit) + 1
    raw = handle.read(want)
    if len(raw) == want and want <= limit:  # a pipe, or it grew since fstat: read on
        raw += handle.read(limit + 1 - want)
    return raw


def load_bytes(raw: bytes, name: str, max_size: Optional[int] = None) -> LoadedFile:
    if max_size is not None and len(raw) > max_size:
        loaded = LoadedFile(name, "", unreadable=True)
        loaded.problems.append(Problem(
            UNREADABLE_RULE, f"file is larger than the {max_size}-byte limit (--max-file-size); not checked",
            Span(1, 1)))
        return loaded
    text, problem = decode(raw)
    if text is None:
        loaded = LoadedFile(name, "", unreadable=True)
        loaded.problems.append(problem)
        return loaded
    if name.endswith(".json") and "\t" in text:
        # JSON may indent with tabs, which libyaml refuses; outside strings a tab is
        # whitespace and inside them JSON forbids raw tabs, so one space keeps columns
        text = text.replace("\t", " ")
    return load_text(text, name)
