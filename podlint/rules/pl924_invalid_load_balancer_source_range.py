"""PL924 invalid-load-balancer-source-range."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule, as_dict, as_list, as_str
from podlint.rules._ips import cidr_problems
from podlint.rules._services import KINDS, SOURCE_RANGES_KEY, service, string_items

RULE = Rule(
    id="PL924",
    name="invalid-load-balancer-source-range",
    severity=Severity.ERROR,
    summary="A loadBalancerSourceRanges entry (or load-balancer-source-ranges annotation item) that is "
    "not a CIDR",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go ValidateService: IsValidCIDRForLegacyField on each entry, space-trimmed;
    # without the field, the service.beta.kubernetes.io/load-balancer-source-ranges
    # annotation (comma-separated). The server names the field spec.LoadBalancerSourceRanges,
    # which no manifest has: the finding stands on the loadBalancerSourceRanges key.
    svc = service(site)
    if svc is None:
        return
    strict = svc.k8s.gate("StrictIPCIDRValidation")
    ranges = as_list(svc.raw.get("loadBalancerSourceRanges"))
    if ranges:
        for i, value in string_items(ranges):
            value = value.strip()
            problems = cidr_problems(value, strict)
            if problems:
                yield Finding(svc.spec_path / "loadBalancerSourceRanges", f'loadBalancerSourceRanges entry {i} '
                              f'"{value}" is not valid: ' + "; ".join(problems))
        return
    annotations = as_dict(svc.metadata.get("annotations"))
    text = as_str(annotations.get(SOURCE_RANGES_KEY))
    if not text or not text.strip():
        return
    for value in text.strip().split(","):
        value = value.strip()
        problems = cidr_problems(value, strict)
        if problems:
            yield Finding(svc.meta_path / "annotations" / SOURCE_RANGES_KEY, f'annotation {SOURCE_RANGES_KEY} '
                          f'entry "{value}" is not valid: ' + "; ".join(problems), on_key=False)
