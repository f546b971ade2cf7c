"""A finding's fix intent (value terms) -> text edits at the document's positions.

Rules never see text: they say "rename this key", "make this scalar that value", "quote this
scalar". Here the key's or the value's own characters, found at the positions the loader
recorded, become the edit, and nothing else is touched (comments, quoting style, indentation
and the other lines stay as they are). An intent whose text is not where and what the
positions say (an anchor, a block scalar, a key spelt in escapes) gets no edit.
"""

from __future__ import annotations

import json
from typing import Any, Optional

from podlint.diagnostics import Edit, Fix, FixIntent
from podlint.paths import FieldPath
from podlint.positions import Pos

# plain words YAML 1.1 (as Kubernetes reads it) would not read as strings
_NOT_STRINGS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", ""}
_PLAIN_SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./-_")
_AFTER_PLAIN_KEY = set(": \t")


def line_starts(text: str) -> list[int]:
    """The offset of each line's first character (lines end with "\\n", as the loader counts)."""
    starts = [0]
    at = text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def fix_for(intent: FixIntent, path: FieldPath, pos: Pos, data: Any, text: str,
            starts: list[int]) -> Optional[Fix]:
    """The Fix that carries out `intent` at `path`, or None where the text is not plain enough."""
    path = intent.path if intent.path is not None else path
    found = _locate(pos, path)
    if found is None:
        return None
    key_at, node = found
    if intent.action == "rename-key":
        return _rename(intent, path, key_at, data, text, starts)
    if node.__class__ is Pos:
        return None  # a mapping or a list: only scalars are replaced
    line, column, end_line, end_column = node
    if line != end_line or not (0 <= line < len(starts)):
        return None  # a scalar over several lines: folded, escaped, not ours to rewrite
    start, end = starts[line] + column, starts[line] + end_column
    old = text[start:end]
    if not old or "\n" in old or "#" in old and old[0] not in "\"'":
        return None
    current = _value_at(data, path)
    if intent.action == "quote":
        if old[0] in "\"'!&*|>{[" or not isinstance(current, (bool, int, float)):
            return None
        new = json.dumps(old, ensure_ascii=False)
    elif intent.action == "replace":
        new = _written(intent.value, old)
        if new is None or not _reads_as(old, current):
            return None
    else:
        return None
    edit = Edit(line + 1, column + 1, end_line + 1, end_column + 1, new)
    return Fix(intent.description, (edit,), intent.safe, (path,))


def _rename(intent: FixIntent, path: FieldPath, key_at: Optional[tuple[int, int]], data: Any,
            text: str, starts: list[int]) -> Optional[Fix]:
    old_key, new_key = path[-1], intent.value
    if key_at is None or not isinstance(old_key, str) or not isinstance(new_key, str):
        return None
    if not new_key or not set(new_key) <= _PLAIN_SAFE or not set(old_key) <= _PLAIN_SAFE:
        return None
    parent = _value_at(data, path.parent)
    if not isinstance(parent, dict) or new_key in parent:
        return None  # the new key is there already: two keys of one name
    line, column = key_at
    if not 0 <= line < len(starts):
        return None
    start = starts[line] + column
    after = text[start + len(old_key):start + len(old_key) + 1]
    if text.startswith(old_key, start) and after and after in _AFTER_PLAIN_KEY:
        begin = column
    elif text[start:start + 1] in ("'", '"') and text.startswith(text[start] + old_key + text[start], start):
        begin = column + 1  # the quotes stay; only the name inside changes
    else:
        return None
    edit = Edit(line + 1, begin + 1, line + 1, begin + 1 + len(old_key), new_key)
    return Fix(intent.description, (edit,), intent.safe, (path, path.parent / new_key))


def _locate(pos: Any, path: FieldPath) -> Optional[tuple[Optional[tuple[int, int]], Any]]:
    """(the key's (line, column) or None for a list item, the value's position) at exactly `path`."""
    node, key_at = pos, None
    for part in path:
        children = node.children if node.__class__ is Pos else None
        if isinstance(children, dict) and not isinstance(part, int) and part in children:
            kline, kcol, node = children[part]
            key_at = (kline, kcol)
        elif isinstance(children, list) and isinstance(part, int) and 0 <= part < len(children):
            node, key_at = children[part], None
        else:
            return None
    return key_at, node


def _value_at(data: Any, path: FieldPath) -> Any:
    for part in path:
        if isinstance(data, dict) and not isinstance(part, int):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _written(value: Any, old: str) -> Optional[str]:
    """`value` as the scalar's new text: a number plain; a string in the old text's quotes."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):
        return None
    if old[0] == '"':
        return json.dumps(value, ensure_ascii=False)
    if old[0] == "'":
        return "'" + value.replace("'", "''") + "'"
    if old[0] in "!&*|>{[":
        return None
    if set(value) <= _PLAIN_SAFE and value.lower() not in _NOT_STRINGS and not value[0].isdigit() \
            and value[0] not in "-.":
        return value
    return json.dumps(value, ensure_ascii=False)


def _reads_as(old: str, current: Any) -> bool:
    """Whether the scalar's text is the value the document holds (the positions are right)."""
    if old[0] == '"':
        try:
            return json.loads(old) == current
        except ValueError:
            return False
    if old[0] == "'":
        return len(old) >= 2 and old[-1] == "'" and old[1:-1].replace("''", "'") == current
    if isinstance(current, str):
        return old == current
    if isinstance(current, bool) or current is None:
        return False
    if isinstance(current, int):
        return old.lstrip("+") == str(current)
    return False
