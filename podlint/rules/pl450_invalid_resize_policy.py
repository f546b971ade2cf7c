"""PL450 invalid-resize-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_list, as_str

RULE = Rule(
    id="PL450",
    name="invalid-resize-policy",
    severity=Severity.ERROR,
    summary="A container resizePolicy entry names an unsupported resource or restart policy, or repeats a resource",
    min_version=33,  # InPlacePodVerticalScaling: alpha (off, field dropped) 1.27-1.32, on from 1.33
)

RESOURCES = ("cpu", "memory")
POLICIES = ("NotRequired", "RestartContainer")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateResizePolicy (every container, via validateContainerCommon):
    # Duplicate at resizePolicy[i]; resourceName and restartPolicy "" Required and unknown
    # values NotSupported, both reported at the resizePolicy list path. Absent fields are
    # OpenAPI-required (PL012); "NotRequired" in a Never pod is PL212.
    if not pod.k8s.gate("InPlacePodVerticalScaling"):
        return
    for c in pod.all_containers:
        seen: set[str] = set()
        for i, item in enumerate(as_list(c.spec.get("resizePolicy"))):
            entry = as_dict(item)
            path = c.path / "resizePolicy" / i
            resource = as_str(entry.get("resourceName"))
            if resource is not None:
                if resource in seen:
                    yield Finding(path / "resourceName", f'{c.label} resizePolicy repeats resourceName '
                                  f'"{resource}"; each resource may appear once', on_key=False)
                seen.add(resource)
                if resource == "":
                    yield Finding(path / "resourceName", f'{c.label} resizePolicy resourceName is empty; '
                                  'supported values: "cpu", "memory"', on_key=False)
                elif resource not in RESOURCES:
                    yield Finding(path / "resourceName", f'{c.label} resizePolicy resourceName is '
                                  f'"{resource}"; supported values: "cpu", "memory"', on_key=False)
            policy = as_str(entry.get("restartPolicy"))
            if policy is not None and policy not in POLICIES:
                shown = "empty" if policy == "" else f'"{policy}"'
                yield Finding(path / "restartPolicy", f'{c.label} resizePolicy restartPolicy is {shown}; '
                              'supported values: "NotRequired", "RestartContainer"', on_key=False)
