"""PL406 invalid-image-pull-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, FixIntent, Severity
from podlint.model import PodSite, Rule, as_str

RULE = Rule(
    id="PL406",
    name="invalid-image-pull-policy",
    severity=Severity.ERROR,
    summary="A container imagePullPolicy is not Always, IfNotPresent or Never",
    fix="safe: writes a policy given in the wrong case as the policy (ifnotpresent as IfNotPresent)",
)

PULL_POLICIES = ("Always", "IfNotPresent", "Never")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validatePullPolicy: NotSupported outside the three values
    # (case-sensitive). An empty value is defaulted (SetDefaults_Container) first.
    for c in pod.validated_containers:
        value = as_str(c.spec.get("imagePullPolicy"))
        if not value or value in PULL_POLICIES:
            continue
        meant = next((p for p in PULL_POLICIES if p.lower() == value.lower()), None)
        hint = f'; did you mean "{meant}"?' if meant else ""
        yield Finding(c.path / "imagePullPolicy",
                      f'{c.label} imagePullPolicy is "{value}"; supported values: "Always", '
                      f'"IfNotPresent", "Never" (case-sensitive){hint}', on_key=False,
                      fix=FixIntent("replace", meant, f'write "{meant}"') if meant else None)
