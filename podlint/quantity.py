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
        return _parse_float(value)
    if not isinstance(value, str):
        return None
    return _parse_text(value)


_MAX_DIGITS = 400  # a quantity's number with more digits is not compared


@lru_cache(maxsize=4096)  # floats only (equal floats have the same repr, -0.0 aside: both 0)
def _parse_float(value: float) -> Fraction:
    return Fraction(repr(value)) if "e" not in repr(value) else Fraction(value)


@lru_cache(maxsize=4096)  # manifests repeat the same few quantities ("100m", "128Mi")
def _parse_text(value: str) -> Optional[Fraction]:
    match = _QUANTITY.match(value)
    if not match or len(match.group("number")) > _MAX_DIGITS:
        return None  # beyond what any resource holds (and Python's int conversion limit)
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


# Quantity.String(): what validation compares divisors by (not their values)

_DECIMAL_SUFFIXES = {-9: "n", -6: "u", -3: "m", 0: "", 3: "k", 6: "M", 9: "G", 12: "T",
                     15: "P", 18: "E"}
_EXPONENT = re.compile(r"[eE][+-]?[0-9]+\Z")
_BINARY_SUFFIXES = ((6, "Ei"), (5, "Pi"), (4, "Ti"), (3, "Gi"), (2, "Mi"), (1, "Ki"))


def canonical_string(raw: Any) -> Optional[str]:
    """Quantity.String() of a parsed value: what validateContainerResourceDivisor compares.

    The format comes from the suffix (binary Ki..Ei, exponent e/E, else decimal), as
    ParseQuantity records it; CanonicalizeBytes then picks the largest suffix that keeps
    an integer mantissa. So "1000m" is "1", "1024Ki" is "1Mi", but "1024" stays "1024"
    and "1e3" stays "1e3". None when the value does not parse (PL013 reports it).
    """
    value = parse_quantity(raw)
    if value is None:
        return None
    text = raw.strip() if isinstance(raw, str) else ""
    if text.endswith(("Ki", "Mi", "Gi", "Ti", "Pi", "Ei")):
        return _binary(value)
    if _EXPONENT.search(text):
        return _scaled(value, lambda e: "" if e == 0 else f"e{e}")
    return _scaled(value, lambda e: _DECIMAL_SUFFIXES[e])


def _binary(value: Fraction) -> str:
    # CanonicalizeBytes: BinarySI values in (-1024, 1024) or not whole are shown as DecimalSI
    if -1024 < value < 1024 or value.denominator != 1:
        return _scaled(value, lambda e: _DECIMAL_SUFFIXES[e])
    n = value.numerator
    for power, suffix in _BINARY_SUFFIXES:
        if n % (1024 ** power) == 0:
            return f"{n // 1024 ** power}{suffix}"
    return str(n)


def _scaled(value: Fraction, suffix_for) -> str:
    if value == 0:
        return "0"
    # the largest exponent (multiple of 3, -9..18) that leaves a whole mantissa
    for exponent in range(18, -12, -3):
        mantissa = value / Fraction(10) ** exponent
        if mantissa.denominator == 1:
            return f"{mantissa.numerator}{suffix_for(exponent)}"
    return f"{float(value)}"  # finer than nano: rounded by the API server, never an allowed divisor
