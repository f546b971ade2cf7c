"""What rules see: Rule metadata and read-only views of a pod spec site.

Rules never see YAML, files or line numbers: they get plain values and FieldPaths.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, Callable, Iterator, Mapping, NamedTuple, Optional

from podlint.diagnostics import Finding, Severity
from podlint.paths import ROOT, FieldPath
from podlint.versions import KubeVersion

PROBES = ("livenessProbe", "readinessProbe", "startupProbe")


def as_dict(value: Any) -> dict:
    """The value if it is a mapping, else an empty dict (schema errors are reported elsewhere)."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list:
    """The value if it is a list, else an empty list."""
    return value if isinstance(value, list) else []


def as_int(value: Any) -> Optional[int]:
    """The value as an int if it is one (booleans are not), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def as_str(value: Any) -> Optional[str]:
    return value if isinstance(value, str) else None


class _ReadOnly:
    """A read-only view: attributes are set once, by __init__.

    Not a frozen dataclass: views are made for every object checked, and defining one costs
    start-up time too. Derived values are cached in the instance __dict__ (cached_property
    and view_cache write there directly).
    """

    _FIELDS: tuple[str, ...] = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={self.__dict__[name]!r}" for name in self._FIELDS)
        return f"{type(self).__name__}({shown})"


_NEWEST = KubeVersion.newest()


class ContainerView(_ReadOnly):
    """One container of a pod spec: regular, init or ephemeral."""

    _FIELDS = ("spec", "path", "section", "index", "k8s")
    spec: dict
    path: FieldPath
    section: str  # "containers", "initContainers" or "ephemeralContainers"
    index: int
    k8s: KubeVersion

    def __init__(self, spec: dict, path: FieldPath, section: str, index: int, k8s: KubeVersion = _NEWEST) -> None:
        self.__dict__.update(spec=spec, path=path, section=section, index=index, k8s=k8s)

    # The views are read-only and rebuilt for each object, so derived values are computed
    # once per view.
    @cached_property
    def name(self) -> str:
        name = self.spec.get("name")
        return name if isinstance(name, str) else f"#{self.index}"

    @property
    def is_init(self) -> bool:
        return self.section == "initContainers"

    @property
    def restart_policy(self) -> Optional[str]:
        return as_str(self.spec.get("restartPolicy"))

    @cached_property
    def is_restartable_sidecar(self) -> bool:
        """An init container with restartPolicy Always, on a release that keeps the field.

        With SidecarContainers off (1.28 and before) the API server drops the field, so
        the container is a plain init container there.
        """
        return self.is_init and self.restart_policy == "Always" and self.k8s.gate("SidecarContainers")

    @property
    def is_plain_init(self) -> bool:
        return self.is_init and not self.is_restartable_sidecar

    @cached_property
    def label(self) -> str:
        """How messages name it: 'init container "wait"'."""
        kind = {"containers": "container", "initContainers": "init container",
                "ephemeralContainers": "ephemeral container"}[self.section]
        return f'{kind} "{self.name}"'


class PodSite(_ReadOnly):
    """A pod spec found in an object, with its surroundings.

    `controller` is the owning workload's own spec (Deployment spec, Job spec; for a
    CronJob the job template's spec) and `controller_path` its path; both None for Pod
    and PodTemplate. `obj` is the whole object at `object_path`. A pod-bearing object
    whose template or pod spec is missing still gets a site, with an empty `spec`, so
    that "containers: Required" and the workload checks are reported.
    """

    _FIELDS = ("kind", "api_version", "name", "metadata", "spec", "path", "template_metadata",
               "controller", "controller_path", "k8s", "object_path", "obj", "template_absent", "layout")
    kind: str
    api_version: str
    name: Optional[str]
    metadata: dict
    spec: dict
    path: FieldPath  # path to the pod spec
    template_metadata: Optional[dict]
    controller: Optional[dict]
    controller_path: Optional[FieldPath]
    k8s: KubeVersion
    object_path: FieldPath
    obj: dict  # the whole object (e.g. a CronJob's own spec)
    # a ReplicationController without spec.template: the server reports only that
    # (its template is a pointer); every other kind validates an absent template as empty
    template_absent: bool
    # the kind's facts (workloads.PodLayout: replicated, label_selector, serving, ...)
    layout: Any

    def __init__(self, kind: str, api_version: str, name: Optional[str], metadata: dict, spec: dict,
                 path: FieldPath, template_metadata: Optional[dict], controller: Optional[dict],
                 controller_path: Optional[FieldPath], k8s: KubeVersion, object_path: FieldPath = ROOT,
                 obj: Optional[dict] = None, template_absent: bool = False, layout: Any = None) -> None:
        self.__dict__.update(kind=kind, api_version=api_version, name=name, metadata=metadata, spec=spec,
                             path=path, template_metadata=template_metadata, controller=controller,
                             controller_path=controller_path, k8s=k8s, object_path=object_path,
                             obj={} if obj is None else obj, template_absent=template_absent, layout=layout)

    @property
    def is_template(self) -> bool:
        """True unless this is a Pod object (templates skip Pod-only checks and defaults)."""
        return self.kind != "Pod"

    @property
    def is_job(self) -> bool:
        """A Job's pod template: a Job, a CronJob, or a custom resource that makes Jobs."""
        if self.layout is not None:
            return self.layout.job
        return self.kind in ("Job", "CronJob")

    @property
    def restart_policy(self) -> str:
        """The pod-level restartPolicy after defaulting (Always when absent or empty)."""
        value = self.spec.get("restartPolicy")
        return value if isinstance(value, str) and value else "Always"

    @cached_property
    def _views(self) -> dict[str, tuple[ContainerView, ...]]:
        """Each container section's views, built once per site (every rule reads them)."""
        return {section: tuple(self._containers(section))
                for section in ("containers", "initContainers", "ephemeralContainers")}

    def only(self, view: ContainerView) -> "PodSite":
        """This site as if `view` were its only container (its index and path kept): how a
        rule that fails on the pod is run again container by container, so that one bad
        container does not hide what the rule finds in the others."""
        copy = PodSite(self.kind, self.api_version, self.name, self.metadata, self.spec, self.path,
                       self.template_metadata, self.controller, self.controller_path, self.k8s,
                       self.object_path, self.obj, self.template_absent, self.layout)
        copy.__dict__["_views"] = {section: ((ContainerView(view.spec, view.path, view.section, view.index,
                                                            view.k8s),) if section == view.section else ())
                                   for section in ("containers", "initContainers", "ephemeralContainers")}
        return copy

    def release(self) -> None:
        """Forget what rules cached on this site and its views, once every rule has run.

        Cached helper values refer back to their view (an env Item to its container), so a
        view and its cache form a cycle only the cyclic GC would free; breaking it here
        lets each object's values go as soon as the object is checked.
        """
        views = self.__dict__.pop("_views", None)
        for group in (views or {}).values():
            for view in group:
                view.__dict__.pop("_helper_cache", None)
        self.__dict__.pop("_helper_cache", None)

    def _containers(self, section: str) -> Iterator[ContainerView]:
        base = self.path / section
        for i, item in enumerate(as_list(self.spec.get(section))):
            if isinstance(item, dict):
                yield ContainerView(item, base / i, section, i, self.k8s)

    # fresh lists of the cached views, so a rule that changes its list changes nothing else
    @property
    def containers(self) -> list[ContainerView]:
        return list(self._views["containers"])

    @property
    def init_containers(self) -> list[ContainerView]:
        return list(self._views["initContainers"])

    @property
    def ephemeral_containers(self) -> list[ContainerView]:
        return list(self._views["ephemeralContainers"])

    @property
    def all_containers(self) -> list[ContainerView]:
        """Init containers, then regular containers: the ones validateContainerCommon checks
        mounts, devices and resources of (the API server's order)."""
        views = self._views
        return [*views["initContainers"], *views["containers"]]

    @property
    def visited_containers(self) -> list[ContainerView]:
        """Init, regular, then ephemeral containers: podutil.VisitContainersWithPath's order,
        which the API server's warnings and pod-level checks walk."""
        views = self._views
        return [*views["initContainers"], *views["containers"], *views["ephemeralContainers"]]

    @property
    def validated_containers(self) -> list[ContainerView]:
        """Regular, init, then ephemeral containers: every container validateContainerCommon
        checks, in ValidatePodSpec's order (ephemeral containers too, even in templates and on
        create, where PL112 forbids them, so that their own mistakes are reported as well)."""
        views = self._views
        return [*views["containers"], *views["initContainers"], *views["ephemeralContainers"]]

    @property
    def running_containers(self) -> list[ContainerView]:
        """Regular containers and sidecars: the ones that keep running, are probed and get
        traffic."""
        views = self._views
        return [*views["containers"], *(c for c in views["initContainers"] if c.is_restartable_sidecar)]


