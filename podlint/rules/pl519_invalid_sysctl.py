"""PL519 invalid-sysctl."""

from __future__ import annotations

from typing import Iterator, Optional

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_list, as_str
from podlint import lazyre

RULE = Rule(
    id="PL519",
    name="invalid-sysctl",
    severity=Severity.ERROR,
    summary="A pod sysctl name is empty, malformed or repeated, or is namespaced while the pod shares "
    "that namespace with the host",
)

# validation.go SysctlContainSlashFmt, SysctlMaxLength
_SEGMENT = r"[a-z0-9]([-_a-z0-9]*[a-z0-9])?"
_SYSCTL = lazyre.compile(rf"({_SEGMENT}[\./])*{_SEGMENT}\Z")
MAX_LENGTH = 253

# k8s.io/component-helpers/node/util/sysctl GetNamespace
_IPC_EXACT = ("kernel.sem",)
_IPC_PREFIXES = ("kernel.shm", "kernel.msg", "fs.mqueue.")
_NET_PREFIXES = ("net.",)


def _normalize(name: str) -> str:
    """sysctl.NormalizeName: with '/' as first separator, swap '/' and '.'."""
    for ch in name:
        if ch == ".":
            return name
        if ch == "/":
            return name.translate(str.maketrans("./", "/."))
    return name


def _namespace(name: str) -> Optional[str]:
    name = _normalize(name)
    if name in _IPC_EXACT or name.startswith(_IPC_PREFIXES):
        return "hostIPC"
    if name.startswith(_NET_PREFIXES):
        return "hostNetwork"
    return None


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateSysctls: Required / Invalid / Duplicate per entry, then
    # ValidateHostSysctl: net.* with hostNetwork and IPC sysctls with hostIPC are Invalid
    context = as_dict(pod.spec.get("securityContext"))
    path = pod.path / "securityContext" / "sysctls"
    seen: set[str] = set()
    for i, entry in enumerate(as_list(context.get("sysctls"))):
        if not isinstance(entry, dict):
            continue
        name = as_str(entry.get("name"))
        if name is None:
            continue  # absent: OpenAPI-required, reported by PL012
        where = path / i / "name"
        if name == "":
            yield Finding(where, f"sysctls[{i}] has an empty name")
            continue
        if len(name) > MAX_LENGTH or not _SYSCTL.match(name):
            yield Finding(where, f'sysctl name "{name}" is not valid; it must be at most {MAX_LENGTH} characters '
                                 "of dot- or slash-separated segments of lower-case letters, digits, '-' and '_'",
                          on_key=False)
        elif name in seen:
            yield Finding(where, f'sysctl "{name}" is set twice', on_key=False)
        seen.add(name)
        host = _namespace(name)
        if host and pod.spec.get(host) is True:
            yield Finding(where, f'sysctl "{name}" is namespaced and may not be set when {host} is true: it '
                                 "would change the node's own setting", on_key=False)
