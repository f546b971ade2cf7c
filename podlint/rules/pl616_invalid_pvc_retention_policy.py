"""PL616 invalid-pvc-retention-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._workloads import workload_spec

RULE = Rule(
    id="PL616",
    name="invalid-pvc-retention-policy",
    severity=Severity.ERROR,
    summary="A StatefulSet persistentVolumeClaimRetentionPolicy whenDeleted/whenScaled is not Retain or Delete",
    min_version=27,  # StatefulSetAutoDeletePVC: alpha (off, field dropped) before 1.27, beta-on 1.27, GA 1.32
)

POLICIES = ("Retain", "Delete")


def check(pod: PodSite) -> Iterator[Finding]:
    # apps validation.go ValidatePersistentVolumeClaimRetentionPolicyType: NotSupported unless
    # Retain or Delete. SetDefaults_StatefulSet fills an empty value with Retain.
    if pod.kind != "StatefulSet":
        return
    spec, path = workload_spec(pod)
    policy = spec.get("persistentVolumeClaimRetentionPolicy")
    if not isinstance(policy, dict):
        return
    for name in ("whenDeleted", "whenScaled"):
        value = as_str(policy.get(name))
        if not value or value in POLICIES:
            continue
        hint = next((f' (did you mean "{v}"?)' for v in POLICIES if v.lower() == value.strip().lower()), "")
        yield Finding(
            path / "persistentVolumeClaimRetentionPolicy" / name,
            f'persistentVolumeClaimRetentionPolicy {name} is "{value}"; it must be "Retain" or "Delete"{hint}',
            on_key=False,
        )
