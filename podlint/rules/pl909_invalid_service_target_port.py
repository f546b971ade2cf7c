"""PL909 invalid-service-target-port."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule
from podlint.rules._services import KINDS, service, undecodable_target_ports

RULE = Rule(
    id="PL909",
    name="invalid-service-target-port",
    severity=Severity.ERROR,
    summary="A Service targetPort that is neither a port number (1-65535) nor a valid port name",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go validateServicePort -> ValidatePortNumOrName. A missing, 0 or "" targetPort
    # is defaulted to the port first (so a bad port is reported here too, as the server does).
    # A quoted number is a string: a port *name*, which must contain a letter.
    svc = service(site)
    if svc is None:
        # the object does not decode (the schema pass says why); a targetPort beyond int32 is
        # one more reason the schema pass cannot see
        for i, path, value in undecodable_target_ports(site):
            yield Finding(path, f"Service port {i} targetPort {value} does not fit in an int32: the API server "
                          "cannot decode it (json: cannot unmarshal number into int32)", on_key=False)
        return
    for port in svc.ports:
        target = port.target
        path = port.path / "targetPort"
        if isinstance(target, str):
            problems = formats.port_name(target)
            if problems:
                hint = ""
                if target.isdigit():
                    hint = f"; a quoted number is read as a port name: write targetPort: {int(target)} without quotes"
                yield Finding(path, f'Service {port.label} targetPort "{target}" is not a valid port name: '
                              + " and ".join(problems) + hint, on_key=False)
        elif target is not None and not 1 <= target <= 65535:
            where = "" if "targetPort" in port.raw and port.raw.get("targetPort") != 0 else " (defaulted from port)"
            yield Finding(path, f"Service {port.label} targetPort {target}{where} must be between 1 and 65535, "
                          "inclusive", on_key=False)
