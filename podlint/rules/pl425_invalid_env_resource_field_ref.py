"""PL425 invalid-env-resource-field-ref."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.quantity import canonical_string, parse_quantity
from podlint.rules._containers import env_label, value_from_entries

RULE = Rule(
    id="PL425",
    name="invalid-env-resource-field-ref",
    severity=Severity.ERROR,
    summary="An env var resourceFieldRef names an unsupported resource or divisor",
)

# validation.go validContainerResourceFieldPathExpressions and the hugepages prefixes
RESOURCES = ("limits.cpu", "limits.memory", "limits.ephemeral-storage", "requests.cpu",
             "requests.memory", "requests.ephemeral-storage")
HUGEPAGES_PREFIXES = ("limits.hugepages-", "requests.hugepages-")
# validation.go validContainerResourceDivisorFor*: compared with Quantity.String()
CPU_DIVISORS = ("1m", "1")
BYTE_DIVISORS = ("1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateContainerResourceFieldSelector (volume=false: containerName is
    # optional here) and validateContainerResourceDivisor
    for c in pod.validated_containers:
        for env, value_from in value_from_entries(c):
            ref = value_from.get("resourceFieldRef")
            if not isinstance(ref, dict):
                continue
            path = env.path / "valueFrom" / "resourceFieldRef"
            resource = as_str(ref.get("resource"))
            if resource is None:
                continue  # absent (PL012) or of the wrong type (PL011)
            if resource == "":
                yield Finding(path / "resource", f"{env_label(env)} has an empty "
                              "resourceFieldRef.resource; name one such as limits.memory")
            elif resource not in RESOURCES and not resource.startswith(HUGEPAGES_PREFIXES):
                yield Finding(path / "resource", f'{env_label(env)} resourceFieldRef.resource '
                              f'"{resource}" is not supported; use limits.<r> or requests.<r> for '
                              "cpu, memory, ephemeral-storage or hugepages-<size>", on_key=False)
            divisor = ref.get("divisor")
            allowed = _divisors(resource)
            if divisor is None or allowed is None:
                continue
            value = parse_quantity(divisor)
            if value is None or value == 0:
                continue  # unparsable: PL013; zero means unset
            canonical = canonical_string(divisor)
            if canonical in allowed:
                continue
            kind = "cpu" if allowed is CPU_DIVISORS else "memory, ephemeral-storage and hugepages"
            same = f" (the API server reads it as {canonical})" if canonical != str(divisor).strip() else ""
            yield Finding(path / "divisor",
                          f'{env_label(env)} divisor "{divisor}"{same} is not supported for '
                          f"{resource}; {kind} accept {', '.join(allowed)}", on_key=False)


def _divisors(resource: str) -> tuple[str, ...] | None:
    if resource.endswith(".cpu") and resource in RESOURCES:
        return CPU_DIVISORS
    if resource in RESOURCES or resource.startswith(HUGEPAGES_PREFIXES):
        return BYTE_DIVISORS
    return None  # divisor not checked for other resources
