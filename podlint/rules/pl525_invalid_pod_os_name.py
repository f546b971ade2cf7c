"""PL525 invalid-pod-os-name."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._podlevel import os_name

RULE = Rule(
    id="PL525",
    name="invalid-pod-os-name",
    severity=Severity.ERROR,
    summary="The pod spec's os.name is empty or not linux/windows",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateOS: "" is Required, anything but linux/windows NotSupported
    # (absent is an OpenAPI-required field, PL012)
    name = os_name(pod)
    if name is None or name in ("linux", "windows"):
        return
    shown = f'"{name}"' if name else "empty"
    yield Finding(pod.path / "os" / "name", f'os.name is {shown}; it must be "linux" or "windows" (lower case)')
