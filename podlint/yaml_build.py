"""One document's parse events -> its plain value, its position tree and its problems.

The value is what kubectl sends: go-yaml's values converted to JSON by sigs.k8s.io/yaml.
"""

from __future__ import annotations

import math
from typing import Any, Iterator, NamedTuple, Optional

from podlint.diagnostics import Span
from podlint.positions import Pos, bounds
from podlint.yaml11 import PLAIN_CACHE, PLAIN_CACHE_SIZE, key_text, resolve_plain, resolve_tagged
from podlint.yaml_events import (ALIAS, DOC_END, END, MAP_START, SCALAR, SEQ_START, Failure, Refused,
                                 failure_from)

MAX_DEPTH = 256

# Alias expansion budget: a document may expand to at most this many nodes beyond
# what it literally contains (a "billion laughs" document is refused, not walked).
MAX_ALIAS_EXPANSION = 200_000

YAML_RULE = "PL001"  # syntax errors, nesting and alias limits

DUPLICATE_RULE = "PL002"

class Problem(NamedTuple):
    """A defect found while reading: becomes a diagnostic of `rule_id` at `span`."""

    rule_id: str
    message: str
    span: Span
    document: Optional[int] = None

SKIP = object()  # an empty document: nothing to check, nothing to report

_NO_KEY = object()

def _non_finite(stack: list, event: tuple) -> None:
    """.inf and .nan are fine as keys (they become the strings), but JSON cannot hold them
    as values: kubectl fails the document."""
    if stack and stack[-1][2] and stack[-1][3] is _NO_KEY:
        return
    raise Refused(f"{event[1]} is not a number JSON can hold: kubectl cannot convert the document "
                   "(json: unsupported value)", event[5][0], event[5][1])

