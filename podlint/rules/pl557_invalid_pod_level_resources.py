"""PL557 invalid-pod-level-resources."""

from __future__ import annotations

import math
from typing import Iterator, Optional

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict
from podlint.quantity import parse_quantity
from podlint.rules._podresources import (
    POD_LEVEL_HINT,
    aggregate_requests,
    is_pod_level_supported,
    pod_entries,
    pod_resources_checked,
)
from podlint.rules._resources import (
    HUGEPAGES_PREFIX,
    QOS_RESOURCES,
    STANDARD_RESOURCES,
    is_huge_page,
    show,
)

RULE = Rule(
    id="PL557",
    name="invalid-pod-level-resources",
    severity=Severity.ERROR,
    summary="Pod-level resources name an unsupported resource or have invalid quantities",
    min_version=34,
)


def name_problem(name: str) -> Optional[str]:
    """validation.go validatePodResourceName: validateResourceName, then the supported set."""
    problems = formats.qualified_name(name)
    if problems:
        return problems[0]
    if "/" not in name and name not in STANDARD_RESOURCES and not is_huge_page(name):
        return "must be a standard resource type or fully qualified"
    if not is_pod_level_supported(name):
        return "is not supported at pod level"
    return None


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validatePodResources -> validatePodResourceRequirements ->
    # validateResourceRequirements with validatePodResourceName. PodLevelResources is on by
    # default from 1.34 (dropped before: PW830); Windows pods stop at PL555.
    if not pod_resources_checked(pod):
        return
    limits = pod_entries(pod, "limits")
    requests = pod_entries(pod, "requests")
    valid: dict[str, dict] = {"limits": {}, "requests": {}}
    for section, items in (("limits", limits), ("requests", requests)):
        for entry in items.values():
            problem = name_problem(entry.name)
            if problem:
                yield Finding(entry.path, f'pod-level resources.{section} name "{entry.name}" {problem}; '
                              f"{POD_LEVEL_HINT}")
                continue
            if entry.value is None:
                continue  # unparsable or mistyped quantity: PL013/PL011
            if entry.value < 0:
                yield Finding(entry.path, f'pod-level resources.{section} {entry.name} is "{entry.raw}"; '
                              "quantities must be 0 or more", on_key=False)
                continue
            valid[section][entry.name] = entry
            if is_huge_page(entry.name):
                # validateResourceQuantityHugePageValue
                size = entry.name[len(HUGEPAGES_PREFIX):]
                page = parse_quantity(size)
                if page is None or page <= 0 or page.denominator != 1:
                    yield Finding(entry.path, f'pod-level resources.{section} {entry.name}: "{size}" is not a '
                                  "page size; use hugepages-2Mi or hugepages-1Gi")
                elif math.ceil(entry.value) % page != 0:
                    yield Finding(entry.path, f'pod-level resources.{section} {entry.name} is "{entry.raw}"; it '
                                  f"must be a whole multiple of the {size} page size", on_key=False)

    # requests against limits (Invalid at resources.requests; Required at resources.limits)
    for name, request in valid["requests"].items():
        limit = limits.get(name)
        if is_huge_page(name):
            if limit is None:
                # a pod-level hugepages request is never given a defaulted limit
                # (defaults.go defaultHugePagePodLimits skips names that have a request)
                has_limits = isinstance(as_dict(pod.spec.get("resources")).get("limits"), dict)
                yield Finding(pod.path / "resources" / "limits" if has_limits else pod.path / "resources",
                              f'pod-level resources request {name} "{request.raw}" without a limit; '
                              f"hugepages cannot be overcommitted, so set limits.{name} to the same value")
            elif limit.value is not None and limit.value >= 0 and request.value != limit.value:
                yield Finding(request.path, f'pod-level resources request {name} "{request.raw}" but the limit '
                              f'is "{limit.raw}"; hugepages cannot be overcommitted, so the request must equal '
                              "the limit", on_key=False)
        elif limit is not None and limit.value is not None and request.value > limit.value:
            yield Finding(request.path, f'pod-level resources request {name} "{request.raw}" but the limit is '
                          f'"{limit.raw}"; a request must be less than or equal to the limit '
                          f"({show(request.value)} > {show(limit.value)})", on_key=False)

    # Pods only: a missing cpu/memory request is defaulted from the containers' total
    # requests when pod-level limits are set (defaults.go defaultPodRequests), and that
    # defaulted request must still fit the limit. Templates are not defaulted.
    if not pod.is_template and limits:
        total = aggregate_requests(pod)
        for name in QOS_RESOURCES:
            limit = valid["limits"].get(name)
            if limit is None or name in requests or name not in total:
                continue
            if total[name] > limit.value:
                yield Finding(limit.path, f'pod-level resources limit {name} is "{limit.raw}" but no pod-level '
                              f"request is set, so the request defaults to the containers' total requests "
                              f"({show(total[name])}), which is above the limit; raise the limit or lower the "
                              "container requests", on_key=False)

    # "HugePages require cpu or memory" (Forbidden at spec.resources)
    names = set(limits) | set(requests)
    huge = sorted(n for n in names if is_huge_page(n))
    if huge and not any(n in names for n in QOS_RESOURCES):
        if not pod.is_template and _containers_have_qos(pod):
            return  # defaulting may add pod-level cpu/memory from the containers: do not guess
        yield Finding(pod.path / "resources", f"pod-level resources set {huge[0]} without cpu or memory; "
                      "hugepages require a pod-level cpu or memory request or limit")


def _containers_have_qos(pod: PodSite) -> bool:
    for c in pod.init_containers + pod.containers:
        resources = as_dict(c.spec.get("resources"))
        for section in ("limits", "requests"):
            if any(n in as_dict(resources.get(section)) for n in QOS_RESOURCES):
                return True
    return False
