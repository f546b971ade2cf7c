"""PW823 unbounded-init-wait-loop."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._runtime import (activity_deadline, container_script, find_loops, loop_is_bounded,
                                    pod_restart_policy_counts)

RULE = Rule(
    id="PW823",
    name="unbounded-init-wait-loop",
    severity=Severity.WARNING,
    summary="An init container polls for a dependency in a loop with no timeout and no activeDeadlineSeconds",
)


def _quote(text: str) -> str:
    line = " ".join(text.split()).rstrip(";").rstrip()
    return line if len(line) <= 60 else line[:57] + "..."


def check(pod: PodSite) -> Iterator[Finding]:
    if activity_deadline(pod):
        return  # the pod (or the Job) is failed once the deadline passes
    init = pod.init_containers
    if pod_restart_policy_counts(pod):
        no_deadline, fix = " and the pod has no activeDeadlineSeconds", " or set activeDeadlineSeconds"
    else:
        no_deadline, fix = "", ""  # Deployments & co. may not set a pod activeDeadlineSeconds
    for index, c in enumerate(init):
        if not c.is_plain_init:
            continue  # a sidecar only has to start, not to finish
        script = container_script(c)
        if script is None:
            continue
        loop = next((loop for loop in find_loops(script.text)
                     if loop.waits and not loop.backgrounded and not loop_is_bounded(script, loop)), None)
        if loop is None:
            continue
        yield Finding(
            script.path,
            f'{c.label} waits in a loop ("{_quote(loop.kind + loop.condition)}") with no timeout'
            f"{no_deadline}: if the dependency never comes, the pod sits in Init:{index}/{len(init)} "
            f"for good with no error; bound the wait (timeout N, or a retry counter that exits "
            f"non-zero){fix}",
        )
