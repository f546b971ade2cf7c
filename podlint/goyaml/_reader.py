"""go-yaml's reader (readerc.go), its errors, and the token queue."""

from __future__ import annotations

from functools import partial
from typing import Optional
import re

from podlint.goyaml._common import (
    GoYAMLError, S_STREAM_START, T_STREAM_END, _NOT_ALLOWED, _RAW_CHUNK, _ZERO_MARK
)


class _Reader:
    """The state of one stream: reader, scanner and parser (the methods are split over
    this class and its subclasses, one file each, as go-yaml splits its C-derived sources)."""

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

