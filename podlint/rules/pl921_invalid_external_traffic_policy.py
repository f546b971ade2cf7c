"""PL921 invalid-external-traffic-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule, as_str
from podlint.rules._services import KINDS, TRAFFIC_POLICIES, quoted, service

RULE = Rule(
    id="PL921",
    name="invalid-external-traffic-policy",
    severity=Severity.ERROR,
    summary="externalTrafficPolicy on a Service that is not externally accessible, or a value other "
    "than Cluster or Local",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go validateServiceExternalTrafficPolicy. Externally accessible
    # (pkg/api/service ExternallyAccessible): type NodePort or LoadBalancer, or ClusterIP with
    # externalIPs; there an empty value is defaulted to Cluster.
    svc = service(site)
    if svc is None:
        return
    raw = svc.raw.get("externalTrafficPolicy")
    value = as_str(raw)
    if value is None:
        return
    path = svc.spec_path / "externalTrafficPolicy"
    if not svc.externally_accessible:
        if value:
            kind = f"a {svc.type} Service" if svc.type else "this Service"
            yield Finding(path, f'externalTrafficPolicy "{value}" may only be set for externally-accessible '
                          f"services (type NodePort or LoadBalancer, or ClusterIP with externalIPs), not {kind}; "
                          "remove it or change the type", on_key=False)
    elif svc.external_traffic_policy not in TRAFFIC_POLICIES:
        yield Finding(path, f'externalTrafficPolicy "{value}" is not supported: supported values: '
                      f"{quoted(TRAFFIC_POLICIES)} (case-sensitive)", on_key=False)
