"""PL534 invalid-toleration-effect."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list, as_str

RULE = Rule(
    id="PL534",
    name="invalid-toleration-effect",
    severity=Severity.ERROR,
    summary="A toleration effect is not NoSchedule, PreferNoSchedule or NoExecute",
)

SUPPORTED = ("NoSchedule", "PreferNoSchedule", "NoExecute")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateTolerations -> validateTaintEffect(allowEmpty): an empty
    # effect matches every effect; anything else must be one of the three
    for i, toleration in enumerate(as_list(pod.spec.get("tolerations"))):
        if not isinstance(toleration, dict):
            continue
        effect = as_str(toleration.get("effect"))
        if effect and effect not in SUPPORTED:
            yield Finding(pod.path / "tolerations" / i / "effect",
                          f'toleration {i} effect "{effect}" is not supported; use "NoSchedule", '
                          '"PreferNoSchedule" or "NoExecute", or leave it out to match every effect', on_key=False)
