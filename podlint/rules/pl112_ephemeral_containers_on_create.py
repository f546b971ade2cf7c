"""PL112 ephemeral-containers-on-create."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list

RULE = Rule(
    id="PL112",
    name="ephemeral-containers-on-create",
    severity=Severity.ERROR,
    summary="ephemeralContainers set in a Pod manifest or a pod template",
)


def check(pod: PodSite) -> Iterator[Finding]:
    count = len(as_list(pod.spec.get("ephemeralContainers")))
    if not count:
        return  # absent, empty or of the wrong type (schema pass)
    what = f"ephemeralContainers ({count} container{'s' if count > 1 else ''})"
    if pod.is_template:
        # validation.go ValidatePodTemplateSpec: Forbidden in every pod template
        message = (f"{what} set in a pod template ({pod.kind}); ephemeral containers are not "
                   "allowed in templates, only added to running Pods (kubectl debug)")
    else:
        # validation.go ValidatePodCreate: "cannot be set on create"
        message = (f"{what} set in a Pod manifest; ephemeral containers cannot be set on create, "
                   "only added to a running Pod through the ephemeralcontainers subresource "
                   "(kubectl debug)")
    yield Finding(pod.path / "ephemeralContainers", message)
