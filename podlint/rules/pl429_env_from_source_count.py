"""PL429 env-from-source-count."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._containers import items

RULE = Rule(
    id="PL429",
    name="env-from-source-count",
    severity=Severity.ERROR,
    summary="An envFrom entry sets neither or both of configMapRef and secretRef",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateEnvFrom: no source -> Invalid "must specify one of:
    # `configMapRef` or `secretRef`"; both -> "may not have more than one field specified
    # at a time". Path quirk: the server reports the envFrom list, podlint the entry.
    for c in pod.validated_containers:
        for source in items(c, "envFrom"):
            found = [k for k in ("configMapRef", "secretRef") if source.spec.get(k) is not None]
            if len(found) == 1:
                continue
            if found:
                message = (f"{c.label} envFrom[{source.index}] sets both configMapRef and secretRef; "
                           "use one entry for each")
            else:
                message = (f"{c.label} envFrom[{source.index}] sets neither configMapRef nor "
                           "secretRef; each entry needs exactly one")
            yield Finding(source.path, message)
