"""Parse events as flat tuples, from wherever they come: libyaml (the fast path), go-yaml
(podlint.goyaml, where libyaml reads differently from kubectl) or JSON.

The builder (yaml_build.py) turns one document's events into a value and positions.
"""

from __future__ import annotations

import re
import _thread
from itertools import chain
from typing import Any, Iterator, Optional

class Failure(Exception):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column

class Refused(Failure):
    """The YAML parses, but kubectl cannot convert the document to JSON (null or
    unsupported map keys, .inf/.nan values, a merge of a non-mapping, bad !!binary):
    the document fails as a whole, whichever parser read it."""

def failure_from(err: Exception) -> Failure:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    problem = getattr(err, "problem", None) or str(err)
    context = getattr(err, "context", None)
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    if mark is None:
        return Failure(message, 0, 0)
    return Failure(message, mark.line, mark.column)

SCALAR, MAP_START, SEQ_START, END, ALIAS, DOC_START, DOC_END, STREAM = range(8)

def _scalar(anchor, tag, implicit, value, start, end, style=None, *_):
    return (SCALAR, value, tag, implicit, style, (start.line, start.column, end.line, end.column), anchor)

def _map_start(anchor, tag, implicit, start, *_):
    return (MAP_START, anchor, start.line, start.column)

def _seq_start(anchor, tag, implicit, start, *_):
    return (SEQ_START, anchor, start.line, start.column)

def _end(start, end, *_):
    return (END, end.line, end.column)

def _alias(anchor, start, *_):
    return (ALIAS, anchor, start.line, start.column)

def _doc_start(start, *_):
    return (DOC_START, start.line)

def _doc_end(*_):
    return (DOC_END,)

def _stream(*_):
    return (STREAM,)

_FACTORIES = {
    "ScalarEvent": _scalar, "MappingStartEvent": _map_start, "SequenceStartEvent": _seq_start,
    "MappingEndEvent": _end, "SequenceEndEvent": _end, "AliasEvent": _alias,
    "DocumentStartEvent": _doc_start, "DocumentEndEvent": _doc_end,
    "StreamStartEvent": _stream, "StreamEndEvent": _stream,
}

_PROBE = "a: &x [1, {b: !!str c}]\nd: *x\nf: 'g'\n---\n- e\n"

_PROBE_EVENTS = [
    (DOC_START, 0), (MAP_START, None, 0, 0), (SCALAR, "a", None, (True, False), "", (0, 0, 0, 1), None),
    (SEQ_START, "x", 0, 3), (SCALAR, "1", None, (True, False), "", (0, 7, 0, 8), None),
    (MAP_START, None, 0, 10), (SCALAR, "b", None, (True, False), "", (0, 11, 0, 12), None),
    (SCALAR, "c", "tag:yaml.org,2002:str", (False, False), "", (0, 14, 0, 21), None),
    (END, 0, 22), (END, 0, 23), (SCALAR, "d", None, (True, False), "", (1, 0, 1, 1), None),
    (ALIAS, "x", 1, 3), (SCALAR, "f", None, (True, False), "", (2, 0, 2, 1), None),
    (SCALAR, "g", None, (False, True), "'", (2, 3, 2, 6), None), (END, 3, 0), (DOC_END,),
    (DOC_START, 3), (SEQ_START, None, 4, 0), (SCALAR, "e", None, (True, False), "", (4, 2, 4, 3), None),
    (END, 5, 0), (DOC_END,),
]

_events_lock = _thread.allocate_lock()  # threading.Lock, without importing threading

_fast_module: Any = None  # the extension module whose globals the factories stand in for

_fast_checked = False

def libyaml_events(text: str) -> tuple[Iterator[tuple], list[Exception]]:
    """The events of a stream as tuples, pulled as they are consumed, and a list that
    receives the YAMLError that ends them early, if one does."""
    global _fast_module, _fast_checked
    if not _fast_checked:
        _fast_checked = True
        _fast_module = _extension_module()
        if _fast_module is not None:
            failure: list[Exception] = []
            try:
                probe = [e for e in _fast_events(_fast_module, _PROBE, failure) if e[0] != STREAM]
            except Exception:
                probe = None
            if failure or probe != _PROBE_EVENTS:
                _fast_module = None
    failure = []
    if _fast_module is not None:
        return _fast_events(_fast_module, text, failure), failure
    return _converted_events(text, failure), failure

def _extension_module() -> Any:
    """The module of ruamel.yaml's CParser, if it builds events from its own globals."""
    import sys

    from ruamel.yaml.cyaml import CParser

    module = sys.modules.get(CParser.__module__)
    if module is None or getattr(module, "CParser", None) is not CParser:
        return None
    if not all(hasattr(module, name) for name in _FACTORIES):
        return None
    return module

# events pulled per stand-in window: whole documents, at least this many (most files are
# one window; a big stream never holds more than about a document and this many events)
_BATCH_EVENTS = 20_000

