"""Kubernetes versions podlint knows and the feature gates on by default in each."""

from __future__ import annotations

import re
from typing import NamedTuple

OLDEST_MINOR = 25
NEWEST_MINOR = 37
SUPPORTED = tuple(f"1.{m}" for m in range(OLDEST_MINOR, NEWEST_MINOR + 1))

# Gate -> first minor release in which it is enabled by default (beta-on or GA).
# None: not on by default in any release podlint supports. From kube_features.go and
# the kubernetes/website feature-gate pages, as summarised in the rule catalogue.
GATES_ON_FROM: dict[str, int | None] = {
    "ContainerRestartRules": 35,
    "ContainerStopSignals": None,
    "CronJobTimeZone": 25,
    "DynamicResourceAllocation": 34,
    "EnvFiles": 35,
    "ExpandedDNSConfig": 26,
    "GRPCContainerProbe": 24,
    "GenericWorkload": None,
    "HostnameOverride": 35,
    "ImageVolume": 35,
    "InPlacePodVerticalScaling": 33,
    "JobBackoffLimitPerIndex": 29,
    "JobManagedBy": 32,
    "JobPodFailurePolicy": 26,
    "JobPodReplacementPolicy": 29,
    "JobSuccessPolicy": 31,
    "MatchLabelKeysInPodAffinity": 31,
    "MatchLabelKeysInPodTopologySpread": 27,
    "MaxUnavailableStatefulSet": 37,
    "MinDomainsInPodTopologySpread": 27,
    "NodeInclusionPolicyInPodTopologySpread": 26,
    "PodHostIPs": 29,
    "PodLevelResources": 34,
    "PodLifecycleSleepAction": 30,
    "PodLifecycleSleepActionAllowZero": 33,
    "PodSchedulingReadiness": 27,
    "ProbeTerminationGracePeriod": 25,
    "PreferSameTrafficDistribution": 34,
    "ProcMountType": 33,
    "RecursiveReadOnlyMounts": 31,
    "RelaxedDNSSearchValidation": 33,
    "RelaxedEnvironmentVariableValidation": 32,
    "RelaxedServiceNameValidation": 36,
    "RestartAllContainersOnContainerExits": 36,
    "SELinuxChangePolicy": 33,
    "SELinuxMount": 37,
    "ServiceTrafficDistribution": 31,
    "SidecarContainers": 29,
    "StatefulSetAutoDeletePVC": 27,
    "StatefulSetStartOrdinal": 27,
    "StrictIPCIDRValidation": 36,
    "SupplementalGroupsPolicy": 33,
    "TaintTolerationComparisonOperators": None,
    "UserNamespacesHostNetworkSupport": None,
    "UserNamespacesSupport": 33,
}

_VERSION = re.compile(r"^v?1\.(\d{1,4})(?:\.\d{1,6})?$")


class UnsupportedVersion(ValueError):
    pass


class FeatureGateError(ValueError):
    pass


_BOOLS = {**dict.fromkeys(("1", "t", "T", "TRUE", "true", "True"), True),
          **dict.fromkeys(("0", "f", "F", "FALSE", "false", "False"), False)}  # strconv.ParseBool


def parse_feature_gates(text: str) -> tuple[tuple[str, bool], ...]:
    """kube-apiserver's --feature-gates syntax: "Name=true,Other=false"."""
    gates = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        name, sep, value = part.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name or value not in _BOOLS:
            raise FeatureGateError(f"feature gate {part!r}: expected Name=true or Name=false")
        gates.append((name, _BOOLS[value]))
    return tuple(gates)


def unknown_gates(gates: tuple[tuple[str, bool], ...]) -> list[str]:
    """Gates no podlint rule consults (setting them changes nothing)."""
    return [name for name, _ in gates if name not in GATES_ON_FROM]


class KubeVersion(NamedTuple):
    """A Kubernetes minor release, e.g. KubeVersion(33) for 1.33, with the feature gates a
    cluster sets explicitly (kube-apiserver --feature-gates) over the release's defaults."""

    minor: int
    gates: tuple[tuple[str, bool], ...] = ()

    @classmethod
    def parse(cls, text: str) -> "KubeVersion":
        """Accept "1.30", "v1.30" and "v1.30.2"."""
        m = _VERSION.match(text.strip())
        if not m:
            shown = text if len(text) <= 40 else text[:37] + "..."
            raise UnsupportedVersion(f"not a Kubernetes version: {shown!r} (expected e.g. 1.33)")
        minor = int(m.group(1))
        if not OLDEST_MINOR <= minor <= NEWEST_MINOR:
            raise UnsupportedVersion(
                f"Kubernetes 1.{minor} is not supported; choose 1.{OLDEST_MINOR} to 1.{NEWEST_MINOR}"
            )
        return cls(minor)

    @classmethod
    def newest(cls) -> "KubeVersion":
        return cls(NEWEST_MINOR)

    def at_least(self, minor: int) -> bool:
        return self.minor >= minor

    def gate(self, name: str) -> bool:
        """Whether the feature gate is on: as set with --feature-gates, else as the release's
        default."""
        first = GATES_ON_FROM[name]  # KeyError on a typo is what we want
        for gate, on in self.gates:
            if gate == name:
                return on
        return first is not None and self.minor >= first

    def with_gates(self, gates: tuple[tuple[str, bool], ...]) -> "KubeVersion":
        """This release with `gates` set (later settings of a gate win)."""
        merged = dict(self.gates)
        merged.update(gates)
        return KubeVersion(self.minor, tuple(sorted(merged.items())))

    def __str__(self) -> str:
        return f"1.{self.minor}"
