"""PL310 grpc-invalid-port."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_int
from podlint.rules._probes import probes

RULE = Rule(
    id="PL310",
    name="grpc-invalid-port",
    severity=Severity.ERROR,
    summary="A grpc probe port is not between 1 and 65535",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateGRPCAction: ValidatePortNumOrName(intstr.FromInt32(port)):
    # the port is an int32 only (a name is a schema error), absent is 0; grpc.service is
    # not checked. Only the handler that validateHandler validates (the first) is checked.
    for site in probes(pod):
        action = site.action("grpc")
        if action is None:
            continue
        port = action.get("port")
        path = site.path / "grpc" / "port"
        if port is None:
            yield Finding(path, f"{site.label} grpc sets no port; it must be a number from 1 to "
                                "65535")
            continue
        number = as_int(port)
        if number is not None and formats.port_number(number):
            yield Finding(path, f"{site.label} grpc port is {number}; it must be between 1 and "
                                "65535, inclusive")
