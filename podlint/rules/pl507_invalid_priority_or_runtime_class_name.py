"""PL507 invalid-priority-or-runtime-class-name."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str

RULE = Rule(
    id="PL507",
    name="invalid-priority-or-runtime-class-name",
    severity=Severity.ERROR,
    summary="The pod spec's priorityClassName or runtimeClassName is not a DNS subdomain",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidatePodSpec: a non-empty priorityClassName must be a DNS
    # subdomain (ValidatePriorityClassName); runtimeClassName is checked whenever it is
    # set, so an empty string is rejected too (ValidateRuntimeClassName)
    priority = as_str(pod.spec.get("priorityClassName"))
    if priority:
        problems = formats.dns1123_subdomain(priority)
        if problems:
            yield Finding(pod.path / "priorityClassName",
                          f'priorityClassName "{priority}" is not a valid PriorityClass name: it '
                          + "; it ".join(problems))
    runtime = as_str(pod.spec.get("runtimeClassName"))
    if runtime is not None:
        problems = formats.dns1123_subdomain(runtime)
        if problems:
            shown = f'"{runtime}"' if runtime else "empty"
            yield Finding(pod.path / "runtimeClassName",
                          f"runtimeClassName is {shown}; it must be a valid RuntimeClass name (a DNS subdomain), "
                          "or be left out for the default runtime")
