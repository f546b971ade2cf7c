"""The scanner's token fetching (scannerc.go): simple keys, indents, flow levels."""

from __future__ import annotations

from podlint.goyaml._common import (
    MAX_FLOW_LEVEL, MAX_INDENTS, T_ALIAS, T_ANCHOR, T_BLOCK_END, T_BLOCK_ENTRY,
    T_BLOCK_MAPPING_START, T_BLOCK_SEQUENCE_START, T_DOCUMENT_END, T_DOCUMENT_START, T_FLOW_ENTRY,
    T_FLOW_MAPPING_END, T_FLOW_MAPPING_START, T_FLOW_SEQUENCE_END, T_FLOW_SEQUENCE_START, T_KEY,
    T_STREAM_END, T_STREAM_START, T_VALUE, _BLANKS, _BLANKZ, _BREAKS, _NOT_PLAIN_START, _SPACES,
    _TO_BREAKZ, _ZERO_MARK
)
from podlint.goyaml._reader import _Reader


class _Tokens(_Reader):
    """The scanner's token fetching (scannerc.go): simple keys, indents, flow levels."""

    def _fetch_more_tokens(self) -> None:
        """Fetch until the head token cannot be a simple key still waiting for its ':'."""
        tokens = self.tokens
        simple_keys = self.simple_keys
        by_tok = self.by_tok
        while True:
            if self.head != len(tokens):
                index = by_tok.get(self.tokens_parsed)
                if index is None or index >= len(simple_keys):
                    break
                if not self._simple_key_is_valid(simple_keys[index]):
                    break
            self._fetch_next_token()
        self.token_available = True

    def _prune_by_tok(self) -> None:
        """go-yaml leaves the entries of keys found stale in simple_keys_by_tok; those of
        tokens already parsed are never looked up again (this keeps memory bounded)."""
        by_tok = self.by_tok
        parsed = self.tokens_parsed
        for number in [number for number in by_tok if number < parsed]:
            del by_tok[number]
        self.by_tok_limit = max(256, 2 * len(by_tok))

    # -- simple keys and indentation ------------------------------------------------------

    def _simple_key_is_valid(self, key: list) -> bool:
        if not key[0]:
            return False
        mark = key[3]
        # a simple key is one line of at most 1024 characters
        if mark[1] < self.line or mark[0] + 1024 < self.pos:
            if key[1]:
                self._scanner_error("while scanning a simple key", mark, "could not find expected ':'")
            key[0] = False
            return False
        return True

    def _save_simple_key(self) -> None:
        if self.simple_key_allowed:
            column = self.pos - self.lstart
            required = self.flow_level == 0 and self.indent == column
            number = self.tokens_parsed + len(self.tokens) - self.head
            key = [True, required, number, (self.pos, self.line, column)]
            self._remove_simple_key()
            keys = self.simple_keys
            keys[-1] = key
            self.by_tok[number] = len(keys) - 1
            if len(self.by_tok) > self.by_tok_limit:
                self._prune_by_tok()

    def _remove_simple_key(self) -> None:
        key = self.simple_keys[-1]
        if key[0]:
            if key[1]:
                self._scanner_error("while scanning a simple key", key[3], "could not find expected ':'")
            key[0] = False
            self.by_tok.pop(key[2], None)

    def _increase_flow_level(self) -> None:
        self.simple_keys.append([False, False, self.tokens_parsed + len(self.tokens) - self.head,
                                 self._mark()])
        self.flow_level += 1
        if self.flow_level > MAX_FLOW_LEVEL:
            self._scanner_error("while increasing flow level", self.simple_keys[-1][3],
                                f"exceeded max depth of {MAX_FLOW_LEVEL}")

    def _decrease_flow_level(self) -> None:
        if self.flow_level > 0:
            self.flow_level -= 1
            # go-yaml deletes the entry of the level's token number, whichever key owns it
            self.by_tok.pop(self.simple_keys[-1][2], None)
            self.simple_keys.pop()

    def _roll_indent(self, column: int, number: int, typ: int, mark: tuple) -> None:
        if self.flow_level > 0:
            return
        if self.indent < column:
            self.indents.append(self.indent)
            self.indent = column
            if len(self.indents) > MAX_INDENTS:
                self._scanner_error("while increasing indent level", self.simple_keys[-1][3],
                                    f"exceeded max depth of {MAX_INDENTS}")
            if number > -1:
                number -= self.tokens_parsed
            self._insert(number, (typ, mark, mark, None, None))

    def _unroll_indent(self, column: int) -> None:
        if self.flow_level > 0:
            return
        if self.indent > column:
            mark = self._mark()
            token = (T_BLOCK_END, mark, mark, None, None)
            append = self.tokens.append
            indents = self.indents
            while self.indent > column:
                append(token)
                self.indent = indents.pop()

    # -- the token dispatcher -----------------------------------------------------------

    def _fetch_next_token(self) -> None:
        if self.pos + 1 > self.limit:
            self._reader_error()
        if not self.stream_start_produced:
            self._fetch_stream_start()
            return
        self._scan_to_next_token()
        pos = self.pos
        column = pos - self.lstart
        if self.indent > column and self.flow_level == 0:
            self._unroll_indent(column)
        if pos + 4 > self.limit:
            self._reader_error()
        s = self.s
        c = s[pos]
        if c not in _NOT_PLAIN_START and (c != "." or column != 0):
            self._fetch_plain_scalar()
            return
        if c == "\0":
            self._fetch_stream_end()
            return
        if column == 0:
            if c == "%":
                self._fetch_directive()
                return
            if (c == "-" or c == ".") and s[pos + 1] == c and s[pos + 2] == c and s[pos + 3] in _BLANKZ:
                self._fetch_document_indicator(T_DOCUMENT_START if c == "-" else T_DOCUMENT_END)
                return
        if c == "[":
            self._fetch_flow_collection_start(T_FLOW_SEQUENCE_START)
        elif c == "{":
            self._fetch_flow_collection_start(T_FLOW_MAPPING_START)
        elif c == "]":
            self._fetch_flow_collection_end(T_FLOW_SEQUENCE_END)
        elif c == "}":
            self._fetch_flow_collection_end(T_FLOW_MAPPING_END)
        elif c == ",":
            self._fetch_flow_entry()
        elif c == "-" and s[pos + 1] in _BLANKZ:
            self._fetch_block_entry()
        elif c == "?" and (self.flow_level > 0 or s[pos + 1] in _BLANKZ):
            self._fetch_key()
        elif c == ":" and (self.flow_level > 0 or s[pos + 1] in _BLANKZ):
            self._fetch_value()
        elif c == "*":
            self._fetch_anchor(T_ALIAS)
        elif c == "&":
            self._fetch_anchor(T_ANCHOR)
        elif c == "!":
            self._fetch_tag()
        elif c == "|" and self.flow_level == 0:
            self._fetch_block_scalar(True)
        elif c == ">" and self.flow_level == 0:
            self._fetch_block_scalar(False)
        elif c == "'":
            self._fetch_flow_scalar(True)
        elif c == '"':
            self._fetch_flow_scalar(False)
        elif c not in _NOT_PLAIN_START or (c == "-" and s[pos + 1] not in " \t") or (
                self.flow_level == 0 and (c == "?" or c == ":") and s[pos + 1] not in _BLANKZ):
            self._fetch_plain_scalar()
        else:
            self._scanner_error("while scanning for the next token", self._mark(),
                                "found character that cannot start any token")

    def _scan_to_next_token(self) -> None:
        """Skip blanks, comments and line breaks up to the next token."""
        s = self.s
        pos = self.pos
        while True:
            if pos == self.lstart and pos < self.bom_until:
                pos += 1  # is_bom() saw the BOM at the buffer's start: one character skipped
            if self.flow_level > 0 or not self.simple_key_allowed:
                pos = _BLANKS.match(s, pos).end()
            else:
                pos = _SPACES.match(s, pos).end()
            c = s[pos]
            if c == "#":
                pos = _TO_BREAKZ.search(s, pos).start()
                c = s[pos]
            if pos + 2 > self.limit:
                self.pos = pos
                self._reader_error()
            if c in _BREAKS:
                pos += 2 if c == "\r" and s[pos + 1] == "\n" else 1
                self.line += 1
                self.lstart = pos
                if self.flow_level == 0:
                    self.simple_key_allowed = True
            else:
                break
        self.pos = pos

    # -- token fetchers -------------------------------------------------------------------

    def _fetch_stream_start(self) -> None:
        self.indent = -1
        self.simple_keys.append([False, False, 0, _ZERO_MARK])
        self.by_tok.clear()
        self.simple_key_allowed = True
        self.stream_start_produced = True
        mark = self._mark()
        self.tokens.append((T_STREAM_START, mark, mark, None, None))

    def _fetch_stream_end(self) -> None:
        if self.pos != self.lstart:  # force a new line
            self.line += 1
            self.lstart = self.pos
        self._unroll_indent(-1)
        self._remove_simple_key()
        self.simple_key_allowed = False
        mark = self._mark()
        self.tokens.append((T_STREAM_END, mark, mark, None, None))

    def _fetch_directive(self) -> None:
        self._unroll_indent(-1)
        self._remove_simple_key()
        self.simple_key_allowed = False
        self.tokens.append(self._scan_directive())

    def _fetch_document_indicator(self, typ: int) -> None:
        self._unroll_indent(-1)
        self._remove_simple_key()
        self.simple_key_allowed = False
        self._push_indicator(typ, 3)

    def _fetch_flow_collection_start(self, typ: int) -> None:
        self._save_simple_key()
        self._increase_flow_level()
        self.simple_key_allowed = True
        self._push_indicator(typ, 1)

    def _fetch_flow_collection_end(self, typ: int) -> None:
        self._remove_simple_key()
        self._decrease_flow_level()
        self.simple_key_allowed = False
        self._push_indicator(typ, 1)

    def _push_indicator(self, typ: int, width: int) -> None:
        """A token for the `width` indicator characters at the current position."""
        start = self._mark()
        self.pos += width
        self.tokens.append((typ, start, self._mark(), None, None))

    def _fetch_flow_entry(self) -> None:
        self._remove_simple_key()
        self.simple_key_allowed = True
        start = self._mark()
        self.pos += 1
        self.tokens.append((T_FLOW_ENTRY, start, self._mark(), None, None))

    def _fetch_block_entry(self) -> None:
        if self.flow_level == 0:
            if not self.simple_key_allowed:
                mark = self._mark()
                self._scanner_error("", mark, "block sequence entries are not allowed in this context")
            mark = self._mark()
            self._roll_indent(mark[2], -1, T_BLOCK_SEQUENCE_START, mark)
        # in a flow collection the parser reports the '-'
        self._remove_simple_key()
        self.simple_key_allowed = True
        start = self._mark()
        self.pos += 1
        self.tokens.append((T_BLOCK_ENTRY, start, self._mark(), None, None))

    def _fetch_key(self) -> None:
        if self.flow_level == 0:
            if not self.simple_key_allowed:
                self._scanner_error("", self._mark(), "mapping keys are not allowed in this context")
            mark = self._mark()
            self._roll_indent(mark[2], -1, T_BLOCK_MAPPING_START, mark)
        self._remove_simple_key()
        self.simple_key_allowed = self.flow_level == 0
        start = self._mark()
        self.pos += 1
        self.tokens.append((T_KEY, start, self._mark(), None, None))

    def _fetch_value(self) -> None:
        key = self.simple_keys[-1]
        if self._simple_key_is_valid(key):
            mark = key[3]
            number = key[2]
            self._insert(number - self.tokens_parsed, (T_KEY, mark, mark, None, None))
            self._roll_indent(mark[2], number, T_BLOCK_MAPPING_START, mark)
            key[0] = False
            self.by_tok.pop(number, None)
            self.simple_key_allowed = False
        else:
            # the ':' of a complex key (or of no key at all)
            if self.flow_level == 0:
                if not self.simple_key_allowed:
                    self._scanner_error("", self._mark(), "mapping values are not allowed in this context")
                mark = self._mark()
                self._roll_indent(mark[2], -1, T_BLOCK_MAPPING_START, mark)
            self.simple_key_allowed = self.flow_level == 0
        start = self._mark()
        self.pos += 1
        self.tokens.append((T_VALUE, start, self._mark(), None, None))

    def _fetch_anchor(self, typ: int) -> None:
        self._save_simple_key()
        self.simple_key_allowed = False
        self.tokens.append(self._scan_anchor(typ))

    def _fetch_tag(self) -> None:
        self._save_simple_key()
        self.simple_key_allowed = False
        self.tokens.append(self._scan_tag())

    def _fetch_block_scalar(self, literal: bool) -> None:
        self._remove_simple_key()
        self.simple_key_allowed = True
        self.tokens.append(self._scan_block_scalar(literal))

    def _fetch_flow_scalar(self, single: bool) -> None:
        self._save_simple_key()
        self.simple_key_allowed = False
        self.tokens.append(self._scan_flow_scalar(single))

    def _fetch_plain_scalar(self) -> None:
        # _save_simple_key, inlined: most tokens are plain scalars
        if self.simple_key_allowed:
            column = self.pos - self.lstart
            number = self.tokens_parsed + len(self.tokens) - self.head
            key = [True, self.flow_level == 0 and self.indent == column, number,
                   (self.pos, self.line, column)]
            self._remove_simple_key()
            keys = self.simple_keys
            keys[-1] = key
            self.by_tok[number] = len(keys) - 1
            if len(self.by_tok) > self.by_tok_limit:
                self._prune_by_tok()
        self.simple_key_allowed = False
        self.tokens.append(self._scan_plain_scalar())

    # -- scanners -----------------------------------------------------------------------

    def _read_break(self, pos: int) -> tuple[str, int]:
        """read_line: the break at pos as go-yaml stores it, and the position after it."""
        s = self.s
        c = s[pos]
        if c == "\r":
            pos += 2 if s[pos + 1] == "\n" else 1
            c = "\n"
        else:
            pos += 1
            if c == "\x85":
                c = "\n"
        self.line += 1
        self.lstart = pos
        return c, pos

