"""An object -> the unsubstituted ${VAR} and $VAR placeholders in its fields (files meant for
envsubst), outside the fields where a shell or Kubernetes itself expands variables.

The checker asks for them only in files that contain a "$" at all, and uses them to report an
unrendered document once (PL007, PW002) instead of every finding its placeholders cause.
"""

from __future__ import annotations

from typing import Iterator, NamedTuple

from podlint import lazyre
from podlint.paths import FieldPath

# envsubst's $NAME and ${NAME}, and the ${NAME:-default} family of drone/a8m envsubst and
# docker compose; Kubernetes' own $(NAME) has a parenthesis, and is not matched
_PLACEHOLDER = lazyre.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=+?][^{}$]*)?\}|\$[A-Za-z_][A-Za-z0-9_]*")
# values that are free text: a shell script in command/args, an env value (the kubelet expands
# $(VAR) there, a shell the rest), annotations, and a ConfigMap's or Secret's data
_FREE_LISTS = ("command", "args")
_DATA_KINDS = ("ConfigMap", "Secret")
_DATA_FIELDS = ("data", "stringData", "binaryData")
_ENV_ITEM = object()  # the walk's key for an item of an env list: its "value" is free text


class Placeholder(NamedTuple):
    """One placeholder: where it is, its text, and how sure it is that it is one."""

    path: FieldPath  # the value (or, with on_key, the key) that holds it
    text: str  # "${KSA_NAME}"
    on_key: bool
    # "${...}", or a value that is nothing but "$NAME": a template whatever the field; a "$NAME"
    # inside a longer value counts only where the API server refuses the value
    certain: bool


def find_placeholders(obj: dict, base: FieldPath) -> list[Placeholder]:
    """The placeholders of one object, in document order of the walk (keys before values)."""
    kind = obj.get("kind")
    found: list[Placeholder] = []
    for key, value in obj.items():
        path = base / key
        if kind in _DATA_KINDS and key in _DATA_FIELDS and isinstance(value, dict):
            found.extend(_in_keys(value, path))
        else:
            found.extend(_walk(value, path, key))
    return found


def _walk(value: object, path: FieldPath, key: object) -> Iterator[Placeholder]:
    if isinstance(value, str):
        if "$" in value:
            yield from _in_text(value, path, False)
    elif isinstance(value, dict):
        if key == "annotations":
            yield from _in_keys(value, path)
            return
        env_item = key is _ENV_ITEM
        for name, item in value.items():
            if env_item and name == "value":
                continue
            if "$" in name:
                yield from _in_text(name, path / name, True)
            yield from _walk(item, path / name, name)
    elif isinstance(value, list):
        if key in _FREE_LISTS:
            return
        marker = _ENV_ITEM if key == "env" else None
        for i, item in enumerate(value):
            yield from _walk(item, path / i, marker)


def _in_keys(mapping: dict, path: FieldPath) -> Iterator[Placeholder]:
    for name in mapping:
        if isinstance(name, str) and "$" in name:
            yield from _in_text(name, path / name, True)


def _in_text(text: str, path: FieldPath, on_key: bool) -> Iterator[Placeholder]:
    for match in _PLACEHOLDER.finditer(text):
        found = match.group()
        yield Placeholder(path, found, on_key, found.startswith("${") or found == text)
