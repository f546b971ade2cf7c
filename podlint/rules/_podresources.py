"""Pod-level resources (PL557-PL559) and overhead (PL509); not a rule (leading underscore).

Reads spec.resources and spec.overhead after the defaulting that runs before validation
(pkg/apis/core/v1/defaults.go), and adds up container requests and limits the way
k8s.io/component-helpers/resource AggregateContainerRequests / AggregateContainerLimits do
(sidecar semantics of KEP-753). Container resource-name classes come from _resources.
"""

from __future__ import annotations

from fractions import Fraction

from podlint.model import ContainerView, PodSite, as_dict
from podlint.quantity import parse_quantity
from podlint.rules._podlevel import os_name
from podlint.rules._resources import (
    Entry,
    entries,
    is_huge_page,
    resources_of,
    round_up_milli,
)

QUANTITIES = dict[str, Fraction]
# component-helpers resource.SupportedPodLevelResources (hugepages-* from 1.33, PR #130577;
# every release where PodLevelResources is on by default has them)
POD_LEVEL_HINT = 'pod-level resources take "cpu", "memory" and "hugepages-<size>"'


def is_pod_level_supported(name: str) -> bool:
    """resourcehelper.IsSupportedPodLevelResource."""
    return name in ("cpu", "memory") or is_huge_page(name)


def pod_resources_checked(pod: PodSite) -> bool:
    """validatePodResources runs: gate on, spec.resources set, not a Windows pod (PL555)."""
    return (pod.k8s.gate("PodLevelResources") and isinstance(pod.spec.get("resources"), dict)
            and os_name(pod) != "windows")


def pod_entries(pod: PodSite, section: str) -> dict[str, Entry]:
    """spec.resources.<section> items; unparsable values (PL013) carry value None."""
    base = pod.path / "resources" / section
    out: dict[str, Entry] = {}
    for name, raw in as_dict(as_dict(pod.spec.get("resources")).get(section)).items():
        if isinstance(name, str):
            parsed = parse_quantity(raw)
            out[name] = Entry(section, name, raw, None if parsed is None else round_up_milli(parsed), base / name)
    return out


def overhead_entries(pod: PodSite) -> dict[str, Entry]:
    """spec.overhead items, read like container limits (validateOverhead)."""
    base = pod.path / "overhead"
    out: dict[str, Entry] = {}
    for name, raw in as_dict(pod.spec.get("overhead")).items():
        if isinstance(name, str):
            parsed = parse_quantity(raw)
            out[name] = Entry("limits", name, raw, None if parsed is None else round_up_milli(parsed), base / name)
    return out


def _values(items: dict[str, Entry]) -> QUANTITIES:
    return {name: e.value for name, e in items.items() if e.value is not None}


def container_requests(pod: PodSite, c: ContainerView) -> QUANTITIES:
    """A container's requests after defaulting: for Pods only, a missing request is copied
    from the limit (SetDefaults_Pod, containers and init containers); templates keep theirs."""
    requests = _values(entries(c, "requests"))
    if not pod.is_template and isinstance(resources_of(c).get("limits"), dict):
        for name, value in _values(entries(c, "limits")).items():
            requests.setdefault(name, value)
    return requests


def container_limits(pod: PodSite, c: ContainerView) -> QUANTITIES:
    return _values(entries(c, "limits"))


def _add(total: QUANTITIES, more: QUANTITIES) -> None:
    for name, value in more.items():
        total[name] = total.get(name, Fraction(0)) + value


def _max(total: QUANTITIES, more: QUANTITIES) -> None:
    for name, value in more.items():
        if name not in total or value > total[name]:
            total[name] = value


def aggregate(pod: PodSite, per_container) -> QUANTITIES:
    """resourcehelper aggregateContainerResourcesByFn: regular containers and sidecars add up;
    each plain init container needs its own amount plus the sidecars started before it, and
    the pod needs the larger of the two. Ephemeral containers do not count."""
    result: QUANTITIES = {}
    for c in pod.containers:
        _add(result, per_container(pod, c))
    sidecars: QUANTITIES = {}
    init_peak: QUANTITIES = {}
    for c in pod.init_containers:
        own = per_container(pod, c)
        if c.is_restartable_sidecar:
            _add(result, own)
            _add(sidecars, own)
            stage = dict(sidecars)
        else:
            stage = dict(own)
            _add(stage, sidecars)
        _max(init_peak, stage)
    _max(result, init_peak)
    return result


def aggregate_requests(pod: PodSite) -> QUANTITIES:
    return aggregate(pod, container_requests)


def aggregate_limits(pod: PodSite) -> QUANTITIES:
    return aggregate(pod, container_limits)
