"""PL426 invalid-env-key-ref."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._containers import env_label, subdomain_name_problem, value_from_entries

RULE = Rule(
    id="PL426",
    name="invalid-env-key-ref",
    severity=Severity.ERROR,
    summary="An env var configMapKeyRef or secretKeyRef has an invalid name or key",
)

KINDS = {"configMapKeyRef": "ConfigMap", "secretKeyRef": "Secret"}


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateConfigMapKeySelector / validateSecretKeySelector: the name
    # must be a DNS subdomain (ValidateSecretName, no prefix), and an absent or empty name
    # fails too (name is optional in the schema, so PL012 is silent); key empty ->
    # Required (absent: PL012), else IsConfigMapKey.
    for c in pod.validated_containers:
        for env, value_from in value_from_entries(c):
            for field, kind in KINDS.items():
                ref = value_from.get(field)
                if not isinstance(ref, dict):
                    continue
                path = env.path / "valueFrom" / field
                name = ref.get("name")
                if name is None or name == "":
                    where = path / "name" if "name" in ref else path
                    yield Finding(where, f"{env_label(env)} {field} has no {kind} name; set name "
                                  f"to the {kind} to read")
                elif isinstance(name, str):
                    problems = subdomain_name_problem(name)
                    if problems:
                        yield Finding(path / "name", f'{env_label(env)} {field} name "{name}" is not '
                                      f"a valid {kind} name: it {' and '.join(problems)}",
                                      on_key=False)
                key = as_str(ref.get("key"))
                if key == "":
                    yield Finding(path / "key", f"{env_label(env)} {field} has an empty key; name "
                                  f"the {kind} key to read")
                elif key:
                    problems = formats.config_map_key(key)
                    if problems:
                        yield Finding(path / "key", f'{env_label(env)} {field} key "{key}" is not a '
                                      f"valid {kind} key: it {' and '.join(problems)}", on_key=False)
