"""Third-party rules from the `podlint.rules` entry-point group.

importlib.metadata costs ~70 ms to import, too much for a pre-commit hook, so this
reads the installed distributions' entry_points.txt files directly (same format).
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Iterator

from podlint.model import Rule

GROUP = "podlint.rules"


class PluginError(Exception):
    """A third-party rule could not be loaded (reported, exit code 2)."""


def _entry_points() -> Iterator[tuple[str, str]]:
    seen: set[str] = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            dist = name.split("-", 1)[0].lower()
            if dist in seen:
                continue
            seen.add(dist)
            path = os.path.join(entry or ".", name, "entry_points.txt")
            try:
                with open(path, encoding="utf-8") as handle:
                    text = handle.read()
            except OSError:
                continue
            if f"[{GROUP}]" in text:
                yield from _parse_group(text)


def _parse_group(text: str) -> Iterator[tuple[str, str]]:
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]").strip()
        elif section == GROUP and "=" in line:
            name, target = (part.strip() for part in line.split("=", 1))
            yield name, target


def _load(target: str) -> list[Rule]:
    module_name, _, attr = target.partition(":")
    obj = importlib.import_module(module_name.strip())
    for part in filter(None, attr.strip().split(".")):
        obj = getattr(obj, part)
    if isinstance(obj, Rule):
        return [obj]
    if isinstance(obj, (list, tuple)):
        return [r for r in obj if isinstance(r, Rule)]
    rule = getattr(obj, "RULE", None)  # a module like the built-in ones
    if isinstance(rule, Rule):
        check = getattr(obj, "check", None)
        return [rule._replace(check=rule.check or check)]
    raise TypeError(f"entry point {target!r} is not a podlint Rule or rule module")


def plugin_rules() -> list[Rule]:
    rules: list[Rule] = []
    for name, target in _entry_points():
        try:
            rules.extend(_load(target))
        except Exception as err:  # a broken plugin must not become a traceback
            raise PluginError(f"rule plugin {name!r} ({target}) failed to load: "
                              f"{type(err).__name__}: {err}") from err
    return rules
