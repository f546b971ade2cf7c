"""PL917 invalid-cluster-ip."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule
from podlint.rules._ips import family, ip_problems, parse_ip
from podlint.rules._services import cluster_service, KINDS

RULE = Rule(
    id="PL917",
    name="invalid-cluster-ip",
    severity=Severity.ERROR,
    summary='A clusterIP or clusterIPs entry that is not an IP address or "None", or clusterIPs that '
    "disagree with clusterIP or ipFamilies",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go ValidateServiceClusterIPsRelatedFields (run by the allocator before
    # anything else, and again by ValidateService), after normalizeClusterIPs made
    # clusterIPs [clusterIP] when only clusterIP is set. ExternalName Services are PL926.
    svc = cluster_service(site)
    if svc is None:
        return
    strict = svc.k8s.gate("StrictIPCIDRValidation")
    ips = svc.cluster_ips
    listed = svc.spec_path / "clusterIPs"
    shown = "[" + ", ".join(ips) + "]"
    if svc.cluster_ip:
        if ips and ips[0] != svc.cluster_ip:
            yield Finding(listed, f'clusterIPs {shown} is invalid: its first value must match `clusterIP` '
                          f'("{svc.cluster_ip}")')
    elif ips:
        yield Finding(listed, f"clusterIPs {shown} is invalid: it must be empty when `clusterIP` is not specified "
                      "(set clusterIP to its first value)")
    invalid = False
    for i, ip in enumerate(ips):
        if i == 0 and ip == "None":
            if len(ips) > 1:
                invalid = True
                yield Finding(listed, f"clusterIPs {shown} is invalid: 'None' must be the first and only value")
            continue
        problems = ip_problems(ip, strict)
        if problems:
            invalid = True
            hint = '; a headless Service is written "None"' if ip.lower() == "none" else ""
            yield Finding(svc.where_cluster_ips(i), f'cluster IP "{ip}" is not valid: ' + "; ".join(problems)
                          + hint, on_key=False)
    if len(ips) > 2:
        yield Finding(listed, f"clusterIPs {shown} is invalid: it may only hold up to 2 values")
    if invalid:
        return
    parsed = [parse_ip(ip) for ip in ips]
    if len(ips) > 1 and len({family(ip) for ip in parsed if ip is not None}) < 2:
        yield Finding(listed, f"clusterIPs {shown} is invalid: it may specify no more than one IP for each IP family")
    if svc.headless or not ips:
        return
    for i, (ip, fam) in enumerate(zip(parsed, svc.families)):
        if ip is not None and fam in ("IPv4", "IPv6") and family(ip) != fam:
            yield Finding(svc.where_cluster_ips(i), f'cluster IP "{ips[i]}" is invalid: expected an {fam} value as '
                          f"indicated by `ipFamilies[{i}]`", on_key=False)
