"""PL916 invalid-session-affinity."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ObjectSite, Rule, as_dict
from podlint.rules._services import AFFINITIES, KINDS, MAX_AFFINITY_SECONDS, int32, quoted, service

RULE = Rule(
    id="PL916",
    name="invalid-session-affinity",
    severity=Severity.ERROR,
    summary="A sessionAffinity other than None or ClientIP, or a ClientIP timeout outside 1-86400 seconds",
    kinds=KINDS,
)


def check(site: ObjectSite) -> Iterator[Finding]:
    # validation.go ValidateService: supportedSessionAffinityType (an empty value is defaulted
    # to None, which drops sessionAffinityConfig); for ClientIP validateClientIPAffinityConfig
    # (a missing timeout is defaulted to 10800 s first).
    svc = service(site)
    if svc is None:
        return
    affinity = svc.session_affinity
    if affinity is None:
        return
    if affinity not in AFFINITIES:
        yield Finding(svc.spec_path / "sessionAffinity", f'sessionAffinity "{affinity}" is not supported: supported '
                      f"values: {quoted(AFFINITIES)} (case-sensitive)", on_key=False)
        return
    if affinity != "ClientIP":
        return
    client = as_dict(as_dict(svc.raw.get("sessionAffinityConfig")).get("clientIP"))
    timeout = int32(client.get("timeoutSeconds")) if "timeoutSeconds" in client else None
    if timeout is not None and not 0 < timeout <= MAX_AFFINITY_SECONDS:
        yield Finding(svc.spec_path / "sessionAffinityConfig" / "clientIP" / "timeoutSeconds",
                      f"ClientIP session affinity timeoutSeconds {timeout} is out of range: must be greater than 0 "
                      f"and at most {MAX_AFFINITY_SECONDS} (24 hours)", on_key=False)
