"""PL506 invalid-node-name."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list, as_str

RULE = Rule(
    id="PL506",
    name="invalid-node-name",
    severity=Severity.ERROR,
    summary="The pod spec's nodeName is not a DNS subdomain, or a Pod sets nodeName with schedulingGates",
)

# PodSchedulingReadiness: alpha (dropped) in 1.26, beta and on by default from 1.27, GA 1.30
SCHEDULING_GATES_FROM = 27


def check(pod: PodSite) -> Iterator[Finding]:
    value = as_str(pod.spec.get("nodeName"))
    if not value:
        return
    path = pod.path / "nodeName"
    # validation.go ValidatePodSpec: ValidateNodeName (NameIsDNSSubdomain)
    problems = formats.dns1123_subdomain(value)
    if problems:
        yield Finding(path, f'nodeName "{value}" is not a valid node name: it ' + "; it ".join(problems))
    # validation.go ValidatePodCreate (Pods only): a pod bound to a node cannot wait on
    # scheduling gates
    if not pod.is_template and pod.k8s.at_least(SCHEDULING_GATES_FROM) and as_list(pod.spec.get("schedulingGates")):
        yield Finding(path, f'nodeName "{value}" is set while schedulingGates is not empty; a pod cannot '
                            "be bound to a node until all its scheduling gates are cleared")
