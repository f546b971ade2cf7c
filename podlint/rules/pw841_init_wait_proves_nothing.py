"""PW841 init-wait-proves-nothing."""

from __future__ import annotations

from typing import Iterator

from podlint.crossfile import CrossFinding, FactSet
from podlint.diagnostics import Severity
from podlint.model import Rule

RULE = Rule(
    id="PW841",
    name="init-wait-proves-nothing",
    severity=Severity.WARNING,
    summary="An init container waits with a DNS lookup for a Service that has no selector or selects no pod in the set",
    scope="set",
)


def check(facts: FactSet) -> Iterator[CrossFinding]:
    for pod in facts.pods:
        for wait in pod.waits:
            if wait.kind != "dns":
                continue  # a connection does need an endpoint behind the Service
            svc = facts.service(wait.service, wait.namespace, pod)
            if svc is None or svc.service_type == "ExternalName":
                continue
            if svc.selector is None:
                why = "has no selector"
            elif not facts.selected(svc.selector, svc.namespace):
                why = "selects no pod template in this run"
            else:
                continue
            yield CrossFinding(
                pod, wait.path,
                f'{wait.container} waits for Service "{wait.service}" with {wait.tool}, but the Service '
                f"{why} ({svc.file}): the name resolves as soon as the Service object exists, even with "
                "no ready pod behind it, so the wait proves nothing; wait for the dependency itself "
                "(a TCP or HTTP check of its port)")
