"""Where each pod-bearing kind keeps its pod spec: a table, not if-chains in rules."""

from __future__ import annotations

from typing import Iterable, Iterator, NamedTuple, Optional

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
    # its pod template is a Job's (restartPolicy OnFailure or Never); `controller` is the JobSpec
    job: bool = False
    # a custom resource's pod template: the core type at `template`, "PodTemplateSpec" or
    # "PodSpec" (only that part is checked: the rest of the object's schema is the cluster's);
    # "" for the built-in kinds, checked whole
    custom_type: str = ""


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
    "Job": PodLayout(("batch",), _TEMPLATE, ("spec",), label_selector=True, job=True),
    "CronJob": PodLayout(("batch",), ("spec", "jobTemplate", "spec", "template"), ("spec", "jobTemplate", "spec"),
                         job=True),
}
POD_KINDS = tuple(LAYOUTS)

TEMPLATE_SPEC, POD_SPEC = "PodTemplateSpec", "PodSpec"
# Custom resources whose pod template is a plain core PodTemplateSpec, keyed "group/Kind"
# (or "group/version/Kind"); the pod-templates setting is merged over these. Their facts are
# those of the built-in kind the controller stands in for: the rules they drive
# (restartPolicy Always, no activeDeadlineSeconds, the selector matching the template
# labels) are what the controller enforces, or what the ReplicaSet, Pod or Job it creates
# from the template must pass. Not here: Knative's serving.knative.dev/Service, whose
# spec.template.spec is a RevisionSpec (a restricted PodSpec plus containerConcurrency,
# timeoutSeconds; most pod fields are refused by Knative's webhook), so pod rules would
# both miss and invent errors there.
_REPLICATED = dict(replicated=True, label_selector=True, empty_selector_forbidden=True, serving=True)
BUILT_IN_TEMPLATES: dict[str, PodLayout] = {
    # Argo Rollouts: a Deployment stand-in; each revision becomes a ReplicaSet of this template
    # (a Rollout with spec.workloadRef has no template, and gets no pod site)
    "argoproj.io/Rollout": PodLayout(("argoproj.io",), _TEMPLATE, ("spec",), custom_type=TEMPLATE_SPEC,
                                     **_REPLICATED),
    # OpenKruise: CloneSet and the Advanced StatefulSet/DaemonSet create Pods from the template
    # directly; Kruise's webhooks validate it as apps/v1 validates a workload's
    "apps.kruise.io/CloneSet": PodLayout(("apps.kruise.io",), _TEMPLATE, ("spec",), custom_type=TEMPLATE_SPEC,
                                         **_REPLICATED),
    "apps.kruise.io/StatefulSet": PodLayout(("apps.kruise.io",), _TEMPLATE, ("spec",), custom_type=TEMPLATE_SPEC,
                                            **_REPLICATED),
    "apps.kruise.io/DaemonSet": PodLayout(("apps.kruise.io",), _TEMPLATE, ("spec",), custom_type=TEMPLATE_SPEC,
                                          **_REPLICATED),
    # KEDA: each scaling step creates a Job whose spec is spec.jobTargetRef (a batch/v1 JobSpec)
    "keda.sh/ScaledJob": PodLayout(("keda.sh",), ("spec", "jobTargetRef", "template"), ("spec", "jobTargetRef"),
                                   custom_type=TEMPLATE_SPEC, job=True),
}


class PodTemplateError(ValueError):
    """A pod-templates entry that cannot be used (the message says why)."""


_DNS_LABEL = r"[a-z]([-a-z0-9]{0,61}[a-z0-9])?"
_FIELD = r"[A-Za-z_][A-Za-z0-9_-]*"


