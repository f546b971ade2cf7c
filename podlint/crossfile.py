"""The files checked in one run as a set: facts per object, then the rules that look across.

The per-file pass (checker.py, in whichever process checks the file) reduces each object to
the few facts the cross-document rules need: its namespace and pod labels, the container
ports it declares, what its init containers wait for, a Service's selector and target
ports, a PodDisruptionBudget's selector, each with the position it is reported at. Those
facts are small and picklable; after every file is checked, `check_set` runs the set rules
(`Rule(scope="set")`) on all of them in podlint's own process, in file order, so the output
is the same whatever --jobs is.

Modes (`--cross-file`): "auto" runs a rule only when the set holds what it needs to judge
(a Service for the wait rules, a pod template for the selector rules), so a pre-commit run
on one file does not drown in findings about what lives in other files; "strict" always
runs them; "off" never.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple, Optional

from podlint import lazyre
from podlint.diagnostics import Span
from podlint.model import as_dict, as_int, as_list, as_str
from podlint.paths import FieldPath

if TYPE_CHECKING:
    from podlint.load import Document
    from podlint.model import PodSite

MODES = ("auto", "strict", "off")
_NUMBER = lazyre.compile(r"(?<![\w.])(\d{2,5})(?![\w.])")


class Port(NamedTuple):
    container: str
    name: Optional[str]
    number: Optional[int]
    protocol: str


class WaitFact(NamedTuple):
    """An init container that waits for a host that names a Service."""

    container: str  # its label: 'init container "init-mydb"'
    index: int  # its place among the init containers
    count: int  # how many init containers the pod has
    tool: str  # nslookup, curl, nc, ...
    kind: str  # dns, http, tcp
    service: str  # the Service's name
    namespace: Optional[str]  # None: the pod's own namespace
    path: FieldPath  # its command or args: where a finding about the wait is reported


class ServicePort(NamedTuple):
    index: int
    port: Optional[int]
    target: object  # int, str, or None (then the port itself)
    protocol: str
    path: FieldPath  # where a finding about its target port is reported


class Facts(NamedTuple):
    """What the set rules know of one object."""

    file: str
    document: int
    ref: Optional[str]  # Kind/name
    kind: str
    name: Optional[str]
    namespace: Optional[str]  # as written; None when not set
    pod_labels: Optional[dict]  # a pod-bearing object's pod (template) labels
    ports: tuple[Port, ...] = ()
    waits: tuple[WaitFact, ...] = ()
    selector: Optional[dict] = None  # Service: its selector map; PDB: its LabelSelector
    selector_path: Optional[FieldPath] = None
    service_ports: tuple[ServicePort, ...] = ()
    service_type: Optional[str] = None
    # numbers the containers' command, args and env values mention (ports an app is told to
    # listen on), and whether it mounts configuration that may name others
    mentioned: frozenset = frozenset()
    configured: bool = False
    located: bool = True  # False: from a rendered stream, whose positions are not the user's
    # where each path a finding may name stands in the file (rules name paths, never lines)
    spans: Optional[dict] = None


ANY = "\0any"  # a label value the controller sets at run time (a Job's pod gets job-name)
# labels controllers add to their pods: key -> where the value comes from ("name": the
# object's name; ANY: only known at run time)
_CONTROLLER_LABELS = {
    "Job": {"job-name": "name", "batch.kubernetes.io/job-name": "name", "controller-uid": ANY,
            "batch.kubernetes.io/controller-uid": ANY, "batch.kubernetes.io/job-completion-index": ANY},
    "CronJob": {"job-name": ANY, "batch.kubernetes.io/job-name": ANY, "controller-uid": ANY,
                "batch.kubernetes.io/controller-uid": ANY, "batch.kubernetes.io/job-completion-index": ANY},
    "StatefulSet": {"statefulset.kubernetes.io/pod-name": ANY, "apps.kubernetes.io/pod-index": ANY,
                    "controller-revision-hash": ANY},
    "DaemonSet": {"controller-revision-hash": ANY, "pod-template-generation": ANY},
    "Deployment": {"pod-template-hash": ANY},
    "ReplicaSet": {"pod-template-hash": ANY},
}


def facts_of(obj: dict, document: "Document", sites: list["PodSite"], ref: Optional[str],
             base: FieldPath, file: str) -> Optional[Facts]:
    """The facts of one built-in object (None for kinds no set rule looks at)."""
    kind = obj.get("kind")
    metadata = as_dict(obj.get("metadata"))
    namespace = as_str(metadata.get("namespace")) or None
    name = as_str(metadata.get("name"))
    api_group = str(obj.get("apiVersion", "")).rpartition("/")[0]
    if kind == "Service" and api_group == "":
        return _service(obj, document, ref, base, file, name, namespace)
    if kind == "PodDisruptionBudget" and api_group == "policy":
        spec = as_dict(obj.get("spec"))
        if "selector" not in spec:
            return None
        path = base / "spec" / "selector"
        return Facts(file, document.index, ref, kind, name, namespace, None,
                     selector=spec.get("selector"), selector_path=path, spans={path: document.span(path)})
    if not sites:
        return None
    site = sites[0]
    spec = site.spec
    labels = as_dict((site.template_metadata if site.template_metadata is not None
                      else site.metadata).get("labels"))
    added = _CONTROLLER_LABELS.get(str(kind))
    if added:
        labels = {**{key: (name if source == "name" and name else ANY) for key, source in added.items()},
                  **labels}
    # raw container dicts, not views: this runs for every pod-bearing object of a run
    running = [c for c in as_list(spec.get("containers")) if isinstance(c, dict)]
    init = as_list(spec.get("initContainers"))
    running += [c for c in init if isinstance(c, dict) and c.get("restartPolicy") == "Always"]
    ports = []
    words: list[str] = []
    for c in running:
        for port in as_list(c.get("ports")):
            if isinstance(port, dict):
                ports.append(Port(str(c.get("name")), as_str(port.get("name")), as_int(port.get("containerPort")),
                                  as_str(port.get("protocol")) or "TCP"))
        for key in ("command", "args"):
            words.extend(w for w in as_list(c.get(key)) if isinstance(w, str))
        words.extend(e["value"] for e in as_list(c.get("env")) if isinstance(e, dict) and isinstance(e.get("value"), str))
    mentioned = frozenset(map(int, _NUMBER.findall(" ".join(words)))) if words else frozenset()
    configured = any(isinstance(v, dict) and ("configMap" in v or "secret" in v or "projected" in v)
                     for v in as_list(spec.get("volumes")))
    waits = tuple(_waits(site)) if init else ()
    return Facts(file, document.index, ref, str(kind), name, namespace, labels, tuple(ports), waits,
                 mentioned=mentioned, configured=configured,
                 spans={wait.path: document.span(wait.path) for wait in waits} or None)


def _service(obj: dict, document: "Document", ref: Optional[str], base: FieldPath, file: str,
             name: Optional[str], namespace: Optional[str]) -> Facts:
    spec = as_dict(obj.get("spec"))
    spec_path = base / "spec"
    ports = []
    spans: dict = {}
    for i, port in enumerate(as_list(spec.get("ports"))):
        if not isinstance(port, dict):
            continue
        at = spec_path / "ports" / i / ("targetPort" if "targetPort" in port else "port")
        ports.append(ServicePort(i, as_int(port.get("port")), port.get("targetPort"),
                                 as_str(port.get("protocol")) or "TCP", at))
        spans[at] = document.span(at, on_key=False)
    selector = spec.get("selector")
    path = spec_path / "selector"
    spans[path] = document.span(path)
    return Facts(file, document.index, ref, "Service", name, namespace, None,
                 selector=selector if isinstance(selector, dict) else None, selector_path=path,
                 service_ports=tuple(ports), service_type=as_str(spec.get("type")) or "ClusterIP",
                 spans=spans)


def _waits(site: "PodSite") -> Iterator[WaitFact]:
    init = site.init_containers
    if not init:
        return
    from podlint.rules._runtime import container_script
    from podlint.rules._waits import service_of, waits

    for index, c in enumerate(init):
        if not c.is_plain_init:
            continue
        script = container_script(c)
        if script is None:
            continue
        for wait in waits(script):
            if wait.kind not in ("dns", "http", "tcp") or not wait.host:
                continue
            service = service_of(wait.host, None)
            if service is None:
                continue
            name, namespace = service
            yield WaitFact(c.label, index, len(init), wait.tool, wait.kind, name, namespace, script.path)


# -- the set -------------------------------------------------------------------------------

class FactSet:
    """Every object's facts from one run, with the lookups the set rules share."""

    def __init__(self, facts: Iterable[Facts], mode: str = "auto") -> None:
        self.facts = list(facts)
        self.mode = mode
        self.services = [f for f in self.facts if f.kind == "Service"]
        self.pods = [f for f in self.facts if f.pod_labels is not None]
        # label -> the pods that carry it (ANY: whatever the value), so that a selector is
        # matched against the pods with its first label only: a repository's Services times
        # its workloads would be quadratic
        self._by_label: dict[tuple, list[int]] = {}
        for i, pod in enumerate(self.pods):
            for key, value in (pod.pod_labels or {}).items():
                if isinstance(value, str):
                    self._by_label.setdefault((key, value), []).append(i)
        self._selected: dict[tuple, list[Facts]] = {}

    @property
    def strict(self) -> bool:
        return self.mode == "strict"

    def service(self, name: str, namespace: Optional[str], near: Facts) -> Optional[Facts]:
        """The Service `name` in `namespace` (None: the namespace of `near`)."""
        wanted = namespace if namespace is not None else near.namespace
        for svc in self.services:
            if svc.name == name and _same_namespace(svc.namespace, wanted):
                return svc
        return None

    def served(self) -> Iterator[tuple[Facts, list[Facts]]]:
        """Each Service with a selector, and the pods it selects (when it selects any)."""
        for svc in self.services:
            if svc.selector:
                pods = self.selected(svc.selector, svc.namespace)
                if pods:
                    yield svc, pods

    def selected(self, selector: dict, namespace: Optional[str], label_selector: bool = False) -> list[Facts]:
        """The pod-bearing objects whose pod labels the selector matches."""
        labels = as_dict(selector.get("matchLabels")) if label_selector else selector
        try:
            key = (tuple(sorted(labels.items())), namespace, label_selector, repr(selector) if label_selector else "")
        except TypeError:  # values of mixed types: not worth caching
            key = None
        if key is not None and key in self._selected:
            return self._selected[key]
        pods = self.pods
        first = next(((k, v) for k, v in labels.items() if isinstance(v, str)), None)
        if first is not None:  # only the pods that carry the first label, or set it at run time
            candidates = sorted(set(self._by_label.get(first, ())) | set(self._by_label.get((first[0], ANY), ())))
            pods = [self.pods[i] for i in candidates]
        match = matches_label_selector if label_selector else matches_map
        found = [pod for pod in pods
                 if _same_namespace(pod.namespace, namespace) and match(selector, pod.pod_labels or {})]
        if key is not None:
            self._selected[key] = found
        return found


