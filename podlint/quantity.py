"""resource.Quantity as the API server parses it (k8s.io/apimachinery/pkg/api/resource)."""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache
from typing import Any, Optional

_QUANTITY = re.compile(
    r"(?P<sign>[+-]?)(?P<number>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
    r"(?:(?P<suffix>Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE](?P<exp>[+-]?[0-9]+))?\Z")
_BINARY = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "Pi": 2**50, "Ei": 2**60}
_DECIMAL = {"n": Fraction(1, 10**9), "u": Fraction(1, 10**6), "m": Fraction(1, 1000), "": 1,
            "k": 10**3, "M": 10**6, "G": 10**9, "T": 10**12, "P": 10**15, "E": 10**18}
_MAX_EXPONENT = 1000  # keeps hostile input like "1e99999999" cheap


def parse_quantity(value: Any) -> Optional[Fraction]:
    """The exact value of a quantity (a JSON number or a string), or None if it does not parse."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        return Fraction(repr(value)) if "e" not in repr(value) else Fraction(value)
    if not isinstance(value, str):
        return None
    return _parse_text(value)


@lru_cache(maxsize=4096)  # manifests repeat the same few quantities ("100m", "128Mi")
def _parse_text(value: str) -> Optional[Fraction]:
    match = _QUANTITY.match(value)
    if not match:
        return None
    number = Fraction(match.group("number"))
    if match.group("sign") == "-":
        number = -number
    exponent = match.group("exp")
    if exponent is not None:
        power = int(exponent)
        if abs(power) > _MAX_EXPONENT:
            return None
        return number * Fraction(10) ** power
    suffix = match.group("suffix") or ""
    return number * (_BINARY.get(suffix) or _DECIMAL[suffix])


def format_quantity(value: Fraction) -> str:
    """A short human form for messages: 0.5, 128Mi, 2."""
    for suffix, factor in (("Ei", 2**60), ("Pi", 2**50), ("Ti", 2**40), ("Gi", 2**30), ("Mi", 2**20), ("Ki", 2**10)):
        if value and value % factor == 0 and abs(value) >= factor:
            return f"{value // factor}{suffix}"
    if value.denominator == 1:
        return str(value.numerator)
    if (value * 1000).denominator == 1:
        return f"{value * 1000}m"
    return str(float(value))
