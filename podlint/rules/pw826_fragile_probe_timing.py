"""PW826 fragile-probe-timing."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_int
from podlint.rules._runtime import normalized_probe, probe_int

RULE = Rule(
    id="PW826",
    name="fragile-probe-timing",
    severity=Severity.WARNING,
    summary="Liveness probe that kills a slow starter, mirrors the readiness probe, or times out past its period",
)

# A liveness probe with no startupProbe kills a container that is not up after about
# initialDelaySeconds + failureThreshold x periodSeconds. Below this many seconds even a
# healthy but briefly slow start (image with a JIT, cold cache, busy node) is killed and
# restarted in a loop. Kept low on purpose: the defaults give 30 s and are not flagged.
SHORT_LIVENESS_WINDOW = 10

_NAMES = {"livenessProbe": "liveness probe", "readinessProbe": "readiness probe",
          "startupProbe": "startup probe"}


def check(pod: PodSite) -> Iterator[Finding]:
    # probes only run on regular containers and sidecars (PL102-PL104 reject the rest)
    for c in pod.running_containers:
        liveness = c.spec.get("livenessProbe")
        readiness = c.spec.get("readinessProbe")
        if isinstance(liveness, dict):
            if c.spec.get("startupProbe") is None:
                delay = probe_int(liveness, "initialDelaySeconds")
                failures = probe_int(liveness, "failureThreshold")
                period = probe_int(liveness, "periodSeconds")
                if None not in (delay, failures, period) and delay + failures * period < SHORT_LIVENESS_WINDOW:
                    yield Finding(
                        c.path / "livenessProbe",
                        f"liveness probe of {c.label} has no startupProbe and kills the container if it "
                        f"is not up after about {delay + failures * period}s (initialDelaySeconds {delay} + "
                        f"failureThreshold {failures} x periodSeconds {period}): a slow start ends in a "
                        f"restart loop; add a startupProbe or allow at least {SHORT_LIVENESS_WINDOW}s",
                    )
            if isinstance(readiness, dict) and normalized_probe(liveness) == normalized_probe(readiness):
                yield Finding(
                    c.path / "livenessProbe",
                    f"liveness probe of {c.label} is identical to its readiness probe: when the app is "
                    "only overloaded, the kubelet restarts it at the moment it should merely be taken "
                    "out of its Services; make the liveness probe more tolerant (a higher "
                    "failureThreshold) or point it at a cheaper check",
                )
        for name, what in _NAMES.items():
            probe = c.spec.get(name)
            if not isinstance(probe, dict):
                continue
            timeout = as_int(probe.get("timeoutSeconds"))
            period = probe_int(probe, "periodSeconds")
            if timeout is None or timeout <= 0 or period is None or timeout < period:
                continue  # an explicit timeout below the period (defaults: 1 s < 10 s)
            # kubelet prober/worker.go runs one probe at a time off a ticker: a probe that
            # may take the whole period runs back to back and the period is not kept
            yield Finding(
                c.path / name / "timeoutSeconds",
                f"{what} of {c.label} has timeoutSeconds {timeout} >= periodSeconds {period}: a slow "
                "check runs back to back with the next and failures take longer to count than "
                "the period suggests; keep timeoutSeconds below periodSeconds",
            )
