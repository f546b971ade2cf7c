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

from typing import Iterator

from podlint.goyaml._common import (ALIAS, DOC_END, DOC_START, END, MAP_START, S_END, SCALAR, SEQ_START,
                                    STREAM, GoYAMLError)
from podlint.goyaml._parser import _Parser

__all__ = ["GoYAMLError", "events", "SCALAR", "MAP_START", "SEQ_START", "END", "ALIAS",
           "DOC_START", "DOC_END", "STREAM"]


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
