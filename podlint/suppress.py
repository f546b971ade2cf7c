"""Suppressions: "# podlint: disable=..." comments and ignore.podlint.io/<ID> annotations.

Comments are found by scanning the file's text (the loader keeps no comments):

    image: busybox  # podlint: disable=PL103,init-container-liveness-probe   (this line)
    # podlint: disable=PL103                  (alone on its line: the next line of YAML)
    # podlint: disable-next-line=PL103        (the next line of YAML, wherever it stands)
    # podlint: disable-file                   (in the comments at the top: the whole file)

Without `=ids` a comment suppresses every rule. Annotations cover an object, or, on a pod
template's metadata, everything under that template:

    metadata:
      annotations:
        ignore.podlint.io/PL103: "the probe is dropped by our admission webhook"

Every suppression records whether it hid something, so the engine can report unused
ones (PW001).
"""

from __future__ import annotations

from typing import Callable, Iterable, Optional

from podlint.diagnostics import Diagnostic
from podlint.paths import FieldPath
from podlint.record import Record
from podlint import lazyre

ANNOTATION_PREFIX = "ignore.podlint.io/"
MARK = "podlint:"
_COMMENT = lazyre.compile(
    r"(?:^|(?<=\s))#\s*podlint:\s*(disable-next-line|disable-file|disable)(?![\w-])"
    r"(?:\s*=\s*([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*))?")
_CONTENT_FREE = lazyre.compile(r"^\s*(?:#.*)?$")
_HEADER_LINE = lazyre.compile(r"^\s*(?:#.*|---\s*|%.*)?$")


class Suppression(Record):
    """One comment or annotation: which rules (None: all) it hides, and which it did hide."""

    __slots__ = ("kind", "rules", "line", "column", "end_column", "lines", "misplaced", "document",
                 "scope", "key_path", "object_ref", "used")

    def __init__(self, kind: str, rules: Optional[tuple[str, ...]], line: int = 0, column: int = 0,
                 end_column: int = 0, lines: Optional[frozenset[int]] = frozenset(),
                 misplaced: bool = False, document: Optional[int] = None,
                 scope: Optional[FieldPath] = None, key_path: Optional[FieldPath] = None,
                 object_ref: Optional[str] = None, used: Optional[set[str]] = None) -> None:
        self.kind = kind  # "disable", "disable-next-line", "disable-file" or "annotation"
        self.rules = rules  # as written (ids or names); None: every rule
        # comments: where the comment is and the lines it covers (None: the whole file)
        self.line = line
        self.column = column
        self.end_column = end_column
        self.lines = lines
        self.misplaced = misplaced  # a disable-file below the top of the file: it has no effect
        # annotations: the document, the covered subtree and the annotation key's path
        self.document = document
        self.scope = scope
        self.key_path = key_path
        self.object_ref = object_ref
        self.used: set[str] = set() if used is None else used  # rule ids it hid ("*" when rules is None)

    def covers(self, d: Diagnostic) -> bool:
        if self.misplaced:
            return False
        if self.kind == "annotation":
            return (d.document == self.document and d.path is not None and self.scope is not None
                    and tuple(d.path[:len(self.scope)]) == tuple(self.scope))
        return self.lines is None or d.line in self.lines


def find_comments(text: str) -> list[Suppression]:
    """Every "# podlint: disable..." comment in `text`, with the lines it covers."""
    if MARK not in text:  # cheap: most files have none
        return []
    lines = text.splitlines()
    found: list[Suppression] = []
    in_header = True
    following: Optional[list[Optional[int]]] = None  # built on first need, for every line at once
    for number, line in enumerate(lines, start=1):
        match = _COMMENT.search(line) if MARK in line else None
        if match:
            kind, ids = match.group(1), match.group(2)
            rules = tuple(i.strip() for i in ids.split(",")) if ids else None
            hash_at = line.index("#", match.start())
            alone = not line[:hash_at].strip()
            item = Suppression(kind, rules, number, hash_at + 1, match.end() + 1)
            if kind == "disable-file":
                item.lines = None
                item.misplaced = not (in_header and alone)
            elif kind == "disable" and not alone:
                item.lines = frozenset((number,))
            else:
                if following is None:
                    following = _content_lines_after(lines)
                target = following[number]
                item.lines = frozenset((target,)) if target else frozenset()
            found.append(item)
        if in_header and not _HEADER_LINE.match(line):
            in_header = False
    return found


def _content_lines_after(lines: list[str]) -> list[Optional[int]]:
    """For every n in 0..len(lines), the first line after n (1-based) that is neither blank
    nor only a comment, or None: one backward pass (a forward scan per comment went over
    the same comment block again and again: quadratic in 20,000 comment lines in a row)."""
    out: list[Optional[int]] = [None] * (len(lines) + 1)
    target: Optional[int] = None
    for number in range(len(lines), 0, -1):
        out[number] = target
        if not _CONTENT_FREE.match(lines[number - 1]):
            target = number
    out[0] = target
    return out


