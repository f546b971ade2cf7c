"""The parser's state machine (parserc.go): tokens -> events."""

from __future__ import annotations

from podlint.goyaml._common import (
    ALIAS, DOC_END, DOC_START, END, MAP_START, PLAIN, SCALAR, SEQ_START, STREAM,
    S_BLOCK_MAPPING_FIRST_KEY, S_BLOCK_MAPPING_KEY, S_BLOCK_MAPPING_VALUE, S_BLOCK_NODE,
    S_BLOCK_SEQUENCE_ENTRY, S_BLOCK_SEQUENCE_FIRST_ENTRY, S_DOCUMENT_CONTENT, S_DOCUMENT_END,
    S_DOCUMENT_START, S_END, S_FLOW_MAPPING_EMPTY_VALUE, S_FLOW_MAPPING_FIRST_KEY,
    S_FLOW_MAPPING_KEY, S_FLOW_MAPPING_VALUE, S_FLOW_SEQUENCE_ENTRY,
    S_FLOW_SEQUENCE_ENTRY_MAPPING_END, S_FLOW_SEQUENCE_ENTRY_MAPPING_KEY,
    S_FLOW_SEQUENCE_ENTRY_MAPPING_VALUE, S_FLOW_SEQUENCE_FIRST_ENTRY, S_IMPLICIT_DOCUMENT_START,
    S_INDENTLESS_SEQUENCE_ENTRY, T_ALIAS, T_ANCHOR, T_BLOCK_END, T_BLOCK_ENTRY,
    T_BLOCK_MAPPING_START, T_BLOCK_SEQUENCE_START, T_DOCUMENT_END, T_DOCUMENT_START, T_FLOW_ENTRY,
    T_FLOW_MAPPING_END, T_FLOW_MAPPING_START, T_FLOW_SEQUENCE_END, T_FLOW_SEQUENCE_START, T_KEY,
    T_SCALAR, T_STREAM_END, T_STREAM_START, T_TAG, T_TAG_DIRECTIVE, T_VALUE, T_VERSION_DIRECTIVE,
    _DEFAULT_TAG_DIRECTIVES
)
from podlint.goyaml._scalars import _Scalars


class _Parser(_Scalars):
    """The parser's state machine (parserc.go): tokens -> events."""

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

    def _open_flow(self, first: bool) -> tuple:
        """The next token of a flow collection, its opening bracket consumed (and marked) first."""
        if first:
            self.marks.append(self._peek()[1])
            self._skip()
        return self._peek()

    def _after_flow_entry(self, token: tuple, expected: str, context: str) -> tuple:
        """Past the ',' that must follow an entry of a flow collection (else go-yaml's error)."""
        if token[0] != T_FLOW_ENTRY:
            self._parser_error(expected, token[1], context, self.marks.pop())
        self._skip()
        return self._peek()

    def _parse_flow_sequence_entry(self, first: bool) -> tuple:
        token = self._open_flow(first)
        if token[0] != T_FLOW_SEQUENCE_END:
            if not first:
                token = self._after_flow_entry(token, "did not find expected ',' or ']'",
                                               "while parsing a flow sequence")
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
        token = self._open_flow(first)
        if token[0] != T_FLOW_MAPPING_END:
            if not first:
                token = self._after_flow_entry(token, "did not find expected ',' or '}'",
                                               "while parsing a flow mapping")
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

