"""PL105 invalid-init-container-restart-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str

RULE = Rule(
    id="PL105",
    name="invalid-init-container-restart-policy",
    severity=Severity.ERROR,
    summary="An init container restartPolicy the release does not support",
    # 1.25-1.27 have no such field (the schema pass reports it); 1.28 drops it
    min_version=29,
)

# ContainerRestartRules is alpha (off) from 1.34: dropContainerRestartRules then removes
# every init container restartPolicy but Always before validation runs.
_CONTAINER_RESTART_RULES_ALPHA = 34
_SIDECAR_ONLY = ("Always",)
_WITH_RESTART_RULES = ("Always", "OnFailure", "Never")


def check(pod: PodSite) -> Iterator[Finding]:
    k8s = pod.k8s
    if not k8s.gate("SidecarContainers"):
        return  # pkg/api/pod/util.go dropDisabledFields drops the field (1.28)
    restart_rules = k8s.gate("ContainerRestartRules")
    if not restart_rules and k8s.at_least(_CONTAINER_RESTART_RULES_ALPHA):
        return  # 1.34: non-Always values are dropped silently (PW830), not rejected
    allowed = _WITH_RESTART_RULES if restart_rules else _SIDECAR_ONLY
    for c in pod.init_containers:
        value = as_str(c.spec.get("restartPolicy"))
        if value is None or value in allowed:
            continue  # absent, null or of the wrong type (schema pass)
        # validation.go validateInitContainerRestartPolicy: NotSupported
        if restart_rules:
            accepted = ", ".join(f'"{v}"' for v in allowed)
            hint = f"supported values: {accepted} (case-sensitive)"
        else:
            hint = (f'Kubernetes {k8s} only supports "Always" here (a sidecar); '
                    '"OnFailure" and "Never" need 1.35 (ContainerRestartRules)')
        yield Finding(c.path / "restartPolicy", f'{c.label} has restartPolicy "{value}"; {hint}',
                      on_key=False)
