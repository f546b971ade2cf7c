"""Containers, ports and env as validateContainerCommon sees them (PL4xx names, ports, env).

Not a rule (leading underscore): the walks and predicates shared by PL401-PL430.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator, NamedTuple, Optional

from podlint.rules import _formats as formats
from podlint.model import ContainerView, PodSite, as_int, as_list, view_cache
from podlint.paths import FieldPath
from podlint.versions import KubeVersion

# The env var sources validateEnvVarValueFrom counts, in its order
ENV_SOURCES = ("fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef")
# fileKeyRef is in the published schema from 1.34 (EnvFiles alpha); earlier it is an
# unknown field, which the schema pass (PL010) reports
FILE_KEY_REF_IN_SCHEMA = 34



class Item(NamedTuple):
    """One mapping of a container list field (ports, env, envFrom) with its path."""

    container: ContainerView
    index: int
    spec: dict
    path: FieldPath


def items(c: ContainerView, field: str) -> Iterator[Item]:
    """The mapping entries of c.<field> (other entries are type errors: schema pass)."""
    cache = view_cache(c)
    key = ("items", field)
    found = cache.get(key)
    if found is None:
        found = cache[key] = tuple(_items(c, field))
    return iter(found)


def _items(c: ContainerView, field: str) -> Iterator[Item]:
    for i, entry in enumerate(as_list(c.spec.get(field))):
        if isinstance(entry, dict):
            yield Item(c, i, entry, c.path / field / i)


def relaxed_env_names(k8s: KubeVersion) -> bool:
    """GetValidationOptionsFromPodSpecAndMeta: AllowRelaxedEnvironmentVariableValidation."""
    return k8s.gate("RelaxedEnvironmentVariableValidation")


@lru_cache(maxsize=4096)  # a pure function of (name, release); env var names repeat
def env_name_problem(value: str, k8s: KubeVersion) -> Optional[str]:
    """What names are accepted, when an env var name or envFrom prefix is refused; else None.

    ValidateEnv / ValidateEnvFrom: IsRelaxedEnvVarName with the gate on (1.32+),
    else IsEnvVarName.
    """
    if relaxed_env_names(k8s):
        if formats.relaxed_env_var_name(value):
            return "names may contain any printable ASCII character except '='"
        return None
    if not formats.env_var_name(value):
        return None
    if value in (".", "..") or value.startswith(".."):
        accepted = "names must not be '.' or '..' or start with '..'"
    else:
        accepted = ("names may contain only letters, digits, '_', '-' and '.', and must not start "
                    "with a digit")
    if not formats.relaxed_env_var_name(value):
        accepted += f" on Kubernetes {k8s} (any printable ASCII but '=' from 1.32)"
    return accepted


def sources(value_from: dict, k8s: KubeVersion) -> list[str]:
    """The env var sources set in a valueFrom after the release drops disabled fields.

    pkg/api/pod/util.go drops fileKeyRef while EnvFiles is off (1.34); before 1.34 it
    is an unknown field (schema pass), so it counts only where EnvFiles is on.
    """
    found = []
    for key in ENV_SOURCES:
        if value_from.get(key) is None:
            continue
        if key == "fileKeyRef" and not k8s.gate("EnvFiles"):
            continue
        found.append(key)
    return found


def file_key_ref_dropped(value_from: dict, k8s: KubeVersion) -> bool:
    """fileKeyRef set on a release whose schema has it but whose EnvFiles gate is off."""
    return (value_from.get("fileKeyRef") is not None and not k8s.gate("EnvFiles")
            and k8s.at_least(FILE_KEY_REF_IN_SCHEMA))


def value_from_entries(c: ContainerView) -> Iterator[tuple[Item, dict]]:
    """Env entries with a valueFrom mapping (null is no valueFrom)."""
    cache = view_cache(c)
    found = cache.get("value_from_entries")
    if found is None:
        found = cache["value_from_entries"] = tuple(_value_from_entries(c))
    return iter(found)


def _value_from_entries(c: ContainerView) -> Iterator[tuple[Item, dict]]:
    for item in items(c, "env"):
        value_from = item.spec.get("valueFrom")
        if isinstance(value_from, dict):
            yield item, value_from


def subdomain_name_problem(value: str, prefix: bool = False) -> list[str]:
    """NameIsDNSSubdomain(name, prefix): with prefix, maskTrailingDash first.

    maskTrailingDash replaces the last *two* characters with "a" when the name ends
    in "-" (an upstream quirk, reproduced: it decides which names pass).
    """
    if prefix and len(value) > 1 and value.endswith("-"):
        value = value[:-2] + "a"
    return formats.dns1123_subdomain(value)


def host_network(pod: PodSite) -> bool:
    return pod.spec.get("hostNetwork") is True


def port_protocol(port: dict) -> Optional[str]:
    """SetDefaults_ContainerPort: an empty protocol is TCP; None for a wrong type."""
    value = port.get("protocol")
    if value is None or value == "":
        return "TCP"
    return value if isinstance(value, str) else None


INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1


def int32_field(entry: dict, key: str) -> Optional[int]:
    """An int32 field's value; None when absent, null, of the wrong type or out of int32
    range (the schema pass reports those: PL011/PL012)."""
    value = as_int(entry.get(key))
    if value is None or not INT32_MIN <= value <= INT32_MAX:
        return None
    return value


# Until 1.27 SetDefaults_PodSpec defaulted host-network ports in pod templates as well;
# from 1.28 (DefaultHostNetworkHostPortsInPodTemplates off, later removed) only
# SetDefaults_Pod does, so a template is accepted and each Pod created from it is rejected.
POD_ONLY_HOST_PORT_DEFAULT = 28


class HostPortUse(NamedTuple):
    """One host port a container claims, keyed as AccumulateUniqueHostPorts keys it."""

    port: Item
    field: str  # "hostPort", or "containerPort" when hostNetwork defaulting supplied it
    key: tuple[str, str, int]  # protocol (defaulted), hostIP, port

    @property
    def label(self) -> str:
        protocol, host_ip, number = self.key
        return f"hostPort {number}/{protocol}" + (f" on hostIP {host_ip}" if host_ip else "")


def host_port_uses(pod: PodSite, c: ContainerView) -> Iterator[HostPortUse]:
    """The host ports of one container after defaulting; hostPort 0 claims none.

    defaults.go defaultHostNetworkPorts: with hostNetwork a hostPort of 0 becomes the
    containerPort. Wrongly typed values are the schema pass's and are skipped.
    """
    defaulted = host_network(pod)
    for port in items(c, "ports"):
        number = int32_field(port.spec, "hostPort")
        field = "hostPort"
        if not number and defaulted and port.spec.get("hostPort") in (None, 0):
            number, field = int32_field(port.spec, "containerPort"), "containerPort"
        if not number:
            continue
        protocol = port_protocol(port.spec)
        host_ip = port.spec.get("hostIP") or ""
        if protocol is None or not isinstance(host_ip, str):
            continue
        yield HostPortUse(port, field, (protocol, host_ip, number))


def host_port_defaulting_note(pod: PodSite, use: HostPortUse) -> str:
    """What a message adds when the clashing port came from hostNetwork defaulting."""
    if use.field != "containerPort":
        return ""
    note = "; with hostNetwork the hostPort defaults to the containerPort"
    if pod.is_template and pod.k8s.at_least(POD_ONLY_HOST_PORT_DEFAULT):
        note += ", so every Pod created from this template is rejected"
    return note


def env_label(env: Item) -> str:
    """How messages name an env entry: 'container "app" env var "DB_HOST"'."""
    name = env.spec.get("name")
    what = f'env var "{name}"' if isinstance(name, str) and name else f"env[{env.index}]"
    return f"{env.container.label} {what}"
