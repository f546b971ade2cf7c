"""PL640 invalid-statefulset-service-name."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule

RULE = Rule(
    id="PL640",
    name="invalid-statefulset-service-name",
    severity=Severity.ERROR,
    summary="A StatefulSet's serviceName is not a DNS label",
    # declarative validation of StatefulSetSpec.serviceName (+k8s:format=k8s-short-name,
    # error origin "format=dns-label"); confirmed against the 1.34.1 API server's verdicts
    min_version=34,
)


def check(pod: PodSite) -> Iterator[Finding]:
    # The pods' DNS names are <pod>.<serviceName>.<namespace>.svc: the governing Service's
    # name must be a DNS label, as every Service name is.
    if pod.kind != "StatefulSet" or pod.controller is None:
        return
    name = pod.controller.get("serviceName")
    if not isinstance(name, str) or not name:
        return
    problems = formats.dns1123_label(name)
    if problems:
        yield Finding(pod.controller_path / "serviceName",
                      f'serviceName "{name}" is not a valid Service name: {problems[0]}', on_key=False)
