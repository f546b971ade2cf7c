"""PL213 invalid-pod-replacement-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str

RULE = Rule(
    id="PL213",
    name="invalid-pod-replacement-policy",
    severity=Severity.ERROR,
    summary="A Job's podReplacementPolicy is not Failed or TerminatingOrFailed, or not Failed with podFailurePolicy",
    min_version=29,  # JobPodReplacementPolicy: alpha (off, field dropped) in 1.28, on from 1.29
)

POD_REPLACEMENT_POLICIES = ("Failed", "TerminatingOrFailed")


def check(pod: PodSite) -> Iterator[Finding]:
    # batch validation.go validatePodReplacementPolicy: with podFailurePolicy only "Failed"
    # is supported, without it "Failed" or "TerminatingOrFailed" (both NotSupported)
    if not pod.is_job or pod.controller is None or pod.controller_path is None:
        return
    if not pod.k8s.gate("JobPodReplacementPolicy"):
        return
    value = as_str(pod.controller.get("podReplacementPolicy"))
    if value is None:
        return
    path = pod.controller_path / "podReplacementPolicy"
    with_pfp = pod.controller.get("podFailurePolicy") is not None and pod.k8s.gate("JobPodFailurePolicy")
    if with_pfp and value != "Failed":
        yield Finding(
            path,
            f'podReplacementPolicy is "{value}" but the Job sets podFailurePolicy; only "Failed" is supported then',
        )
    elif not with_pfp and value not in POD_REPLACEMENT_POLICIES:
        hint = next((f' (did you mean "{v}"?)' for v in POD_REPLACEMENT_POLICIES
                     if v.lower() == value.strip().lower()), "")
        yield Finding(
            path,
            f'podReplacementPolicy is "{value}"; it must be "Failed" or "TerminatingOrFailed"{hint}',
        )