def find_annotations(document: int, obj: dict, base: FieldPath,
                     template_paths: Iterable[FieldPath], object_ref: Optional[str]) -> list[Suppression]:
    """ignore.podlint.io/<rule> annotations on an object and on its pod templates."""
    found = _annotations_at(document, obj, base, base, object_ref)
    for template in template_paths:
        node = _lookup(obj, template[len(base):])
        if isinstance(node, dict):
            label = f"the pod template of {object_ref}" if object_ref else "this pod template"
            found.extend(_annotations_at(document, node, template, template, label))
    return found


def _annotations_at(document: int, holder: dict, holder_path: FieldPath, scope: FieldPath,
                    object_ref: Optional[str]) -> list[Suppression]:
    metadata = holder.get("metadata")
    annotations = metadata.get("annotations") if isinstance(metadata, dict) else None
    if not isinstance(annotations, dict):
        return []
    found = []
    for key in annotations:
        if isinstance(key, str) and key.startswith(ANNOTATION_PREFIX):
            rule = key[len(ANNOTATION_PREFIX):].strip()
            found.append(Suppression("annotation", (rule,), document=document, scope=scope,
                                     key_path=holder_path.join("metadata", "annotations", key),
                                     object_ref=object_ref))
    return found


def _lookup(obj: dict, keys: tuple) -> object:
    node: object = obj
    for key in keys:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def apply(diagnostics: list[Diagnostic], suppressions: list[Suppression],
          resolve: Callable[[str], Optional[str]]) -> tuple[list[Diagnostic], int]:
    """Drop the diagnostics a suppression covers; mark what each one hid.

    `resolve` turns an id or name as written into a rule id (None when no rule has it).
    Returns the diagnostics kept and the number hidden.
    """
    if not suppressions:
        return diagnostics, 0
    # each diagnostic is matched against the suppressions that can cover it, found by line,
    # by document and scope, or file-wide: not against all of them (suppressions x findings)
    by_line: dict[int, list[tuple[Suppression, Optional[set[str]]]]] = {}
    by_scope: dict[tuple, list[tuple[Suppression, Optional[set[str]]]]] = {}
    everywhere: list[tuple[Suppression, Optional[set[str]]]] = []
    for s in suppressions:
        if s.misplaced:
            continue  # covers nothing
        entry = (s, None if s.rules is None else {resolve(r) for r in s.rules} - {None})
        if s.kind == "annotation":
            if s.scope is not None:
                by_scope.setdefault((s.document, tuple(s.scope)), []).append(entry)
        elif s.lines is None:
            everywhere.append(entry)
        else:
            for line in s.lines:
                by_line.setdefault(line, []).append(entry)
    depths = sorted({len(scope) for _, scope in by_scope})
    kept = []
    hidden = 0
    for d in diagnostics:
        candidates = list(everywhere)
        candidates.extend(by_line.get(d.line, ()))
        if by_scope and d.path is not None:
            path = tuple(d.path)
            for depth in depths:
                if depth > len(path):
                    break
                candidates.extend(by_scope.get((d.document, path[:depth]), ()))
        hit = False
        for suppression, ids in candidates:
            if ids is None or d.rule_id in ids:
                suppression.used.add(d.rule_id if ids is not None else "*")
                hit = True
        if hit:
            hidden += 1
        else:
            kept.append(d)
    return kept, hidden


def unused(suppression: Suppression, resolve: Callable[[str], Optional[str]],
           ran: Callable[[str], bool]) -> list[str]:
    """Why `suppression` is (partly) unused: one message per problem, [] when all is well.

    `ran(rule_id)` tells whether the rule was checked here: a suppression of a rule that is
    not selected, or does not apply to this Kubernetes release, cannot be judged.
    """
    if suppression.kind == "disable-file":
        where = "in this file"
    elif suppression.kind == "annotation":
        where = f"in {suppression.object_ref or 'this object'}"
    else:
        where = f"on line {min(suppression.lines)}" if suppression.lines else "after it"
    if suppression.misplaced:
        return ['"# podlint: disable-file" has no effect here: '
                + "it must be in the comments at the top of the file"]
    if suppression.rules is None:
        return [] if suppression.used else [f"unused suppression: nothing to suppress {where}"]
    messages = []
    for written in suppression.rules:
        rule_id = resolve(written)
        if rule_id is None:
            messages.append(f'suppression names "{written}", which is not a rule id or name')
        elif rule_id not in suppression.used and ran(rule_id):
            messages.append(f'unused suppression of "{written}": no {rule_id} diagnostic {where}')
    return messages
