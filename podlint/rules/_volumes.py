"""Pod volumes as the API server validates them (PL560-PL570).

Not a rule (leading underscore): the shared walk over `spec.volumes` after the API server's
defaulting and field dropping, which source of each volume validation looks at, and the
path, file-mode and downward API checks that several volume sources share. Sources:
kubernetes/kubernetes pkg/apis/core/validation/validation.go (ValidateVolumes,
validateVolumeSource and the validate*VolumeSource functions), pkg/apis/core/v1/defaults.go
(SetDefaults_Volume) and pkg/api/pod/util.go (dropImageVolumes).
"""

from __future__ import annotations

from typing import Any, Iterator, NamedTuple, Optional

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding
from podlint.model import PodSite, as_int, as_list, as_str, view_cache
from podlint.paths import FieldPath
from podlint.quantity import canonical_string, parse_quantity

# validation.go validateVolumeSource: the order in which sources are counted. The first one
# set is validated; every later one gets "may not specify more than 1 volume type".
SOURCES = (
    "emptyDir", "hostPath", "gitRepo", "gcePersistentDisk", "awsElasticBlockStore", "secret",
    "nfs", "iscsi", "glusterfs", "flocker", "persistentVolumeClaim", "rbd", "cinder", "cephfs",
    "quobyte", "downwardAPI", "fc", "flexVolume", "configMap", "azureFile", "vsphereVolume",
    "photonPersistentDisk", "portworxVolume", "azureDisk", "storageos", "projected", "scaleIO",
    "csi", "ephemeral", "image",
)

# The `image` volume source appeared in the API in 1.31 (ImageVolume alpha); before that
# the key is an unknown field (the schema pass reports it) and decodes to nothing.
IMAGE_FIELD_FROM = 31

INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
FILE_MODE_MAX = 0o777  # validation.go fileModeErrorMsg: 0 to 0777 (octal), both inclusive


class VolumeSite(NamedTuple):
    """One volume of a pod spec, after defaulting and dropping."""

    index: int
    path: FieldPath  # path to the volume mapping
    spec: dict
    sources: tuple[str, ...]  # source keys set (mappings), in validation order

    @property
    def name(self) -> Optional[str]:
        return as_str(self.spec.get("name"))

    @property
    def label(self) -> str:
        """How messages name it: 'volume "data"' (or 'volumes[2]' without a usable name)."""
        name = self.name
        return f'volume "{name}"' if name else f"volumes[{self.index}]"

    @property
    def validated(self) -> Optional[str]:
        """The source validation checks (the others are only reported as extra, PL561)."""
        return self.sources[0] if self.sources else None

    def source(self, key: str) -> Optional[dict]:
        """The source mapping when `key` is the validated source, else None."""
        if self.validated != key:
            return None
        return self.spec[key]

    def source_path(self, key: str) -> FieldPath:
        return self.path / key


def source_is_set(volume: dict, key: str) -> bool:
    """A source counts when it is a mapping (null is absent; other types are schema errors)."""
    return isinstance(volume.get(key), dict)


def volume_sites(pod: PodSite) -> list[VolumeSite]:
    """The volumes validation sees, in order (computed once per pod site)."""
    cache = view_cache(pod)
    found = cache.get("volume_sites")
    if found is None:
        found = cache["volume_sites"] = tuple(_volume_sites(pod))
    return list(found)


def _volume_sites(pod: PodSite) -> list[VolumeSite]:
    """The volumes validation sees, in order.

    pkg/api/pod/util.go dropImageVolumes removes every volume with an `image` source (and
    the mounts that use it) when the ImageVolume gate is off, before validation runs.
    """
    image_field = pod.k8s.at_least(IMAGE_FIELD_FROM)
    image_gate = pod.k8s.gate("ImageVolume")
    base = pod.path / "volumes"
    sites = []
    for i, item in enumerate(as_list(pod.spec.get("volumes"))):
        if not isinstance(item, dict):
            continue
        if image_field and not image_gate and item.get("image") is not None:
            continue  # dropped silently (PW830 reports the drop)
        keys = tuple(k for k in SOURCES if source_is_set(item, k)
                     and (k != "image" or image_gate))
        # SetDefaults_Volume: a volume without any source becomes an emptyDir, so the
        # "must specify a volume type" error cannot happen
        sites.append(VolumeSite(i, base / i, item, keys))
    return sites


def pod_name(pod: PodSite) -> Optional[str]:
    """The Pod's name as validation sees it: metadata.name, else the generated name.

    The API server generates the name from generateName before validating (the random
    suffix is 5 lower-case alphanumerics, after truncating the base to 58 characters).
    """
    if pod.is_template:
        return None
    name = as_str(pod.metadata.get("name"))
    if name:
        return name
    generate = as_str(pod.metadata.get("generateName"))
    if generate:
        return generate[:58] + "xxxxx"
    return None


