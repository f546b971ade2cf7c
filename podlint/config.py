"""[tool.podlint] in pyproject.toml or .podlint.toml -> Config, and Config -> Selection.

Strict: an unknown key or a bad value is a ConfigError naming the file and line (exit 2).
Rules are selected by id, prefix (PL3) or name; the longest matching prefix wins and a tie
goes to ignore, as in flake8's DecisionEngine (src/flake8/style_guide.py).
"""

from __future__ import annotations

import os
import re
from typing import Any, Iterable, Mapping, NamedTuple, Optional, Sequence

from podlint.diagnostics import Severity

CONFIG_FILE = ".podlint.toml"
PYPROJECT = "pyproject.toml"
TABLE = ("tool", "podlint")
KEYS = ("kubernetes-version", "feature-gates", "select", "ignore", "extend-select", "severity",
        "exclude", "per-file-ignores", "fail-on")
LEVELS = ("error", "warning", "info")
ALL = "ALL"  # selects every rule, like ruff's ALL


class ConfigError(Exception):
    """A configuration problem: `origin` is a file (with `line`) or a command-line option."""

    def __init__(self, message: str, origin: Optional[str] = None, line: Optional[int] = None) -> None:
        super().__init__(message)
        self.message, self.origin, self.line = message, origin, line

    def __str__(self) -> str:
        where = self.origin or ""
        if self.origin and self.line:
            where += f":{self.line}"
        return f"{where}: {self.message}" if where else self.message


class Config(NamedTuple):
    """The settings of one configuration file, possibly overridden from the command line."""

    file: Optional[str] = None  # where it was read; None when no file was used
    base: str = "."  # folder that exclude and per-file-ignores globs are relative to
    kubernetes_version: Optional[str] = None
    feature_gates: tuple[tuple[str, bool], ...] = ()  # the cluster's --feature-gates
    select: Optional[tuple[str, ...]] = None  # None: every rule
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: Severity = Severity.ERROR
    # "key" or "key\0value" -> (origin, line): where a value came from, for error messages
    origins: Optional[Mapping[str, tuple[str, Optional[int]]]] = None  # None: none recorded

    def where(self, key: str, value: Optional[str] = None) -> tuple[Optional[str], Optional[int]]:
        origins = self.origins or {}
        found = origins.get(f"{key}\0{value}") if value is not None else None
        return found or origins.get(key) or (self.file, None)

    def override(self, option: str, **changes: Any) -> "Config":
        """This config with values from command-line `option` (recorded as their origin)."""
        origins = dict(self.origins or {})
        for name, value in changes.items():
            key = name.replace("_", "-")
            origins[key] = (option, None)
            items = value if isinstance(value, tuple) else ()
            for item in items:
                if key == "per-file-ignores":  # (glob, selectors): errors name a selector
                    texts = item[1]
                else:
                    texts = (item[0] if isinstance(item, tuple) else item,)
                for text in texts:
                    origins[f"{key}\0{text}"] = (option, None)
        return self._replace(origins=origins, **changes)


def with_options(config: Config, *, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
                 extend_select: tuple[str, ...] = (), severity: tuple[tuple[str, Severity], ...] = (),
                 exclude: tuple[str, ...] = (), per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = (),
                 fail_on: Optional[str] = None) -> Config:
    """`config` with command-line options on top: --select replaces, the other lists add."""
    if select:
        config = config.override("--select", select=select)
    if ignore:
        config = config.override("--ignore", ignore=config.ignore + ignore)
    if extend_select:
        config = config.override("--extend-select", extend_select=config.extend_select + extend_select)
    if severity:
        config = config.override("--severity", severity=config.severity + severity)
    if per_file_ignores:
        # command-line globs are relative to the working directory, the file's to its folder
        config = config.override("--per-file-ignores", per_file_ignores=config.per_file_ignores + tuple(
            (_rebase(glob, config.base), ids) for glob, ids in per_file_ignores))
    if exclude:
        config = config.override("--exclude", exclude=config.exclude + tuple(
            _rebase(glob, config.base) for glob in exclude))
    if fail_on:
        config = config.override("--fail-on", fail_on=Severity.parse(fail_on))
    return config


def _rebase(glob: str, base: str) -> str:
    """A glob relative to the working directory, made relative to `base`."""
    here = os.path.abspath(os.getcwd())
    text = glob.replace("\\", "/")
    if os.path.abspath(base) == here or ("/" not in text.strip("/") and not text.startswith("/")):
        return glob  # the same folder, or a name that matches at any depth
    prefix = os.path.relpath(here, base).replace(os.sep, "/")
    if prefix.startswith(".."):
        return glob
    while text.startswith("./"):
        text = text[2:]
    return f"{prefix}/{text.lstrip('/')}"


