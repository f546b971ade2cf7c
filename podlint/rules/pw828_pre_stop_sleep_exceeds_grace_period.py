"""PW828 pre-stop-sleep-exceeds-grace-period."""

from __future__ import annotations

import math
from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_int
from podlint.rules._runtime import script_of, top_level_sleeps

RULE = Rule(
    id="PW828",
    name="pre-stop-sleep-exceeds-grace-period",
    severity=Severity.WARNING,
    summary="A preStop exec hook sleeps for the whole terminationGracePeriodSeconds or longer",
)


def check(pod: PodSite) -> Iterator[Finding]:
    grace = as_int(pod.spec.get("terminationGracePeriodSeconds"))
    if grace is None:
        if pod.spec.get("terminationGracePeriodSeconds") is not None:
            return  # wrong type: the schema pass reports it
        grace = 30  # defaults.go SetDefaults_PodSpec
    if grace < 0:
        return  # PW810: treated as 1 for Pods
    for c in pod.running_containers:
        pre_stop = as_dict(as_dict(c.spec.get("lifecycle")).get("preStop"))
        exec_action = pre_stop.get("exec")
        if not isinstance(exec_action, dict):
            continue  # a sleep action longer than the grace period is rejected (PL315)
        path = c.path / "lifecycle" / "preStop" / "exec"
        script = script_of(exec_action, path, ("command",))
        sleeps = top_level_sleeps(script) if script is not None else []
        longest = max(sleeps, key=lambda s: s.seconds, default=None)
        if longest is None or longest.seconds < grace:
            continue
        # kubelet kuberuntime_container.go killContainer: the hook gets the grace period and
        # is abandoned when it runs out; then SIGTERM with the 2 s minimum window
        length = "forever" if math.isinf(longest.seconds) else f"{longest.seconds:g}s"
        yield Finding(
            path / "command",
            f'preStop hook of {c.label} runs "{longest.text}" ({length}), as long as or longer than '
            f"terminationGracePeriodSeconds ({grace}): the kubelet abandons the hook at the deadline "
            "and the container gets SIGTERM with only 2s left before SIGKILL; shorten the sleep "
            "or raise terminationGracePeriodSeconds",
        )
