"""PL430 invalid-env-from-source-name."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._containers import items, subdomain_name_problem

RULE = Rule(
    id="PL430",
    name="invalid-env-from-source-name",
    severity=Severity.ERROR,
    summary="An envFrom configMapRef or secretRef has an empty or invalid name",
)

KINDS = {"configMapRef": "ConfigMap", "secretRef": "Secret"}


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateConfigMapEnvSource / validateSecretEnvSource: empty -> Required
    # (the schema leaves name optional, so an absent name is reported here too); else
    # ValidateConfigMapName / ValidateSecretName with prefix=true, so maskTrailingDash lets
    # a trailing "-" pass.
    for c in pod.validated_containers:
        for source in items(c, "envFrom"):
            for field, kind in KINDS.items():
                ref = source.spec.get(field)
                if not isinstance(ref, dict):
                    continue
                path = source.path / field
                name = ref.get("name")
                if name is None or name == "":
                    where = path / "name" if "name" in ref else path
                    yield Finding(where, f"{c.label} envFrom[{source.index}].{field} has no {kind} "
                                  f"name; set name to the {kind} to import")
                elif isinstance(name, str):
                    problems = subdomain_name_problem(name, prefix=True)
                    if problems:
                        yield Finding(path / "name", f'{c.label} envFrom {field} name "{name}" is not '
                                      f"a valid {kind} name: it {' and '.join(problems)}",
                                      on_key=False)
