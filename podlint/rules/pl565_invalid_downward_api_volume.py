"""PL565 invalid-downward-api-volume."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._volumes import (
    dict_items,
    downward_file_findings,
    mode_problem,
    volume_sites,
)

RULE = Rule(
    id="PL565",
    name="invalid-downward-api-volume",
    severity=Severity.ERROR,
    summary="A downwardAPI volume has a file mode outside 0-0777 or an invalid item",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateDownwardAPIVolumeSource: defaultMode 0-0777, then
    # validateDownwardAPIVolumeFile for each item (path, exactly one of fieldRef and
    # resourceFieldRef, the volume field allow-list, containerName, divisor, mode). The
    # server reports item errors under "downwardAPI.<field>" without the item index.
    for volume in volume_sites(pod):
        source = volume.source("downwardAPI")
        if source is None:
            continue
        base = volume.source_path("downwardAPI")
        label = f"{volume.label} downwardAPI"
        problem = mode_problem(source.get("defaultMode"), f"{label} defaultMode")
        if problem:
            yield Finding(base / "defaultMode", problem, on_key=False)
        for i, item in dict_items(source.get("items")):
            yield from downward_file_findings(item, base / "items" / i, f"{label} items[{i}]")
