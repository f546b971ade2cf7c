"""PL919 invalid-ip-families."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule, as_list, as_str
from podlint.rules._services import cluster_service, IP_FAMILIES, IP_FAMILY_POLICIES, KINDS, quoted

RULE = Rule(
    id="PL919",
    name="invalid-ip-families",
    severity=Severity.ERROR,
    summary="An unknown or repeated ipFamilies entry, an unknown ipFamilyPolicy, or two IP families or "
    "cluster IPs with ipFamilyPolicy SingleStack (the default)",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go ValidateServiceClusterIPsRelatedFields (ipFamilies NotSupported and
    # Duplicate, ipFamilyPolicy NotSupported) and alloc.go initIPFamilyFields: with no
    # ipFamilyPolicy a new Service gets SingleStack (RequireDualStack when headless and
    # selectorless), and SingleStack refuses two cluster IPs or two families whatever the
    # cluster. ExternalName Services are PL926.
    svc = cluster_service(site)
    if svc is None:
        return
    seen: set[str] = set()
    for i, fam in enumerate(as_list(svc.ip_families)):
        if not isinstance(fam, str):
            continue
        path = svc.spec_path / "ipFamilies" / i
        if fam not in IP_FAMILIES:
            yield Finding(path, f'IP family "{fam}" is not supported: supported values: {quoted(IP_FAMILIES)}',
                          on_key=False)
        if fam in seen:
            yield Finding(path, f'ipFamilies repeats "{fam}" (spec.ipFamilies[{i}]: Duplicate value); list each '
                          "family once", on_key=False)
        seen.add(fam)
    policy = svc.ip_family_policy
    if policy is not None:
        text = as_str(policy)
        if text is not None and text not in IP_FAMILY_POLICIES:
            yield Finding(svc.spec_path / "ipFamilyPolicy", f'ipFamilyPolicy "{text}" is not supported: supported '
                          f"values: {quoted(IP_FAMILY_POLICIES)}", on_key=False)
    if svc.policy != "SingleStack":
        return
    how = "ipFamilyPolicy SingleStack" if policy is not None else "no ipFamilyPolicy (SingleStack for a new Service)"
    # the server names spec.ipFamilyPolicy; without one, the finding stands on what is written
    named = policy is not None
    if len(svc.cluster_ips) == 2:
        where = svc.spec_path / "ipFamilyPolicy" if named else svc.where_cluster_ips()
        yield Finding(where, f"two cluster IPs with {how}: ipFamilyPolicy must be 'RequireDualStack' or "
                      "'PreferDualStack' when multiple cluster IPs are specified", on_key=not named)
    if len(as_list(svc.ip_families)) == 2:
        where = svc.spec_path / ("ipFamilyPolicy" if named else "ipFamilies")
        yield Finding(where, f"two IP families with {how}: ipFamilyPolicy must be 'RequireDualStack' or "
                      "'PreferDualStack' when multiple IP families are specified", on_key=not named)
