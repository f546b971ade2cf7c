"""PL568 invalid-ephemeral-volume."""

from __future__ import annotations

from typing import Any, Iterator, Optional

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_list, as_str
from podlint.paths import FieldPath
from podlint.quantity import parse_quantity
from podlint.rules._volumes import VolumeSite, pod_name, volume_sites

RULE = Rule(
    id="PL568",
    name="invalid-ephemeral-volume",
    severity=Severity.ERROR,
    summary="An ephemeral volume's claim template is missing or invalid",
)

# validation.go supportedAccessModes / supportedVolumeModes
ACCESS_MODES = ("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod")
VOLUME_MODES = ("Block", "Filesystem")
# ValidateTemplateObjectMeta: only labels and annotations may be set
TEMPLATE_METADATA = ("labels", "annotations")
# ObjectMeta string fields: another type there is the schema pass's PL011
_STRING_METADATA = ("name", "generateName", "namespace", "uid", "resourceVersion", "selfLink",
                    "creationTimestamp", "deletionTimestamp")
# VolumeAttributesClass: beta (off) 1.31, GA 1.34. ValidationOptionsForPersistentVolumeClaimTemplate
# only checks volumeAttributesClassName with the gate on. (No entry in versions.py yet.)
_VOLUME_ATTRIBUTES_CLASS_ON = 34


def check(pod: PodSite) -> Iterator[Finding]:
    for volume in volume_sites(pod):
        ephemeral = volume.source("ephemeral")
        if ephemeral is None:
            continue
        base = volume.source_path("ephemeral")
        template = ephemeral.get("volumeClaimTemplate")
        # validateEphemeralVolumeSource: volumeClaimTemplate nil -> Required
        if template is None:
            yield Finding(base, f"{volume.label} ephemeral has no volumeClaimTemplate; describe the "
                          "PersistentVolumeClaim to create (accessModes and resources.requests.storage)")
        elif isinstance(template, dict):
            yield from _metadata(template.get("metadata"), base / "volumeClaimTemplate" / "metadata",
                                 volume)
            spec = template.get("spec")
            if isinstance(spec, dict):
                yield from _spec(spec, base / "volumeClaimTemplate" / "spec", volume, pod)
        yield from _pvc_name(volume, pod)


def _pvc_name(volume: VolumeSite, pod: PodSite) -> Iterator[Finding]:
    # validateVolumeSource, Pods only: the PVC "<pod name>-<volume name>" must be a valid
    # object name (DNS subdomain); reported at the volume name
    name = pod_name(pod)
    volume_name = volume.name
    if not name or not volume_name:
        return
    pvc = f"{name}-{volume_name}"
    problems = formats.dns1123_subdomain(pvc)
    if problems:
        shown = pvc if as_str(pod.metadata.get("name")) else f"{pvc} (with a generated suffix)"
        yield Finding(volume.path / "name",
                      f'{volume.label} would create the PVC "{shown}", which is not a valid name: it '
                      f'{" and ".join(problems)}; shorten the Pod or volume name', on_key=False)


def _metadata(metadata: Any, path: FieldPath, volume: VolumeSite) -> Iterator[Finding]:
    # ValidateTemplateObjectMeta: labels and annotations are validated, every other
    # metadata field that is set is Forbidden ("cannot be set")
    if not isinstance(metadata, dict):
        return
    label = f"{volume.label} volumeClaimTemplate metadata"
    for key, value in metadata.items():
        if key in _STRING_METADATA and not isinstance(value, str):
            continue
        if key not in TEMPLATE_METADATA and value not in (None, "", [], {}, 0, False):
            yield Finding(path / key, f"{label} sets {key}; only labels and annotations may be set "
                          "there (the PVC is named after the Pod and the volume)")
    for key, value in as_dict(metadata.get("labels")).items():
        problems = formats.qualified_name(key) if isinstance(key, str) else []
        if problems:
            yield Finding(path / "labels" / key, f'{label} label key "{key}" is invalid: '
                          f'{"; ".join(problems)}')
        if isinstance(value, str) and formats.label_value(value):
            yield Finding(path / "labels" / key, f'{label} label "{key}" has the value "{value}", '
                          f'which {" and ".join(formats.label_value(value))}', on_key=False)
    for key in as_dict(metadata.get("annotations")):
        problems = formats.qualified_name(key.lower()) if isinstance(key, str) else []
        if problems:
            yield Finding(path / "annotations" / key, f'{label} annotation key "{key}" is invalid: '
                          f'{"; ".join(problems)}')


