"""PL104 init-container-startup-probe."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule

RULE = Rule(
    id="PL104",
    name="init-container-startup-probe",
    severity=Severity.ERROR,
    summary="A plain init container (not restartPolicy: Always) sets startupProbe",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateInitContainers: probes are Forbidden unless the init
    # container is a restartable sidecar (restartPolicy: Always)
    for c in pod.init_containers:
        if c.is_plain_init and c.spec.get("startupProbe") is not None:
            yield Finding(
                c.path / "startupProbe",
                f"{c.label} sets startupProbe; init containers run to completion and may only "
                "have probes as sidecars (restartPolicy: Always)",
            )
