"""Config -> Selection: which rules run, globally and per file, and at what severity.

Rules are selected by id, prefix (PL3) or name; the longest matching prefix wins and a tie
goes to ignore, as in flake8's DecisionEngine (src/flake8/style_guide.py).
"""

from __future__ import annotations

from typing import Iterable, NamedTuple, Optional, Sequence

from podlint.config import ALL, Config, ConfigError, closest
from podlint.diagnostics import Severity
from podlint.globs import PathMatcher


class RuleRef(NamedTuple):
    """The rules a selector may name: id and name of each."""

    id: str
    name: str

class Selection:
    """Which rules run (globally and per file) and at what severity."""

    def __init__(self, config: Config, rules: Iterable[RuleRef]) -> None:
        self.config = config
        self.rules = list(rules)
        self.names = {r.name: r.id for r in self.rules}
        self.ids = {r.id for r in self.rules}
        select = config.select if config.select is not None else (ALL,)
        self.select = [self._resolve("select", s) for s in (*select, *config.extend_select)]
        self.ignore = [self._resolve("ignore", s) for s in config.ignore]
        self.severities = [(self._resolve("severity", s), level) for s, level in config.severity]
        self.per_file = [(PathMatcher((glob,), config.base),
                          [self._resolve("per-file-ignores", s) for s in selectors])
                         for glob, selectors in config.per_file_ignores]
        self._file_cache: dict[str, tuple[str, ...]] = {}

    def _resolve(self, key: str, selector: str) -> str:
        """A selector as an id prefix: a name becomes its id; an unknown one is an error."""
        text = selector.strip()
        if text.upper() == ALL:
            return ""
        if text in self.names:
            return self.names[text]
        prefix = text.upper()
        if prefix and any(rid.startswith(prefix) for rid in self.ids):
            return prefix
        origin, line = self.config.where(key, selector)
        hint = closest(text, list(self.names))
        raise ConfigError(f'"{selector}" in {key} is not a rule id, prefix or name'
                          + (f'; did you mean "{hint}"?' if hint else ""), origin, line)

    @staticmethod
    def _decide(rule_id: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
        chosen = max((len(p) for p in select if rule_id.startswith(p)), default=None)
        if chosen is None:
            return False
        dropped = max((len(p) for p in ignore if rule_id.startswith(p)), default=None)
        return dropped is None or chosen > dropped

    def selected(self, rule_id: str) -> bool:
        """Selected before per-file ignores."""
        return self._decide(rule_id, self.select, self.ignore)

    def selected_in(self, rule_id: str, file: str) -> bool:
        """Selected for diagnostics in `file`, per-file-ignores applied."""
        extra = self._file_cache.get(file)
        if extra is None:
            extra = tuple(p for matcher, prefixes in self.per_file if matcher.matches(file)
                          for p in prefixes)
            self._file_cache[file] = extra
        if not extra:
            return self.selected(rule_id)
        return self._decide(rule_id, self.select, (*self.ignore, *extra))

    def severity(self, rule_id: str) -> Optional[Severity]:
        """The configured severity of `rule_id` (longest matching selector), or None."""
        best: Optional[tuple[int, Severity]] = None
        for prefix, level in self.severities:
            if rule_id.startswith(prefix) and (best is None or len(prefix) >= best[0]):
                best = (len(prefix), level)
        return best[1] if best else None

def build_selection(config: Config, rules: Sequence[RuleRef]) -> Optional[Selection]:
    """The Selection `config` asks for; None when it keeps every rule as it is."""
    if (config.select is None and not config.ignore and not config.extend_select
            and not config.severity and not config.per_file_ignores):
        return None
    selection = Selection(config, rules)
    if not any(selection.selected(r.id) for r in rules):
        origin, line = config.where("select") if config.select is not None else config.where("ignore")
        raise ConfigError("this selection leaves no rule to check", origin, line)
    return selection
