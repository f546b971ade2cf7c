"""resource.Quantity parsing, exact like the API server's."""

from fractions import Fraction

import pytest

from podlint.quantity import format_quantity, parse_quantity


@pytest.mark.parametrize("text,value", [
    ("500m", Fraction(1, 2)), ("0.5", Fraction(1, 2)), ("1e3", 1000), ("1E-3", Fraction(1, 1000)),
    ("1G", 10**9), ("1Gi", 2**30), ("128Mi", 128 * 2**20), ("1.5Gi", 3 * 2**29), ("-1", -1),
    ("+2k", 2000), (".5", Fraction(1, 2)), ("100n", Fraction(1, 10**7)), (3, 3), (0.25, Fraction(1, 4)),
])
def test_valid(text, value) -> None:
    assert parse_quantity(text) == value


@pytest.mark.parametrize("text", ["128mb", "1.5 Gi", "10KB", "", "1K", "Gi", "1e", "--1", "1e99999999", True, None,
                                  float("nan"), [1]])
def test_invalid(text) -> None:
    assert parse_quantity(text) is None


def test_format() -> None:
    assert format_quantity(Fraction(128 * 2**20)) == "128Mi"
    assert format_quantity(Fraction(1, 2)) == "500m"
    assert format_quantity(Fraction(3)) == "3"


@pytest.mark.parametrize("text,canonical", [
    ("1000m", "1"), ("1024Ki", "1Mi"), ("1024", "1024"), ("1e3", "1e3"), ("1Mi", "1Mi"), ("1", "1"),
    ("1k", "1k"), ("0.001", "1m"), ("1536Ki", "1536Ki"), ("512Ki", "512Ki"), ("1000", "1k"),
])
def test_canonical_string_matches_quantity_string(text, canonical) -> None:
    from podlint.quantity import canonical_string

    assert canonical_string(text) == canonical
