"""PL918 headless-load-balancer-or-node-port."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule
from podlint.rules._services import KINDS, service

RULE = Rule(
    id="PL918",
    name="headless-load-balancer-or-node-port",
    severity=Severity.ERROR,
    summary="A LoadBalancer or NodePort Service is headless (clusterIP: None)",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go ValidateService: Invalid spec.clusterIPs[0] "may not be set to 'None' for
    # LoadBalancer services" (and NodePort): their node ports forward to the cluster IP.
    svc = service(site)
    if svc is None:
        return
    if svc.headless and svc.type in ("LoadBalancer", "NodePort"):
        yield Finding(svc.where_cluster_ips(0), f"clusterIP None (a headless Service) may not be set for "
                      f"{svc.type} services: a {svc.type} Service forwards to its cluster IP; remove clusterIP: None "
                      "or use type ClusterIP", on_key=False)