def custom_layout(key: str, value: object) -> Optional[PodLayout]:
    """One pod-templates entry -> its layout (None: the entry turns a built-in one off).

    `key` is "group/Kind" or "group/version/Kind"; `value` a dotted path to a
    PodTemplateSpec ("spec.template"), "PodSpec:" and a path to a PodSpec, or "" or False.
    """
    import re

    parts = key.split("/")
    if len(parts) not in (2, 3) or not all(parts):
        raise PodTemplateError(f'"{key}" is not "group/Kind" or "group/version/Kind" '
                               '(e.g. "argoproj.io/Rollout")')
    group, kind = parts[0], parts[-1]
    if "." not in group or not re.fullmatch(rf"{_DNS_LABEL}(\.{_DNS_LABEL})*", group) or len(group) > 253:
        raise PodTemplateError(f'"{key}": the group "{group}" is not a custom resource\'s group (a lower-case '
                               "DNS name with at least one dot, as CustomResourceDefinitions require)")
    from podlint.apis import is_built_in_group

    if is_built_in_group(f"{group}/v1"):
        raise PodTemplateError(f'"{key}": {group} is a Kubernetes API group; its kinds are checked whole')
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]{0,62}", kind):
        raise PodTemplateError(f'"{key}": the kind "{kind}" is not a kind name (letters and digits, e.g. Rollout)')
    if len(parts) == 3 and not re.fullmatch(_DNS_LABEL, parts[1]):
        raise PodTemplateError(f'"{key}": the version "{parts[1]}" is not a version name (e.g. v1alpha1)')
    if value is False or value == "":
        return None
    if not isinstance(value, str):
        raise PodTemplateError(f'"{key}": expected a path such as "spec.template", "PodSpec:spec.podSpec", '
                               f'or "" (or false) to turn a built-in entry off; got {value!r}')
    text = value.strip()
    custom_type = TEMPLATE_SPEC
    typed, colon, rest = text.partition(":")
    if colon:
        if typed.strip() not in (TEMPLATE_SPEC, POD_SPEC):
            raise PodTemplateError(f'"{key}": "{typed.strip()}" is not a pod type; write "PodSpec:<path>" for a '
                                   'PodSpec, or just the path of a PodTemplateSpec')
        custom_type, text = typed.strip(), rest.strip()
    fields = tuple(text.split("."))
    if not text or not all(re.fullmatch(_FIELD, f) for f in fields):
        raise PodTemplateError(f'"{key}": "{value}" is not a path of field names separated by dots '
                               '(e.g. "spec.template"; list items are not supported)')
    if fields[0] in ("metadata", "apiVersion", "kind", "status"):
        raise PodTemplateError(f'"{key}": "{value}" points into {fields[0]}, not at a pod template')
    return PodLayout((group,), fields, None, custom_type=custom_type)


def custom_layouts(entries: Iterable[tuple[str, object]] = ()) -> dict[str, PodLayout]:
    """The built-in custom-resource templates with the configured entries merged over them."""
    table = dict(BUILT_IN_TEMPLATES)
    for key, value in entries:
        layout = custom_layout(key, value)
        if layout is None:
            table.pop(key, None)
        else:
            table[key] = layout
    return table


def custom_layout_for(table: dict[str, PodLayout], api_version: str, kind: str) -> Optional[PodLayout]:
    """The layout of a custom resource's pod template: "group/version/Kind" first, then "group/Kind"."""
    if not table:
        return None
    group, _, version = api_version.rpartition("/")
    return table.get(f"{group}/{version}/{kind}") or table.get(f"{group}/{kind}")


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


def find_pod_sites(obj: dict, k8s: KubeVersion, base: FieldPath = FieldPath(),
                   custom: Optional[PodLayout] = None) -> Iterator[PodSite]:
    """Yield the pod spec of a pod-bearing object (none for other kinds); `custom`: the
    layout of a custom resource's pod template (custom_layout_for)."""
    api_version, kind = obj.get("apiVersion"), obj.get("kind")
    if not isinstance(api_version, str) or not isinstance(kind, str):
        return
    layout = custom or layout_for(api_version, kind)
    if layout is None:
        return
    holder = _walk(obj, layout.template) if layout.template else obj
    template_absent = False
    if holder is None:
        if custom is not None or not _absent(obj, layout.template):
            # a template of the wrong type: the schema pass reports it; a custom resource
            # may do without one (an Argo Rollout with spec.workloadRef)
            return
        holder = {}
        template_absent = kind == "ReplicationController"
    if custom is not None:
        # kind.group, as kubectl names it: never mistaken for the built-in kind of the same
        # name (an apps.kruise.io StatefulSet has its own update strategies)
        kind = f"{kind}.{layout.groups[0]}"
        if layout.custom_type == POD_SPEC:
            yield _site(obj, kind, api_version, layout, holder, base.join(*layout.template), None, k8s, base)
            return
    spec = holder.get("spec")
    if spec is None:
        spec = {}  # absent: validated as empty, as the API server does after decoding
    if not isinstance(spec, dict):
        return
    template_metadata = as_dict(holder.get("metadata")) if layout.template else None
    yield _site(obj, kind, api_version, layout, spec, base.join(*layout.template) / "spec", template_metadata,
                k8s, base, template_absent)


def _site(obj: dict, kind: str, api_version: str, layout: PodLayout, spec: dict, path: FieldPath,
          template_metadata: Optional[dict], k8s: KubeVersion, base: FieldPath,
          template_absent: bool = False) -> PodSite:
    metadata = as_dict(obj.get("metadata"))
    name = metadata.get("name")
    return PodSite(
        kind=kind,
        api_version=api_version,
        name=name if isinstance(name, str) else None,
        metadata=metadata,
        spec=spec,
        path=path,
        template_metadata=template_metadata,
        controller=_walk(obj, layout.controller) if layout.controller else None,
        controller_path=base.join(*layout.controller) if layout.controller else None,
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
