"""PL201 invalid-pod-restart-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, FixIntent, Severity
from podlint.model import PodSite, Rule, as_str

RULE = Rule(
    id="PL201",
    name="invalid-pod-restart-policy",
    severity=Severity.ERROR,
    summary="Pod restartPolicy is not Always, OnFailure or Never",
    fix="safe: writes a policy given in the wrong case as the policy (always as Always)",
)

POD_RESTART_POLICIES = ("Always", "OnFailure", "Never")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateRestartPolicy: NotSupported unless Always/OnFailure/Never
    # (case-sensitive); defaults.go SetDefaults_PodSpec turns an empty value into Always
    value = as_str(pod.spec.get("restartPolicy"))
    if not value or value in POD_RESTART_POLICIES:
        return
    meant = next((v for v in POD_RESTART_POLICIES if v.lower() == value.strip().lower()), None)
    hint = f' (did you mean "{meant}"?)' if meant else ""
    yield Finding(
        pod.path / "restartPolicy",
        f'pod restartPolicy is "{value}"; it must be one of "Always", "OnFailure", "Never"{hint}',
        fix=FixIntent("replace", meant, f'write "{meant}"') if meant else None,
    )
