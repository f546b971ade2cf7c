"""PL304 exec-without-command."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._probes import handler_sites

RULE = Rule(
    id="PL304",
    name="exec-without-command",
    severity=Severity.ERROR,
    summary="An exec probe or hook has an empty or missing command",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateExecAction: Required when len(command) == 0; only the
    # handler that validateHandler validates (the first one set) is checked
    for site in handler_sites(pod):
        action = site.action("exec")
        if action is None:
            continue
        command = action.get("command")
        if command is None or command == []:
            yield Finding(site.path / "exec" / "command",
                          f"{site.label} exec has no command; give the command to run as a "
                          "list, e.g. [\"cat\", \"/tmp/healthy\"]")
