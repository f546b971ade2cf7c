"""The scanner's directives, anchors, tags and URIs (scannerc.go)."""

from __future__ import annotations

from typing import Optional

from podlint.goyaml._common import (
    T_ANCHOR, T_TAG, T_TAG_DIRECTIVE, T_VERSION_DIRECTIVE, _ALPHA, _ANCHOR_END, _BLANKS, _BLANKZ,
    _BREAKZ, _DIGITS, _HEX, _TO_BREAKZ, _URI, _width
)
from podlint.goyaml._tokens import _Tokens


class _Tags(_Tokens):
    """The scanner's directives, anchors, tags and URIs (scannerc.go)."""

    def _scan_directive(self) -> tuple:
        s = self.s
        start = self._mark()
        self.pos += 1
        pos = self.pos
        end = _ALPHA.match(s, pos).end()
        name = s[pos:end]
        self.pos = end
        if not name:
            self._scanner_error("while scanning a directive", start, "could not find expected directive name")
        if s[end] not in _BLANKZ:
            self._scanner_error("while scanning a directive", start,
                                "found unexpected non-alphabetical character")
        if name == "YAML":
            self.pos = _BLANKS.match(s, self.pos).end()
            major = self._scan_version_number(start)
            if s[self.pos] != ".":
                self._scanner_error("while scanning a %YAML directive", start,
                                    "did not find expected digit or '.' character")
            self.pos += 1
            minor = self._scan_version_number(start)
            token = (T_VERSION_DIRECTIVE, start, self._mark(), (major, minor), None)
        elif name == "TAG":
            self.pos = _BLANKS.match(s, self.pos).end()
            handle = self._scan_tag_handle(True, start)
            if s[self.pos] not in " \t":
                self._scanner_error("while scanning a %TAG directive", start, "did not find expected whitespace")
            self.pos = _BLANKS.match(s, self.pos).end()
            prefix = self._scan_tag_uri(True, None, start)
            if s[self.pos] not in _BLANKZ:
                self._scanner_error("while scanning a %TAG directive", start,
                                    "did not find expected whitespace or line break")
            token = (T_TAG_DIRECTIVE, start, self._mark(), handle, prefix)
        else:
            self._scanner_error("while scanning a directive", start, "found unknown directive name")
        self._end_of_line(self.pos, "while scanning a directive", start)
        return token

    def _end_of_line(self, pos: int, context: str, start) -> None:
        """Blanks, an optional comment, then a line break (consumed) or the end: what must
        follow a directive or a block scalar's header (scannerc.go scans it in both)."""
        s = self.s
        pos = _BLANKS.match(s, pos).end()
        if s[pos] == "#":
            pos = _TO_BREAKZ.search(s, pos).start()
        self.pos = pos
        if pos + 2 > self.limit:
            self._reader_error()
        c = s[pos]
        if c not in _BREAKZ:
            self._scanner_error(context, start, "did not find expected comment or line break")
        if c != "\0":
            self.pos = pos + (2 if c == "\r" and s[pos + 1] == "\n" else 1)
            self.line += 1
            self.lstart = self.pos

    def _scan_version_number(self, start: tuple) -> int:
        s = self.s
        value = 0
        length = 0
        while s[self.pos] in _DIGITS:
            length += 1
            if length > 2:
                self._scanner_error("while scanning a %YAML directive", start, "found extremely long version number")
            value = value * 10 + ord(s[self.pos]) - 48
            self.pos += 1
        if length == 0:
            self._scanner_error("while scanning a %YAML directive", start, "did not find expected version number")
        return value

    def _scan_anchor(self, typ: int) -> tuple:
        s = self.s
        start = self._mark()
        pos = self.pos + 1
        end = _ALPHA.match(s, pos).end()
        value = s[pos:end]
        self.pos = end
        if end + 1 > self.limit:
            self._reader_error()
        end_mark = self._mark()
        c = s[end]
        if not value or not (c in _BLANKZ or c in _ANCHOR_END):
            self._scanner_error("while scanning an anchor" if typ == T_ANCHOR else "while scanning an alias",
                                start, "did not find expected alphabetic or numeric character")
        return (typ, start, end_mark, value, None)

    def _scan_tag(self) -> tuple:
        s = self.s
        start = self._mark()
        if s[self.pos + 1] == "<":
            handle = ""
            self.pos += 2
            suffix = self._scan_tag_uri(False, None, start)
            if s[self.pos] != ">":
                self._scanner_error("while scanning a tag", start, "did not find the expected '>'")
            self.pos += 1
        else:
            handle = self._scan_tag_handle(False, start)
            if len(handle) > 1 and handle[0] == "!" and handle[-1] == "!":
                suffix = self._scan_tag_uri(False, None, start)
            else:
                # not a handle after all: the rest of the tag
                suffix = self._scan_tag_uri(False, handle, start)
                handle = "!"
                if not suffix:  # the '!' tag
                    handle, suffix = "", "!"
        if self.pos + 1 > self.limit:
            self._reader_error()
        if s[self.pos] not in _BLANKZ:
            self._scanner_error("while scanning a tag", start, "did not find expected whitespace or line break")
        return (T_TAG, start, self._mark(), handle, suffix)

    def _scan_tag_handle(self, directive: bool, start: tuple) -> str:
        s = self.s
        if s[self.pos] != "!":
            self._tag_error(directive, start, "did not find expected '!'")
        pos = self.pos + 1
        end = _ALPHA.match(s, pos).end()
        if s[end] == "!":
            end += 1
            handle = s[self.pos:end]
            self.pos = end
        else:
            handle = s[self.pos:end]
            self.pos = end
            # the '!' tag, or a tag that is not a handle; in a %TAG directive an error
            if directive and handle != "!":
                self._tag_error(directive, start, "did not find expected '!'")
        return handle

    def _scan_tag_uri(self, directive: bool, head: Optional[str], start: tuple) -> str:
        s = self.s
        parts = [head[1:]] if head and len(head) > 1 else []
        has_tag = bool(head)
        pos = self.pos
        while True:
            end = _URI.match(s, pos).end()
            if end > pos:
                parts.append(s[pos:end])
                pos = end
                has_tag = True
            if s[pos] != "%":
                break
            self.pos = pos
            parts.append(self._scan_uri_escapes(directive, start))
            pos = self.pos
            has_tag = True
        self.pos = pos
        if pos + 1 > self.limit:
            self._reader_error()
        if not has_tag:
            self._tag_error(directive, start, "did not find expected tag URI")
        return "".join(parts)

    def _scan_uri_escapes(self, directive: bool, start: tuple) -> str:
        s = self.s
        data = bytearray()
        width = 1024
        while width > 0:
            pos = self.pos
            if not (s[pos] == "%" and s[pos + 1] in _HEX and s[pos + 2] in _HEX):
                self._tag_error(directive, start, "did not find URI escaped octet")
            octet = int(s[pos + 1:pos + 3], 16)
            if width == 1024:
                width = _width(octet)
                if width == 0:
                    self._tag_error(directive, start, "found an incorrect leading UTF-8 octet")
            elif octet & 0xC0 != 0x80:
                self._tag_error(directive, start, "found an incorrect trailing UTF-8 octet")
            data.append(octet)
            self.pos = pos + 3
            width -= 1
        return data.decode("utf-8", "replace")

