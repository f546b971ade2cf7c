"""PL210 invalid-job-restart-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule

RULE = Rule(
    id="PL210",
    name="invalid-job-restart-policy",
    severity=Severity.ERROR,
    summary="A Job or CronJob pod template omits restartPolicy or sets it to anything but OnFailure or Never",
)

JOB_RESTART_POLICIES = ("OnFailure", "Never")


def check(pod: PodSite) -> Iterator[Finding]:
    # batch validation.go validateJobSpec (CronJob: via ValidateJobTemplateSpec): after
    # defaulting, "" or "Always" -> Required 'valid values: "OnFailure", "Never"'; any other
    # value that is not OnFailure/Never -> NotSupported
    if not pod.is_job:
        return
    value = pod.spec.get("restartPolicy")
    if value is None:
        # absent (or null): the engine points at the pod spec's key (or the null value)
        yield Finding(
            pod.path / "restartPolicy",
            f'pod template has no restartPolicy, so it defaults to "Always", which a {pod.kind} does not '
            'accept; set restartPolicy to "OnFailure" or "Never"',
        )
    elif not isinstance(value, str):
        return  # wrong type: the schema pass reports it
    elif value in ("", "Always"):
        shown = "empty (defaulted to \"Always\")" if value == "" else '"Always"'
        yield Finding(
            pod.path / "restartPolicy",
            f'restartPolicy is {shown}, which a {pod.kind} does not accept; use "OnFailure" or "Never"',
        )
    elif value not in JOB_RESTART_POLICIES:
        yield Finding(
            pod.path / "restartPolicy",
            f'restartPolicy is "{value}"; a {pod.kind} only supports "OnFailure" or "Never"',
        )
