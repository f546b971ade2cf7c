"""PL402 duplicate-container-name."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str

RULE = Rule(
    id="PL402",
    name="duplicate-container-name",
    severity=Severity.ERROR,
    summary="Two regular containers have the same name",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateContainers: names must be unique among regular containers; the
    # later one gets Duplicate. Clashes with init containers are PL108 (reported there, on
    # the init container, to avoid double messages), with ephemeral ones
    # validateEphemeralContainers.
    first: dict[str, int] = {}
    for c in pod.containers:
        name = as_str(c.spec.get("name"))
        if not name:
            continue  # absent or empty: PL012 / PL401 report it
        if name in first:
            yield Finding(c.path / "name", f'container name "{name}" is already used by '
                          f"containers[{first[name]}]; container names must be unique in a pod",
                          on_key=False)
        else:
            first[name] = c.index
