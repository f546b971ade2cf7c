"""PL466 invalid-mount-propagation."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._mounts import is_privileged, mounts

RULE = Rule(
    id="PL466",
    name="invalid-mount-propagation",
    severity=Severity.ERROR,
    summary="A volumeMount mountPropagation is unknown, or Bidirectional in a container that is not privileged",
)

MODES = ("None", "HostToContainer", "Bidirectional")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateMountPropagation (for a non-nil mountPropagation): NotSupported
    # outside None/HostToContainer/Bidirectional; Forbidden "Bidirectional mount
    # propagation is available only to privileged containers" unless the container's own
    # securityContext.privileged is true. Reported at volumeMounts.mountPropagation.
    for c in pod.all_containers:
        for m in mounts(pod, c):
            mode = as_str(m.spec.get("mountPropagation"))
            if mode is None:
                continue
            path = m.path / "mountPropagation"
            if mode not in MODES:
                shown = "empty" if mode == "" else f'"{mode}"'
                yield Finding(path, f"{c.label} volumeMounts[{m.index}] mountPropagation is {shown}; "
                              'supported values: "None", "HostToContainer", "Bidirectional" '
                              "(case-sensitive)", on_key=False)
            elif mode == "Bidirectional" and not is_privileged(c):
                yield Finding(path, f'{c.label} volumeMounts[{m.index}] uses mountPropagation "Bidirectional" '
                              "but the container is not privileged; set securityContext.privileged: true "
                              'or use "HostToContainer"', on_key=False)