def _fast_events(module: Any, text: str, failure: list[Exception]) -> Iterator[tuple]:
    """Events through the tuple factories, pulled a few documents at a time: the factories
    stand in only while a batch is pulled, and the stream is never held whole (chain runs
    through each batch in C: a generator resumed per event would cost more)."""
    return chain.from_iterable(_fast_batches(module, text, failure))

def _fast_batches(module: Any, text: str, failure: list[Exception]) -> Iterator[list[tuple]]:
    from ruamel.yaml.error import YAMLError

    names = module.__dict__
    parser = module.CParser(text)
    get_event = parser.get_event
    try:
        done = False
        while not done:
            batch: list[tuple] = []
            append = batch.append
            with _events_lock:
                originals = {name: names[name] for name in _FACTORIES}
                names.update(_FACTORIES)
                try:
                    while True:
                        event = get_event()
                        if event is None:
                            done = True
                            break
                        append(event)
                        if event[0] == DOC_END and len(batch) >= _BATCH_EVENTS:
                            break
                except YAMLError as err:
                    failure.append(err)
                    done = True
                finally:
                    names.update(originals)
            yield batch
    finally:
        parser.dispose()

def _converted_events(text: str, failure: list[Exception]) -> Iterator[tuple]:
    """The same tuples from the library's own event objects (slower; any ruamel.yaml)."""
    from ruamel.yaml import events as ev
    from ruamel.yaml.cyaml import CParser
    from ruamel.yaml.error import YAMLError

    factories = {getattr(ev, name): factory for name, factory in _FACTORIES.items()}
    parser = CParser(text)
    try:
        while True:
            try:
                event = parser.get_event()
            except YAMLError as err:
                failure.append(err)
                return
            if event is None:
                return
            yield _convert(event, factories)
    finally:
        parser.dispose()

def _convert(event: Any, factories: dict) -> tuple:
    factory = factories[type(event)]
    start, end = event.start_mark, event.end_mark
    if factory is _scalar:
        return _scalar(event.anchor, event.tag, event.implicit, event.value, start, end, event.style)
    if factory in (_map_start, _seq_start):
        return factory(event.anchor, event.tag, event.implicit, start)
    if factory is _alias:
        return _alias(event.anchor, start)
    if factory is _end:
        return _end(start, end)
    if factory is _doc_start:
        return _doc_start(start)
    return factory()

# Constructs where libyaml and go-yaml read the same text differently although libyaml
# raises no error: the "\/" escape (go-yaml refuses it), and directives and document-end
# markers (go-yaml reads only up to the first document). Such chunks go to go-yaml directly.
_GO_YAML_ONLY = re.compile(r"\n(?:%|\.\.\.)")

def needs_go_yaml(text: str) -> bool:
    return "\\/" in text or text.startswith(("%", "...")) or _GO_YAML_ONLY.search(text) is not None

_go_yaml: Any = None

def go_yaml_module() -> Any:
    global _go_yaml
    if _go_yaml is None:
        try:
            from podlint import goyaml
        except ImportError:  # pragma: no cover - the module ships with podlint
            goyaml = False
        _go_yaml = goyaml
    return _go_yaml or None

def go_yaml_events(text: str) -> Optional[tuple[Iterator[tuple], list[Exception]]]:
    """go-yaml's own events for a chunk (the slow, exact path), errors as Failure."""
    module = go_yaml_module()
    if module is None:
        return None

    def events() -> Iterator[tuple]:
        try:
            yield from module.events(text)
        except module.GoYAMLError as err:
            context = f" ({err.context})" if err.context else ""
            raise Failure(f"YAML syntax error: {err.problem}{context}", err.line, err.column) from None

    return events(), []

_JSON_TOKEN = re.compile(r'[ \t\r\n]*(?:([{}\[\]])|[:,]|("(?:[^"\\]|\\.)*")|([^\s{}\[\],:"]+))')

def json_events(text: str, start: int, end: int) -> Iterator[tuple]:
    """Parse events of a valid JSON value, with the marks libyaml would give."""
    import json

    line = text.count("\n", 0, start)
    line_start = text.rfind("\n", 0, start) + 1
    newline = text.find
    next_break = newline("\n", start)
    for match in _JSON_TOKEN.finditer(text, start, end):
        at = match.start(match.lastindex) if match.lastindex else match.end()
        while 0 <= next_break < at:
            line += 1
            line_start = next_break + 1
            next_break = newline("\n", line_start)
        column = at - line_start
        bracket, string, plain = match.group(1, 2, 3)
        if bracket is not None:
            if bracket == "{":
                yield (MAP_START, None, line, column)
            elif bracket == "[":
                yield (SEQ_START, None, line, column)
            else:
                yield (END, line, column + 1)
        elif string is not None:
            width = len(string)
            yield (SCALAR, json.loads(string), None, (False, True), '"',
                   (line, column, line, column + width), None)
        elif plain is not None:
            yield (SCALAR, plain, None, (True, False), "", (line, column, line, column + len(plain)), None)
    yield (DOC_END,)
