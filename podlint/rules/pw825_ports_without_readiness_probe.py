"""PW825 ports-without-readiness-probe."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list

RULE = Rule(
    id="PW825",
    name="ports-without-readiness-probe",
    severity=Severity.WARNING,
    summary="A Deployment, StatefulSet or DaemonSet container that declares ports but has no readinessProbe",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # Without a readiness (or startup) probe a container is Ready as soon as it starts, so a
    # Service sends it traffic before the process listens, and a rolling update moves on
    # without waiting for it. A startupProbe holds readiness back until it succeeds, so a
    # container with one is not reported.
    if not pod.layout.serving:
        return
    for c in pod.containers:
        if not as_list(c.spec.get("ports")):
            continue
        if c.spec.get("readinessProbe") is not None or c.spec.get("startupProbe") is not None:
            continue
        yield Finding(c.path / "ports", f"{c.label} declares ports but has no readinessProbe; it receives "
                                        "Service traffic as soon as it starts: add a readinessProbe")
