"""YAML files -> documents with positions, read the way kubectl reads them.

A file is cut into documents as kubectl cuts it (streams.py); each document's parse events
come from libyaml, or from go-yaml where the two differ (yaml_events.py), and become a
plain value with a parallel position tree (yaml_build.py), resolved as sigs.k8s.io/yaml
resolves scalars (yaml11.py). Broken input becomes problems, never exceptions.
"""

from __future__ import annotations

import codecs
import os
from typing import Any, Iterator, Optional

from podlint import streams
from podlint.diagnostics import Span
from podlint.paths import FieldPath
from podlint.positions import Pos, shift, span_of
from podlint.record import Record
from podlint.yaml_build import DUPLICATE_RULE, SKIP, YAML_RULE, Problem, build_document
from podlint.yaml_events import (DOC_START, Failure, Refused, failure_from, go_yaml_events, go_yaml_module,
                                 json_events, libyaml_events, needs_go_yaml)

__all__ = ["DUPLICATE_RULE", "UNREADABLE_RULE", "YAML_RULE", "Document", "LoadedFile", "Problem",
           "decode", "load_bytes", "load_file", "load_text"]

UNREADABLE_RULE = "PL004"

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
        return span_of(self.pos, path, on_key)


class LoadedFile(Record):
    __slots__ = ("file", "text", "documents", "problems", "unreadable", "read_failed")

    def __init__(self, file: str, text: str, documents: Optional[list[Document]] = None,
                 problems: Optional[list[Problem]] = None, unreadable: bool = False,
                 read_failed: bool = False) -> None:
        self.file = file
        self.text = text
        self.documents: list[Document] = [] if documents is None else documents
        self.problems: list[Problem] = [] if problems is None else problems
        self.unreadable = unreadable  # no text: not read, too large, or not text
        self.read_failed = read_failed  # the file could not be read at all (exit status 2)


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

def read_text(path: str) -> str:
    """A file's text as the loader decodes it; "" when it cannot be read or decoded (for
    the stages that map findings back to files and read their lines and suppressions)."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError:
        return ""
    text, _ = decode(raw)
    return text or ""


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
    failure: Optional[Failure] = None
    # a stream that began as JSON and is not JSON is rare: read it the exact way at once
    if not ((chunk.json_error is not None or needs_go_yaml(text)) and go_yaml_module() is not None):
        try:
            built = _first_document(text, libyaml_events(text))
        except Refused as refused:
            failure = refused
        except Failure as err:
            failure = err
    if built is None and not isinstance(failure, Refused):
        go = go_yaml_events(text)
        if go is not None:
            try:
                built = _first_document(text, go)
                failure = None
            except Failure as err:
                failure = err
    offset = chunk.line
    if built is not None:
        data, pos, problems, nulls = built
        for problem in problems:
            result.problems.append(_shift_problem(problem, offset, chunk.index))
        if data is not SKIP:
            result.documents.append(Document(result.file, chunk.index, data, shift(pos, offset),
                                             offset, nulls))
        return
    assert failure is not None
    if chunk.json_error is not None and not isinstance(failure, Refused):
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
            return build_document(stream, event, failure, text)
    if failure:
        raise failure_from(failure[0])
    return SKIP, Pos(0, 0, 0, 0), [], False

def _load_json(value: "streams.JSONValue", result: LoadedFile) -> None:
    """One value of a JSON stream: already valid JSON; its events give the positions."""
    try:
        data, pos, problems, nulls = build_document(json_events(value.text, value.start, value.end),
                                              (DOC_START, 0), [], value.text, json=True)
    except Failure as failure:
        result.problems.append(Problem(YAML_RULE, failure.message,
                                       Span(failure.line + 1, failure.column + 1), value.index))
        return
    for problem in problems:
        result.problems.append(problem._replace(document=value.index))
    if data is not SKIP:
        result.documents.append(Document(result.file, value.index, data, pos, 0, nulls))

def _shift_problem(problem: Problem, offset: int, index: int) -> Problem:
    span = problem.span
    return Problem(problem.rule_id, problem.message,
                   Span(span.line + offset, span.column, span.end_line, span.end_column),
                   problem.document if problem.document is not None else index)

def load_file(path: str, display: Optional[str] = None, max_size: Optional[int] = None) -> LoadedFile:
    """Read and parse a file; I/O and encoding problems become problems, not exceptions."""
    name = display or path
    try:
        with open(path, "rb") as handle:
            raw = _read_limited(handle, max_size) if max_size else handle.read()
    except OSError as err:
        reason = err.strerror or str(err)
        loaded = LoadedFile(name, "", unreadable=True, read_failed=True)
        loaded.problems.append(Problem(UNREADABLE_RULE, f"cannot read file: {reason}", Span(1, 1)))
        return loaded
    return load_bytes(raw, name, max_size)

def _read_limited(handle: Any, limit: int) -> bytes:
    """Up to limit + 1 bytes: enough to tell a file over the limit.

    read(limit + 1) alone would allocate the whole limit (50 MiB by default) for every
    file, about 15 us each; the size from fstat (0 for pipes) bounds the first read, and
    what follows is read in pieces, so a pipe costs what it holds, not what the limit allows.
    """
    want = min(os.fstat(handle.fileno()).st_size, limit) + 1
    raw = handle.read(want)
    if len(raw) == want and want <= limit:  # a pipe, or it grew since fstat: read on
        raw += read_up_to(handle, limit + 1 - want)
    return raw


def read_up_to(handle: Any, size: int, piece: int = 1 << 20) -> bytes:
    """At most `size` bytes of `handle`, read a piece at a time (never allocating `size`)."""
    parts = []
    while size > 0:
        part = handle.read(min(piece, size))
        if not part:
            break
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


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
