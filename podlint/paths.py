"""Field paths into a Kubernetes object: tuples of keys and list indices."""

from __future__ import annotations

import os
import re
from typing import Optional, Union

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


_TOPS: dict[str, Optional[str]] = {}


def git_top(folder: str) -> Optional[str]:
    """The first folder at or above `folder` that holds .git (cached per folder), or None."""
    walked = []
    found: Optional[str] = None
    while True:
        if folder in _TOPS:
            found = _TOPS[folder]
            break
        walked.append(folder)
        if os.path.exists(os.path.join(folder, ".git")):
            found = folder
            break
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    for each in walked:
        _TOPS[each] = found
    return found


def repository_root(name: Optional[str] = None) -> str:
    """The folder a file's fingerprint names it from: the git top level above the file (or,
    with no file, above the working directory), else the working directory itself."""
    here = os.getcwd()
    folder = os.path.dirname(os.path.abspath(name)) if name and not name.startswith("<") else here
    return git_top(folder) or here


def from_root(name: str, root: str) -> str:
    """A reported file name (relative to the working directory, or absolute) as a POSIX path
    relative to `root` when the file is inside it, else absolute."""
    if name.startswith("<"):  # <stdin>
        return name
    full = os.path.abspath(name)
    if full == root or full.startswith(root.rstrip(os.sep) + os.sep):
        full = os.path.relpath(full, root)
    return posix(full)


def posix(path: str) -> str:
    """A file path with "/" between folders: the separator of Windows becomes "/", while a
    backslash in a POSIX file name stays (it is part of the name there)."""
    return path.replace("\\", "/") if os.sep == "\\" else path