def _spec(spec: dict, path: FieldPath, volume: VolumeSite, pod: PodSite) -> Iterator[Finding]:
    # ValidatePersistentVolumeClaimSpec
    label = f"{volume.label} volumeClaimTemplate spec"
    modes = spec.get("accessModes")
    if modes is None or modes == []:
        where = path / "accessModes" if "accessModes" in spec else path
        yield Finding(where, f"{label} has no accessModes; at least one is required, e.g. "
                      "[ReadWriteOnce]")
    found_rwop = found_other = False
    for i, mode in enumerate(as_list(modes)):
        if not isinstance(mode, str):
            continue
        if mode not in ACCESS_MODES:
            yield Finding(path / "accessModes" / i, f'{label} access mode "{mode}" is not supported; '
                          f'supported values: {", ".join(ACCESS_MODES)}', on_key=False)
        elif mode == "ReadWriteOncePod":
            found_rwop = True
        else:
            found_other = True
    if found_rwop and found_other:
        yield Finding(path / "accessModes", f"{label} mixes ReadWriteOncePod with other access modes; "
                      "ReadWriteOncePod must be the only one")
    yield from _storage(spec, path, label)
    storage_class = spec.get("storageClassName")
    if isinstance(storage_class, str) and storage_class:
        problems = formats.dns1123_subdomain(storage_class)
        if problems:
            yield Finding(path / "storageClassName", f'{label} storageClassName "{storage_class}" is '
                          f'not a valid class name: it {" and ".join(problems)}', on_key=False)
    attributes_class = spec.get("volumeAttributesClassName")
    if (pod.k8s.at_least(_VOLUME_ATTRIBUTES_CLASS_ON) and isinstance(attributes_class, str)
            and attributes_class):
        problems = formats.dns1123_subdomain(attributes_class)
        if problems:
            yield Finding(path / "volumeAttributesClassName",
                          f'{label} volumeAttributesClassName "{attributes_class}" is not a valid class '
                          f'name: it {" and ".join(problems)}', on_key=False)
    mode = spec.get("volumeMode")
    if isinstance(mode, str) and mode not in VOLUME_MODES:
        yield Finding(path / "volumeMode", f'{label} volumeMode "{mode}" is not supported; supported '
                      f'values: {", ".join(VOLUME_MODES)}', on_key=False)
    yield from _data_sources(spec, path, label)


def _storage(spec: dict, path: FieldPath, label: str) -> Iterator[Finding]:
    # resources.requests.storage missing -> Required, <= 0 -> Invalid (the server reports
    # both at "spec.resources[storage]")
    resources = spec.get("resources")
    requests = as_dict(resources).get("requests")
    if not isinstance(resources, (dict, type(None))) or not isinstance(requests, (dict, type(None))):
        return  # wrong types: schema pass
    storage = as_dict(requests).get("storage")
    if storage is None:
        where = path / "resources" / "requests" if requests is not None else (
            path / "resources" if resources is not None else path)
        yield Finding(where, f"{label} has no resources.requests.storage; say how big the volume "
                      'must be, e.g. storage: "1Gi"')
        return
    amount = parse_quantity(storage)
    if amount is not None and amount <= 0:
        yield Finding(path / "resources" / "requests" / "storage",
                      f'{label} requests storage "{storage}"; it must be greater than zero', on_key=False)


def _data_sources(spec: dict, path: FieldPath, label: str) -> Iterator[Finding]:
    # validateDataSource / validateDataSourceRef and their consistency check
    source = spec.get("dataSource")
    ref = spec.get("dataSourceRef")
    for key, value in (("dataSource", source), ("dataSourceRef", ref)):
        if not isinstance(value, dict):
            continue
        where = path / key
        for field in ("name", "kind"):
            if value.get(field) == "":
                yield Finding(where / field, f"{label} {key} {field} is empty", on_key=False)
        api_group = value.get("apiGroup")
        kind = value.get("kind")
        if (api_group is None or api_group == "") and isinstance(kind, str) and kind \
                and kind != "PersistentVolumeClaim":
            yield Finding(where / "kind", f'{label} {key} kind "{kind}" needs an apiGroup (e.g. '
                          'snapshot.storage.k8s.io for VolumeSnapshot); only PersistentVolumeClaim '
                          "is in the core group", on_key=False)
        if isinstance(api_group, str) and api_group:
            problems = formats.dns1123_subdomain(api_group)
            if problems:
                yield Finding(where / "apiGroup", f'{label} {key} apiGroup "{api_group}" is not a '
                              f'valid API group: it {" and ".join(problems)}', on_key=False)
        namespace = value.get("namespace") if key == "dataSourceRef" else None
        if isinstance(namespace, str) and namespace:
            problems = formats.dns1123_label(namespace)
            if problems:
                yield Finding(where / "namespace", f'{label} dataSourceRef namespace "{namespace}" is '
                              f'not a valid namespace name: it {" and ".join(problems)}', on_key=False)
    if not isinstance(source, dict) or not isinstance(ref, dict):
        return
    namespace = ref.get("namespace")
    if isinstance(namespace, str) and namespace:
        yield Finding(path / "dataSource", f"{label} sets dataSource together with a cross-namespace "
                      "dataSourceRef; drop dataSource")
    elif not _same_reference(source, ref):
        yield Finding(path / "dataSource", f"{label} dataSource and dataSourceRef differ; they must "
                      "name the same object (or set only dataSourceRef)")


def _same_reference(source: dict, ref: dict) -> bool:
    # isDataSourceEqualDataSourceRef: apiGroup (nil and "" differ), kind and name
    def group(value: dict) -> Optional[str]:
        return value.get("apiGroup")
    return (group(source) == group(ref) and source.get("kind") == ref.get("kind")
            and source.get("name") == ref.get("name"))