def view_cache(view: Any) -> dict:
    """A scratch dict on a PodSite or ContainerView for shared rule helpers.

    Views are built afresh for each object and never change, so a helper that dozens of
    rules call (the probes of a pod, a container's resources) computes its answer once
    per view; helpers hand out copies or iterators, never the cached container itself.
    """
    cache = view.__dict__.get("_helper_cache")
    if cache is None:
        cache = view.__dict__["_helper_cache"] = {}
    return cache


class ObjectSite(_ReadOnly):
    """A whole object of a kind that object rules ask for (a Service, say): what rules of
    other kinds than pod specs see. `path` is the object's own path (items[3] in a List)."""

    _FIELDS = ("kind", "api_version", "name", "metadata", "spec", "obj", "path", "k8s")
    kind: str
    api_version: str
    name: Optional[str]
    metadata: dict
    spec: dict  # the object's spec ({} when absent or not a mapping)
    obj: dict
    path: FieldPath
    k8s: KubeVersion

    def __init__(self, obj: dict, path: FieldPath, k8s: KubeVersion) -> None:
        metadata = as_dict(obj.get("metadata"))
        name = metadata.get("name")
        self.__dict__.update(kind=obj.get("kind"), api_version=obj.get("apiVersion"),
                             name=name if isinstance(name, str) else None, metadata=metadata,
                             spec=as_dict(obj.get("spec")), obj=obj, path=path, k8s=k8s)

    @property
    def object_path(self) -> FieldPath:
        """The object's path, by the name PodSite gives it (for rules that take either)."""
        return self.path