def build_document(stream: Iterator[tuple], start_event: tuple, failure: list[Exception],
                    text: str = "", json: bool = False) -> tuple[Any, Pos, list[Problem], bool]:
    """Consume one document's events and build (data, Pos tree, problems, has nulls).

    The data is what kubectl sends: go-yaml's values converted to JSON by sigs.k8s.io/yaml
    (a repeated key keeps its last value, merge keys apply in order, keys become strings).
    `json`: the events come from JSON, where repeated keys reach the API server."""
    plain_cache = PLAIN_CACHE
    problems: list[Problem] = []
    template_at: Optional[Pos] = None  # an unrendered {{ ... }} parsed as a mapping key
    anchors: dict[str, tuple[Any, Pos, int]] = {}
    expansion = 0
    # frame: [container, children, is_map, pending_key, key_at, line, column, anchor, size, merges]
    stack: list[list] = []
    root: Any = SKIP
    root_pos: Optional[Pos] = None
    too_deep = False
    nulls = False

    def add(value: Any, pos: Any, size: int, key_event: Optional[tuple] = None) -> None:
        nonlocal root, root_pos
        if not stack:
            root, root_pos = value, pos
            return
        frame = stack[-1]
        frame[8] += size
        if frame[2]:
            if frame[3] is _NO_KEY:
                # this node is a key
                if isinstance(value, (dict, list)):
                    nonlocal template_at
                    if not _text_at(text, pos, back=1).startswith("{{"):
                        raise Refused("a mapping key that is itself a mapping or a list: kubectl "
                                       "cannot convert it to JSON (invalid map key)", pos.line, pos.column)
                    template_at = template_at or pos
                    value = repr(value)
                frame[3] = value
                line, column = bounds(pos)[:2]
                frame[4] = (line, column, key_event)
                return
            key, (kline, kcol, kev) = frame[3], frame[4]
            frame[3] = _NO_KEY
            # a merge key is a plain, untagged "<<" or one tagged !!merge (kev: its event)
            if key == "<<" and kev is not None and (
                    (kev[2] is None and kev[3][0]) or kev[2] == "tag:yaml.org,2002:merge"):
                _merge(frame, value, pos, kline, kcol)
                return
            if key.__class__ is not str:
                try:
                    key = key_text(key, kev)
                except ValueError as err:
                    raise Refused(str(err), kline, kcol) from None
            container, children = frame[0], frame[1]
            if key in container and not (frame[9] and key in frame[9]):
                first = children[key]
                problems.append(Problem(DUPLICATE_RULE, _duplicate_message(key, first[0], json),
                                        Span(kline + 1, kcol + 1)))
            elif frame[9]:
                frame[9].discard(key)  # set here again: a later repeat is a duplicate
            container[key] = value
            children[key] = (kline, kcol, pos)
        else:
            frame[0].append(value)
            frame[1].append(pos)

    try:
        for event in stream:
            etype = event[0]
            if etype == SCALAR:
                tag = event[2]
                if tag is None and event[3][0] and not event[4]:
                    text_value = event[1]
                    value = plain_cache.get(text_value, _NO_KEY)
                    if value is _NO_KEY:
                        value = resolve_plain(text_value)
                        if value.__class__ is float and not math.isfinite(value):
                            _non_finite(stack, event)  # never cached: each use is judged
                        elif len(plain_cache) < PLAIN_CACHE_SIZE:
                            plain_cache[text_value] = value
                elif tag is None or tag == "!":
                    value = event[1]
                else:
                    try:
                        value = resolve_tagged(tag, event[1])
                    except ValueError as err:
                        raise Refused(str(err), event[5][0], event[5][1]) from None
                    if value.__class__ is float and not math.isfinite(value):
                        _non_finite(stack, event)
                if value is None:
                    nulls = True
                pos = event[5]
                if event[6]:
                    anchors[event[6]] = (value, pos, 1)
                # add() inlined for the two commonest cases (most nodes are scalars): a
                # scalar key, and a scalar in a list; the rest goes through add()
                if stack:
                    frame = stack[-1]
                    if frame[2]:
                        key = frame[3]
                        if key is _NO_KEY:
                            frame[8] += 1
                            frame[3] = value
                            frame[4] = (pos[0], pos[1], event)
                            continue
                        if type(key) is str and key != "<<":
                            container = frame[0]
                            if key not in container:
                                kline, kcol, _ = frame[4]
                                frame[8] += 1
                                frame[3] = _NO_KEY
                                container[key] = value
                                frame[1][key] = (kline, kcol, pos)
                                continue
                    else:
                        frame[8] += 1
                        frame[0].append(value)
                        frame[1].append(pos)
                        continue
                add(value, pos, 1, event)
            elif etype == END:
                frame = stack.pop()
                container, children = frame[0], frame[1]
                pos = Pos(frame[5], frame[6], event[1], event[2], children)
                if frame[7]:
                    anchors[frame[7]] = (container, pos, frame[8])
                # add() inlined for a container as a list item or as the value of a plain
                # string key seen once (nearly all); keys, merges and duplicates go through add()
                if stack:
                    parent = stack[-1]
                    if parent[2]:
                        key = parent[3]
                        if type(key) is str and key != "<<" and key not in parent[0]:
                            kline, kcol, _ = parent[4]
                            parent[8] += frame[8]
                            parent[3] = _NO_KEY
                            parent[0][key] = container
                            parent[1][key] = (kline, kcol, pos)
                            continue
                    else:
                        parent[8] += frame[8]
                        parent[0].append(container)
                        parent[1].append(pos)
                        continue
                add(container, pos, frame[8])
            elif etype == MAP_START or etype == SEQ_START:
                if len(stack) >= MAX_DEPTH:
                    too_deep = True
                    raise Failure(f"nesting deeper than {MAX_DEPTH} levels", event[2], event[3])
                if etype == MAP_START:
                    stack.append([{}, {}, True, _NO_KEY, None, event[2], event[3], event[1], 1, None])
                else:
                    stack.append([[], [], False, _NO_KEY, None, event[2], event[3], event[1], 1, None])
            elif etype == ALIAS:
                target = anchors.get(event[1])
                if target is None:  # libyaml reports undefined aliases itself; be safe
                    raise Failure(f'undefined alias "{event[1]}"', event[2], event[3])
                value, pos, size = target
                expansion += size
                if expansion > MAX_ALIAS_EXPANSION:
                    raise Failure(
                        f"aliases expand to more than {MAX_ALIAS_EXPANSION} nodes "
                        "(an alias bomb?); document not checked", event[2], event[3])
                add(value, pos, size, None)
            elif etype == DOC_END:
                if template_at is not None:
                    problems.append(Problem(
                        YAML_RULE, "unrendered template expression ({{ ... }}); render the chart "
                        "(helm template) or the template before checking it; document not checked",
                        Span(template_at.line + 1, _template_column(text, template_at))))
                    return SKIP, root_pos or Pos(start_event[1], 0, 0, 0), problems, False
                if root is SKIP or root is None:
                    if root_pos is not None and root_pos.__class__ is not Pos:
                        root_pos = Pos(*root_pos)
                    return SKIP, root_pos or Pos(start_event[1], 0, 0, 0), problems, False
                if root_pos.__class__ is not Pos:
                    root_pos = Pos(*root_pos)  # a scalar document: Document.pos is always a Pos
                return root, root_pos, problems, nulls
        # the events ran out inside the document: the parser stopped at a syntax error
        raise failure_from(failure[0]) if failure else Failure("unexpected end of stream", 0, 0)
    except Failure as failure:
        if failure.__class__ is Failure and (too_deep or "expand" in failure.message):
            _drain(stream, failure)
            problems.append(Problem(YAML_RULE, failure.message, Span(failure.line + 1, failure.column + 1)))
            return SKIP, Pos(start_event[1], 0, 0, 0), problems, False
        raise