def int32(value: Any) -> Optional[int]:
    """An int32 value, or None (wrong types and out-of-range ints are schema errors)."""
    number = as_int(value)
    if number is None or not INT32_MIN <= number <= INT32_MAX:
        return None
    return number


def empty_string(value: Any) -> bool:
    """True for "" only: absent fields are reported by the schema pass when required."""
    return value == ""


def absent_or_empty(value: Any) -> bool:
    """True for a missing (or null) or empty string field that the schema does not require."""
    return value is None or value == ""


def mode_problem(value: Any, what: str) -> Optional[str]:
    """A message for a file mode outside 0-0777, with a hint for octal written as decimal."""
    mode = int32(value)
    if mode is None or 0 <= mode <= FILE_MODE_MAX:
        return None
    text = f"{what} is {mode}; file modes go from 0 to 0777 octal (0 to 511 in decimal)"
    digits = str(mode)
    if mode > 0 and set(digits) <= set("01234567") and int(digits, 8) <= FILE_MODE_MAX:
        octal = int(digits, 8)
        text += (f"; {mode} looks like an octal mode written in decimal: 0{digits} octal is "
                 f"{octal} decimal, so write 0{digits} (YAML octal) or {octal}")
    return text


def path_problems(value: str, *, reserved: bool = True) -> list[str]:
    """validation.go ValidateLocalNonReservedPath (reserved) or validateLocalDescendingPath.

    A relative path without `..` elements and, for the non-reserved variant, not starting
    with `..`. Paths are split on "/" only, as on the (Linux) API server.
    """
    problems = []
    if value.startswith("/"):
        problems.append("must be a relative path")
    if formats.has_backsteps(value):
        problems.append("must not contain '..'")
    # "Don't report this error if the check for .. elements already caught it"
    elif reserved and value.startswith("..") and not value.startswith("../"):
        problems.append("must not start with '..'")
    return problems


def key_to_path_findings(items: Any, path: FieldPath, what: str) -> Iterator[Finding]:
    """validation.go validateKeyToPath for each `items` entry of a secret or configMap."""
    for i, item in enumerate(as_list(items)):
        if not isinstance(item, dict):
            continue
        item_path = path / i
        label = f"{what} items[{i}]"
        if empty_string(item.get("key")):
            yield Finding(item_path / "key", f"{label} key is empty; name the key to project",
                          on_key=False)
        target = as_str(item.get("path"))
        if target == "":
            yield Finding(item_path / "path", f"{label} path is empty; give the file name to "
                          "create, relative to the mount point", on_key=False)
        elif target is not None:
            problems = path_problems(target)
            if problems:
                yield Finding(item_path / "path", f'{label} path "{target}" {"; ".join(problems)}',
                              on_key=False)
        problem = mode_problem(item.get("mode"), f"{label} mode")
        if problem:
            yield Finding(item_path / "mode", problem, on_key=False)


# validation.go validVolumeDownwardAPIFieldPathExpressions
VOLUME_FIELD_PATHS = ("metadata.annotations", "metadata.labels", "metadata.name",
                      "metadata.namespace", "metadata.uid")
# pkg/apis/core/pods ConvertDownwardAPIFieldLabel: every field label v1 knows
_KNOWN_FIELD_LABELS = {
    "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace",
    "metadata.uid", "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName",
    "spec.schedulerName", "status.phase", "status.hostIP", "status.hostIPs", "status.podIP",
    "status.podIPs", "spec.host",
}
# validation.go validContainerResourceFieldPathExpressions and the hugepages prefixes
RESOURCE_FIELDS = ("limits.cpu", "limits.ephemeral-storage", "limits.memory",
                   "requests.cpu", "requests.ephemeral-storage", "requests.memory")
_HUGEPAGES_PREFIXES = ("requests.hugepages-", "limits.hugepages-")
_CPU_DIVISORS = ("1m", "1")
_BYTE_DIVISORS = ("1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei")


def split_subscript(field_path: str) -> tuple[str, Optional[str]]:
    """fieldpath.SplitMaybeSubscriptedPath: "metadata.labels['app']" -> ("metadata.labels", "app")."""
    if not field_path.endswith("']"):
        return field_path, None
    head, sep, subscript = field_path[:-2].partition("['")
    if not sep or not head:
        return field_path, None
    return head, subscript


