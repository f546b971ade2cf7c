"""The files explained together: their documents, reading problems, pod sites and Services.

Files are read as `podlint check` and `podlint read` read them (discover, load); a document
that does not parse keeps its Problem (with its line), and the others are still explained.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Iterable, Optional

from podlint.load import UNREADABLE_RULE, YAML_RULE, LoadedFile
from podlint.model import PodSite, as_dict, as_list, as_str
from podlint.paths import FieldPath
from podlint.versions import KubeVersion

_READING = (YAML_RULE, UNREADABLE_RULE, "PL003")


@dataclass(frozen=True)
class Service:
    name: str
    namespace: Optional[str]  # as written; None: applied into the current namespace
    file: str
    selector: Optional[dict]  # None: no selector (Endpoints by hand)
    type: str


@dataclass(frozen=True)
class Site:
    """A pod-bearing object to explain and where it stands."""

    pod: PodSite
    file: str
    document: int
    line: int
    namespace: Optional[str]


@dataclass(frozen=True)
class ExplainSet:
    sites: list[Site] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)  # {"file", "line", "column", "message"}
    skipped: list[dict] = field(default_factory=list)  # {"file", "document", "object"}

    def service(self, name: str, namespace: Optional[str], near: Optional[str]) -> Optional[Service]:
        """The Service `name` in `namespace` (None: the namespace of the pod, `near`)."""
        wanted = namespace if namespace is not None else near
        for svc in self.services:
            if svc.name == name and (svc.namespace is None or wanted is None or svc.namespace == wanted):
                return svc
        return None

    def selected(self, svc: Service) -> list[Site]:
        """The pod-bearing objects of the set whose pod labels the Service selects."""
        if not svc.selector:
            return []
        out = []
        for site in self.sites:
            pod = site.pod
            labels = as_dict((pod.template_metadata if pod.template_metadata is not None else pod.metadata)
                             .get("labels"))
            same = svc.namespace is None or site.namespace is None or svc.namespace == site.namespace
            if same and all(labels.get(k) == v for k, v in svc.selector.items()):
                out.append(site)
        return out


def _objects(data: object) -> Iterable[tuple[dict, FieldPath]]:
    if not isinstance(data, dict):
        return
    kind, items = data.get("kind"), data.get("items")
    if isinstance(kind, str) and kind.endswith("List") and isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, dict):
                yield item, FieldPath(("items", i))
        return
    yield data, FieldPath()


def ref_of(obj: dict) -> str:
    kind = as_str(obj.get("kind")) or "?"
    name = as_str(as_dict(obj.get("metadata")).get("name")) or "?"
    return f"{kind}/{name}"


def collect(loaded_files: Iterable[LoadedFile], k8s: KubeVersion) -> ExplainSet:
    """The pod sites, Services, reading problems and other objects of the files, in order."""
    from podlint.workloads import custom_layout_for, custom_layouts, find_pod_sites

    custom = custom_layouts()
    result = ExplainSet()
    for loaded in loaded_files:
        for problem in loaded.problems:
            if problem.rule_id in _READING:
                result.problems.append({"file": loaded.file, "line": problem.span.line,
                                        "column": problem.span.column, "message": problem.message})
        for document in loaded.documents:
            for obj, base in _objects(document.data):
                api_version, kind = obj.get("apiVersion"), obj.get("kind")
                if not isinstance(api_version, str) or not isinstance(kind, str):
                    continue  # PL003, reported above when it is the whole document
                metadata = as_dict(obj.get("metadata"))
                namespace = as_str(metadata.get("namespace")) or None
                if kind == "Service" and "/" not in api_version:
                    name = as_str(metadata.get("name"))
                    if name:
                        spec = as_dict(obj.get("spec"))
                        selector = spec.get("selector")
                        result.services.append(Service(
                            name, namespace, loaded.file,
                            {str(k): v for k, v in selector.items()} if isinstance(selector, dict) and selector
                            else None, as_str(spec.get("type")) or "ClusterIP"))
                layout = None if "/" not in api_version and kind in ("Service",) else \
                    custom_layout_for(custom, api_version, kind)
                sites = list(find_pod_sites(obj, k8s, base))
                if not sites and layout is not None:
                    sites = list(find_pod_sites(obj, k8s, base, layout))
                if not sites:
                    result.skipped.append({"file": loaded.file, "document": document.index,
                                           "object": ref_of(obj)})
                    continue
                line = document.span(base).line
                for pod in sites:
                    result.sites.append(Site(pod, loaded.file, document.index, line, namespace))
    return result


def load(paths: Iterable[str], stdin_filename: str) -> list[LoadedFile]:
    """Every file under `paths`, read (engine.InputError for a path that does not exist)."""
    from podlint import engine
    from podlint.load import load_bytes, load_file

    settings = engine.Settings(stdin_filename=stdin_filename, render=False)
    out = []
    for source in engine.discover(paths, settings):
        if source.skipped:
            continue
        if source.problem:
            from podlint.load import LoadedFile as _Loaded
            from podlint.yaml_build import Problem
            from podlint.diagnostics import Span

            out.append(_Loaded(source.display, "", problems=[Problem(UNREADABLE_RULE, source.problem, Span(1, 1))],
                               unreadable=True, read_failed=True))
            continue
        if source.path == engine.STDIN:
            out.append(load_bytes(sys.stdin.buffer.read(), source.display, settings.max_file_size))
        else:
            out.append(load_file(source.path, source.display, settings.max_file_size))
    return out


def labels_of(pod: PodSite) -> dict:
    return as_dict((pod.template_metadata if pod.template_metadata is not None else pod.metadata).get("labels"))


def readiness_gates(pod: PodSite) -> list[str]:
    return [g for item in as_list(pod.spec.get("readinessGates"))
            if isinstance(g := as_dict(item).get("conditionType"), str)]
