"""How kubectl cuts a file into documents, before any YAML is parsed.

`kubectl apply -f` reads a file with k8s.io/apimachinery's YAMLOrJSONDecoder:

* a stream whose first non-space character is `{` is tried as a stream of JSON values
  first. Once more than one value has been read it stays JSON; if the first (or second)
  value is not JSON, the rest of the stream is read as YAML from there, and when that
  fails too the JSON error is the one reported;
* a YAML stream is split into chunks at every line that *starts* with `---`
  (YAMLReader). Only a comment may follow the `---` on that line; anything else is the
  error "invalid Yaml document separator". Lines reach the chunk with `\n` endings
  (`\r\n` is cut by bufio.ReadLine), and each chunk is converted on its own by go-yaml,
  which reads only the chunk's first YAML document.

This module reproduces that cutting and nothing else: parsing is load.py's job.
"""

from __future__ import annotations

import json
import re
from typing import Iterator, NamedTuple, Optional, Union

_JSON = json.JSONDecoder()
_SPACE = re.compile(r"\s*")  # unicode.IsSpace, as hasPrefix trims
# GuessJSONStream peeks this much of the stream for the "{" (kubectl's buffer)
_SNIFF = 4096


class Chunk(NamedTuple):
    """One document's text as go-yaml receives it."""

    text: str
    line: int  # 0-based line of the file where `text` starts
    index: int  # the document's index in the file (see _document_index)
    # the first YAML document after a JSON stream fell back to YAML: if it fails too,
    # kubectl reports this JSON error instead of the YAML one
    json_error: Optional["JSONError"] = None


class SeparatorError(NamedTuple):
    """A `---` line with something other than a comment after it."""

    line: int  # 0-based
    column: int  # 0-based column of what follows the `---`
    found: str  # the text after `---`, trimmed, as kubectl quotes it


class JSONValue(NamedTuple):
    """One value of a JSON stream, already known to be valid JSON."""

    text: str  # the whole stream
    start: int  # offset of the value's first character
    end: int  # offset just past it
    index: int


class JSONError(NamedTuple):
    """The stream started as JSON and is neither JSON nor YAML from `offset` on."""

    offset: int
    line: int  # 0-based, of the offending character
    column: int
    message: str  # Go's encoding/json wording where it differs little from Python's


Piece = Union[Chunk, SeparatorError, JSONValue, JSONError]


def looks_like_json(text: str) -> bool:
    """GuessJSONStream: the first non-space character of the stream's start is `{`."""
    head = text[:_SNIFF]
    return head[_SPACE.match(head).end():].startswith("{")


def pieces(text: str) -> Iterator[Piece]:
    """The documents of a file in kubectl's order; errors where kubectl would stop.

    kubectl stops reading at the first error; podlint goes on (a broken document never
    hides the others), so what follows an error is still yielded.
    """
    if not looks_like_json(text):
        yield from chunks(text)
        return
    position = _SPACE.match(text).end()
    count = 0
    while position < len(text):
        try:
            _, end = _JSON.raw_decode(text, position)
        except (json.JSONDecodeError, RecursionError) as err:
            error = _json_error(text, err, position)
            if count > 1:
                yield error  # an unambiguous JSON stream: kubectl does not switch to YAML
                return
            break
        if _has_non_finite(text, position, end):
            yield JSONError(position, *_line_column(text, position), "NaN and Infinity are not JSON")
            return
        yield JSONValue(text, position, end, count)
        count += 1
        position = _SPACE.match(text, end).end()
    else:
        return
    # YAML from where JSON stopped; its first document's failure is reported as the JSON one
    offset = _after_whitespace_line(text, position)
    first = True
    for piece in chunks(text[offset:], text.count("\n", 0, offset), count):
        if first:
            first = False
            if isinstance(piece, SeparatorError):
                yield error
                continue
            piece = piece._replace(json_error=error)
        yield piece
    if first:
        return  # nothing but blank lines after the JSON: kubectl sees the end of input


def _has_non_finite(text: str, start: int, end: int) -> bool:
    """Python's decoder accepts NaN and Infinity; Go's (and the JSON grammar) does not."""
    segment = text[start:end]
    if "NaN" not in segment and "Infinity" not in segment:
        return False
    try:
        json.loads(segment, parse_constant=_refuse)
    except ValueError:
        return True
    return False


def _refuse(name: str) -> None:
    raise ValueError(name)


def _after_whitespace_line(text: str, position: int) -> int:
    """consumeWhitespace: skip spaces up to and including the first newline."""
    i = position
    while i < len(text) and text[i].isspace():
        if text[i] == "\n":
            return i + 1
        i += 1
    return i


def _json_error(text: str, err: Exception, start: int) -> JSONError:
    if not isinstance(err, json.JSONDecodeError):
        return JSONError(start, *_line_column(text, start), "nesting too deep")
    line, column = _line_column(text, err.pos)
    found = text[err.pos] if err.pos < len(text) else None
    if found is None:
        message = "unexpected end of JSON input"
    else:
        message = f"invalid character {found!r} ({err.msg.lower()})"
    return JSONError(err.pos, line, column, message)


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset)
    return line, offset - (text.rfind("\n", 0, offset) + 1)


_SEPARATOR = re.compile(r"^---([^\n]*)", re.M)
_CONTENT = re.compile(r"^[ \t\r]*[^\s#]", re.M)


def chunks(text: str, first_line: int = 0, first_index: int = 0) -> Iterator[Union[Chunk, SeparatorError]]:
    """YAMLReader: cut at lines starting with `---`; yield the non-empty chunks."""
    start = 0  # offset of the chunk being gathered
    line = 0  # its line
    separators = 0
    content_before_first = False
    for match in _SEPARATOR.finditer(text):
        at = match.start()
        if not separators:
            content_before_first = _CONTENT.search(text, 0, at) is not None
        if start < at:
            yield Chunk(_lines(text[start:at]), first_line + line,
                        first_index + _document_index(separators, content_before_first))
        number = line + text.count("\n", start, at)
        separators += 1
        after = match.group(1)
        start = match.end() + 1
        line = number + 1
        trimmed = after.strip()
        if trimmed and not trimmed.startswith("#"):
            column = 3 + (len(after) - len(after.lstrip()))
            yield SeparatorError(first_line + number, column, trimmed)
    if start < len(text):
        if not separators:
            content_before_first = True
        yield Chunk(_lines(text[start:]), first_line + line,
                    first_index + _document_index(separators, content_before_first))


def _lines(text: str) -> str:
    """A chunk as LineReader hands it on: every line ends with `\n`, `\r\n` cut to `\n`."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return text if text.endswith("\n") else text + "\n"


def _document_index(separators: int, content_before_first: bool) -> int:
    """A document's index: `---` lines before it, counting the first only when content
    came before it (so `---` at the top opens document 0, as YAML numbers documents)."""
    if separators and not content_before_first:
        return separators - 1
    return separators