# -- finding and reading -----------------------------------------------------------------

def find_config(start: Optional[str] = None) -> Optional[str]:
    """The nearest .podlint.toml, or pyproject.toml with [tool.podlint], from `start` upwards."""
    folder = os.path.abspath(start or os.getcwd())
    while True:
        candidate = os.path.join(folder, CONFIG_FILE)
        if os.path.isfile(candidate):
            return candidate
        candidate = os.path.join(folder, PYPROJECT)
        if os.path.isfile(candidate) and _has_podlint_table(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_podlint_table(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return False
    if "podlint" not in text:  # cheap: most pyproject.toml files never mention it
        return False
    try:
        data = _parse_toml(text, path)
    except ConfigError:
        return True  # it means to configure podlint: report its syntax error
    return isinstance(data.get("tool"), dict) and "podlint" in data["tool"]


def load_config(path: Optional[str] = None, isolated: bool = False) -> Config:
    """Read `path`, or the file find_config() finds; defaults when isolated or none exists."""
    if isolated:
        return Config()
    if path is None:
        path = find_config()
        if path is None:
            return Config()
    display = _display(path)
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as err:
        raise ConfigError(f"cannot read configuration: {err.strerror or err}", display) from None
    except UnicodeDecodeError:
        raise ConfigError("configuration is not UTF-8 text", display) from None
    data = _parse_toml(text, display)
    prefix: tuple[str, ...] = ()
    if os.path.basename(path) == PYPROJECT:
        tool = data.get("tool")
        table = tool.get("podlint") if isinstance(tool, dict) else None
        if table is None:
            raise ConfigError("no [tool.podlint] table", display)
        data, prefix = table, TABLE
    return parse_config(data, text, display, prefix, os.path.dirname(os.path.abspath(path)))


def _display(path: str) -> str:
    relative = os.path.relpath(os.path.abspath(path))
    return path if relative.startswith("..") else relative


def _parse_toml(text: str, origin: str) -> dict:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        match = re.search(r"\(at line (\d+), column \d+\)", str(err))
        line = int(match.group(1)) if match else None
        if line is None and "end of document" in str(err):
            line = max(text.count("\n") + (0 if text.endswith("\n") else 1), 1)
        message = re.sub(r"\s*\((?:at line \d+, column \d+|at end of document)\)", "", str(err))
        raise ConfigError(f"invalid TOML: {message}", origin, line) from None


# -- validation --------------------------------------------------------------------------

def parse_config(data: Any, text: str, origin: str, prefix: tuple[str, ...] = (),
                 base: str = ".") -> Config:
    """Check every key and value of a podlint table; the first problem is a ConfigError."""
    lines = _KeyLines(text, prefix)

    def fail(message: str, *path: str) -> ConfigError:
        return ConfigError(message, origin, lines.find(path))

    if not isinstance(data, dict):
        raise fail("[tool.podlint] must be a table")
    origins: dict[str, tuple[str, Optional[int]]] = {}
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in KEYS:
            hint = _close(key, KEYS)
            raise fail(f'unknown key "{key}"' + (f'; did you mean "{hint}"?' if hint else
                                                  f"; known keys: {', '.join(KEYS)}"), key)
        origins[key] = (origin, lines.find((key,)))
        if key == "kubernetes-version":
            if not isinstance(value, str):
                raise fail('"kubernetes-version" must be a string such as "1.33"', key)
            from podlint.versions import KubeVersion, UnsupportedVersion

            try:
                KubeVersion.parse(value)
            except UnsupportedVersion as err:
                raise fail(f'"kubernetes-version": {err}', key) from None
            values["kubernetes_version"] = value
        elif key == "feature-gates":
            if not isinstance(value, dict) or not all(isinstance(v, bool) for v in value.values()):
                raise fail('"feature-gates" must be a table of gate name = true or false', key)
            values["feature_gates"] = tuple((str(name), on) for name, on in value.items())
        elif key in ("select", "ignore", "extend-select", "exclude"):
            items = _strings(value)
            if items is None:
                what = "globs" if key == "exclude" else "rule ids, prefixes or names"
                raise fail(f'"{key}" must be a list of strings ({what})', key)
            for item in items:
                origins[f"{key}\0{item}"] = (origin, lines.find((key,), item))
            values[key.replace("-", "_")] = items
        elif key == "severity":
            if not isinstance(value, dict):
                raise fail('"severity" must be a table of rule selector = "error", "warning" or "info"', key)
            pairs = []
            for selector, level in value.items():
                if not isinstance(level, str) or level.lower() not in LEVELS:
                    raise fail(f'severity of "{selector}" must be "error", "warning" or "info", '
                               f"not {level!r}", key, selector)
                origins[f"severity\0{selector}"] = (origin, lines.find((key, selector)))
                pairs.append((selector, Severity.parse(level)))
            values["severity"] = tuple(pairs)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise fail('"per-file-ignores" must be a table of glob = [rule selectors]', key)
            pairs = []
            for glob, selectors in value.items():
                items = _strings(selectors)
                if items is None:
                    raise fail(f'per-file-ignores for "{glob}" must be a list of rule ids, prefixes '
                               "or names", key, glob)
                line = lines.find((key, glob))
                for item in items:
                    origins[f"per-file-ignores\0{item}"] = (origin, line)
                pairs.append((glob, items))
            values["per_file_ignores"] = tuple(pairs)
        elif key == "fail-on":
            if not isinstance(value, str) or value.lower() not in LEVELS:
                raise fail(f'"fail-on" must be "error", "warning" or "info", not {value!r}', key)
            values["fail_on"] = Severity.parse(value)
    return Config(file=origin, base=base, origins=origins, **values)


def _strings(value: Any) -> Optional[tuple[str, ...]]:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value)
    return None


def _close(word: str, choices: Sequence[str]) -> Optional[str]:
    import difflib

    found = difflib.get_close_matches(word.replace("_", "-"), choices, n=1, cutoff=0.6)
    return found[0] if found else None


class _KeyLines:
    """Line numbers of keys in TOML text, found by scanning it (tomllib keeps no positions)."""

    _HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
    _PART = r"""(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)"""
    _KEY = re.compile(rf"^\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=")

    def __init__(self, text: str, prefix: tuple[str, ...]) -> None:
        self.lines = text.splitlines()
        self.prefix = prefix
        self.keys: list[tuple[tuple[str, ...], int]] = []  # full dotted key -> 1-based line
        table: tuple[str, ...] = ()
        for number, line in enumerate(self.lines, start=1):
            header = self._HEADER.match(line)
            if header and not line.lstrip().startswith("[["):
                table = self._split(header.group(1))
                self.keys.append((table, number))
                continue
            key = self._KEY.match(line)
            if key:
                self.keys.append((table + self._split(key.group(1)), number))

    @staticmethod
    def _split(dotted: str) -> tuple[str, ...]:
        parts = re.findall(r"""\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*(?:\.|$)""", dotted)
        return tuple(p[1:-1] if p[:1] in "\"'" else p for p in parts)

    def find(self, path: Sequence[str], value: Optional[str] = None) -> Optional[int]:
        """Line of `path` (or of its nearest ancestor written out); of `value` after it if given."""
        full = self.prefix + tuple(path)
        for length in range(len(full), len(self.prefix) - 1, -1):
            wanted = full[:length]
            for key, line in self.keys:
                if key == wanted:
                    if value is not None and length == len(full):
                        return self._value_line(line, value)
                    return line
        return None

    def _value_line(self, start: int, value: str) -> int:
        quoted = re.compile(r"""(["'])""" + re.escape(value) + r"\1")
        for number in range(start, min(start + 200, len(self.lines)) + 1):
            if quoted.search(self.lines[number - 1]):
                return number
        return start


# -- rule selection ----------------------------------------------------------------------

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
        hint = _close(text, list(self.names))
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


# -- path globs --------------------------------------------------------------------------

def glob_to_regex(pattern: str) -> "re.Pattern[str]":
    """A gitignore-like glob: * and ? stay within a folder, ** crosses folders, [...] classes."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif ch == "*":
            out.append("[^/]*")
            i += 1
        elif ch == "?":
            out.append("[^/]")
            i += 1
        elif ch == "[":
            end = pattern.find("]", i + 2 if pattern[i + 1:i + 2] in ("!", "]") else i + 1)
            if end == -1:
                out.append(re.escape(ch))
                i += 1
            else:
                body = pattern[i + 1:end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body.replace(chr(92), chr(92) * 2)}]")
                i = end + 1
        else:
            out.append(re.escape(ch))
            i += 1
    return re.compile("".join(out) + r"\Z")


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
