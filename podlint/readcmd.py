"""`podlint read`: each document as kubectl would send it, one JSON object per line.

It prints the values the rules see: YAML read as sigs.k8s.io/yaml reads it (YAML 1.1
booleans and octals, merge keys, a repeated key's last value), or, where kubectl would
stop, the error and its position. Nothing is validated.
"""

from __future__ import annotations

import json
import sys
from typing import IO, Iterable, Optional

from podlint.load import UNREADABLE_RULE, YAML_RULE, LoadedFile

_ERRORS = (YAML_RULE, UNREADABLE_RULE)


def entries(loaded: LoadedFile) -> list[dict]:
    """The file's documents and reading errors, in the order they stand in the file."""
    found = []
    for document in loaded.documents:
        found.append((document.pos.line, 0, {"file": loaded.file, "document": document.index,
                                             "value": document.data}))
    for problem in loaded.problems:
        if problem.rule_id in _ERRORS:
            found.append((problem.span.line - 1, 1, {
                "file": loaded.file, "document": problem.document, "error": problem.message,
                "line": problem.span.line, "column": problem.span.column}))
    found.sort(key=lambda entry: entry[:2])
    return [entry for *_, entry in found]


def run_read(paths: Iterable[str], stdin_filename: str, out: Optional[IO[str]] = None) -> int:
    """Print every document of `paths`; 1 when some could not be read as kubectl reads them."""
    from podlint import engine
    from podlint.load import load_bytes, load_file

    settings = engine.Settings(stdin_filename=stdin_filename)
    out = out or sys.stdout
    status = 0
    for source in engine.discover(paths, settings):
        if source.path == engine.STDIN:
            loaded = load_bytes(sys.stdin.buffer.read(), source.display, settings.max_file_size)
        else:
            loaded = load_file(source.path, source.display, settings.max_file_size)
        for entry in entries(loaded):
            out.write(json.dumps(entry, ensure_ascii=False) + "\n")
            if "error" in entry:
                status = 1
    return status
