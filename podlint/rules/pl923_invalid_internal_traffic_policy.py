"""PL923 invalid-internal-traffic-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule, as_str
from podlint.rules._services import KINDS, TRAFFIC_POLICIES, quoted, service

RULE = Rule(
    id="PL923",
    name="invalid-internal-traffic-policy",
    severity=Severity.ERROR,
    summary="An internalTrafficPolicy other than Cluster or Local",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go validateServiceInternalTrafficFieldsValue: a set value (even "") must be
    # supported; unset, it is defaulted to Cluster (for ClusterIP, NodePort and LoadBalancer).
    svc = service(site)
    if svc is None:
        return
    value = as_str(svc.internal_traffic_policy)
    if value is None or value in TRAFFIC_POLICIES:
        return
    yield Finding(svc.spec_path / "internalTrafficPolicy", f'internalTrafficPolicy "{value}" is not supported: '
                  f"supported values: {quoted(TRAFFIC_POLICIES)} (case-sensitive)", on_key=False)
