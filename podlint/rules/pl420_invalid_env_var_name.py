"""PL420 invalid-env-var-name."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._containers import env_name_problem, items

RULE = Rule(
    id="PL420",
    name="invalid-env-var-name",
    severity=Severity.ERROR,
    summary="An env var name is empty, or not a valid name for the release",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateEnv: empty -> Required; else IsRelaxedEnvVarName when
    # RelaxedEnvironmentVariableValidation is on (beta, on by default from 1.32), else
    # IsEnvVarName. An absent name is PL012's.
    for c in pod.validated_containers:
        for env in items(c, "env"):
            name = as_str(env.spec.get("name"))
            if name is None:
                continue  # absent or of the wrong type: the schema pass reports it
            if name == "":
                yield Finding(env.path / "name", f"{c.label} env[{env.index}] has an empty name; "
                              "every env var needs a name")
                continue
            accepted = env_name_problem(name, pod.k8s)
            if accepted:
                yield Finding(env.path / "name", f'{c.label} env var name "{name}" is not valid; '
                              f"{accepted}", on_key=False)
