"""PL503 invalid-hostname-or-subdomain."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str

RULE = Rule(
    id="PL503",
    name="invalid-hostname-or-subdomain",
    severity=Severity.ERROR,
    summary="The pod spec's hostname or subdomain is not a DNS label",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidatePodSpec: a non-empty hostname and subdomain must each be a
    # DNS-1123 label (an empty string means "not set")
    for field in ("hostname", "subdomain"):
        if field == "hostname" and pod.kind == "StatefulSet":
            # The StatefulSet controller sets every pod's hostname to the pod's name, and
            # the 1.34 API server accepts a StatefulSet template with hostname "Web" (the
            # differential corpus) while it refuses it in a Deployment, Job or Pod.
            continue
        value = as_str(pod.spec.get(field))
        if not value:
            continue
        problems = formats.dns1123_label(value)
        if problems:
            yield Finding(pod.path / field, f'{field} "{value}" is not a DNS label: it ' + "; it ".join(problems))
