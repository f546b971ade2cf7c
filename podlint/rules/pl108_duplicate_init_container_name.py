"""PL108 duplicate-init-container-name."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ContainerView, PodSite, Rule, as_str

RULE = Rule(
    id="PL108",
    name="duplicate-init-container-name",
    severity=Severity.ERROR,
    summary="An init container name repeats a container or an earlier init container name",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateInitContainers: names must be unique across regular and init
    # containers; the Duplicate lands on the init container. Clashes among regular
    # containers are PL402, with ephemeral containers validateEphemeralContainers.
    regular: dict[str, ContainerView] = {}
    for rc in pod.containers:
        name = as_str(rc.spec.get("name"))
        if name:
            regular.setdefault(name, rc)
    earlier: dict[str, ContainerView] = {}
    for c in pod.init_containers:
        name = as_str(c.spec.get("name"))
        if not name:
            continue  # missing or empty names are reported as Required by the name rule
        if name in regular:
            other = regular[name]
            where = f"the regular container containers[{other.index}]"
        elif name in earlier:
            other = earlier[name]
            where = f"init container initContainers[{other.index}]"
        else:
            earlier[name] = c
            continue
        yield Finding(
            c.path / "name",
            f'init container name "{name}" is already used by {where}; container names must be '
            "unique across containers and initContainers",
        )
