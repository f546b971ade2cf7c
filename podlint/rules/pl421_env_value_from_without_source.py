"""PL421 env-value-from-without-source."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._containers import (
    FILE_KEY_REF_IN_SCHEMA,
    env_label,
    file_key_ref_dropped,
    sources,
    value_from_entries,
)

RULE = Rule(
    id="PL421",
    name="env-value-from-without-source",
    severity=Severity.ERROR,
    summary="An env var valueFrom names no source (fieldRef, resourceFieldRef, configMapKeyRef, "
    "secretKeyRef, fileKeyRef)",
)

_CLASSIC = "fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef"
_WITH_FILES = "fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef or fileKeyRef"


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateEnvVarValueFrom: a non-nil valueFrom with no source -> Invalid
    # "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or
    # `secretKeyRef`". With EnvFiles off (1.34) dropDisabledFields removes fileKeyRef first.
    k8s = pod.k8s
    envfiles = k8s.gate("EnvFiles")
    for c in pod.validated_containers:
        for env, value_from in value_from_entries(c):
            if sources(value_from, k8s):
                continue
            if value_from.get("fileKeyRef") is not None and not k8s.at_least(FILE_KEY_REF_IN_SCHEMA):
                continue  # an unknown field before 1.34: the schema pass (PL010) reports it
            if file_key_ref_dropped(value_from, k8s):
                message = (f"{env_label(env)} takes its value only from fileKeyRef, which "
                           f"Kubernetes {k8s} drops (EnvFiles is on from 1.35), leaving valueFrom "
                           f"without a source; use one of {_CLASSIC}")
            else:
                accepted = _WITH_FILES if envfiles else _CLASSIC
                message = (f"{env_label(env)} has valueFrom without a source; set exactly one of "
                           f"{accepted}")
            yield Finding(env.path / "valueFrom", message)

