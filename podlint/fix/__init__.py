"""`podlint check --fix` and `--diff`: the diagnostics' text edits applied to the files checked.

Beside the pipeline, never imported by it. Each plain file named or found is read once,
checked with fixes on (Settings.fixes), and its fixes applied from the end of the text,
overlapping ones dropped (ruff's rule); the result is read again and must hold the same
documents, the same reading errors and the same values except at the fixed paths, else the
file is left alone. Fixes that uncover others (a new apiVersion, then its fields) are applied
in further rounds. A file is written atomically, keeping its mode, and only when its bytes
are still those that were read.
"""

from __future__ import annotations

import codecs
import json
import os
from typing import Any, Iterable, NamedTuple, Optional

from podlint.diagnostics import Diagnostic, Fix
from podlint.paths import FieldPath

ROUNDS = 10  # fixes that uncover fixes: at most this many passes over one file


class FileFix(NamedTuple):
    """One file's fixes: its text before and after, and how many diagnostics they fixed."""

    display: str  # how reports name the file
    path: str  # the file to write (links followed)
    raw: bytes  # the bytes read, to tell whether the file changed since
    before: str
    after: str
    fixed: int
    bom: bool  # the file starts with a UTF-8 byte order mark, kept when written


class Plan(NamedTuple):
    files: list[FileFix]  # files whose text the fixes change
    refused: list[str]  # why some file's fixes were not made

    @property
    def fixed(self) -> int:
        return sum(f.fixed for f in self.files)


def plan(paths: Iterable[str], settings: Any, unsafe: bool) -> Plan:
    """The fixes of every plain file under `paths` (not standard input, not rendered charts or
    kustomize trees: their text is not the file's)."""
    from podlint.checker import Checker
    from podlint.discover import STDIN, discover

    settings = settings._replace(fixes=True)
    checker = Checker(settings)
    files: list[FileFix] = []
    refused: list[str] = []
    for source in discover(paths, settings):
        if source.path == STDIN or source.unit is not None or source.skipped or source.problem:
            continue
        found = plan_file(checker, source.path, source.display, source.explicit, unsafe,
                          settings.max_file_size, refused)
        if found is not None:
            files.append(found)
    return Plan(files, refused)


def plan_file(checker: Any, path: str, display: str, explicit: bool, unsafe: bool,
              max_size: Optional[int], refused: list[str]) -> Optional[FileFix]:
    """One file's fixes, or None when it has none that can be made."""
    from podlint.load import load_bytes

    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError:
        return None  # the check reports it
    bom = raw.startswith(codecs.BOM_UTF8)
    try:
        text = raw[3:].decode("utf-8") if bom else raw.decode("utf-8")
    except UnicodeDecodeError:
        return None  # UTF-16 and the like: written back as read is more than a fix should risk
    loaded = load_bytes(raw, display, max_size)
    if loaded.unreadable:
        return None
    before, fixed = text, 0
    for _ in range(ROUNDS):
        diagnostics = checker.check(loaded, explicit).diagnostics
        chosen = [d for d in diagnostics if d.fix is not None and (d.fix.safe or unsafe)]
        if not chosen:
            break
        new_text, done = apply_fixes(text, chosen)
        if not done:
            break
        reloaded = load_bytes((codecs.BOM_UTF8 if bom else b"") + new_text.encode("utf-8"), display, max_size)
        if not same_except(loaded, reloaded, fixed_paths(done)):
            refused.append(f"{display}: a fix would change what the file means elsewhere; not fixed "
                           "(please report it)")
            break
        text, loaded, fixed = new_text, reloaded, fixed + len(done)
    if text == before:
        return None
    return FileFix(display, os.path.realpath(path), raw, before, text, fixed, bom)


def apply_fixes(text: str, diagnostics: list[Diagnostic]) -> tuple[str, list[Diagnostic]]:
    """The text with the diagnostics' fixes made, and the diagnostics fixed.

    Fixes are taken in order of where they start; one that overlaps a fix already taken is
    left for the next round. A fix identical to one taken (two findings, one repair) counts
    as made. Edits are made from the end of the text, so earlier offsets stay right.
    """
    from podlint.fixedits import line_starts

    starts = line_starts(text)
    ranged: list[tuple[int, int, Diagnostic, list[tuple[int, int, str]]]] = []
    for d in diagnostics:
        pieces = _offsets(d.fix, starts, len(text))
        if pieces:
            ranged.append((pieces[0][0], pieces[-1][1], d, pieces))
    ranged.sort(key=lambda item: (item[0], item[1]))
    taken: list[tuple[int, int, str]] = []
    made: set[tuple] = set()
    done: list[Diagnostic] = []
    for _, _, d, pieces in ranged:
        key = tuple(pieces)
        if key in made:
            done.append(d)
            continue
        if any(start < t_end and t_start < end or (start == end == t_start)
               for start, end, _ in pieces for t_start, t_end, _ in taken):
            continue
        taken.extend(pieces)
        made.add(key)
        done.append(d)
    for start, end, new in sorted(taken, reverse=True):
        text = text[:start] + new + text[end:]
    return text, done


