"""PL570 invalid-in-tree-volume-source."""

from __future__ import annotations

import re
from typing import Callable, Iterator, Optional

from podlint import lazyre
from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list, as_str
from podlint.paths import FieldPath
from podlint.rules._volumes import (
    VolumeSite,
    absent_or_empty,
    empty_string,
    int32,
    path_problems,
    volume_sites,
)

RULE = Rule(
    id="PL570",
    name="invalid-in-tree-volume-source",
    severity=Severity.ERROR,
    summary="An nfs, iscsi, fc, csi, cloud-disk or other in-tree volume source misses a required "
    "value or has one in the wrong format",
)

# validation.go iscsiInitiator{Iqn,Eui,Naa}Regex (Go RE2 with MatchString: the iqn pattern is
# not anchored at the start). [[:alnum:]], \d and \s are ASCII classes in RE2.
_IQN = lazyre.compile(r"iqn\.\d{4}-\d{2}\.([A-Za-z0-9.-]+)(:[^,;*&$|\s]+)$", re.ASCII)
_EUI = lazyre.compile(r"^eui.[A-Za-z0-9]{16}$", re.ASCII)
_NAA = lazyre.compile(r"^naa.[A-Za-z0-9]{32}$", re.ASCII)
_ISCSI_PREFIXES = ("iqn", "eui", "naa")
# validateAzureDisk
_AZURE_CACHING_MODES = ("None", "ReadOnly", "ReadWrite")
_AZURE_KINDS = ("Dedicated", "Managed", "Shared")
_AZURE_DEFAULT_KIND = "Shared"  # +default=ref(AzureSharedBlobDisk) on AzureDiskVolumeSource.kind
CSI_DRIVER_MAX = 63
QUOBYTE_TENANT_MAX = 64

