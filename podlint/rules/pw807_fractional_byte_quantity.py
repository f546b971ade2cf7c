"""PW807 fractional-byte-quantity."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any, Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict
from podlint.paths import FieldPath
from podlint.quantity import parse_quantity

RULE = Rule(
    id="PW807",
    name="fractional-byte-quantity",
    severity=Severity.WARNING,
    summary="A memory or ephemeral-storage quantity that is not a whole number of bytes (e.g. 1.5, 100m)",
)

_BYTES = ("memory", "ephemeral-storage")


def _fractional(value: Any) -> bool:
    """warnings.go: value.MilliValue() % 1000 != 0 (MilliValue rounds up)."""
    if isinstance(value, str):
        return _fractional_text(value)
    return _fractional_value(value)


@lru_cache(maxsize=4096)  # pure, Fraction arithmetic is slow, and quantities repeat
def _fractional_text(value: str) -> bool:
    return _fractional_value(value)


def _fractional_value(value: Any) -> bool:
    quantity = parse_quantity(value)
    if quantity is None:
        return False  # unparsable: the schema pass reports it
    return math.ceil(quantity * 1000) % 1000 != 0


def _findings(resources: Any, path: FieldPath, owner: str, kinds: tuple[str, ...]) -> Iterator[Finding]:
    for kind in kinds:
        values = as_dict(as_dict(resources).get(kind)) if kind != "overhead" else as_dict(resources)
        at = path / kind if kind != "overhead" else path
        for name in _BYTES:
            value = values.get(name)
            if name in values and _fractional(value):
                what = {"limits": "limit", "requests": "request"}.get(kind, "overhead")
                yield Finding(at / name, f'{owner} {name} {what} "{value}" is not a whole number of bytes; '
                                         'write e.g. "512Mi" or "1Gi" (a suffix "m" means milli-bytes, not '
                                         "megabytes)", on_key=False)


def check(pod: PodSite) -> Iterator[Finding]:
    # pkg/api/pod/warnings.go: "fractional byte value ... is invalid, must be an integer" for
    # the memory and ephemeral-storage of spec.overhead and of every container's
    # requests and limits
    yield from _findings(pod.spec.get("overhead"), pod.path / "overhead", "pod", ("overhead",))
    for c in pod.visited_containers:
        yield from _findings(c.spec.get("resources"), c.path / "resources", c.label, ("limits", "requests"))