def _offsets(fix: Fix, starts: list[int], size: int) -> list[tuple[int, int, str]]:
    """The fix's edits as (start, end, new text) offsets, sorted; [] when one falls outside."""
    pieces = []
    for edit in fix.edits:
        if not (0 < edit.line <= len(starts) and 0 < edit.end_line <= len(starts)) or "\n" in edit.new_text:
            return []
        start = starts[edit.line - 1] + edit.column - 1
        end = starts[edit.end_line - 1] + edit.end_column - 1
        if not 0 <= start <= end <= size:
            return []
        pieces.append((start, end, edit.new_text))
    return sorted(pieces)


def fixed_paths(diagnostics: list[Diagnostic]) -> set[tuple[Optional[int], FieldPath]]:
    """(document, field path) of every value the diagnostics' fixes change."""
    return {(d.document, path) for d in diagnostics if d.fix is not None for path in d.fix.paths}


def same_except(before: Any, after: Any, paths: set[tuple[Optional[int], FieldPath]]) -> bool:
    """Whether two readings of a file (LoadedFiles) hold the same documents and reading errors,
    the same values everywhere but at `paths` (what `podlint read` prints)."""
    from podlint.readcmd import entries

    old, new = entries(before), entries(after)
    if len(old) != len(new):
        return False
    for a, b in zip(old, new):
        if ("value" in a) != ("value" in b):
            return False
        if "value" not in a:
            if a != b:
                return False
            continue
        if a["document"] != b["document"]:
            return False
        skip = [path for document, path in paths if document == a["document"]]
        if _dumped(a["value"], skip) != _dumped(b["value"], skip):
            return False
    return True


def _dumped(value: Any, skip: list[FieldPath]) -> str:
    """The value as JSON text with the values at `skip` left out (NaN equal to itself)."""
    if skip:
        value = _without(value, skip)
    return json.dumps(value, ensure_ascii=False, default=repr)


def _without(value: Any, skip: list[FieldPath]) -> Any:
    """A copy of `value` with the entries at `skip` removed (a list item made null)."""
    import copy

    value = copy.deepcopy(value)
    for path in skip:
        node = value
        for part in path[:-1]:
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                node = None
                break
        if not path:
            return None
        last = path[-1]
        if isinstance(node, dict):
            node.pop(last, None)
        elif isinstance(node, list) and isinstance(last, int) and 0 <= last < len(node):
            node[last] = None
    return value


def unified_diff(fix: FileFix) -> str:
    """The fix as a unified diff (what `--diff` prints), lines shown escaped."""
    import difflib

    from podlint.terminal import visible

    lines = []
    old, new = (fix.display, fix.display) if os.path.isabs(fix.display) else (f"a/{fix.display}", f"b/{fix.display}")
    for line in difflib.unified_diff(_lines(fix.before), _lines(fix.after), old, new):
        if line.endswith("\n"):
            lines.append(visible(line[:-1]) + "\n")
        else:
            lines.append(visible(line) + "\n\\ No newline at end of file\n")
    return "".join(lines)


def _lines(text: str) -> list[str]:
    """Lines as the loader counts them (ending with "\\n"), their endings kept."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def write(fix: FileFix) -> Optional[str]:
    """Write one file's fixed text; None, or why it was not written."""
    from podlint.atomic import write_atomically

    try:
        with open(fix.path, "rb") as handle:
            now = handle.read()
        mode = os.stat(fix.path).st_mode & 0o7777
    except OSError as err:
        return f"cannot read {fix.display} again: {err.strerror or err}; not fixed"
    if now != fix.raw:
        return f"{fix.display} changed since it was read; not fixed"
    text = ("\ufeff" if fix.bom else "") + fix.after
    try:
        write_atomically(fix.path, lambda out: out.write(text), mode)
    except OSError as err:
        return f"cannot write {fix.display}: {err.strerror or err}; not fixed"
    return None
