"""[tool.podlint] in pyproject.toml or .podlint.toml -> Config (selection.py makes the
Selection of rules from it, globs.py its path globs).

Strict: an unknown key or a bad value is a ConfigError naming the file and line (exit 2).
"""

from __future__ import annotations

import os
import re
from typing import Any, Mapping, NamedTuple, Optional, Sequence

from podlint.diagnostics import Severity

CONFIG_FILE = ".podlint.toml"
PYPROJECT = "pyproject.toml"
TABLE = ("tool", "podlint")
KEYS = ("kubernetes-version", "feature-gates", "select", "ignore", "extend-select", "severity",
        "exclude", "per-file-ignores", "fail-on", "pod-templates", "cross-file")
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
    # ("group/Kind", path or "" / False), merged over workloads.BUILT_IN_TEMPLATES
    pod_templates: tuple[tuple[str, Any], ...] = ()
    cross_file: Optional[str] = None  # "auto", "strict" or "off" (None: not set)
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
    """The nearest .podlint.toml, or pyproject.toml with [tool.podlint], from `start` upwards,
    up to the repository's root (the first folder that holds .git): a file above the
    repository (in /tmp, in $HOME) is nobody's configuration of this repository."""
    folder = os.path.abspath(start or os.getcwd())
    while True:
        candidate = os.path.join(folder, CONFIG_FILE)
        if os.path.isfile(candidate):
            return candidate
        candidate = os.path.join(folder, PYPROJECT)
        if os.path.isfile(candidate) and _has_podlint_table(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder or os.path.exists(os.path.join(folder, ".git")):
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
    except RecursionError:
        raise ConfigError("invalid TOML: nested too deeply", origin) from None
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
            hint = closest(key, KEYS)
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
        elif key == "cross-file":
            if value not in ("auto", "strict", "off"):
                raise fail('"cross-file" must be "auto", "strict" or "off"', key)
            values["cross_file"] = value
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
        elif key == "pod-templates":
            if not isinstance(value, dict):
                raise fail('"pod-templates" must be a table of "group/Kind" = "path.to.template" '
                           '(e.g. "argoproj.io/Rollout" = "spec.template")', key)
            from podlint.workloads import PodTemplateError, custom_layout

            for kind, path in value.items():
                try:
                    custom_layout(kind, path)
                except PodTemplateError as err:
                    raise fail(f"pod-templates: {err}", key, kind) from None
            values["pod_templates"] = tuple(value.items())
    return Config(file=origin, base=base, origins=origins, **values)


def _strings(value: Any) -> Optional[tuple[str, ...]]:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value)
    return None


def closest(word: str, choices: Sequence[str]) -> Optional[str]:
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

