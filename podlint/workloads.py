"""Where each pod-bearing kind keeps its pod spec: a table, not if-chains in rules."""

from __future__ import annotations

from typing import Iterator, NamedTuple, Optional

from podlint.model import PodSite, as_dict
from podlint.paths import FieldPath
from podlint.versions import KubeVersion


class PodLayout(NamedTuple):
    """Where a kind keeps its pod spec, and what the API server knows of the kind."""

    groups: tuple[str, ...]  # API groups that serve this kind ("" is the core group)
    template: tuple[str, ...]  # path from the object to the pod template (or the Pod)
    controller: Optional[tuple[str, ...]]  # path to the workload's own spec
    # keeps its pods running: restartPolicy must be Always, no activeDeadlineSeconds
    replicated: bool = False
    # spec.selector is a metav1.LabelSelector (ReplicationController's is a plain map)
    label_selector: bool = False
    # an empty label selector is refused (a Job's is generated, so it may be empty)
    empty_selector_forbidden: bool = False
    # its pods usually sit behind a Service and get traffic (PW825)
    serving: bool = False


_TEMPLATE = ("spec", "template")
_APPS = ("apps", "extensions")
LAYOUTS: dict[str, PodLayout] = {
    "Pod": PodLayout(("",), (), None),
    "PodTemplate": PodLayout(("",), ("template",), None),
    "ReplicationController": PodLayout(("",), _TEMPLATE, ("spec",), replicated=True),
    "Deployment": PodLayout(_APPS, _TEMPLATE, ("spec",), replicated=True, label_selector=True,
                            empty_selector_forbidden=True, serving=True),
    "ReplicaSet": PodLayout(_APPS, _TEMPLATE, ("spec",), replicated=True, label_selector=True,
                            empty_selector_forbidden=True),
    "StatefulSet": PodLayout(("apps",), _TEMPLATE, ("spec",), replicated=True, label_selector=True,
                             empty_selector_forbidden=True, serving=True),
    "DaemonSet": PodLayout(_APPS, _TEMPLATE, ("spec",), replicated=True, label_selector=True,
                           empty_selector_forbidden=True, serving=True),
    "Job": PodLayout(("batch",), _TEMPLATE, ("spec",), label_selector=True),
    "CronJob": PodLayout(("batch",), ("spec", "jobTemplate", "spec", "template"), ("spec", "jobTemplate", "spec")),
}
POD_KINDS = tuple(LAYOUTS)


def api_group(api_version: str) -> str:
    """'apps/v1' -> 'apps', 'v1' -> ''."""
    return api_version.rsplit("/", 1)[0] if "/" in api_version else ""


def layout_for(api_version: str, kind: str) -> Optional[PodLayout]:
    layout = LAYOUTS.get(kind)
    if layout is None or api_group(api_version) not in layout.groups:
        return None  # a CRD that happens to share a kind name
    return layout


def _walk(obj: dict, keys: tuple[str, ...]) -> Optional[dict]:
    node: object = obj
    for key in keys:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node if isinstance(node, dict) else None


def find_pod_sites(obj: dict, k8s: KubeVersion, base: FieldPath = FieldPath()) -> Iterator[PodSite]:
    """Yield the pod spec of a pod-bearing object (none for other kinds)."""
    api_version, kind = obj.get("apiVersion"), obj.get("kind")
    if not isinstance(api_version, str) or not isinstance(kind, str):
        return
    layout = layout_for(api_version, kind)
    if layout is None:
        return
    holder = _walk(obj, layout.template) if layout.template else obj
    template_absent = False
    if holder is None:
        if not _absent(obj, layout.template):
            return  # a template of the wrong type: the schema pass reports it
        holder = {}
        template_absent = kind == "ReplicationController"
    spec = holder.get("spec")
    if spec is None:
        spec = {}  # absent: validated as empty, as the API server does after decoding
    if not isinstance(spec, dict):
        return
    template_path = base.join(*layout.template)
    metadata = as_dict(obj.get("metadata"))
    name = metadata.get("name")
    controller_path = base.join(*layout.controller) if layout.controller else None
    yield PodSite(
        kind=kind,
        api_version=api_version,
        name=name if isinstance(name, str) else None,
        metadata=metadata,
        spec=spec,
        path=template_path / "spec",
        template_metadata=as_dict(holder.get("metadata")) if layout.template else None,
        controller=_walk(obj, layout.controller) if layout.controller else None,
        controller_path=controller_path,
        k8s=k8s,
        object_path=base,
        obj=obj,
        template_absent=template_absent,
        layout=layout,
    )


def _absent(obj: dict, keys: tuple[str, ...]) -> bool:
    """True when the path stops at a missing or null key (not at a value of the wrong type)."""
    node: object = obj
    for key in keys:
        if node is None:
            return True
        if not isinstance(node, dict):
            return False
        node = node.get(key)
    return node is None