Check = Callable[[dict, FieldPath, str], Iterator[Finding]]


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateVolumeSource validates only the first source of a volume (the
    # others are PL561); each source's own validate*VolumeSource function follows.
    for volume in volume_sites(pod):
        key = volume.validated
        validate = _CHECKS.get(key or "")
        if validate is not None:
            yield from validate(volume.spec[key], volume.source_path(key), f"{volume.label} {key}")
        iscsi = volume.spec.get("iscsi")
        if isinstance(iscsi, dict):
            yield from _iscsi_name_length(volume, iscsi)


def _required(source: dict, path: FieldPath, label: str, *fields: str,
              absent_too: bool = False) -> Iterator[Finding]:
    """Required string fields: "" (and, for fields the schema does not require, absent)."""
    for field in fields:
        value = source.get(field)
        if empty_string(value) or (absent_too and value is None):
            where = path / field if field in source else path
            yield Finding(where, f"{label} {field} is {'empty' if field in source else 'missing'}; "
                          "it is required")


def _required_list(source: dict, path: FieldPath, label: str, field: str, hint: str) -> Iterator[Finding]:
    if source.get(field) == []:
        yield Finding(path / field, f"{label} {field} is empty; {hint}")


def _range(source: dict, path: FieldPath, label: str, field: str, low: int, high: int) -> Iterator[Finding]:
    value = int32(source.get(field))
    if value is not None and not low <= value <= high:
        yield Finding(path / field, f"{label} {field} is {value}; it must be between {low} and "
                      f"{high}", on_key=False)


def _nfs(source: dict, path: FieldPath, label: str) -> Iterator[Finding]:
    # validateNFSVolumeSource: server, path Required; path must be absolute ("" fails both)
    yield from _required(source, path, label, "server")
    target = source.get("path")
    if target == "":
        yield Finding(path / "path", f"{label} path is empty; give the absolute exported path, "
                      "e.g. /exports/data", on_key=False)
    elif isinstance(target, str) and not target.startswith("/"):
        yield Finding(path / "path", f'{label} path "{target}" must be an absolute path (start it '
                      'with "/")', on_key=False)


def _iscsi_name_problem(value: str) -> Optional[str]:
    if not value.startswith(_ISCSI_PREFIXES):
        return "must start with iqn, eui or naa"
    if value.startswith("iqn") and not _IQN.search(value):
        return "is not a valid iqn name (iqn.YYYY-MM.reversed.domain:identifier)"
    if value.startswith("eui") and not _EUI.search(value):
        return "is not a valid eui name (eui. followed by 16 hex digits)"
    if value.startswith("naa") and not _NAA.search(value):
        return "is not a valid naa name (naa. followed by 32 hex digits)"
    return None


def _iscsi(source: dict, path: FieldPath, label: str) -> Iterator[Finding]:
    # validateISCSIVolumeSource
    yield from _required(source, path, label, "targetPortal", "iqn")
    iqn = source.get("iqn")
    if isinstance(iqn, str) and iqn:
        problem = _iscsi_name_problem(iqn)
        if problem:
            yield Finding(path / "iqn", f'{label} iqn "{iqn}" {problem}', on_key=False)
    yield from _range(source, path, label, "lun", 0, 255)
    if (source.get("chapAuthDiscovery") is True or source.get("chapAuthSession") is True) \
            and source.get("secretRef") is None:
        yield Finding(path, f"{label} enables CHAP authentication but has no secretRef; name the "
                      "Secret holding the CHAP credentials")
    initiator = source.get("initiatorName")
    if isinstance(initiator, str):  # a pointer: "" is set too (and invalid)
        problem = _iscsi_name_problem(initiator)
        if problem:
            yield Finding(path / "initiatorName", f'{label} initiatorName "{initiator}" {problem}',
                          on_key=False)


def _iscsi_name_length(volume: VolumeSite, iscsi: dict) -> Iterator[Finding]:
    # validateVolumeSource (for any volume with iscsi, validated or not): with initiatorName
    # set, "<volume name>:<targetPortal>" must be at most 64 characters (reported at name)
    portal = as_str(iscsi.get("targetPortal")) or ""
    name = volume.name or ""
    if isinstance(iscsi.get("initiatorName"), str) and len(f"{name}:{portal}") > 64:
        yield Finding(volume.path / "name" if "name" in volume.spec else volume.path,
                      f'{volume.label}: "{name}:{portal}" is {len(name) + 1 + len(portal)} characters; '
                      "with iscsi.initiatorName set, the volume name, ':' and targetPortal must fit "
                      "in 64", on_key=False)


def _fc(source: dict, path: FieldPath, label: str) -> Iterator[Finding]:
    # validateFCVolumeSource: exactly one of targetWWNs and wwids; lun (0-255) with targetWWNs
    if any(not isinstance(source.get(k), (list, type(None))) for k in ("targetWWNs", "wwids")):
        return  # wrong types: schema pass
    wwns = as_list(source.get("targetWWNs"))
    wwids = as_list(source.get("wwids"))
    if not wwns and not wwids:
        yield Finding(path, f"{label} sets neither targetWWNs nor wwids; set one of them")
    if wwns and wwids:
        yield Finding(path / "targetWWNs", f"{label} sets both targetWWNs and wwids; set only one")
    if wwns:
        if source.get("lun") is None:
            yield Finding(path, f"{label} has targetWWNs but no lun; lun is required with targetWWNs")
        else:
            yield from _range(source, path, label, "lun", 0, 255)


def _partitioned(id_field: str) -> Check:
    def validate(source: dict, path: FieldPath, label: str) -> Iterator[Finding]:
        # validateGCEPersistentDiskVolumeSource / validateAWSElasticBlockStoreVolumeSource
        # (the error text says 1-255, the check allows 0-255)
        yield from _required(source, path, label, id_field)
        yield from _range(source, path, label, "partition", 0, 255)
    return validate


def _only_required(*fields: str, absent_too: bool = False) -> Check:
    def validate(source: dict, path: FieldPath, label: str) -> Iterator[Finding]:
        yield from _required(source, path, label, *fields, absent_too=absent_too)
    return validate


def _rbd(source: dict, path: FieldPath, label: str) -> Iterator[Finding]:
    yield from _required_list(source, path, label, "monitors", "list the Ceph monitors (host:port)")
    yield from _required(source, path, label, "image")


def _cephfs(source: dict, path: FieldPath, label: str) -> Iterator[Finding]:
    yield from _required_list(source, path, label, "monitors", "list the Ceph monitors (host:port)")


def _secret_ref_name(source: dict, path: FieldPath, label: str) -> Iterator[Finding]:
    ref = source.get("secretRef")
    if isinstance(ref, dict) and absent_or_empty(ref.get("name")):
        yield Finding(path / "secretRef", f"{label} secretRef has no name; name the Secret")


def _cinder(source: dict, path: FieldPath, label: str) -> Iterator[Finding]:
    yield from _required(source, path, label, "volumeID")
    yield from _secret_ref_name(source, path, label)


def _flex(source: dict, path: FieldPath, label: str) -> Iterator[Finding]:
    # validateFlexVolumeSource: driver Required; option keys may not use the kubernetes.io
    # or k8s.io namespaces (the part before "/", or the whole key)
    yield from _required(source, path, label, "driver")
    options = source.get("options")
    if not isinstance(options, dict):
        return
    for key in options:
        if not isinstance(key, str):
            continue
        namespace = key.split("/", 1)[0]
        normalized = "." + namespace.lower()
        if normalized.endswith((".kubernetes.io", ".k8s.io")):
            yield Finding(path / "options" / key, f'{label} option "{key}" is in a reserved namespace; '
                          "kubernetes.io and k8s.io are reserved for Kubernetes (pick your own prefix)")


def _azure_disk(source: dict, path: FieldPath, label: str) -> Iterator[Finding]:
    # validateAzureDisk, after defaulting kind to Shared and cachingMode to ReadWrite
    yield from _required(source, path, label, "diskName", "diskURI")
    caching = source.get("cachingMode")
    if isinstance(caching, str) and caching not in _AZURE_CACHING_MODES:
        yield Finding(path / "cachingMode", f'{label} cachingMode "{caching}" is not supported; '
                      f'supported values: {", ".join(_AZURE_CACHING_MODES)}', on_key=False)
    kind = source.get("kind")
    if kind is None:
        kind = _AZURE_DEFAULT_KIND
    if not isinstance(kind, str):
        return
    if kind not in _AZURE_KINDS:
        yield Finding(path / "kind", f'{label} kind "{kind}" is not supported; supported values: '
                      f'{", ".join(_AZURE_KINDS)}', on_key=False)
    uri = source.get("diskURI")
    if not isinstance(uri, str):
        return
    where = path / "diskURI"
    implicit = "" if "kind" in source and source["kind"] is not None else " (kind defaults to Shared)"
    if kind == "Managed" and not uri.startswith("/subscriptions/"):
        yield Finding(where, f'{label} diskURI "{uri}" is not a managed disk ID; with kind Managed it '
                      "must look like /subscriptions/{sub-id}/resourcegroups/{group-name}/providers/"
                      "microsoft.compute/disks/{disk-id}", on_key=False)
    elif kind != "Managed" and not uri.startswith("https://"):
        yield Finding(where, f'{label} diskURI "{uri}" is not a blob URL; with kind {kind}{implicit} '
                      "it must look like https://{account-name}.blob.core.windows.net/"
                      "{container-name}/{disk-name}.vhd (set kind: Managed for a managed disk)",
                      on_key=False)


def _storageos(source: dict, path: FieldPath, label: str) -> Iterator[Finding]:
    # validateStorageOSVolumeSource: volumeName Required (not required by the schema) and a
    # DNS label; volumeNamespace, when set, a DNS label; secretRef.name Required
    name = source.get("volumeName")
    if absent_or_empty(name):
        yield from _required(source, path, label, "volumeName", absent_too=True)
    elif isinstance(name, str):
        problems = formats.dns1123_label(name)
        if problems:
            yield Finding(path / "volumeName", f'{label} volumeName "{name}" is not a valid DNS label: '
                          f'it {" and ".join(problems)}', on_key=False)
    namespace = source.get("volumeNamespace")
    if isinstance(namespace, str) and namespace:
        problems = formats.dns1123_label(namespace)
        if problems:
            yield Finding(path / "volumeNamespace", f'{label} volumeNamespace "{namespace}" is not a '
                          f'valid DNS label: it {" and ".join(problems)}', on_key=False)
    yield from _secret_ref_name(source, path, label)


def _split_host_port(value: str) -> bool:
    """Go net.SplitHostPort succeeds (an empty port is fine)."""
    i = value.rfind(":")
    if i < 0:
        return False
    j = k = 0
    if value.startswith("["):
        end = value.find("]")
        if end < 0 or end + 1 == len(value) or end + 1 != i:
            return False
        j, k = 1, end + 1
    elif ":" in value[:i]:
        return False
    return "[" not in value[j:] and "]" not in value[k:]


def _quobyte(source: dict, path: FieldPath, label: str) -> Iterator[Finding]:
    # validateQuobyteVolumeSource: registry Required; else tenant at most 64 characters;
    # else every comma-separated registry entry must be host:port. volume Required.
    registry = source.get("registry")
    tenant = source.get("tenant")
    if registry is None or registry == "":
        yield from _required(source, path, label, "registry")  # absent: the schema pass's PL012
    elif isinstance(tenant, str) and len(tenant) > QUOBYTE_TENANT_MAX:
        yield Finding(path / "tenant", f"{label} tenant is {len(tenant)} characters; it must be a UUID "
                      f"of at most {QUOBYTE_TENANT_MAX}", on_key=False)
    elif isinstance(registry, str):
        bad = [entry for entry in registry.split(",") if not _split_host_port(entry)]
        if bad:
            verb = "is" if len(bad) == 1 else "are"
            yield Finding(path / "registry", f'{label} registry "{registry}" must be host:port pairs '
                          f'separated by commas ({", ".join(repr(b) for b in bad)} {verb} not)',
                          on_key=False)
    yield from _required(source, path, label, "volume")


def _flocker(source: dict, path: FieldPath, label: str) -> Iterator[Finding]:
    # validateFlockerVolumeSource: exactly one of datasetName and datasetUUID; no "/" in the name
    name = source.get("datasetName")
    uuid = source.get("datasetUUID")
    if absent_or_empty(name) and absent_or_empty(uuid):
        yield Finding(path, f"{label} sets neither datasetName nor datasetUUID; set one of them")
    if isinstance(name, str) and name and isinstance(uuid, str) and uuid:
        yield Finding(path, f"{label} sets both datasetName and datasetUUID; set only one")
    if isinstance(name, str) and "/" in name:
        yield Finding(path / "datasetName", f'{label} datasetName "{name}" must not contain "/"',
                      on_key=False)


def _git_repo(source: dict, path: FieldPath, label: str) -> Iterator[Finding]:
    # validateGitRepoVolumeSource: repository Required; directory relative without ".."
    yield from _required(source, path, label, "repository")
    directory = source.get("directory")
    if isinstance(directory, str):
        problems = path_problems(directory, reserved=False)
        if problems:
            yield Finding(path / "directory", f'{label} directory "{directory}" {"; ".join(problems)}',
                          on_key=False)


def _csi(source: dict, path: FieldPath, label: str) -> Iterator[Finding]:
    # ValidateCSIDriverName: Required, at most 63 characters (TooLong), DNS subdomain once
    # lower-cased; validateCSIVolumeSource: nodePublishSecretRef.name Required and a valid
    # Secret name (reported at "csi.name")
    driver = source.get("driver")
    if driver == "":
        yield Finding(path / "driver", f"{label} driver is empty; name the CSI driver, e.g. "
                      "ebs.csi.aws.com", on_key=False)
    elif isinstance(driver, str):
        problems = []
        if len(driver) > CSI_DRIVER_MAX:
            problems.append(f"is {len(driver)} characters (at most {CSI_DRIVER_MAX})")
        problems += formats.dns1123_subdomain(driver.lower())
        if problems:
            yield Finding(path / "driver", f'{label} driver "{driver}" is not a valid CSI driver name: '
                          f'it {" and ".join(problems)}', on_key=False)
    ref = source.get("nodePublishSecretRef")
    if isinstance(ref, dict):
        name = ref.get("name")
        if absent_or_empty(name):
            yield Finding(path / "nodePublishSecretRef", f"{label} nodePublishSecretRef has no name; "
                          "name the Secret")
        elif isinstance(name, str):
            problems = formats.dns1123_subdomain(name)
            if problems:
                yield Finding(path / "nodePublishSecretRef" / "name",
                              f'{label} nodePublishSecretRef name "{name}" is not a valid Secret name: '
                              f'it {" and ".join(problems)}', on_key=False)


def _glusterfs(source: dict, path: FieldPath, label: str) -> Iterator[Finding]:
    yield from _required(source, path, label, "endpoints", "path")


def _scale_io(source: dict, path: FieldPath, label: str) -> Iterator[Finding]:
    # validateScaleIOVolumeSource: gateway, system Required (schema-required); volumeName
    # Required although the schema does not require it
    yield from _required(source, path, label, "gateway", "system")
    yield from _required(source, path, label, "volumeName", absent_too=True)


_CHECKS: dict[str, Check] = {
    "nfs": _nfs,
    "iscsi": _iscsi,
    "fc": _fc,
    "gcePersistentDisk": _partitioned("pdName"),
    "awsElasticBlockStore": _partitioned("volumeID"),
    "rbd": _rbd,
    "cinder": _cinder,
    "cephfs": _cephfs,
    "flexVolume": _flex,
    "azureFile": _only_required("secretName", "shareName"),
    "azureDisk": _azure_disk,
    "vsphereVolume": _only_required("volumePath"),
    "photonPersistentDisk": _only_required("pdID"),
    "portworxVolume": _only_required("volumeID"),
    "scaleIO": _scale_io,
    "storageos": _storageos,
    "quobyte": _quobyte,
    "glusterfs": _glusterfs,
    "flocker": _flocker,
    "gitRepo": _git_repo,
    "csi": _csi,
}
