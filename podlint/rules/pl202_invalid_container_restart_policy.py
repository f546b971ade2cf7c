"""PL202 invalid-container-restart-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule

RULE = Rule(
    id="PL202",
    name="invalid-container-restart-policy",
    severity=Severity.ERROR,
    summary="A regular container sets restartPolicy where the release forbids it, or to an unknown value",
    # the Container type has restartPolicy from 1.28 (sidecars); before that the schema
    # pass reports the unknown field
    min_version=28,
)

CONTAINER_RESTART_POLICIES = ("Always", "OnFailure", "Never")


def check(pod: PodSite) -> Iterator[Finding]:
    rules_on = pod.k8s.gate("ContainerRestartRules")
    if not rules_on and pod.k8s.at_least(34):
        # util.go dropContainerRestartRules: on 1.34 with the alpha gate off the field is
        # silently dropped from regular containers (PW830), not rejected
        return
    for c in pod.containers:
        value = c.spec.get("restartPolicy")
        if not isinstance(value, str):
            continue  # absent or null; a wrong type is the schema pass's (decoding fails first)
        if not rules_on:
            # validation.go validateContainers (1.28-1.33): Forbidden "may not be set for
            # non-init containers", whatever the value
            hint = " (for a sidecar, move the container to initContainers)" if value == "Always" else ""
            yield Finding(
                c.path / "restartPolicy",
                f'{c.label} sets restartPolicy "{value}"; on Kubernetes {pod.k8s} only init containers '
                f"may set it, per-container restart policies need 1.35 or later{hint}",
            )
        elif value not in CONTAINER_RESTART_POLICIES:
            # validation.go validateContainerRestartPolicy (ContainerRestartRules on):
            # NotSupported unless Always/OnFailure/Never; an empty string is not defaulted
            hint = next((f' (did you mean "{v}"?)' for v in CONTAINER_RESTART_POLICIES
                         if v.lower() == value.strip().lower()), "")
            yield Finding(
                c.path / "restartPolicy",
                f'{c.label} restartPolicy is "{value}"; it must be one of "Always", "OnFailure", "Never"{hint}',
            )
