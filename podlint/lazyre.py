"""Regular expressions compiled on first use.

A check compiles about eighty patterns at import, 10 ms of a cold start in which most of
them are never used (the rule for sysctls, cron schedules, in-tree volume sources...).
compile() returns a stand-in that compiles the pattern the first time a method is asked
for, and keeps the compiled pattern's methods from then on.
"""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    __slots__ = ("_args", "__dict__")

    def __init__(self, *args: Any) -> None:
        self._args = args

    def __getattr__(self, name: str) -> Any:
        compiled = re.compile(*self._args)
        for method in ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer"):
            self.__dict__[method] = getattr(compiled, method)  # the next call is a plain lookup
        self.__dict__["pattern"] = compiled.pattern
        self.__dict__["flags"] = compiled.flags
        self.__dict__["groups"] = compiled.groups
        self.__dict__["groupindex"] = compiled.groupindex
        self.__dict__["compiled"] = compiled
        return getattr(compiled, name)


def compile(pattern: str, flags: int = 0) -> LazyPattern:  # noqa: A001 - mirrors re.compile
    return LazyPattern(pattern, flags)
