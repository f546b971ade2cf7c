"""PL702 invalid-object-name."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.rules._formats import dns1123_subdomain
from podlint.model import PodSite, Rule, as_str
from podlint.rules._metadata import NAME_KINDS_SUBDOMAIN, object_meta, placeholder_hint

RULE = Rule(
    id="PL702",
    name="invalid-object-name",
    severity=Severity.ERROR,
    summary="metadata.name is not a valid DNS subdomain name",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidatePodName / ValidateReplicationControllerName, apps
    # ValidateDeploymentName / ValidateReplicaSetName / ValidateDaemonSetName, batch (Job,
    # CronJob): NameIsDNSSubdomain. StatefulSet names are PL613 (a DNS label in recent
    # releases); the kind-specific length limits are PL626, PL632 and PL634.
    if pod.kind not in NAME_KINDS_SUBDOMAIN:
        return
    meta = object_meta(pod)
    name = as_str(meta.data.get("name")) if meta else None
    if not name:
        return  # absent or empty: PL701; wrong type: schema pass
    problems = dns1123_subdomain(name)
    if problems:
        yield Finding(meta.path / "name",
                      f'{pod.kind} name "{name}" is not a valid DNS subdomain: it '
                      + " and ".join(problems)
                      + " (e.g. \"my-app\" or \"my-app.v2\")" + placeholder_hint(name), on_key=False)
