"""PL201 invalid-pod-restart-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str

RULE = Rule(
    id="PL201",
    name="invalid-pod-restart-policy",
    severity=Severity.ERROR,
    summary="Pod restartPolicy is not Always, OnFailure or Never",
)

POD_RESTART_POLICIES = ("Always", "OnFailure", "Never")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateRestartPolicy: NotSupported unless Always/OnFailure/Never
    # (case-sensitive); defaults.go SetDefaults_PodSpec turns an empty value into Always
    value = as_str(pod.spec.get("restartPolicy"))
    if not value or value in POD_RESTART_POLICIES:
        return
    hint = next((f' (did you mean "{v}"?)' for v in POD_RESTART_POLICIES if v.lower() == value.strip().lower()), "")
    yield Finding(
        pod.path / "restartPolicy",
        f'pod restartPolicy is "{value}"; it must be one of "Always", "OnFailure", "Never"{hint}',
    )
