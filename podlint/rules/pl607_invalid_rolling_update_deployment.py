"""PL607 invalid-rolling-update-deployment."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._workloads import IntOrPercent, int_or_percent, rolling_update

RULE = Rule(
    id="PL607",
    name="invalid-rolling-update-deployment",
    severity=Severity.ERROR,
    summary="A Deployment's maxUnavailable/maxSurge is malformed or negative, both are 0, "
    "or maxUnavailable is above 100%",
)

DEFAULT = IntOrPercent("25%")  # apps/v1 SetDefaults_Deployment, for each absent value


def check(pod: PodSite) -> Iterator[Finding]:
    # apps validation.go ValidateRollingUpdateDeployment, on the defaulted object:
    # ValidatePositiveIntOrPercent on both (a string must be "<digits>%", an int >= 0);
    # Invalid at maxUnavailable "may not be 0 when `maxSurge` is 0" when both resolve to 0
    # (getIntOrPercentValue); IsNotMoreThan100Percent on maxUnavailable only.
    # (no strategy: defaulted to 25%/25%; Recreate or an unsupported type is PL606's)
    found = rolling_update(pod, "Deployment", "strategy")
    if found is None:
        return
    rolling, path = found
    values = {}
    for name in ("maxUnavailable", "maxSurge"):
        raw = rolling.get(name)
        value = DEFAULT if raw is None else int_or_percent(raw)
        if value is None:
            return  # wrong type: the schema pass reports it
        values[name] = value
        problem = value.problem()
        if problem:
            yield Finding(path / name, f"{name} is {value.shown}; {problem}", on_key=False)
    unavailable, surge = values["maxUnavailable"], values["maxSurge"]
    if unavailable.value == 0 and surge.value == 0:
        where = path / "maxUnavailable" if "maxUnavailable" in rolling else path / "maxSurge"
        shown_surge = surge.shown if "maxSurge" in rolling else f"{surge.shown} (the default)"
        yield Finding(
            where,
            f"maxUnavailable is {unavailable.shown} and maxSurge is {shown_surge}; a rolling update "
            "could never make progress, so at least one of them must be above 0",
            on_key=False,
        )
    if unavailable.above_100_percent:
        yield Finding(path / "maxUnavailable",
                      f"maxUnavailable is {unavailable.shown}; it must not be greater than 100%", on_key=False)
