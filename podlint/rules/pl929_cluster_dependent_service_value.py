"""PL929 cluster-dependent-service-value."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule, as_list
from podlint.rules._ips import family, parse_ip
from podlint.rules._services import cluster_service, in_default_service_range, KINDS, NODE_PORT_RANGE

RULE = Rule(
    id="PL929",
    name="cluster-dependent-service-value",
    severity=Severity.INFO,
    summary="A Service pins a value a default cluster refuses (a cluster IP outside 10.96.0.0/12, a "
    "node port outside 30000-32767, IPv6 or dual-stack): it depends on how the cluster is set up",
    kinds=KINDS,
)

_LOW, _HIGH = NODE_PORT_RANGE
_DEFAULT = "kubeadm, kind and minikube"


def check(site: ObjectSite) -> Iterator[Finding]:
    # alloc.go initIPFamilyFields ("... not configured on this cluster", "this cluster is not
    # configured for dual-stack services"), allocClusterIPs (the Service IP range) and
    # initNodePorts / allocHealthCheckNodePort (--service-node-port-range): not errors of the
    # manifest, but what a cluster set up as kubeadm, kind and minikube do refuses.
    svc = cluster_service(site)
    if svc is None:
        return
    yield from _node_ports(svc)
    ips = svc.cluster_ips
    parsed = [parse_ip(ip) if ip != "None" else None for ip in ips]
    families = as_list(svc.ip_families)
    for i, ip in enumerate(parsed):
        if ip is None:
            break
        if i >= len(families) and family(ip) == "IPv6":
            yield Finding(svc.where_cluster_ips(i), f'cluster IP "{ips[i]}" is IPv6: the cluster must have an IPv6 '
                          f"Service range ({_DEFAULT} set up single-stack IPv4 clusters)", on_key=False)
    if svc.cluster_ip == "None" and not svc.selector:
        return  # headless and selectorless: any families, whatever the cluster
    if svc.policy == "RequireDualStack":
        yield Finding(svc.spec_path / "ipFamilyPolicy", "ipFamilyPolicy RequireDualStack needs a dual-stack cluster "
                      f"({_DEFAULT} set up single-stack IPv4 clusters; PreferDualStack works on both)",
                      on_key=False)
    for i, fam in enumerate(families):
        if fam == "IPv6":
            yield Finding(svc.spec_path / "ipFamilies" / i, "ipFamilies lists IPv6: the cluster must have an IPv6 "
                          f"Service range ({_DEFAULT} set up single-stack IPv4 clusters)", on_key=False)
    first = parsed[0] if parsed else None
    if first is None or family(first) != "IPv4":
        return
    if not in_default_service_range(first):
        yield Finding(svc.where_cluster_ips(0), f'cluster IP "{ips[0]}" is outside 10.96.0.0/12, the Service IP range '
                      f"of {_DEFAULT}: it must lie in the cluster's --service-cluster-ip-range (and be free)",
                      on_key=False)
    elif first[12:] in _TAKEN:
        yield Finding(svc.where_cluster_ips(0), f'cluster IP "{ips[0]}" is {_TAKEN[first[12:]]} on clusters set up by '
                      f"{_DEFAULT}: the API server refuses it there", on_key=False)


# addresses of 10.96.0.0/12 that a fresh kubeadm, kind or minikube cluster cannot give a Service
_TAKEN = {
    bytes((10, 96, 0, 0)): "the network address of the Service IP range (never allocated)",
    bytes((10, 111, 255, 255)): "the broadcast address of the Service IP range (never allocated)",
    bytes((10, 96, 0, 1)): "the cluster IP of the kubernetes API Service (already allocated)",
    bytes((10, 96, 0, 10)): "the cluster IP of the cluster DNS Service, kube-dns (already allocated)",
}


def _node_ports(svc) -> Iterator[Finding]:
    if not svc.allocates_node_ports:
        return
    for port in svc.ports:
        value = port.node_port
        if value and 1 <= value <= 65535 and not _LOW <= value <= _HIGH:
            yield Finding(port.path / "nodePort", f"Service {port.label} nodePort {value} is outside {_LOW}-{_HIGH}, "
                          f"the node-port range of {_DEFAULT}: it must lie in the cluster's "
                          "--service-node-port-range", on_key=False)
    hc = svc.health_check_node_port
    if svc.needs_health_check and hc and 1 <= hc <= 65535 and not _LOW <= hc <= _HIGH:
        yield Finding(svc.spec_path / "healthCheckNodePort", f"healthCheckNodePort {hc} is outside {_LOW}-{_HIGH}, "
                      f"the node-port range of {_DEFAULT}: it must lie in the cluster's --service-node-port-range",
                      on_key=False)
