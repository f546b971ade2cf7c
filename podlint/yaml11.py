"""Plain and tagged scalars, and mapping keys, as go-yaml v2 and sigs.k8s.io/yaml take them.

kubectl resolves YAML 1.1 style (`yes` is true, `0644` is 420, timestamps stay strings),
then converts the value to JSON: keys become strings, whole floats print as integers.
"""

from __future__ import annotations

import math
import re
from typing import Any, Optional

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))

_BOOLS = {
    **dict.fromkeys(("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
}

_SPECIAL_FLOATS = {
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), math.inf),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), -math.inf),
    **dict.fromkeys((".nan", ".NaN", ".NAN"), math.nan),
}

# strconv.ParseInt(s, 0, 64) syntax, after go-yaml has removed every underscore.
_GO_INT = re.compile(r"[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)\Z")

_GO_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")

_INT_MIN, _UINT_MAX = -(2**63), 2**64 - 1

# resolve_plain is a pure function of the text and manifests repeat the same plain
# scalars (keys, "true", "TCP", "80"): its answers are kept, up to a bound
PLAIN_CACHE: dict[str, Any] = {}

PLAIN_CACHE_SIZE = 20_000

def resolve_plain(text: str) -> Any:
    """Resolve an untagged plain scalar as go-yaml v2 (and so kubectl) does."""
    if text in _NULLS:
        return None
    value = _BOOLS.get(text)
    if value is not None:
        return value
    if not text or text[0] not in "0123456789+-.":
        return text
    special = _SPECIAL_FLOATS.get(text)
    if special is not None:
        return special
    plain = text.replace("_", "") if "_" in text else text
    if len(plain) <= 70 and _GO_INT.match(plain):
        number = _parse_go_int(plain)
        if _INT_MIN <= number <= _UINT_MAX:
            return number
    if _GO_FLOAT.match(plain):
        number = float(plain)
        if not math.isinf(number):
            return json_number(number)
    return text  # timestamps and out-of-range numbers stay strings

def _parse_go_int(plain: str) -> int:
    sign = -1 if plain[0] == "-" else 1
    digits = plain.lstrip("+-")
    if len(digits) > 1 and digits[0] == "0":
        base = {"x": 16, "X": 16, "o": 8, "O": 8, "b": 2, "B": 2}.get(digits[1])
        if base:
            return sign * int(digits[2:], base)
        return sign * int(digits[1:], 8)
    return sign * int(digits)

_TAG_TYPES = {"int": int, "float": float, "bool": bool, "null": type(None), "str": str}

def resolve_tagged(tag: str, text: str) -> Any:
    """A scalar with an explicit tag, as go-yaml v2's resolve() and decoder take it.

    Raises ValueError where go-yaml fails the document ("cannot decode ...")."""
    short = tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else None
    if short in ("int", "float", "bool", "null"):
        value = resolve_plain(text)
        found = "str" if isinstance(value, str) else next(
            name for name, kind in _TAG_TYPES.items() if value.__class__ is kind)
        if found == short:
            return value
        if short == "float" and found == "int":
            return json_number(float(value))
        raise ValueError(f"cannot decode !!{found} `{text}` as a !!{short}")
    if short == "binary":
        import base64
        import binascii

        try:
            data = base64.b64decode(text.replace("\n", "").replace("\r", ""), validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("!!binary value contains invalid base64 data") from None
        return data.decode("utf-8", "replace")  # JSON cannot hold bytes that are not UTF-8
    # !!str, !!timestamp, unknown and local tags: never constructed, kept as text
    return text

def json_number(number: float) -> Any:
    """A float as it comes back from kubectl's JSON: a whole number is written without a
    fraction (json.Marshal(80.0) is 80), so the API server reads it as an integer."""
    if number.is_integer() and abs(number) < 1e21:
        return int(number)
    return number

def key_text(key: Any, event: Optional[tuple] = None) -> str:
    """A mapping key as sigs.k8s.io/yaml turns it into a JSON object key (`event`: the
    key's scalar event, which tells a float written `1.0` from an integer). Raises
    ValueError for a key the conversion refuses (the document then fails)."""
    if key is None:
        raise ValueError("a null mapping key (empty, ~ or null): kubectl cannot convert it to JSON "
                         "(unsupported map key)")
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, int):
        if key > _INT64_MAX:  # go-yaml makes it a uint64, which the conversion refuses
            raise ValueError(f"mapping key {key} is too large: kubectl cannot convert it to JSON "
                             "(unsupported map key of type uint64)")
        if event is not None and event[2] is None and event[3][0] and not _GO_INT.match(
                event[1].replace("_", "")):
            return _go_float32_text(float(key))  # go-yaml read a float: 1.0 -> "1"
        return str(key)
    if isinstance(key, float):
        return _go_float32_text(key)
    return str(key)

_INT64_MAX = 2**63 - 1

def _go_float32_text(value: float) -> str:
    """strconv.FormatFloat(value, 'g', -1, 32), with go-yaml's names for the specials."""
    import struct

    if value != value:
        return ".nan"
    try:
        single = struct.unpack("f", struct.pack("f", value))[0]
    except OverflowError:
        single = math.copysign(math.inf, value)
    if math.isinf(single):
        return ".inf" if single > 0 else "-.inf"
    if single == 0:
        return "-0" if math.copysign(1, single) < 0 else "0"
    for precision in range(1, 10):  # the shortest digits that read back as the same float32
        text = f"{single:.{precision - 1}e}"
        if struct.unpack("f", struct.pack("f", float(text)))[0] == single:
            break
    mantissa, exponent = text.split("e")
    digits = mantissa.replace(".", "").lstrip("-").rstrip("0") or "0"
    sign = "-" if single < 0 else ""
    power = int(exponent)
    if power < -4 or power >= 6:  # Go's %g switches to an exponent there when shortest
        body = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{sign}{body}e{'-' if power < 0 else '+'}{abs(power):02d}"
    if power >= len(digits) - 1:
        return sign + digits + "0" * (power - len(digits) + 1)
    if power >= 0:
        return sign + digits[:power + 1] + "." + digits[power + 1:]
    return sign + "0." + "0" * (-power - 1) + digits
