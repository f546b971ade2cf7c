"""Container resources as the API server sees them (PL440-PL450); not a rule (leading underscore).

Resource-name classes from pkg/apis/core/helper/helpers.go and the quantities after the
defaulting that runs before validation (pkg/apis/core/v1/defaults.go), compared exactly
with podlint.quantity.
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache
from typing import Any, NamedTuple, Optional

from podlint.rules import _formats as formats
from podlint.model import ContainerView, as_dict, view_cache
from podlint.paths import FieldPath
from podlint.quantity import format_quantity, parse_quantity

HUGEPAGES_PREFIX = "hugepages-"
NATIVE_NAMESPACE = "kubernetes.io/"  # core.ResourceDefaultNamespacePrefix
QUOTA_REQUESTS_PREFIX = "requests."  # core.DefaultResourceRequestsPrefix
STANDARD_CONTAINER_RESOURCES = ("cpu", "memory", "ephemeral-storage")
# helpers.go standardResources: what validateResourceName accepts without a prefix
STANDARD_RESOURCES = frozenset((
    "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory",
    "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage",
    "pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "configmaps",
    "persistentvolumeclaims", "storage", "requests.storage", "services.nodeports",
    "services.loadbalancers",
))
# helpers.go integerResources (quota object counts); with extended resources: whole numbers only
INTEGER_RESOURCES = frozenset((
    "pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "configmaps",
    "persistentvolumeclaims", "services.nodeports", "services.loadbalancers",
))
QOS_RESOURCES = ("cpu", "memory")


def is_huge_page(name: str) -> bool:
    """helpers.go IsHugePageResourceName."""
    return name.startswith(HUGEPAGES_PREFIX)


def is_native(name: str) -> bool:
    """helpers.go IsNativeResource: unprefixed, or anywhere under *kubernetes.io/."""
    return "/" not in name or NATIVE_NAMESPACE in name


def is_extended(name: str) -> bool:
    """helpers.go IsExtendedResourceName: prefixed, not native, and a qualified name as requests.<name>."""
    if is_native(name) or name.startswith(QUOTA_REQUESTS_PREFIX):
        return False
    return not formats.qualified_name(QUOTA_REQUESTS_PREFIX + name)


def overcommit_allowed(name: str) -> bool:
    """helpers.go IsOvercommitAllowed: native and not hugepages (request may differ from limit)."""
    return is_native(name) and not is_huge_page(name)


def is_integer_resource(name: str) -> bool:
    """helpers.go IsIntegerResourceName."""
    return name in INTEGER_RESOURCES or is_extended(name)


@lru_cache(maxsize=4096)  # a pure function of the name, and manifests repeat "cpu", "memory"
def container_resource_name_problem(name: str) -> Optional[str]:
    """validation.go validateContainerResourceName (with validateResourceName): why the key is refused."""
    problems = formats.qualified_name(name)
    if problems:
        return problems[0]
    if "/" not in name:
        if name not in STANDARD_RESOURCES and not is_huge_page(name):
            return "must be a standard resource type or fully qualified"
        if name not in STANDARD_CONTAINER_RESOURCES and not is_huge_page(name):
            return "must be a standard resource for containers"
        return None
    if not is_native(name) and not is_extended(name):
        return "doesn't follow extended resource name standard"
    return None


@lru_cache(maxsize=4096)  # pure, and Fraction arithmetic is slow: quantities repeat
def round_up_milli(value: Fraction) -> Fraction:
    """defaults.go SetDefaults_ResourceList: every quantity is rounded up to milli precision."""
    return Fraction(math.ceil(value * 1000), 1000)


def show(value: Fraction) -> str:
    return format_quantity(value)


class Entry(NamedTuple):
    """One resources.limits or resources.requests item."""

    section: str  # "limits" or "requests"
    name: str
    raw: Any
    value: Optional[Fraction]  # parsed and rounded up to milli; None if it does not parse
    path: FieldPath  # path to the item (a map key)


def resources_of(c: ContainerView) -> dict:
    return as_dict(c.spec.get("resources"))


def entries(c: ContainerView, section: str) -> dict[str, Entry]:
    """The items of one section by name; unparsable values (PL013) carry value None."""
    cache = view_cache(c)
    key = ("entries", section)
    found = cache.get(key)
    if found is None:
        found = cache[key] = _entries(c, section)
    return dict(found)


def _entries(c: ContainerView, section: str) -> dict[str, Entry]:
    base = c.path / "resources" / section
    out: dict[str, Entry] = {}
    for name, raw in as_dict(resources_of(c).get(section)).items():
        if not isinstance(name, str):
            continue
        parsed = parse_quantity(raw)
        out[name] = Entry(section, name, raw, None if parsed is None else round_up_milli(parsed), base / name)
    return out
