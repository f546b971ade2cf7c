"""PL505 invalid-service-account-name."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str

RULE = Rule(
    id="PL505",
    name="invalid-service-account-name",
    severity=Severity.ERROR,
    summary="The pod spec's serviceAccountName is not a DNS subdomain",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidatePodSpec: a non-empty serviceAccountName must pass
    # ValidateServiceAccountName (NameIsDNSSubdomain); unreplaced template placeholders
    # such as "$K8S_SA_NAME" or "<KSA_NAME>" are the usual cause
    value = as_str(pod.spec.get("serviceAccountName"))
    if not value:
        return
    problems = formats.dns1123_subdomain(value)
    if problems:
        hint = ("; it looks like an unreplaced placeholder" if any(ch in value for ch in "$<>{}") else "")
        yield Finding(pod.path / "serviceAccountName",
                      f'serviceAccountName "{value}" is not a valid ServiceAccount name: it '
                      + "; it ".join(problems) + hint)
