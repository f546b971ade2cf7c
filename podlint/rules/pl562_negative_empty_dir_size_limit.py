"""PL562 negative-empty-dir-size-limit."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.quantity import format_quantity, parse_quantity
from podlint.rules._volumes import volume_sites

RULE = Rule(
    id="PL562",
    name="negative-empty-dir-size-limit",
    severity=Severity.ERROR,
    summary="An emptyDir sizeLimit is negative",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateVolumeSource: emptyDir.sizeLimit < 0 -> Forbidden ("SizeLimit
    # field must be a valid resource quantity"). 0 is accepted. An unparsable quantity is
    # the schema pass's PL013.
    for volume in volume_sites(pod):
        empty_dir = volume.source("emptyDir")
        if empty_dir is None or "sizeLimit" not in empty_dir:
            continue
        raw = empty_dir["sizeLimit"]
        amount = parse_quantity(raw)
        if amount is None or amount >= 0:
            continue
        shown = raw if isinstance(raw, str) else format_quantity(amount)
        yield Finding(volume.source_path("emptyDir") / "sizeLimit",
                      f'{volume.label} emptyDir sizeLimit is "{shown}"; it must not be negative '
                      '(use a size such as "1Gi", or leave it out for no limit)', on_key=False)
