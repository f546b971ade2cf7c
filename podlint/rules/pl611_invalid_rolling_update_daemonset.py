"""PL611 invalid-rolling-update-daemonset."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._workloads import IntOrPercent, int_or_percent, rolling_update

RULE = Rule(
    id="PL611",
    name="invalid-rolling-update-daemonset",
    severity=Severity.ERROR,
    summary="A DaemonSet's maxUnavailable/maxSurge is malformed, negative or above 100%, or not "
    "exactly one of them is non-zero (maxUnavailable defaults to 1)",
)

# apps/v1 SetDefaults_DaemonSet, for each absent value
DEFAULTS = {"maxUnavailable": IntOrPercent(1), "maxSurge": IntOrPercent(0)}


def check(pod: PodSite) -> Iterator[Finding]:
    # apps validation.go ValidateRollingUpdateDaemonSet, on the defaulted object:
    # ValidatePositiveIntOrPercent and IsNotMoreThan100Percent on both; then exactly one must
    # be non-zero: both -> Invalid at maxSurge "may not be set when maxUnavailable is
    # non-zero", neither -> Required at maxUnavailable "cannot be 0 when maxSurge is 0".
    # (no strategy: defaulted to 1/0; OnDelete or an unsupported type is PL610's)
    found = rolling_update(pod, "DaemonSet", "updateStrategy")
    if found is None:
        return
    rolling, path = found
    values = {}
    for name, default in DEFAULTS.items():
        raw = rolling.get(name)
        value = default if raw is None else int_or_percent(raw)
        if value is None:
            return  # wrong type: the schema pass reports it
        values[name] = value
        problem = value.problem()
        if problem:
            yield Finding(path / name, f"{name} is {value.shown}; {problem}", on_key=False)
        elif value.above_100_percent:
            yield Finding(path / name, f"{name} is {value.shown}; it must not be greater than 100%", on_key=False)
    unavailable, surge = values["maxUnavailable"], values["maxSurge"]
    shown_unavailable = unavailable.shown if "maxUnavailable" in rolling else f"{unavailable.shown} (the default)"
    if unavailable.value != 0 and surge.value != 0:
        yield Finding(
            path / "maxSurge",
            f"maxSurge is {surge.shown} while maxUnavailable is {shown_unavailable}; a DaemonSet allows only one "
            "of them to be non-zero: set maxUnavailable: 0 to surge",
            on_key=False,
        )
    elif unavailable.value == 0 and surge.value == 0:
        yield Finding(
            path / "maxUnavailable",
            "maxUnavailable and maxSurge are both 0; a rolling update could never make progress, so "
            "exactly one of them must be above 0",
            on_key=False,
        )
