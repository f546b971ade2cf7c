"""go-yaml v2's YAML reader, scanner and parser, re-implemented in pure Python.

kubectl reads YAML with sigs.k8s.io/yaml, which parses it with go-yaml v2 (gopkg.in/yaml.v2
v2.4.0, vendored as sigs.k8s.io/yaml/goyaml.v2). go-yaml v2 is itself a Go port of libyaml, but
it has drifted from the libyaml that ruamel.yaml's C extension embeds: in a flow collection a
plain scalar only ends at ': ' (so `[http://x, a:b]` is fine), the `\\/` escape is unknown and
`\\'` is known, `%YAML 1.2` is refused, a BOM inside the stream is content, simple keys go
stale lazily, and `[]` or `{}` used as a mapping key ends the first document early. This
module mirrors go-yaml v2's readerc.go, scannerc.go and parserc.go function by function (the
state machine, the token queue with its simple-key look-ahead, the error texts and marks), so
that podlint accepts, rejects and positions exactly what kubectl does.

The behaviour mirrored is that of go-yaml v2 (Copyright (c) 2006 Kirill Simonov, 2011-2019
Canonical Ltd) and libyaml (Copyright (c) 2006 Kirill Simonov), both under the MIT license;
the code here is a Python re-implementation of it, not a translation of their source.

`events(text)` yields parse events as flat tuples (the shapes podlint.load builds documents
from), pulled lazily: an error is raised only when go-yaml would reach it, so a document that
go-yaml's Unmarshal reads completely is never refused for what follows it.

Known simplifications (they matter only for a control character or a U+FEFF inside the text):
- go-yaml's reader decodes 512 input bytes at a time and fails on a control character as soon
  as the chunk that holds it is decoded. That is reproduced, but the exact character at which
  the scanner asks for the next chunk is approximated to within a few characters (this can only
  change which error is reported, never whether there is one).
- go-yaml's `is_bom` looks at the start of its internal buffer rather than the current
  position, so a U+FEFF that happens to start a buffer refill makes it skip the first character
  of lines; that is reproduced only for the first buffer fill (a doubled BOM at the start).
- In `[a: ]`, go-yaml takes the empty value's mark from a pointer into its token queue that
  can, in rare queue states, point at another token; the ':' token's mark is used here.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Iterator, Optional

SCALAR, MAP_START, SEQ_START, END, ALIAS, DOC_START, DOC_END, STREAM = range(8)

__all__ = ["GoYAMLError", "events", "SCALAR", "MAP_START", "SEQ_START", "END", "ALIAS",
           "DOC_START", "DOC_END", "STREAM"]

# -- tokens: (type, start_mark, end_mark, value, extra); a mark is (index, line, column) ----

(T_STREAM_START, T_STREAM_END, T_VERSION_DIRECTIVE, T_TAG_DIRECTIVE, T_DOCUMENT_START,
 T_DOCUMENT_END, T_BLOCK_SEQUENCE_START, T_BLOCK_MAPPING_START, T_BLOCK_END,
 T_FLOW_SEQUENCE_START, T_FLOW_SEQUENCE_END, T_FLOW_MAPPING_START, T_FLOW_MAPPING_END,
 T_BLOCK_ENTRY, T_FLOW_ENTRY, T_KEY, T_VALUE, T_ALIAS, T_ANCHOR, T_TAG, T_SCALAR) = range(21)

# parser states (parserc.go)
(S_STREAM_START, S_IMPLICIT_DOCUMENT_START, S_DOCUMENT_START, S_DOCUMENT_CONTENT, S_DOCUMENT_END,
 S_BLOCK_NODE, S_BLOCK_NODE_OR_INDENTLESS_SEQUENCE, S_FLOW_NODE, S_BLOCK_SEQUENCE_FIRST_ENTRY,
 S_BLOCK_SEQUENCE_ENTRY, S_INDENTLESS_SEQUENCE_ENTRY, S_BLOCK_MAPPING_FIRST_KEY,
 S_BLOCK_MAPPING_KEY, S_BLOCK_MAPPING_VALUE, S_FLOW_SEQUENCE_FIRST_ENTRY, S_FLOW_SEQUENCE_ENTRY,
 S_FLOW_SEQUENCE_ENTRY_MAPPING_KEY, S_FLOW_SEQUENCE_ENTRY_MAPPING_VALUE,
 S_FLOW_SEQUENCE_ENTRY_MAPPING_END, S_FLOW_MAPPING_FIRST_KEY, S_FLOW_MAPPING_KEY,
 S_FLOW_MAPPING_VALUE, S_FLOW_MAPPING_EMPTY_VALUE, S_END) = range(24)

# scalar styles as podlint's tuples spell them
PLAIN, SINGLE, DOUBLE, LITERAL, FOLDED = "", "'", '"', "|", ">"

MAX_FLOW_LEVEL = 10000  # scannerc.go max_flow_level
MAX_INDENTS = 10000  # scannerc.go max_indents
_RAW_CHUNK = 512  # readerc.go: input_raw_buffer_size

# character classes of yamlprivateh.go; "\0" is the end of the input (the reader refuses NUL)
_BREAKS = "\r\n\x85\u2028\u2029"
_BREAKZ = _BREAKS + "\0"
_BLANKZ = " \t" + _BREAKZ
_BZ = r" \t\r\n\x85\u2028\u2029\0"
# what cannot start a plain scalar (before the '-', '?', ':' exceptions)
_NOT_PLAIN_START = _BLANKZ + "-?:,[]{}#&*!|>'\"%@`"
_ANCHOR_END = "?:,]}%@`"
_HEX = frozenset("0123456789ABCDEFabcdef")
_DIGITS = "0123456789"

_SPACES = re.compile(" *")
_BLANKS = re.compile("[ \t]*")
_TO_BREAKZ = re.compile("[\r\n\x85\u2028\u2029\0]")
_ALPHA = re.compile("[0-9A-Za-z_-]*")
_URI = re.compile(r"[0-9A-Za-z_\-;/?:@&=+$,.!~*'()\[\]]*")
_PLAIN_BLOCK_WORD = re.compile(r"[^%s:]*(?::(?![%s])[^%s:]*)*" % (_BZ, _BZ, _BZ))
_PLAIN_FLOW_WORD = re.compile(r"[^%s:,?\[\]{}]*(?::(?![%s])[^%s:,?\[\]{}]*)*" % (_BZ, _BZ, _BZ))
_SINGLE_WORD = re.compile(r"[^'%s]*" % _BZ)
_DOUBLE_WORD = re.compile(r'[^"\\%s]*' % _BZ)
# what go-yaml's reader refuses (readerc.go: "control characters are not allowed")
_NOT_ALLOWED = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_ESCAPES = {
    "0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b",
    "f": "\x0c", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "'": "'", "\\": "\\",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}
_ESCAPE_LENGTHS = {"x": 2, "u": 4, "U": 8}
_ZERO_MARK = (0, 0, 0)
_DEFAULT_TAG_DIRECTIVES = (("!", "!"), ("!!", "tag:yaml.org,2002:"))


class GoYAMLError(Exception):
    """A syntax error exactly as go-yaml v2 reports it.

    problem / context: go-yaml's texts; line / column: 0-based problem mark (the context mark
    when the problem mark is on line 0 and the context mark is not, as go-yaml's message does;
    for a reader error, which go-yaml reports without a position, the offending character's);
    kubectl_message: what kubectl prints after "error converting YAML to JSON: ".
    """

    def __init__(self, kind: str, problem: str, problem_mark: tuple, context: Optional[str] = None,
                 context_mark: tuple = _ZERO_MARK, where: Optional[tuple] = None) -> None:
        self.kind = kind  # "reader", "scanner" or "parser" (go-yaml's error type)
        self.problem = problem
        self.context = context or None
        self.problem_mark = problem_mark  # (index, line, column), 0-based
        self.context_mark = context_mark
        # decode.go (*parser).fail()
        if problem_mark[1] != 0:
            line = problem_mark[1] + (1 if kind == "scanner" else 0)
        else:
            line = context_mark[1]
        self.kubectl_message = f"yaml: line {line}: {problem}" if line else f"yaml: {problem}"
        if where is not None:
            self.line, self.column = where[1], where[2]
        elif problem_mark[1] == 0 and context_mark[1] != 0:
            self.line, self.column = context_mark[1], context_mark[2]
        else:
            self.line, self.column = problem_mark[1], problem_mark[2]
        super().__init__(self.kubectl_message)


def events(text: str) -> Iterator[tuple]:
    """The parse events of a YAML stream as go-yaml v2 produces them, pulled lazily.

    Raises GoYAMLError where go-yaml's yaml_parser_parse() would fail.
    """
    parser = _Parser(text)
    dispatch = parser._dispatch
    while True:
        yield dispatch[parser.state]()
        if parser.state == S_END:
            return


def _width(octet: int) -> int:
    if octet & 0x80 == 0:
        return 1
    if octet & 0xE0 == 0xC0:
        return 2
    if octet & 0xF0 == 0xE0:
        return 3
    if octet & 0xF8 == 0xF0:
        return 4
    return 0


class _Parser:
    """Scanner (scannerc.go) and parser (parserc.go) state of one stream."""

    def __init__(self, text: str) -> None:
        if not text:
            text = "\n"  # decode.go newParser: an empty input is a line break
        bom = 0
        if text[0] == "\ufeff":  # the reader drops the BOM that starts the input
            text = text[1:]
            bom = 3
        self.n = len(text)
        self.s = text + "\0" * 16  # go-yaml's buffer reads NUL past the end
        # scanner position: index, line, index of the line's first character
        self.pos = 0
        self.line = 0
        self.lstart = 0
        self.limit = self.n + 64  # a reader error once the scanner looks at index >= limit
        self.bad: Optional[tuple] = None
        bad = _NOT_ALLOWED.search(text)
        if bad is not None:
            self._reader_setup(text, bad.start(), bom)
        # is_bom() looks at the buffer's first character: a second BOM at the start
        self.bom_until = -1
        if text.startswith("\ufeff"):
            self.bom_until = len(text.encode("utf-8", "surrogatepass")[:_RAW_CHUNK - bom]
                                 .decode("utf-8", "ignore"))
        # token queue (tokens[head:] are queued)
        self.tokens: list = []
        self.head = 0
        self.tokens_parsed = 0
        self.token_available = False
        self.stream_start_produced = False
        self.stream_end_produced = False
        self.indent = -1
        self.indents: list = []
        self.flow_level = 0
        self.simple_key_allowed = False
        # simple key: [possible, required, token_number, mark]
        self.simple_keys: list = []
        self.by_tok: dict = {}  # token number -> index in simple_keys
        self.by_tok_limit = 256
        # parser
        self.state = S_STREAM_START
        self.states: list = []
        self.marks: list = []
        self.tag_directives: list = []
        self._dispatch = [
            self._parse_stream_start,
            partial(self._parse_document_start, True),
            partial(self._parse_document_start, False),
            self._parse_document_content,
            self._parse_document_end,
            partial(self._parse_node, True, False),
            partial(self._parse_node, True, True),
            partial(self._parse_node, False, False),
            partial(self._parse_block_sequence_entry, True),
            partial(self._parse_block_sequence_entry, False),
            self._parse_indentless_sequence_entry,
            partial(self._parse_block_mapping_key, True),
            partial(self._parse_block_mapping_key, False),
            self._parse_block_mapping_value,
            partial(self._parse_flow_sequence_entry, True),
            partial(self._parse_flow_sequence_entry, False),
            self._parse_flow_sequence_entry_mapping_key,
            self._parse_flow_sequence_entry_mapping_value,
            self._parse_flow_sequence_entry_mapping_end,
            partial(self._parse_flow_mapping_key, True),
            partial(self._parse_flow_mapping_key, False),
            partial(self._parse_flow_mapping_value, False),
            partial(self._parse_flow_mapping_value, True),
        ]

    # -- reader -------------------------------------------------------------------------

    def _reader_setup(self, text: str, at: int, bom: int) -> None:
        """Where go-yaml's reader fails: it decodes 512 input bytes at a time and refuses
        the chunk that holds the first disallowed character, when the scanner first needs a
        character past the chunks before it."""
        char = text[at]
        code = ord(char)
        problem = ("invalid Unicode character" if 0xD800 <= code <= 0xDFFF
                   else "control characters are not allowed")
        head = text[:at].encode("utf-8", "surrogatepass")
        offset = bom + len(head)
        width = len(char.encode("utf-8", "surrogatepass"))
        chunk = (offset + width - 1) // _RAW_CHUNK
        boundary = chunk * _RAW_CHUNK - bom  # bytes of text decoded before that chunk
        if boundary <= 0:
            decoded = 0
        else:
            decoded = len(head[:boundary].decode("utf-8", "ignore"))
        self.limit = decoded
        self.bad = (problem, at, offset)

    def _reader_error(self) -> None:
        problem, at, _offset = self.bad
        s = self.s
        line = 0
        start = 0
        for m in re.finditer("\r\n|[\r\n\x85\u2028\u2029]", s[:at]):
            line += 1
            start = m.end()
        raise GoYAMLError("reader", problem, _ZERO_MARK, None, _ZERO_MARK, (at, line, at - start))

    # -- errors -------------------------------------------------------------------------

    def _mark(self) -> tuple:
        return (self.pos, self.line, self.pos - self.lstart)

    def _scanner_error(self, context: str, context_mark: tuple, problem: str, need: int = 1) -> None:
        if self.pos + need > self.limit:
            self._reader_error()
        raise GoYAMLError("scanner", problem, self._mark(), context, context_mark)

    def _tag_error(self, directive: bool, context_mark: tuple, problem: str) -> None:
        context = "while parsing a %TAG directive" if directive else "while parsing a tag"
        self._scanner_error(context, context_mark, problem)

    @staticmethod
    def _parser_error(problem: str, problem_mark: tuple, context: Optional[str] = None,
                      context_mark: tuple = _ZERO_MARK) -> None:
        raise GoYAMLError("parser", problem, problem_mark, context, context_mark)

    # -- token queue --------------------------------------------------------------------

    def _insert(self, pos: int, token: tuple) -> None:
        """yaml_insert_token: at queue position pos, or at the end when pos < 0."""
        if pos < 0:
            self.tokens.append(token)
        else:
            self.tokens.insert(self.head + pos, token)

    def _peek(self) -> tuple:
        if not self.token_available:
            self._fetch_more_tokens()
        return self.tokens[self.head]

    def _skip(self) -> None:
        self.token_available = False
        self.tokens_parsed += 1
        head = self.head
        tokens = self.tokens
        self.stream_end_produced = tokens[head][0] == T_STREAM_END
        head += 1
        if head > 512 and head * 2 > len(tokens):
            del tokens[:head]
            head = 0
        self.head = head

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
        start = self._mark()
        self.pos += 3
        self.tokens.append((typ, start, self._mark(), None, None))

    def _fetch_flow_collection_start(self, typ: int) -> None:
        self._save_simple_key()
        self._increase_flow_level()
        self.simple_key_allowed = True
        start = self._mark()
        self.pos += 1
        self.tokens.append((typ, start, self._mark(), None, None))

    def _fetch_flow_collection_end(self, typ: int) -> None:
        self._remove_simple_key()
        self._decrease_flow_level()
        self.simple_key_allowed = False
        start = self._mark()
        self.pos += 1
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
        pos = _BLANKS.match(s, self.pos).end()
        if s[pos] == "#":
            pos = _TO_BREAKZ.search(s, pos).start()
        self.pos = pos
        if pos + 2 > self.limit:
            self._reader_error()
        c = s[pos]
        if c not in _BREAKZ:
            self._scanner_error("while scanning a directive", start, "did not find expected comment or line break")
        if c != "\0":
            self.pos = pos + (2 if c == "\r" and s[pos + 1] == "\n" else 1)
            self.line += 1
            self.lstart = self.pos
        return token

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
        pos = _BLANKS.match(s, pos).end()
        if s[pos] == "#":
            pos = _TO_BREAKZ.search(s, pos).start()
        self.pos = pos
        if pos + 2 > self.limit:
            self._reader_error()
        c = s[pos]
        if c not in _BREAKZ:
            self._scanner_error("while scanning a block scalar", start, "did not find expected comment or line break")
        if c != "\0":
            pos += 2 if c == "\r" and s[pos + 1] == "\n" else 1
            self.line += 1
            self.lstart = pos
            self.pos = pos
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

    def parse(self) -> tuple:
        return self._dispatch[self.state]()

    def _parse_stream_start(self) -> tuple:
        token = self._peek()
        if token[0] != T_STREAM_START:
            self._parser_error("did not find expected <stream-start>", token[1])
        self.state = S_IMPLICIT_DOCUMENT_START
        self._skip()
        return (STREAM,)

    def _parse_document_start(self, implicit: bool) -> tuple:
        token = self._peek()
        if not implicit:
            while token[0] == T_DOCUMENT_END:  # extra document end indicators
                self._skip()
                token = self._peek()
        typ = token[0]
        if implicit and typ not in (T_VERSION_DIRECTIVE, T_TAG_DIRECTIVE, T_DOCUMENT_START, T_STREAM_END):
            self._process_directives()
            self.states.append(S_DOCUMENT_END)
            self.state = S_BLOCK_NODE
            return (DOC_START, token[1][1])
        if typ != T_STREAM_END:
            start = token[1]
            self._process_directives()
            token = self._peek()
            if token[0] != T_DOCUMENT_START:
                self._parser_error("did not find expected <document start>", token[1])
            self.states.append(S_DOCUMENT_END)
            self.state = S_DOCUMENT_CONTENT
            self._skip()
            return (DOC_START, start[1])
        self.state = S_END
        self._skip()
        return (STREAM,)

    def _parse_document_content(self) -> tuple:
        token = self._peek()
        if token[0] in (T_VERSION_DIRECTIVE, T_TAG_DIRECTIVE, T_DOCUMENT_START, T_DOCUMENT_END, T_STREAM_END):
            self.state = self.states.pop()
            return _empty_scalar(token[1])
        return self._parse_node(True, False)

    def _parse_document_end(self) -> tuple:
        token = self._peek()
        if token[0] == T_DOCUMENT_END:
            self._skip()
        self.tag_directives = []
        self.state = S_DOCUMENT_START
        return (DOC_END,)

    def _parse_node(self, block: bool, indentless: bool) -> tuple:
        token = self._peek()
        typ = token[0]
        if typ == T_SCALAR:  # the common case first: no properties
            self.state = self.states.pop()
            self._skip()
            start = token[1]
            end = token[2]
            style = token[4]
            return (SCALAR, token[3], None, (True, False) if style == PLAIN else (False, True), style,
                    (start[1], start[2], end[1], end[2]), None)
        if typ == T_ALIAS:
            self.state = self.states.pop()
            self._skip()
            mark = token[1]
            return (ALIAS, token[3], mark[1], mark[2])
        start = end = token[1]
        anchor = None
        tag = None
        if typ == T_ANCHOR or typ == T_TAG:
            tag_token = None
            if typ == T_ANCHOR:
                anchor = token[3]
                end = token[2]
                self._skip()
                token = self._peek()
                if token[0] == T_TAG:
                    tag_token = token
                    end = token[2]
                    self._skip()
                    token = self._peek()
            else:
                tag_token = token
                end = token[2]
                self._skip()
                token = self._peek()
                if token[0] == T_ANCHOR:
                    anchor = token[3]
                    end = token[2]
                    self._skip()
                    token = self._peek()
            if tag_token is not None:
                handle, suffix = tag_token[3], tag_token[4]
                if not handle:
                    tag = suffix
                else:
                    for known, prefix in self.tag_directives:
                        if known == handle:
                            tag = prefix + suffix
                            break
                    if not tag:
                        self._parser_error("found undefined tag handle", tag_token[1], "while parsing a node", start)
                if not tag:
                    tag = None
        typ = token[0]
        if indentless and typ == T_BLOCK_ENTRY:
            self.state = S_INDENTLESS_SEQUENCE_ENTRY
            return (SEQ_START, anchor, start[1], start[2])
        if typ == T_SCALAR:
            end = token[2]
            style = token[4]
            if (tag is None and style == PLAIN) or tag == "!":
                implicit = (True, False)
            elif tag is None:
                implicit = (False, True)
            else:
                implicit = (False, False)
            self.state = self.states.pop()
            self._skip()
            return (SCALAR, token[3], tag, implicit, style, (start[1], start[2], end[1], end[2]), anchor)
        if typ == T_FLOW_SEQUENCE_START:
            self.state = S_FLOW_SEQUENCE_FIRST_ENTRY
            return (SEQ_START, anchor, start[1], start[2])
        if typ == T_FLOW_MAPPING_START:
            self.state = S_FLOW_MAPPING_FIRST_KEY
            return (MAP_START, anchor, start[1], start[2])
        if block and typ == T_BLOCK_SEQUENCE_START:
            self.state = S_BLOCK_SEQUENCE_FIRST_ENTRY
            return (SEQ_START, anchor, start[1], start[2])
        if block and typ == T_BLOCK_MAPPING_START:
            self.state = S_BLOCK_MAPPING_FIRST_KEY
            return (MAP_START, anchor, start[1], start[2])
        if anchor is not None or tag is not None:
            # properties and no content: an empty scalar
            self.state = self.states.pop()
            return (SCALAR, "", tag, (tag is None, False), PLAIN, (start[1], start[2], end[1], end[2]), anchor)
        self._parser_error("did not find expected node content", token[1],
                           "while parsing a block node" if block else "while parsing a flow node", start)

    def _parse_block_sequence_entry(self, first: bool) -> tuple:
        if first:
            self.marks.append(self._peek()[1])
            self._skip()
        token = self._peek()
        typ = token[0]
        if typ == T_BLOCK_ENTRY:
            mark = token[2]
            self._skip()
            token = self._peek()
            if token[0] != T_BLOCK_ENTRY and token[0] != T_BLOCK_END:
                self.states.append(S_BLOCK_SEQUENCE_ENTRY)
                return self._parse_node(True, False)
            self.state = S_BLOCK_SEQUENCE_ENTRY
            return _empty_scalar(mark)
        if typ == T_BLOCK_END:
            self.state = self.states.pop()
            self.marks.pop()
            self._skip()
            end = token[2]
            return (END, end[1], end[2])
        self._parser_error("did not find expected '-' indicator", token[1],
                           "while parsing a block collection", self.marks.pop())

    def _parse_indentless_sequence_entry(self) -> tuple:
        token = self._peek()
        if token[0] == T_BLOCK_ENTRY:
            mark = token[2]
            self._skip()
            token = self._peek()
            if token[0] not in (T_BLOCK_ENTRY, T_KEY, T_VALUE, T_BLOCK_END):
                self.states.append(S_INDENTLESS_SEQUENCE_ENTRY)
                return self._parse_node(True, False)
            self.state = S_INDENTLESS_SEQUENCE_ENTRY
            return _empty_scalar(mark)
        self.state = self.states.pop()
        mark = token[1]  # go-yaml ends the sequence at the next token's start
        return (END, mark[1], mark[2])

    def _parse_block_mapping_key(self, first: bool) -> tuple:
        if first:
            self.marks.append(self._peek()[1])
            self._skip()
        token = self._peek()
        typ = token[0]
        if typ == T_KEY:
            mark = token[2]
            self._skip()
            token = self._peek()
            if token[0] not in (T_KEY, T_VALUE, T_BLOCK_END):
                self.states.append(S_BLOCK_MAPPING_VALUE)
                return self._parse_node(True, True)
            self.state = S_BLOCK_MAPPING_VALUE
            return _empty_scalar(mark)
        if typ == T_BLOCK_END:
            self.state = self.states.pop()
            self.marks.pop()
            self._skip()
            end = token[2]
            return (END, end[1], end[2])
        self._parser_error("did not find expected key", token[1], "while parsing a block mapping", self.marks.pop())

    def _parse_block_mapping_value(self) -> tuple:
        token = self._peek()
        if token[0] == T_VALUE:
            mark = token[2]
            self._skip()
            token = self._peek()
            if token[0] not in (T_KEY, T_VALUE, T_BLOCK_END):
                self.states.append(S_BLOCK_MAPPING_KEY)
                return self._parse_node(True, True)
            self.state = S_BLOCK_MAPPING_KEY
            return _empty_scalar(mark)
        self.state = S_BLOCK_MAPPING_KEY
        return _empty_scalar(token[1])

    def _parse_flow_sequence_entry(self, first: bool) -> tuple:
        if first:
            self.marks.append(self._peek()[1])
            self._skip()
        token = self._peek()
        if token[0] != T_FLOW_SEQUENCE_END:
            if not first:
                if token[0] == T_FLOW_ENTRY:
                    self._skip()
                    token = self._peek()
                else:
                    self._parser_error("did not find expected ',' or ']'", token[1],
                                       "while parsing a flow sequence", self.marks.pop())
            if token[0] == T_KEY:
                self.state = S_FLOW_SEQUENCE_ENTRY_MAPPING_KEY
                self._skip()
                mark = token[1]
                return (MAP_START, None, mark[1], mark[2])
            if token[0] != T_FLOW_SEQUENCE_END:
                self.states.append(S_FLOW_SEQUENCE_ENTRY)
                return self._parse_node(False, False)
        self.state = self.states.pop()
        self.marks.pop()
        self._skip()
        end = token[2]
        return (END, end[1], end[2])

    def _parse_flow_sequence_entry_mapping_key(self) -> tuple:
        token = self._peek()
        if token[0] not in (T_VALUE, T_FLOW_ENTRY, T_FLOW_SEQUENCE_END):
            self.states.append(S_FLOW_SEQUENCE_ENTRY_MAPPING_VALUE)
            return self._parse_node(False, False)
        mark = token[2]
        self._skip()  # go-yaml consumes that token here
        self.state = S_FLOW_SEQUENCE_ENTRY_MAPPING_VALUE
        return _empty_scalar(mark)

    def _parse_flow_sequence_entry_mapping_value(self) -> tuple:
        token = self._peek()
        if token[0] == T_VALUE:
            self._skip()
            following = self._peek()
            if following[0] != T_FLOW_ENTRY and following[0] != T_FLOW_SEQUENCE_END:
                self.states.append(S_FLOW_SEQUENCE_ENTRY_MAPPING_END)
                return self._parse_node(False, False)
        self.state = S_FLOW_SEQUENCE_ENTRY_MAPPING_END
        # parserc.go shadows `token` in the branch above: the mark is the ':' token's
        return _empty_scalar(token[1])

    def _parse_flow_sequence_entry_mapping_end(self) -> tuple:
        token = self._peek()
        self.state = S_FLOW_SEQUENCE_ENTRY
        mark = token[1]
        return (END, mark[1], mark[2])

    def _parse_flow_mapping_key(self, first: bool) -> tuple:
        if first:
            self.marks.append(self._peek()[1])
            self._skip()
        token = self._peek()
        if token[0] != T_FLOW_MAPPING_END:
            if not first:
                if token[0] == T_FLOW_ENTRY:
                    self._skip()
                    token = self._peek()
                else:
                    self._parser_error("did not find expected ',' or '}'", token[1],
                                       "while parsing a flow mapping", self.marks.pop())
            if token[0] == T_KEY:
                self._skip()
                token = self._peek()
                if token[0] not in (T_VALUE, T_FLOW_ENTRY, T_FLOW_MAPPING_END):
                    self.states.append(S_FLOW_MAPPING_VALUE)
                    return self._parse_node(False, False)
                self.state = S_FLOW_MAPPING_VALUE
                return _empty_scalar(token[1])
            if token[0] != T_FLOW_MAPPING_END:
                self.states.append(S_FLOW_MAPPING_EMPTY_VALUE)
                return self._parse_node(False, False)
        self.state = self.states.pop()
        self.marks.pop()
        self._skip()
        end = token[2]
        return (END, end[1], end[2])

    def _parse_flow_mapping_value(self, empty: bool) -> tuple:
        token = self._peek()
        if empty:
            self.state = S_FLOW_MAPPING_KEY
            return _empty_scalar(token[1])
        if token[0] == T_VALUE:
            self._skip()
            token = self._peek()
            if token[0] != T_FLOW_ENTRY and token[0] != T_FLOW_MAPPING_END:
                self.states.append(S_FLOW_MAPPING_KEY)
                return self._parse_node(False, False)
        self.state = S_FLOW_MAPPING_KEY
        return _empty_scalar(token[1])

    def _process_directives(self) -> None:
        version = None
        token = self._peek()
        while token[0] == T_VERSION_DIRECTIVE or token[0] == T_TAG_DIRECTIVE:
            if token[0] == T_VERSION_DIRECTIVE:
                if version is not None:
                    self._parser_error("found duplicate %YAML directive", token[1])
                if token[3] != (1, 1):
                    self._parser_error("found incompatible YAML document", token[1])
                version = token[3]
            else:
                self._append_tag_directive(token[3], token[4], False, token[1])
            self._skip()
            token = self._peek()
        for handle, prefix in _DEFAULT_TAG_DIRECTIVES:
            self._append_tag_directive(handle, prefix, True, token[1])

    def _append_tag_directive(self, handle: str, prefix: str, allow_duplicates: bool, mark: tuple) -> None:
        for known, _prefix in self.tag_directives:
            if known == handle:
                if allow_duplicates:
                    return
                self._parser_error("found duplicate %TAG directive", mark)
        self.tag_directives.append((handle, prefix))


def _empty_scalar(mark: tuple) -> tuple:
    return (SCALAR, "", None, (True, False), PLAIN, (mark[1], mark[2], mark[1], mark[2]), None)
