"""Where each piece of a document stands in its file: a tree parallel to the plain value."""

from __future__ import annotations

from typing import Any, Optional

from podlint.diagnostics import Span
from podlint.paths import FieldPath

class Pos:
    """Position of one node, with the positions of its children (a parallel tree).

    A plain class with slots, not a dataclass: the loader makes one per node, and this
    is the cheapest object to build and read.
    """

    __slots__ = ("children", "column", "end_column", "end_line", "line")

    def __init__(self, line: int, column: int, end_line: int, end_column: int,
                 children: Any = None) -> None:
        self.line = line  # 0-based, as libyaml reports
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        # mapping: key -> (key line, key column, Pos of value); sequence: list of Pos
        self.children = children

    def __repr__(self) -> str:
        return (f"Pos(line={self.line!r}, column={self.column!r}, end_line={self.end_line!r}, "
                f"end_column={self.end_column!r}, children={self.children!r})")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Pos):
            return NotImplemented
        return (self.line, self.column, self.end_line, self.end_column, self.children) == (
            other.line, other.column, other.end_line, other.end_column, other.children)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaces

# A scalar's position is a plain tuple (line, column, end_line, end_column): most nodes
# are scalars, and a tuple is far cheaper to make than an object. Containers get a Pos.


def bounds(node: Any) -> tuple[int, int, int, int]:
    """(line, column, end_line, end_column) of a Pos or a scalar's position tuple."""
    if node.__class__ is Pos:
        return node.line, node.column, node.end_line, node.end_column
    return node

def shift(pos: Any, offset: int) -> Any:
    """The position tree moved down by `offset` lines (Pos nodes in place; leaves rebuilt)."""
    if not offset:
        return pos
    if pos.__class__ is not Pos:
        return (pos[0] + offset, pos[1], pos[2] + offset, pos[3])
    stack = [pos]
    while stack:
        node = stack.pop()
        node.line += offset
        node.end_line += offset
        children = node.children
        if isinstance(children, dict):
            for key, (kline, kcol, child) in list(children.items()):
                if child.__class__ is Pos:
                    stack.append(child)
                else:
                    child = (child[0] + offset, child[1], child[2] + offset, child[3])
                children[key] = (kline + offset, kcol, child)
        elif isinstance(children, list):
            for i, child in enumerate(children):
                if child.__class__ is Pos:
                    stack.append(child)
                else:
                    children[i] = (child[0] + offset, child[1], child[2] + offset, child[3])
    return pos


def span_of(root: Pos, path: FieldPath, on_key: bool = True) -> Span:
    """1-based position of the deepest node of `path` that exists in the source: its key
    (on_key) or its value; where the path goes deeper than the source, the key of the last
    node found."""
    node = root
    key_at: Optional[tuple[int, int]] = None
    for part in path:
        children = node.children if node.__class__ is Pos else None
        if isinstance(children, dict) and not isinstance(part, int) and part in children:
            kline, kcol, child = children[part]
            key_at = (kline, kcol)
            node = child
        elif isinstance(children, list) and isinstance(part, int) and 0 <= part < len(children):
            node = children[part]
            key_at = None
        else:
            break
    else:
        line, column, end_line, end_column = bounds(node)
        if on_key and key_at is not None:
            return Span(key_at[0] + 1, key_at[1] + 1, end_line + 1, end_column + 1)
        return Span(line + 1, column + 1, end_line + 1, end_column + 1)
    line, column, end_line, end_column = bounds(node)
    # path goes deeper than the source: point at the key of the last node found
    if key_at is not None:
        return Span(key_at[0] + 1, key_at[1] + 1, end_line + 1, end_column + 1)
    return Span(line + 1, column + 1, end_line + 1, end_column + 1)
