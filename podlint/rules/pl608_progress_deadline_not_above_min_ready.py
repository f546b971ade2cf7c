"""PL608 progress-deadline-not-above-min-ready."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_int
from podlint.rules._workloads import workload_spec

RULE = Rule(
    id="PL608",
    name="progress-deadline-not-above-min-ready",
    severity=Severity.ERROR,
    summary="A Deployment's progressDeadlineSeconds (default 600) is negative or not greater than minReadySeconds",
)

DEFAULT_PROGRESS_DEADLINE = 600  # apps/v1 SetDefaults_Deployment


def check(pod: PodSite) -> Iterator[Finding]:
    # apps validation.go ValidateDeploymentSpec: with progressDeadlineSeconds set (always, after
    # defaulting to 600): ValidateNonnegativeField, and Invalid "must be greater than
    # minReadySeconds" when progressDeadlineSeconds <= minReadySeconds. A negative
    # minReadySeconds is PL605.
    if pod.kind != "Deployment":
        return
    spec, path = workload_spec(pod)
    raw = spec.get("progressDeadlineSeconds")
    deadline = as_int(raw)
    if raw is not None and deadline is None:
        return  # wrong type
    min_ready = as_int(spec.get("minReadySeconds"))
    if spec.get("minReadySeconds") is not None and min_ready is None:
        return
    min_ready = min_ready or 0
    if deadline is None:
        if min_ready >= DEFAULT_PROGRESS_DEADLINE:
            yield Finding(
                path / "minReadySeconds",
                f"minReadySeconds is {min_ready} but progressDeadlineSeconds defaults to "
                f"{DEFAULT_PROGRESS_DEADLINE}; set progressDeadlineSeconds above {min_ready}",
                on_key=False,
            )
        return
    if deadline < 0:
        yield Finding(path / "progressDeadlineSeconds",
                      f"progressDeadlineSeconds is {deadline}; it must be 0 or greater (and above "
                      f"minReadySeconds)", on_key=False)
    elif deadline <= min_ready:
        yield Finding(
            path / "progressDeadlineSeconds",
            f"progressDeadlineSeconds is {deadline} but minReadySeconds is {min_ready}; the progress "
            "deadline must be greater than minReadySeconds",
            on_key=False,
        )
