"""PL522 invalid-selinux-change-policy."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_str

RULE = Rule(
    id="PL522",
    name="invalid-selinux-change-policy",
    severity=Severity.ERROR,
    summary="The pod securityContext seLinuxChangePolicy is not Recursive (or MountOption where the "
    "release allows it)",
    min_version=33,
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateSELinuxChangePolicy. SELinuxChangePolicy is beta and on by
    # default from 1.33 (dropped before; gate not in podlint/versions.py, hence
    # min_version). pkg/api/pod/util.go useOnlyRecursiveSELinuxChangePolicy: unless the
    # SELinuxMount gate is on (1.37), only "Recursive" is accepted on create.
    value = as_str(as_dict(pod.spec.get("securityContext")).get("seLinuxChangePolicy"))
    if value is None:
        return
    allowed = ("Recursive", "MountOption") if pod.k8s.gate("SELinuxMount") else ("Recursive",)
    if value in allowed:
        return
    shown = f'"{value}"' if value else "empty"
    if value == "MountOption":
        message = (f'seLinuxChangePolicy "MountOption" needs the SELinuxMount feature, on by default from 1.37; '
                   f'Kubernetes {pod.k8s} only accepts "Recursive"')
    else:
        message = f"seLinuxChangePolicy is {shown}; it must be " + " or ".join(f'"{v}"' for v in allowed)
    yield Finding(pod.path / "securityContext" / "seLinuxChangePolicy", message)