def _same_namespace(a: Optional[str], b: Optional[str]) -> bool:
    """Objects without a namespace are applied into whichever one is current: they may be
    anyone's neighbours."""
    return a is None or b is None or a == b


def matches_map(selector: dict, labels: dict) -> bool:
    return bool(selector) and all(labels.get(k) in (v, ANY) and k in labels for k, v in selector.items())


def matches_label_selector(selector: object, labels: dict) -> bool:
    """metav1.LabelSelector semantics; an empty selector matches everything."""
    if not isinstance(selector, dict):
        return False
    for key, value in as_dict(selector.get("matchLabels")).items():
        if key not in labels or labels[key] not in (value, ANY):
            return False
    for expr in as_list(selector.get("matchExpressions")):
        if not isinstance(expr, dict):
            return False
        key, op = expr.get("key"), expr.get("operator")
        values = [v for v in as_list(expr.get("values")) if isinstance(v, str)]
        if op == "In" and (key not in labels or labels[key] not in (*values, ANY)):
            return False
        if op == "NotIn" and key in labels and labels[key] in values:
            return False
        if op == "Exists" and key not in labels:
            return False
        if op == "DoesNotExist" and key in labels:
            return False
    return True


class CrossFinding(NamedTuple):
    """What a set rule yields: the object, the path in it, and what (the position is the
    facts' own record of where that path stands)."""

    facts: Facts
    path: FieldPath
    message: str

    @property
    def span(self) -> Span:
        return (self.facts.spans or {}).get(self.path) or Span(1, 1)


