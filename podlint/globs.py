"""Path globs for exclude and per-file-ignores: gitignore-like, relative to a base folder."""

from __future__ import annotations

import os
import re
from typing import Iterable


class GlobError(ValueError):
    """A glob that cannot be read (an empty or reversed class such as [z-a])."""


def glob_to_regex(pattern: str) -> "re.Pattern[str]":
    """A gitignore-like glob: * and ? stay within a folder, ** crosses folders, [...] classes.

    Each `*` that has another `*` after it takes the first place where what follows it fits,
    and keeps it (the atomic group CPython's fnmatch builds): `*a*a*a*a*b` against a long
    name without a "b" is linear, where the plain regex backtracks without end.
    """
    tokens: list[tuple[str, str]] = []  # ("star", ""), ("any", regex) or ("atom", regex)
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if pattern.startswith("**/", i):
            tokens.append(("any", "(?:.*/)?"))
            i += 3
        elif pattern.startswith("**", i):
            tokens.append(("any", ".*"))
            i += 2
        elif ch == "*":
            tokens.append(("star", ""))
            i += 1
        elif ch == "?":
            tokens.append(("atom", "[^/]"))
            i += 1
        elif ch == "[":
            end = pattern.find("]", i + 2 if pattern[i + 1:i + 2] in ("!", "]") else i + 1)
            if end == -1:
                tokens.append(("atom", re.escape(ch)))
                i += 1
            else:
                body = pattern[i + 1:end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                tokens.append(("atom", f"[{body.replace(chr(92), chr(92) * 2)}]"))
                i = end + 1
        else:
            tokens.append(("atom", re.escape(ch)))
            i += 1
    out: list[str] = []
    group = 0
    k = 0
    while k < len(tokens):
        kind, text = tokens[k]
        if kind != "star":
            out.append(text)
            k += 1
            continue
        chunk_end = k + 1
        while chunk_end < len(tokens) and tokens[chunk_end][0] == "atom":
            chunk_end += 1
        chunk = "".join(t for _, t in tokens[k + 1:chunk_end])
        if chunk_end < len(tokens) and chunk:  # more wildcards follow: take the first fit
            group += 1
            out.append(f"(?=(?P<g{group}>[^/]*?{chunk}))(?P=g{group})")
        else:
            out.append("[^/]*" + chunk)
        k = chunk_end
    try:
        return re.compile("".join(out) + r"\Z")
    except re.error as err:
        raise GlobError(f"bad glob {pattern!r}: {err}") from None


class PathMatcher:
    """Matches file paths against globs relative to `base`.

    A glob without a slash matches a file or folder name at any depth (`*.tmpl.yaml`,
    `vendor`); one with a slash is anchored at `base` (`charts/*/templates/**`). A glob that
    matches a folder matches everything in it.
    """

    def __init__(self, patterns: Iterable[str], base: str = ".") -> None:
        self.base = os.path.abspath(base)
        self.anchored: list[re.Pattern[str]] = []
        self.anywhere: list[re.Pattern[str]] = []
        for pattern in patterns:
            text = pattern.strip().replace("\\", "/")
            while text.startswith("./"):
                text = text[2:]
            text = text.rstrip("/")
            if not text:
                continue
            if "/" in text:
                self.anchored.append(glob_to_regex(text.lstrip("/")))
            else:
                self.anywhere.append(glob_to_regex(text))

    def __bool__(self) -> bool:
        return bool(self.anchored or self.anywhere)

    def matches(self, path: str) -> bool:
        for candidate in self._candidates(path):
            parts = candidate.split("/")
            if any(rx.match(part) for rx in self.anywhere for part in parts):
                return True
            prefixes = ["/".join(parts[:k]) for k in range(1, len(parts) + 1)]
            if any(rx.match(prefix) for rx in self.anchored for prefix in prefixes):
                return True
        return False

    def _candidates(self, path: str) -> list[str]:
        given = path.replace("\\", "/")
        while given.startswith("./"):
            given = given[2:]
        relative = os.path.relpath(os.path.abspath(path), self.base).replace("\\", "/")
        found = [relative] if not relative.startswith("../") else []
        if given not in found and not os.path.isabs(given):
            found.append(given)
        return found or [given]
