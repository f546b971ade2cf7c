"""PL553 invalid-resource-claim."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list, as_str

RULE = Rule(
    id="PL553",
    name="invalid-resource-claim",
    severity=Severity.ERROR,
    summary="A pod resourceClaims entry has an invalid or repeated name, or not exactly one valid "
    "claim source",
    min_version=34,
)

SOURCES = ("resourceClaimName", "resourceClaimTemplateName")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validatePodResourceClaims / validatePodResourceClaim.
    # DynamicResourceAllocation is on by default from 1.34; before, resourceClaims is
    # dropped. The static (mirror) pod clause needs the kubelet's annotation: not checked.
    if not pod.k8s.gate("DynamicResourceAllocation"):
        return
    seen: set[str] = set()
    for i, claim in enumerate(as_list(pod.spec.get("resourceClaims"))):
        if not isinstance(claim, dict):
            continue
        path = pod.path / "resourceClaims" / i
        name = as_str(claim.get("name"))
        if name is not None:
            if name == "":
                yield Finding(path / "name", f"resourceClaims[{i}] has an empty name")
            elif name in seen:
                yield Finding(path / "name", f'resource claim name "{name}" is used twice', on_key=False)
            elif formats.dns1123_label(name):
                yield Finding(path / "name", f'resource claim name "{name}" is not a DNS label: it '
                                             + "; it ".join(formats.dns1123_label(name)), on_key=False)
            seen.add(name)
        present = [s for s in SOURCES if claim.get(s) is not None]
        if len(present) == 2:
            yield Finding(path / SOURCES[1], f"resourceClaims[{i}] sets both resourceClaimName and "
                                             "resourceClaimTemplateName; set exactly one")
        elif not present:
            yield Finding(path, f"resourceClaims[{i}] sets neither resourceClaimName nor resourceClaimTemplateName; "
                                "set exactly one")
        for source in present:
            value = as_str(claim.get(source))
            if value is not None and formats.dns1123_subdomain(value):
                yield Finding(path / source, f'{source} "{value}" is not a valid name: it '
                                             + "; it ".join(formats.dns1123_subdomain(value)), on_key=False)
