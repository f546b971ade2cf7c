"""Field paths into a Kubernetes object: tuples of keys and list indices."""

from __future__ import annotations

import os
import re
from typing import Union

Key = Union[str, int]
_new_path = tuple.__new__

_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


class FieldPath(tuple):
    """An immutable path such as ("spec", "containers", 0, "image")."""

    __slots__ = ()

    def __new__(cls, parts: tuple[Key, ...] | list[Key] = ()) -> "FieldPath":
        return super().__new__(cls, tuple(parts))

    # tuple.__new__ directly: paths are built for every container and field a rule visits
    def __truediv__(self, key: Key) -> "FieldPath":
        return _new_path(FieldPath, (*self, key))

    def join(self, *keys: Key) -> "FieldPath":
        """Return this path extended by several keys."""
        return _new_path(FieldPath, (*self, *keys))

    @property
    def parent(self) -> "FieldPath":
        return FieldPath(self[:-1])

    def __str__(self) -> str:
        out: list[str] = []
        for part in self:
            if isinstance(part, int) and not isinstance(part, bool):
                out.append(f"[{part}]")
            elif _PLAIN_KEY.match(str(part)):
                out.append(f".{part}" if out else str(part))
            else:
                # map keys rendered as the API server does: resources.limits[cpu]
                out.append(f"[{part}]")
        return "".join(out)

    def __repr__(self) -> str:
        return f"FieldPath({str(self)!r})"


ROOT = FieldPath()


def posix(path: str) -> str:
    """A file path with "/" between folders: the separator of Windows becomes "/", while a
    backslash in a POSIX file name stays (it is part of the name there)."""
    return path.replace("\\", "/") if os.sep == "\\" else path