def _template_column(text: str, pos: Pos) -> int:
    """1-based column of the '{{' that opens the template expression at `pos`."""
    return pos.column + (1 if _text_at(text, pos).startswith("{{") else 0)

def _text_at(text: str, pos: Pos, back: int = 0) -> str:
    """The source from `back` characters before a node's start to the end of its line."""
    start = 0
    for _ in range(pos.line):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    end = text.find("\n", start)
    return text[start + max(pos.column - back, 0):end if end >= 0 else len(text)]

def _drain(stream: Iterator[tuple], failure: list[Exception]) -> None:
    """Skip the rest of a refused document."""
    for event in stream:
        if event[0] == DOC_END:
            return
    if failure:
        raise failure_from(failure[0])

def _duplicate_message(key: str, first_line: int, json: bool) -> str:
    if json:
        return (f'duplicate key "{key}" (first defined at line {first_line + 1}); the API server\'s '
                "strict decoding rejects duplicate fields")
    return (f'duplicate key "{key}" (first defined at line {first_line + 1}); kubectl keeps only '
            "this last value, and the API server never sees the first")

def _merge(frame: list, value: Any, pos: Any, line: int, column: int) -> None:
    """A merge key, as go-yaml applies it: where it stands, over the keys set so far;
    of a list of mappings, the earlier ones win. Later keys of the mapping win over it."""
    if isinstance(value, dict):
        sources = [(value, pos)]
    elif isinstance(value, list) and all(isinstance(item, dict) for item in value):
        sources = list(zip(value, pos.children))[::-1]
    else:
        raise Refused("merge key (<<) needs a mapping or a list of mappings (kubectl: map merge "
                       "requires map or sequence of maps as the value)", line, column)
    container, children = frame[0], frame[1]
    merged = frame[9]
    if merged is None:
        merged = frame[9] = set()
    for source, source_pos in sources:
        for key, item in source.items():
            container[key] = item
            children[key] = source_pos.children[key]
            merged.add(key)
