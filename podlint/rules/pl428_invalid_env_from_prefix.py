"""PL428 invalid-env-from-prefix."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._containers import env_name_problem, items

RULE = Rule(
    id="PL428",
    name="invalid-env-from-prefix",
    severity=Severity.ERROR,
    summary="An envFrom prefix is not a valid env var name for the release",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateEnvFrom: a non-empty prefix must be an env var name, relaxed
    # (IsRelaxedEnvVarName) with RelaxedEnvironmentVariableValidation on (1.32+), else
    # strict (IsEnvVarName)
    for c in pod.validated_containers:
        for source in items(c, "envFrom"):
            prefix = as_str(source.spec.get("prefix"))
            if not prefix:
                continue
            accepted = env_name_problem(prefix, pod.k8s)
            if accepted:
                yield Finding(source.path / "prefix", f'{c.label} envFrom prefix "{prefix}" is not a '
                              f"valid env var name; {accepted}", on_key=False)
