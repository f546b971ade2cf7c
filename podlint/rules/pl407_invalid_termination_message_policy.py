"""PL407 invalid-termination-message-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, FixIntent, Severity
from podlint.model import PodSite, Rule, as_str

RULE = Rule(
    id="PL407",
    name="invalid-termination-message-policy",
    severity=Severity.ERROR,
    summary="A container terminationMessagePolicy is not File or FallbackToLogsOnError",
    fix="safe: writes a policy given in the wrong case as the policy (file as File)",
)

POLICIES = ("File", "FallbackToLogsOnError")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateContainerCommon: NotSupported outside the two values
    # (case-sensitive). An empty value is defaulted to File (SetDefaults_Container) first.
    for c in pod.validated_containers:
        value = as_str(c.spec.get("terminationMessagePolicy"))
        if not value or value in POLICIES:
            continue
        meant = next((p for p in POLICIES if p.lower() == value.lower()), None)
        hint = f'; did you mean "{meant}"?' if meant else ""
        yield Finding(c.path / "terminationMessagePolicy",
                      f'{c.label} terminationMessagePolicy is "{value}"; supported values: "File", '
                      f'"FallbackToLogsOnError" (case-sensitive){hint}', on_key=False,
                      fix=FixIntent("replace", meant, f'write "{meant}"') if meant else None)
