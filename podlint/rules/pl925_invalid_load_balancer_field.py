"""PL925 invalid-load-balancer-field."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule, as_dict, as_list, as_str
from podlint.rules._services import KINDS, SOURCE_RANGES_KEY, service

RULE = Rule(
    id="PL925",
    name="invalid-load-balancer-field",
    severity=Severity.ERROR,
    summary="loadBalancerSourceRanges, allocateLoadBalancerNodePorts or loadBalancerClass on a Service "
    "that is not type LoadBalancer, or a loadBalancerClass that is not a qualified name",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go ValidateService (Forbidden "may only be used when `type` is
    # 'LoadBalancer'" for the source ranges, field or annotation, and
    # allocateLoadBalancerNodePorts) and validateLoadBalancerClassField.
    svc = service(site)
    if svc is None:
        return
    spec = svc.spec_path
    lb_class = svc.raw.get("loadBalancerClass")
    if svc.type == "LoadBalancer":
        text = as_str(lb_class)
        if text is not None:
            problems = formats.qualified_name(text) if text else ["name part must be non-empty"]
            if problems:
                yield Finding(spec / "loadBalancerClass", f'loadBalancerClass "{text}" is not a qualified name: '
                              + "; ".join(problems) + ' (e.g. "example.com/internal-vip")', on_key=False)
        return
    kind = f"a {svc.type} Service" if svc.type else "this Service"
    only = f"may only be used when `type` is 'LoadBalancer', not on {kind}"
    if as_list(svc.raw.get("loadBalancerSourceRanges")):
        yield Finding(spec / "loadBalancerSourceRanges", f"loadBalancerSourceRanges {only}")
    elif SOURCE_RANGES_KEY in as_dict(svc.metadata.get("annotations")):
        yield Finding(svc.meta_path / "annotations" / SOURCE_RANGES_KEY, f"annotation {SOURCE_RANGES_KEY} {only}")
    if svc.raw.get("allocateLoadBalancerNodePorts") is not None:
        yield Finding(spec / "allocateLoadBalancerNodePorts", f"allocateLoadBalancerNodePorts {only}")
    if lb_class is not None:
        yield Finding(spec / "loadBalancerClass", f"loadBalancerClass {only}")
