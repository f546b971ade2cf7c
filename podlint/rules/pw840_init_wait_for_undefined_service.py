"""PW840 init-wait-for-undefined-service."""

from __future__ import annotations

from typing import Iterator

from podlint.crossfile import CrossFinding, FactSet
from podlint.diagnostics import Severity
from podlint.model import Rule

RULE = Rule(
    id="PW840",
    name="init-wait-for-undefined-service",
    severity=Severity.INFO,
    summary="An init container waits for a Service that no manifest checked in the same run defines",
    scope="set",
)


def check(facts: FactSet) -> Iterator[CrossFinding]:
    if not (facts.services or facts.strict):
        return  # the set holds no Service at all: it was never meant to be complete
    for pod in facts.pods:
        for wait in pod.waits:
            if facts.service(wait.service, wait.namespace, pod) is None:
                where = f'"{wait.service}"' + (f' in namespace "{wait.namespace}"' if wait.namespace else "")
                yield CrossFinding(
                    pod, wait.path,
                    f"{wait.container} waits for Service {where} ({wait.tool}), which no manifest in this "
                    f"run defines: unless it exists in the cluster already, the pod stays in "
                    f"Init:{wait.index}/{wait.count} for good")
