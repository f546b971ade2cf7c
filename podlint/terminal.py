"""Text from manifests, made safe to print: terminals and CI logs act on what they read.

A manifest author is untrusted. Names, values, file names and source lines reach the text
report, GitHub annotations and stderr; there an ESC sequence can clear the screen or write
the clipboard, a carriage return can start a new log line (so `::error ...` or
`::stop-commands::` reaches the runner), U+202E reverses what follows, and Azure Pipelines
acts on `##vso[` anywhere in a line (GitHub on `##[`). visible() shows every such character
escaped, the way Python's repr would, and defuses the log-command markers.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, bidi controls, zero-width and invisible formatting characters,
# line and paragraph separators, and the lone surrogates of undecodable file names
_HIDDEN_CHARS = ("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069"
                 "\ufeff\ud800-\udfff]")
_compiled: dict[str, "re.Pattern[str]"] = {}


def _hidden() -> "re.Pattern[str]":
    """The pattern, compiled on first need (most runs never print a hidden character)."""
    found = _compiled.get("hidden")
    if found is None:
        found = _compiled["hidden"] = re.compile(_HIDDEN_CHARS)
    return found
_LOG_COMMAND = re.compile(r"##(vso)?\[")


def _escape(match: "re.Match[str]") -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return {"\n": "\\n", "\r": "\\r"}.get(char, f"\\x{code:02x}")
    return f"\\u{code:04x}"


def visible(text: str, tabs: bool = True) -> str:
    """`text` with hidden and control characters escaped (\\x1b, \\u202e, \\r, \\n) and
    CI log commands defused; a tab is kept unless `tabs` is False."""
    if text.isprintable() and "##" not in text and not text.startswith("::"):
        return text  # nearly every message and name: nothing to escape (a C-speed check)
    if not tabs:
        text = text.replace("\t", "\\t")
    text = _hidden().sub(_escape, text)
    if "##" in text:
        text = _LOG_COMMAND.sub(lambda m: m.group()[:-1] + "\\[", text)
    if text.startswith("::"):
        text = "\\x3a" + text[1:]  # a line that starts with :: is a GitHub workflow command
    return text


_JSON_HIDDEN = "[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"


def json_text(text: str) -> str:
    """JSON text (from json.dumps with ensure_ascii=False) with the hidden characters that
    json leaves raw (C1 controls, bidi and zero-width characters, lone surrogates) written as
    \\u escapes: the same JSON value, safe to cat to a terminal, always encodable as UTF-8."""
    if text.isascii() and "\x7f" not in text:
        return text
    pattern = _compiled.get("json")
    if pattern is None:
        pattern = _compiled["json"] = re.compile(_JSON_HIDDEN)
    return pattern.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def display_name(path: str) -> str:
    """How a file is named in reports: hidden characters and bytes that are not UTF-8 shown
    escaped (a file name is the author's text too)."""
    return path if path.isprintable() else _hidden().sub(_escape, path)


def clean(text: str) -> bool:
    """Whether visible() would leave `text` as it is."""
    return visible(text) == text


def write_json(value: object, out) -> None:
    """json.dump(value, out, indent=2, ensure_ascii=False), chunk by chunk through json_text:
    never the whole document in memory at once."""
    import json

    for chunk in json.JSONEncoder(indent=2, ensure_ascii=False).iterencode(value):
        out.write(json_text(chunk))
