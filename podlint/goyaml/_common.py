"""What the pieces of podlint.goyaml share: token and state numbers, character classes,
limits, escapes, and the error type."""

from __future__ import annotations

import re
from typing import Optional




SCALAR, MAP_START, SEQ_START, END, ALIAS, DOC_START, DOC_END, STREAM = range(8)


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

