"""PL212 resize-restart-in-never-pod."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_list, as_str

RULE = Rule(
    id="PL212",
    name="resize-restart-in-never-pod",
    severity=Severity.ERROR,
    summary="A resizePolicy entry asks for a container restart in a pod whose restartPolicy is Never",
    min_version=33,  # InPlacePodVerticalScaling: alpha (off, field dropped) 1.27-1.32, on from 1.33
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateResizePolicy: Invalid "must be 'NotRequired' when
    # `restartPolicy` is 'Never'", reported at the resizePolicy list path
    if not pod.k8s.gate("InPlacePodVerticalScaling") or pod.restart_policy != "Never":
        return
    for c in pod.all_containers:
        for i, entry in enumerate(as_list(c.spec.get("resizePolicy"))):
            policy = as_str(as_dict(entry).get("restartPolicy"))
            if policy is None or policy == "NotRequired":
                continue  # absent: the schema pass reports the missing required field
            resource = as_str(as_dict(entry).get("resourceName")) or "resource"
            yield Finding(
                c.path / "resizePolicy" / i / "restartPolicy",
                f'{c.label} resizePolicy for {resource} is "{policy}"; it must be "NotRequired" '
                'because the pod restartPolicy is "Never"',
            )
