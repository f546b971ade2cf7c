"""PL422 env-value-and-value-from."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._containers import env_label, sources, value_from_entries

RULE = Rule(
    id="PL422",
    name="env-value-and-value-from",
    severity=Severity.ERROR,
    summary="An env var sets both a non-empty value and a valueFrom source",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateEnvVarValueFrom: with a source and a non-empty value ->
    # Invalid "may not be specified when `value` is not empty" (reported at valueFrom;
    # this check comes before the one-source check, PL423). An empty value is fine.
    for c in pod.validated_containers:
        for env, value_from in value_from_entries(c):
            found = sources(value_from, pod.k8s)
            if any(not isinstance(value_from[k], dict) for k in found):
                continue  # a source of the wrong type fails decoding: the schema pass reports it
            value = as_str(env.spec.get("value"))
            if not found or not value:
                continue
            yield Finding(env.path / "valueFrom",
                          f"{env_label(env)} sets both value and valueFrom.{found[0]}; use one or "
                          "the other")
