"""YAML -> documents with positions, read the way Kubernetes reads YAML.

The libyaml parser (ruamel.yaml's C extension) gives events with start and end marks;
this module builds plain dicts/lists and a parallel position tree from them. That is
far faster than ruamel's round-trip loader and lets us resolve plain scalars as
sigs.k8s.io/yaml (go-yaml v2) does: YAML 1.1 booleans, `0644` octal, timestamps kept
as strings, merge keys, duplicate keys reported.
"""

from __future__ import annotations

import bisect
import codecs
import math
import os
import re
import _thread
from itertools import chain
from typing import Any, Iterator, NamedTuple, Optional

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
_DOC_START = re.compile(r"^---(?:[ \t]|$)", re.M)
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
            return number
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


def _resolve_tagged(tag: str, text: str) -> Any:
    short = tag.rsplit(":", 1)[-1] if tag.startswith("tag:yaml.org,2002:") else None
    if short in ("int", "float", "bool", "null"):
        value = resolve_plain(text)
        expected = {"int": int, "float": (int, float), "bool": bool, "null": type(None)}[short]
        if isinstance(value, expected) and not (short != "bool" and isinstance(value, bool)):
            return float(value) if short == "float" else value
    # !!str, !!binary, !!timestamp, unknown and local tags: never constructed, kept as text
    return text


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

    __slots__ = ("file", "index", "data", "pos", "line_offset")

    def __init__(self, file: str, index: int, data: Any, pos: Pos, line_offset: int = 0) -> None:
        self.file = file
        self.index = index  # 0-based position in the stream
        self.data = data
        self.pos = pos
        self.line_offset = line_offset

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
    """Parse every document of a YAML stream; a broken document does not hide the rest."""
    result = LoadedFile(file, text)
    offset = 0  # line offset of the segment being parsed
    segment = text
    index = 0
    lines: Optional[list[str]] = None  # computed on the first error only
    starts: list[int] = []  # line numbers of "---" document starts, likewise
    while True:
        error = None
        try:
            for doc_data, pos, problems in _parse_stream(segment):
                pos = _shift(pos, offset)
                for problem in problems:
                    result.problems.append(_shift_problem(problem, offset, index))
                if doc_data is not _SKIP:
                    result.documents.append(Document(file, index, doc_data, pos, offset))
                index += 1
        except _Failure as failure:
            error = failure
        if error is None:
            return result
        if lines is None:
            lines = text.split("\n")
            starts = [i for i, line in enumerate(lines) if _DOC_START.match(line)]
        line, column = error.line + offset, error.column
        last = max(len(lines) - 1 - (1 if text.endswith("\n") else 0), 0)
        if line > last:  # an error at the end of input: show the last line instead
            line, column = last, 0
        message = error.message
        if "{{" in lines[line]:
            message += "; this looks like an unrendered template ({{ ... }}): check the output of helm template instead"
        result.problems.append(Problem(YAML_RULE, message, Span(line + 1, column + 1), index))
        index += 1
        # resume at the next document start after the error (libyaml often reports the
        # error at the next "---" itself); each restart parses only onwards: linear overall
        after = max(line, offset + 1)
        at = bisect.bisect_left(starts, after)
        if at == len(starts):
            return result
        offset = starts[at]
        segment = "\n".join(lines[offset:])


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


def _parse_stream(text: str) -> Iterator[tuple[Any, Pos, list[Problem]]]:
    """Yield (data, positions, problems) per document; raise _Failure on a syntax error."""
    stream, failure = _events(text)
    for event in stream:
        if event[0] == DOC_START:
            yield _build_document(stream, event, failure, text)
    if failure:
        raise _yaml_error(failure[0])


def _build_document(stream: Iterator[tuple], start_event: tuple, failure: list[Exception],
                    text: str = "") -> tuple[Any, Pos, list[Problem]]:
    """Consume one document's events and build (data, Pos tree, problems)."""
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
                    if _text_at(text, pos, back=1).startswith("{{"):
                        template_at = template_at or pos
                    else:
                        problems.append(Problem(YAML_RULE, "mapping keys must be scalars",
                                                Span(pos.line + 1, pos.column + 1)))
                    value = repr(value)
                frame[3] = value
                line, column = _bounds(pos)[:2]
                frame[4] = (line, column, key_event)
                return
            key, (kline, kcol, kev) = frame[3], frame[4]
            frame[3] = _NO_KEY
            # a merge key is a plain, untagged "<<" (kev: the key's scalar event)
            if key == "<<" and kev is not None and kev[2] is None and kev[3][0]:
                frame[9].append((value, pos))
                return
            key = _key_text(key)
            container, children = frame[0], frame[1]
            if key in container:
                first = children[key]
                problems.append(Problem(
                    DUPLICATE_RULE,
                    f'duplicate key "{key}" (first defined at line {first[0] + 1}); '
                    "Kubernetes rejects duplicate keys",
                    Span(kline + 1, kcol + 1)))
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
                        if len(plain_cache) < _PLAIN_CACHE_SIZE:
                            plain_cache[text_value] = value
                elif tag is None or tag == "!":
                    value = event[1]
                else:
                    value = _resolve_tagged(tag, event[1])
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
                if frame[9]:
                    _apply_merges(container, children, frame[9], problems)
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
                    stack.append([{}, {}, True, _NO_KEY, None, event[2], event[3], event[1], 1, []])
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
                    return _SKIP, root_pos or Pos(start_event[1], 0, 0, 0), problems
                if root is _SKIP or root is None:
                    if root_pos is not None and root_pos.__class__ is not Pos:
                        root_pos = Pos(*root_pos)
                    return _SKIP, root_pos or Pos(start_event[1], 0, 0, 0), problems
                if root_pos.__class__ is not Pos:
                    root_pos = Pos(*root_pos)  # a scalar document: Document.pos is always a Pos
                return root, root_pos, problems
        # the events ran out inside the document: the parser stopped at a syntax error
        raise _yaml_error(failure[0]) if failure else _Failure("unexpected end of stream", 0, 0)
    except _Failure as failure:
        if too_deep or "expand" in failure.message:
            _drain(stream, failure)
            problems.append(Problem(YAML_RULE, failure.message, Span(failure.line + 1, failure.column + 1)))
            return _SKIP, Pos(start_event[1], 0, 0, 0), problems
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


def _key_text(key: Any) -> str:
    """Mapping keys as JSON sees them after sigs.k8s.io/yaml's conversion."""
    if isinstance(key, str):
        return key
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, float) and key.is_integer() and abs(key) < 1e21:
        return str(int(key))
    return str(key)


def _apply_merges(container: dict, children: dict, merges: list, problems: list[Problem]) -> None:
    """YAML merge keys (<<): explicit keys win, then earlier merged mappings."""
    for value, pos in merges:
        sources = [(value, pos)] if isinstance(value, dict) else (
            list(zip(value, pos.children)) if isinstance(value, list) else [])
        if not sources:
            line, column = _bounds(pos)[:2]
            problems.append(Problem(YAML_RULE, "merge key (<<) needs a mapping or a list of mappings",
                                    Span(line + 1, column + 1)))
        for source, source_pos in sources:
            if not isinstance(source, dict):
                line, column = _bounds(source_pos)[:2]
                problems.append(Problem(YAML_RULE, "merge key (<<) needs a mapping or a list of mappings",
                                        Span(line + 1, column + 1)))
                continue
            for key, item in source.items():
                if key not in container:
                    container[key] = item
                    children[key] = source_pos.children[key]


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
