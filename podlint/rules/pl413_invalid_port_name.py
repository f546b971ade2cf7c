"""PL413 invalid-port-name."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._containers import items

RULE = Rule(
    id="PL413",
    name="invalid-port-name",
    severity=Severity.ERROR,
    summary="A container port name is not a valid port name, or repeats in the same container",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateContainerPorts: a non-empty name must pass IsValidPortName
    # (Invalid); a valid name already used in the same container is Duplicate. Only valid
    # names are remembered, and other containers are not compared.
    for c in pod.validated_containers:
        seen: dict[str, int] = {}
        for port in items(c, "ports"):
            name = as_str(port.spec.get("name"))
            if not name:
                continue  # no name is fine
            problems = formats.port_name(name)
            if problems:
                if len(name) > formats.PORT_NAME_MAX:
                    what = (f"is {len(name)} characters; port names are at most "
                            f"{formats.PORT_NAME_MAX}")
                else:
                    what = "; it ".join(problems) + " (port names use a-z, 0-9 and '-')"
                yield Finding(port.path / "name", f'{c.label} port name "{name}" {what}',
                              on_key=False)
            elif name in seen:
                yield Finding(port.path / "name", f'{c.label} declares port name "{name}" again '
                              f"(first in ports[{seen[name]}]); port names must be unique within a "
                              "container", on_key=False)
            else:
                seen[name] = port.index