def check_set(results: list, checker, texts: Optional[dict] = None) -> None:
    """Run the set rules over the facts of `results` (FileResults, in report order) and add
    what they find to the result of the file each finding is in; `texts`: file texts already
    in memory (else each file with findings is read again for its suppressions and lines)."""
    from podlint.load import read_text

    mode = checker.settings.cross_file
    calls = checker.set_calls
    if mode == "off" or not calls:
        return
    by_file = {}
    everything = []
    for result in results:
        everything.extend(result.facts)  # a rendered tree's, counted but never reported on
        for part in result.parts:
            by_file[part.file] = part
            everything.extend(part.facts)
        if not result.parts:
            by_file[result.file] = result
    if not everything:
        return
    facts = FactSet(everything, mode)
    found: dict[str, list] = {}
    for rule, rule_id, check in calls:
        if not checker.allowed(rule_id, None):
            continue
        for finding in check(facts):
            if finding.facts.located and checker.allowed(rule_id, finding.facts.file):
                found.setdefault(finding.facts.file, []).append(checker.diagnostic(rule_id, finding))
    for file, diagnostics in found.items():
        text = texts[file] if texts and file in texts else read_text(file)
        _add(by_file[file], diagnostics, checker, text)


def _add(result, diagnostics: list, checker, text: str) -> None:
    from podlint import suppress
    from podlint.diagnostics import Diagnostic

    comments = suppress.find_comments(text) if text else []
    if comments:
        diagnostics, hidden = suppress.apply(diagnostics, comments, checker.resolve)
        result.suppressed += hidden
    if not diagnostics:
        return
    result.diagnostics = sorted(result.diagnostics + diagnostics, key=Diagnostic.sort_key)
    lines = text.splitlines()
    shown = dict(result.source_lines or {})
    for d in diagnostics:
        if 0 < d.line <= len(lines):
            shown[d.line] = lines[d.line - 1]
    result.source_lines = shown
