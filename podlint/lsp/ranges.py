"""podlint's spans (1-based lines and columns in code points, end column exclusive) as LSP
positions (0-based, in the code units the client and server agreed on: UTF-16 by default)."""

from __future__ import annotations

from typing import Optional, Sequence

Position = tuple[int, int]  # (line, character), 0-based, in the negotiated code units

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def code_units(text: str, encoding: str = UTF16) -> int:
    """How many code units of `encoding` the LSP counts in `text`."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    # one unit per code point, two for those beyond the Basic Multilingual Plane (emoji)
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def position(lines: Sequence[str], line: int, column: int, encoding: str = UTF16) -> Position:
    """1-based (line, column in code points) -> the LSP position; past the end is clamped
    to the end of the text, as the protocol asks of positions beyond a line."""
    index = line - 1
    if index < 0:
        return (0, 0)
    if index >= len(lines):
        return (len(lines), 0)
    text = lines[index]
    return (index, code_units(text[:max(column - 1, 0)], encoding))


def span_range(lines: Sequence[str], line: int, column: int, end_line: Optional[int] = None,
               end_column: Optional[int] = None, encoding: str = UTF16) -> tuple[Position, Position]:
    """A span -> (start, end); a span without an end covers the rest of its line's text
    (at least one character, so that an editor shows it)."""
    start = position(lines, line, column, encoding)
    if end_line is not None and end_column is not None:
        end = position(lines, end_line, end_column, encoding)
        return start, max(end, start)
    text = lines[line - 1].rstrip() if 0 < line <= len(lines) else ""
    end_char = code_units(text, encoding)
    if end_char <= start[1]:
        end_char = start[1] + 1
    return start, (start[0], end_char)


def lines_of(text: str) -> list[str]:
    """The text's lines as the LSP counts them (\\n, \\r\\n and \\r end a line), without their ends."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
