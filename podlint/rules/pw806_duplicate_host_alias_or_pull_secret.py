"""PW806 duplicate-host-alias-or-pull-secret."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_list

RULE = Rule(
    id="PW806",
    name="duplicate-host-alias-or-pull-secret",
    severity=Severity.WARNING,
    summary="A hostAliases IP listed twice, or an imagePullSecrets name that repeats or is empty",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # pkg/api/pod/warnings.go: duplicate hostAliases ip, duplicate imagePullSecrets name,
    # imagePullSecrets with an empty name (kubectl apply merges list items by these keys)
    seen: set = set()
    for i, alias in enumerate(as_list(pod.spec.get("hostAliases"))):
        ip = as_dict(alias).get("ip")
        if not isinstance(ip, str):
            continue
        if ip in seen:
            yield Finding(pod.path / "hostAliases" / i / "ip",
                          f'hostAliases IP "{ip}" is listed twice; put all its hostnames in one entry',
                          on_key=False)
        seen.add(ip)
    seen = set()
    for i, secret in enumerate(as_list(pod.spec.get("imagePullSecrets"))):
        if not isinstance(secret, dict):
            continue
        name = secret.get("name")
        if name is not None and not isinstance(name, str):
            continue
        path = pod.path / "imagePullSecrets" / i
        if not name:
            yield Finding(path / "name" if "name" in secret else path,
                          "imagePullSecrets entry has an empty name; it refers to no secret")
            continue
        if name in seen:
            yield Finding(path / "name", f'imagePullSecrets lists "{name}" twice', on_key=False)
        seen.add(name)