def field_ref_problem(ref: dict) -> Optional[tuple[str, str]]:
    """validation.go validateObjectFieldSelector with the volume allow-list.

    Returns (field, message) naming the offending key ("apiVersion" or "fieldPath").
    """
    api_version = ref.get("apiVersion")
    field_path = ref.get("fieldPath")
    if not isinstance(field_path, str) or (api_version is not None and not isinstance(api_version, str)):
        return None  # absent fieldPath (schema pass) or wrong types
    if api_version not in (None, "", "v1"):  # SetDefaults_ObjectFieldSelector: "" -> v1
        return "apiVersion", f'fieldRef apiVersion "{api_version}" is not supported; use "v1"'
    if field_path == "":
        return "fieldPath", "fieldRef fieldPath is empty; name a pod field such as metadata.name"
    head, subscript = split_subscript(field_path)
    accepted = ", ".join(VOLUME_FIELD_PATHS)
    if subscript is not None:
        if head == "metadata.labels":
            errors = formats.qualified_name(subscript)
        elif head == "metadata.annotations":
            errors = formats.qualified_name(subscript.lower())
        else:
            return "fieldPath", (f'fieldRef fieldPath "{field_path}": only metadata.labels and '
                                 "metadata.annotations take a ['key'] subscript")
        if errors:
            return "fieldPath", f'fieldRef fieldPath "{field_path}": the key {"; ".join(errors)}'
        return None
    if field_path not in VOLUME_FIELD_PATHS:
        extra = ""
        if field_path in _KNOWN_FIELD_LABELS:
            extra = " (it is available to environment variables, not to volume files)"
        return "fieldPath", (f'fieldRef fieldPath "{field_path}" is not supported in a downwardAPI '
                             f"volume{extra}; supported: {accepted}, or metadata.labels['<key>'] / "
                             "metadata.annotations['<key>']")
    return None


def canonical_divisor(value: Any) -> Optional[str]:
    """The divisor's Quantity.String(); "" when absent or zero (unset: not checked), None
    when it does not parse (the schema pass reports it)."""
    if value is None:
        return ""
    amount = parse_quantity(value)
    if amount is None:
        return None
    return "" if amount == 0 else canonical_string(value)


def resource_field_ref_problems(ref: dict) -> Iterator[tuple[str, str]]:
    """validation.go validateContainerResourceFieldSelector (volume=true) and the divisor.

    Yields (field, message) naming the offending key.
    """
    container = ref.get("containerName")
    resource = ref.get("resource")
    if container is None or container == "":
        yield "containerName", ("resourceFieldRef has no containerName; in a volume it must name "
                                "the container whose resources to expose")
    elif resource == "":
        yield "resource", "resourceFieldRef resource is empty; name one such as limits.memory"
    elif isinstance(resource, str) and resource not in RESOURCE_FIELDS \
            and not resource.startswith(_HUGEPAGES_PREFIXES):
        yield "resource", (f'resourceFieldRef resource "{resource}" is not supported; supported: '
                           f'{", ".join(RESOURCE_FIELDS)}, or limits/requests.hugepages-<size>')
    if not isinstance(resource, str):
        return
    divisor = canonical_divisor(ref.get("divisor"))
    if not divisor:
        return
    if resource in ("limits.cpu", "requests.cpu"):
        allowed = _CPU_DIVISORS
    elif resource in ("limits.memory", "requests.memory", "limits.ephemeral-storage",
                      "requests.ephemeral-storage") or resource.startswith(_HUGEPAGES_PREFIXES):
        allowed = _BYTE_DIVISORS
    else:
        return
    if divisor not in allowed:
        yield "divisor", (f'resourceFieldRef divisor "{ref.get("divisor")}" is not supported for '
                          f'{resource}; use one of {", ".join(allowed)}')


def downward_file_findings(item: dict, item_path: FieldPath, label: str) -> Iterator[Finding]:
    """validation.go validateDownwardAPIVolumeFile, pointing at the real item.

    The API server reports these under the downwardAPI (or projected source) path without
    the item index.
    """
    target = as_str(item.get("path"))
    if target == "":
        yield Finding(item_path / "path", f"{label} path is empty; give the file name to create, "
                      "relative to the mount point", on_key=False)
    elif target is not None:
        problems = path_problems(target)
        if problems:
            yield Finding(item_path / "path", f'{label} path "{target}" {"; ".join(problems)}',
                          on_key=False)
    field_ref = item.get("fieldRef")
    resource_ref = item.get("resourceFieldRef")
    if isinstance(field_ref, dict):
        problem = field_ref_problem(field_ref)
        if problem:
            key, message = problem
            yield Finding(item_path / "fieldRef" / key, f"{label} {message}", on_key=False)
        if isinstance(resource_ref, dict):
            yield Finding(item_path / "resourceFieldRef",
                          f"{label} sets both fieldRef and resourceFieldRef; keep one of them")
    elif isinstance(resource_ref, dict):
        for key, message in resource_field_ref_problems(resource_ref):
            target_path = item_path / "resourceFieldRef"
            if key in resource_ref:
                yield Finding(target_path / key, f"{label} {message}", on_key=False)
            else:
                yield Finding(target_path, f"{label} {message}")
    elif field_ref is None and resource_ref is None:
        yield Finding(item_path, f"{label} has neither fieldRef nor resourceFieldRef; set one of them")
    problem = mode_problem(item.get("mode"), f"{label} mode")
    if problem:
        yield Finding(item_path / "mode", problem, on_key=False)


def dict_items(value: Any) -> Iterator[tuple[int, dict]]:
    """(index, mapping) for the mappings of a list (other entries are schema errors)."""
    for i, item in enumerate(as_list(value)):
        if isinstance(item, dict):
            yield i, item

