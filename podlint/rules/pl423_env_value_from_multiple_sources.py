"""PL423 env-value-from-multiple-sources."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._containers import env_label, sources, value_from_entries

RULE = Rule(
    id="PL423",
    name="env-value-from-multiple-sources",
    severity=Severity.ERROR,
    summary="An env var valueFrom sets more than one source",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateEnvVarValueFrom: more than one of fieldRef, resourceFieldRef,
    # configMapKeyRef, secretKeyRef (and fileKeyRef where EnvFiles keeps it) -> Invalid
    # "may not have more than one field specified at a time". Not reported when value is
    # also set: the server then only reports that (PL422).
    for c in pod.validated_containers:
        for env, value_from in value_from_entries(c):
            found = sources(value_from, pod.k8s)
            if any(not isinstance(value_from[k], dict) for k in found):
                continue  # a source of the wrong type fails decoding: the schema pass reports it
            if len(found) < 2 or as_str(env.spec.get("value")):
                continue
            yield Finding(env.path / "valueFrom",
                          f"{env_label(env)} valueFrom sets {', '.join(found[:-1])} and {found[-1]}; "
                          "set exactly one source")
