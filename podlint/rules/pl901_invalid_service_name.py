"""PL901 invalid-service-name."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule, as_str
from podlint.rules._metadata import placeholder_hint
from podlint.rules._services import KINDS, gate, service
from podlint import lazyre

RULE = Rule(
    id="PL901",
    name="invalid-service-name",
    severity=Severity.ERROR,
    summary="A Service name (or generateName) is not a DNS-1035 label (a DNS label from 1.36)",
    kinds=KINDS,
)

_DNS1035_LABEL = lazyre.compile(r"[a-z]([-a-z0-9]*[a-z0-9])?\Z")


def _dns1035_label(value: str) -> list[str]:
    """IsDNS1035Label: like a DNS label, but starting with a letter."""
    problems = []
    if len(value) > formats.DNS1123_LABEL_MAX:
        problems.append(f"must be no more than {formats.DNS1123_LABEL_MAX} characters")
    if not _DNS1035_LABEL.match(value):
        problems.append("a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
                        "start with an alphabetic character, and end with an alphanumeric character")
    return problems


def check(svc: ObjectSite) -> Iterator[Finding]:
    # validation.go ValidateService -> ValidateObjectMeta(..., ValidateServiceName):
    # apimachinery NameIsDNS1035Label, or NameIsDNSLabel with RelaxedServiceNameValidation
    # (KEP-5311: alpha 1.34, on from 1.36). generateName is checked as a prefix (a trailing
    # "-" masked); an absent or empty name is PL701.
    if service(svc) is None:
        return  # the server cannot decode it: it validates nothing
    relaxed = gate(svc.k8s, "RelaxedServiceNameValidation")
    rule = formats.dns1123_label if relaxed else _dns1035_label
    what = "a DNS label" if relaxed else "a DNS-1035 label"
    example = '"web" or "2048-game"' if relaxed else '"web" or "api-v2"'
    path = svc.path / "metadata"
    name = as_str(svc.metadata.get("name"))
    if name:
        problems = rule(name)
        if problems:
            yield Finding(path / "name", f'Service name "{name}" is not {what}: ' + " and ".join(problems)
                          + f" (e.g. {example}){placeholder_hint(name)}", on_key=False)
    prefix = as_str(svc.metadata.get("generateName"))
    if prefix:
        # apimachinery maskTrailingDash: the last two characters become "a"
        masked = prefix[:-2] + "a" if len(prefix) > 1 and prefix.endswith("-") else prefix
        problems = rule(masked)
        if problems:
            yield Finding(path / "generateName", f'Service generateName "{prefix}" is not a valid prefix for '
                          f"{what}: " + " and ".join(problems) + ' (a trailing "-" is allowed)', on_key=False)
