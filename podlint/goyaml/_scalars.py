"""The scanner's block, flow and plain scalars (scannerc.go)."""

from __future__ import annotations

from podlint.goyaml._common import (
    DOUBLE, FOLDED, LITERAL, PLAIN, SINGLE, T_SCALAR, _BLANKS, _BLANKZ, _BREAKS, _DIGITS,
    _DOUBLE_WORD, _ESCAPES, _ESCAPE_LENGTHS, _HEX, _PLAIN_BLOCK_WORD, _PLAIN_FLOW_WORD,
    _SINGLE_WORD, _SPACES, _TO_BREAKZ
)
from podlint.goyaml._tags import _Tags


class _Scalars(_Tags):
    """The scanner's block, flow and plain scalars (scannerc.go)."""

    def _scan_block_scalar(self, literal: bool) -> tuple:
        s = self.s
        start = self._mark()
        pos = self.pos + 1
        chomping = 0
        increment = 0
        c = s[pos]
        if c == "+" or c == "-":
            chomping = 1 if c == "+" else -1
            pos += 1
            c = s[pos]
            if c in _DIGITS:
                if c == "0":
                    self.pos = pos
                    self._scanner_error("while scanning a block scalar", start,
                                        "found an indentation indicator equal to 0")
                increment = ord(c) - 48
                pos += 1
        elif c in _DIGITS:
            if c == "0":
                self.pos = pos
                self._scanner_error("while scanning a block scalar", start,
                                    "found an indentation indicator equal to 0")
            increment = ord(c) - 48
            pos += 1
            c = s[pos]
            if c == "+" or c == "-":
                chomping = 1 if c == "+" else -1
                pos += 1
        self._end_of_line(pos, "while scanning a block scalar", start)
        pos = self.pos
        end_mark = self._mark()
        indent = 0
        if increment > 0:
            indent = self.indent + increment if self.indent >= 0 else increment
        indent, trailing, end_mark = self._scan_block_scalar_breaks(indent, "", start, end_mark)
        chunks: list = []
        leading_break = ""
        leading_blank = False
        while self.pos - self.lstart == indent and s[self.pos] != "\0":
            pos = self.pos
            # a line of content at the scalar's indentation
            trailing_blank = s[pos] in " \t"
            if (not literal and not leading_blank and not trailing_blank
                    and leading_break[:1] == "\n"):
                if not trailing:
                    chunks.append(" ")  # fold the line break into a space
            else:
                chunks.append(leading_break)
            leading_break = ""
            if trailing:
                chunks.append(trailing)
                trailing = ""
            leading_blank = s[pos] in " \t"
            end = _TO_BREAKZ.search(s, pos).start()
            chunks.append(s[pos:end])
            self.pos = end
            if end + 2 > self.limit:
                self._reader_error()
            if s[end] != "\0":
                leading_break, self.pos = self._read_break(end)
            indent, trailing, end_mark = self._scan_block_scalar_breaks(indent, trailing, start, end_mark)
        if chomping != -1:
            chunks.append(leading_break)
        if chomping == 1:
            chunks.append(trailing)
        return (T_SCALAR, start, end_mark, "".join(chunks), LITERAL if literal else FOLDED)

    def _scan_block_scalar_breaks(self, indent: int, breaks: str, start: tuple,
                                  end_mark: tuple) -> tuple[int, str, tuple]:
        """Indentation and empty lines before a block scalar's line; sets the indentation
        from the most indented of them when it is not known yet."""
        s = self.s
        end_mark = self._mark()
        max_indent = 0
        pos = self.pos
        found = [breaks] if breaks else []
        while True:
            run = _SPACES.match(s, pos).end()
            if indent and run - self.lstart > indent:
                run = max(self.lstart + indent, pos)  # spaces past the indentation are content
            pos = run
            if pos + 1 > self.limit:
                self.pos = pos
                self._reader_error()
            column = pos - self.lstart
            if column > max_indent:
                max_indent = column
            c = s[pos]
            if c == "\t" and (indent == 0 or column < indent):
                self.pos = pos
                self._scanner_error("while scanning a block scalar", start,
                                    "found a tab character where an indentation space is expected")
            if c not in _BREAKS:
                break
            if pos + 2 > self.limit:
                self.pos = pos
                self._reader_error()
            text, pos = self._read_break(pos)
            found.append(text)
            end_mark = (pos, self.line, 0)
        self.pos = pos
        breaks = "".join(found)
        if pos + 1 > self.limit:
            self._reader_error()
        if indent == 0:
            indent = max_indent
            if indent < self.indent + 1:
                indent = self.indent + 1
            if indent < 1:
                indent = 1
        return indent, breaks, end_mark

    def _scan_flow_scalar(self, single: bool) -> tuple:
        s = self.s
        start = self._mark()
        pos = self.pos + 1
        chunks: list = []
        leading_break = ""
        trailing = ""
        whitespaces = ""
        word = _SINGLE_WORD if single else _DOUBLE_WORD
        limit = self.limit
        while True:
            if pos + 4 > limit:
                self.pos = pos
                self._reader_error()
            if (pos == self.lstart and (s.startswith("---", pos) or s.startswith("...", pos))
                    and s[pos + 3] in _BLANKZ):
                self.pos = pos
                self._scanner_error("while scanning a quoted scalar", start, "found unexpected document indicator")
            if s[pos] == "\0":
                self.pos = pos
                self._scanner_error("while scanning a quoted scalar", start, "found unexpected end of stream")
            leading_blanks = False
            while True:
                end = word.match(s, pos).end()
                if end > pos:
                    chunks.append(s[pos:end])
                    pos = end
                if pos + 2 > limit:
                    self.pos = pos
                    self._reader_error()
                c = s[pos]
                if c in _BLANKZ:
                    break
                if single:  # a quote
                    if s[pos + 1] == "'":
                        chunks.append("'")
                        pos += 2
                        continue
                    break
                if c == '"':
                    break
                # a backslash
                nxt = s[pos + 1]
                if nxt in _BREAKS:  # an escaped line break
                    pos += 1
                    pos += 2 if nxt == "\r" and s[pos + 1] == "\n" else 1
                    self.line += 1
                    self.lstart = pos
                    leading_blanks = True
                    break
                escaped = _ESCAPES.get(nxt)
                if escaped is not None:
                    chunks.append(escaped)
                    pos += 2
                    continue
                length = _ESCAPE_LENGTHS.get(nxt)
                if length is None:
                    self.pos = pos
                    self._scanner_error("while parsing a quoted scalar", start, "found unknown escape character")
                pos += 2
                if pos + length > limit:
                    self.pos = pos
                    self._reader_error()
                digits = s[pos:pos + length]
                for digit in digits:
                    if digit not in _HEX:
                        self.pos = pos
                        self._scanner_error("while parsing a quoted scalar", start,
                                            "did not find expected hexdecimal number")
                value = int(digits, 16)
                if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
                    self.pos = pos
                    self._scanner_error("while parsing a quoted scalar", start,
                                        "found invalid Unicode character escape code")
                chunks.append(chr(value))
                pos += length
            c = s[pos]
            if c == ("'" if single else '"'):
                break
            # blanks and line breaks
            while True:
                c = s[pos]
                if c == " " or c == "\t":
                    end = _BLANKS.match(s, pos).end()
                    if not leading_blanks:
                        whitespaces += s[pos:end]
                    pos = end
                    if pos + 1 > limit:
                        self.pos = pos
                        self._reader_error()
                elif c in _BREAKS:
                    if pos + 2 > limit:
                        self.pos = pos
                        self._reader_error()
                    text, pos = self._read_break(pos)
                    if not leading_blanks:
                        whitespaces = ""
                        leading_break = text
                        leading_blanks = True
                    else:
                        trailing += text
                    if pos + 1 > limit:
                        self.pos = pos
                        self._reader_error()
                else:
                    break
            if leading_blanks:
                if leading_break[:1] == "\n":
                    chunks.append(trailing if trailing else " ")
                else:
                    chunks.append(leading_break)
                    chunks.append(trailing)
                trailing = ""
                leading_break = ""
            elif whitespaces:
                chunks.append(whitespaces)
                whitespaces = ""
        self.pos = pos + 1
        return (T_SCALAR, start, self._mark(), "".join(chunks), SINGLE if single else DOUBLE)

    def _scan_plain_scalar(self) -> tuple:
        s = self.s
        pos = self.pos
        lstart = self.lstart
        line = self.line
        indent = self.indent + 1
        flow = self.flow_level > 0
        word = _PLAIN_FLOW_WORD if flow else _PLAIN_BLOCK_WORD
        limit = self.limit
        start = end_mark = (pos, line, pos - lstart)
        chunks: list = []
        leading_break = ""
        trailing = ""
        whitespaces = ""
        leading_blanks = False
        while True:
            if pos + 4 > limit:
                self.pos = pos
                self._reader_error()
            c = s[pos]
            if (pos == lstart and (c == "-" or c == ".") and s[pos + 1] == c and s[pos + 2] == c
                    and s[pos + 3] in _BLANKZ):
                break  # a document indicator
            if c == "#":
                break  # a comment
            end = word.match(s, pos).end()
            if end > pos:
                if leading_blanks:
                    if leading_break == "\n":
                        chunks.append(trailing if trailing else " ")
                    else:
                        chunks.append(leading_break)
                        chunks.append(trailing)
                    trailing = ""
                    leading_break = ""
                    leading_blanks = False
                elif whitespaces:
                    chunks.append(whitespaces)
                    whitespaces = ""
                chunks.append(s[pos:end])
                pos = end
                end_mark = (pos, line, pos - lstart)
                if pos + 2 > limit:
                    self.pos = pos
                    self._reader_error()
            c = s[pos]
            if not (c == " " or c == "\t" or c in _BREAKS):
                break
            # blanks and line breaks
            while True:
                if c == " " or c == "\t":
                    end = _BLANKS.match(s, pos).end()
                    if leading_blanks:
                        tab = s.find("\t", pos, end)
                        if tab >= 0 and tab - lstart < indent:
                            self.pos = tab
                            self.line = line
                            self.lstart = lstart
                            self._scanner_error("while scanning a plain scalar", start,
                                                "found a tab character that violates indentation")
                    else:
                        whitespaces += s[pos:end]
                    pos = end
                    if pos + 1 > limit:
                        self.pos = pos
                        self._reader_error()
                elif c in _BREAKS:
                    if pos + 2 > limit:
                        self.pos = pos
                        self._reader_error()
                    if c == "\r":
                        pos += 2 if s[pos + 1] == "\n" else 1
                        c = "\n"
                    else:
                        pos += 1
                        if c == "\x85":
                            c = "\n"
                    line += 1
                    lstart = pos
                    if not leading_blanks:
                        whitespaces = ""
                        leading_break = c
                        leading_blanks = True
                    else:
                        trailing += c
                    if pos + 1 > limit:
                        self.pos = pos
                        self._reader_error()
                else:
                    break
                c = s[pos]
            if not flow and pos - lstart < indent:
                break
        self.pos = pos
        self.line = line
        self.lstart = lstart
        if leading_blanks:
            self.simple_key_allowed = True
        return (T_SCALAR, start, end_mark, "".join(chunks), PLAIN)

    # -- parser -------------------------------------------------------------------------