Check = Callable[[PodSite], Iterator[Finding]]


class Rule(NamedTuple):
    """A rule: metadata plus, for pod-spec rules, a check function.

    Rules without a check (the YAML, document and schema families) are raised by the
    loader and schema pass but are listed, documented, selected and configured alike.
    `min_version`/`max_version` are minor releases (inclusive) the rule applies to.
    `kinds`: for an object rule, the "apiVersion/Kind" pairs whose objects its check gets
    as ObjectSites (e.g. ("v1/Service",)); None for a pod-spec rule, whose check gets every
    PodSite.
    """

    id: str
    name: str
    severity: Severity
    summary: str
    since: str = "0.1.0"
    check: Optional[Check] = None
    min_version: Optional[int] = None
    max_version: Optional[int] = None
    kinds: Optional[tuple[str, ...]] = None
    # "set": a cross-document rule, whose check gets the FactSet of the whole run
    # (podlint.crossfile) and yields CrossFindings
    scope: str = "object"
    # what its fix does, starting "safe: " or "unsafe: " (None: no fix); `podlint rules` shows it
    fix: Optional[str] = None

    def applies_to(self, k8s: KubeVersion) -> bool:
        if self.min_version is not None and k8s.minor < self.min_version:
            return False
        if self.max_version is not None and k8s.minor > self.max_version:
            return False
        return True


def lookup(mapping: Mapping, *keys: Any) -> Any:
    """Follow keys through nested dicts/lists; None where anything is missing or mistyped."""
    value: Any = mapping
    for key in keys:
        if isinstance(key, int) and isinstance(value, list):
            value = value[key] if -len(value) <= key < len(value) else None
        elif isinstance(value, dict):
            value = value.get(key)
        else:
            return None
    return value
