"""PL401 invalid-container-name."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str

RULE = Rule(
    id="PL401",
    name="invalid-container-name",
    severity=Severity.ERROR,
    summary="A container name is empty or not a DNS label",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateContainerCommon: Required when empty, else ValidateDNS1123Label;
    # run for regular, init and ephemeral containers. An absent name is PL012's.
    for c in pod.validated_containers:
        name = as_str(c.spec.get("name"))
        if name is None:
            continue  # absent or of the wrong type: the schema pass reports it
        if name == "":
            yield Finding(c.path / "name", f"{c.section}[{c.index}] has an empty name; every "
                          'container needs a name (a DNS label such as "web")')
            continue
        problems = formats.dns1123_label(name)
        if problems:
            yield Finding(c.path / "name", f'container name "{name}" is not a DNS label: it '
                          f"{' and '.join(problems)}", on_key=False)
