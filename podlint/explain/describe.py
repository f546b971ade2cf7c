"""One pod-bearing object, described from its spec alone: the JSON value of `podlint explain`.

Times are seconds from the moment the pod is scheduled, at the earliest: images already
pulled, each command done at once unless it sleeps or waits for something, each wait over
as soon as its target exists. None means "never", from what the spec and the set say.
The kubelet's behaviour is that of pkg/kubelet (kuberuntime, prober, qos) in 1.29-1.34.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Optional

from podlint.explain.inputs import ExplainSet, Site, readiness_gates
from podlint.model import ContainerView, PodSite, as_dict, as_int, as_list, as_str
from podlint.quantity import format_quantity, parse_quantity
from podlint.rules._runtime import PROBE_DEFAULTS, container_restart_policy, container_script
from podlint.rules._waits import service_of, waits

SCHEMA_VERSION = 1
BACKOFF = "10 s, doubling to at most 5 min (CrashLoopBackOff)"
DEFAULT_GRACE = 30
_PROBE_KEYS = ("initialDelaySeconds", "periodSeconds", "timeoutSeconds", "successThreshold", "failureThreshold")
_PROBE_NAME = {"startupProbe": "startup", "readinessProbe": "readiness", "livenessProbe": "liveness"}


def _short(text: str, limit: int = 160) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 3] + "..."


def _seconds(value: Optional[float]) -> Optional[float]:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 3)


# -- probes --------------------------------------------------------------------------------

def _handler(probe: dict) -> str:
    for key in ("exec", "httpGet", "tcpSocket", "grpc"):
        action = probe.get(key)
        if not isinstance(action, dict):
            continue
        if key == "exec":
            words = [str(w) for w in as_list(action.get("command")) if isinstance(w, (str, int, float))]
            return "exec " + _short(" ".join(words), 80)
        port = action.get("port")
        if key == "httpGet":
            scheme = (as_str(action.get("scheme")) or "HTTP").lower()
            host = as_str(action.get("host")) or "<pod IP>"
            return f"GET {scheme}://{host}:{port}{as_str(action.get('path')) or '/'}"
        if key == "tcpSocket":
            return f"TCP connect to port {port}"
        return f"gRPC health check on port {port}"
    return "no handler"


def _timing(probe: dict) -> tuple[dict, list[str]]:
    """The probe's timing after SetDefaults_Probe, and the fields the defaults filled in."""
    values, defaulted = {}, []
    for key in _PROBE_KEYS:
        raw = as_int(probe.get(key))
        if raw is None or raw <= 0:
            values[key] = PROBE_DEFAULTS.get(key, 0) if raw is None or raw == 0 else raw
            if raw is None:
                defaulted.append(key)
        else:
            values[key] = raw
    return values, defaulted


def _probe(kind: str, probe: dict, pod_grace: int) -> dict:
    t, defaulted = _timing(probe)
    grace = as_int(probe.get("terminationGracePeriodSeconds"))
    out: dict[str, Any] = {"probe": _PROBE_NAME[kind], "handler": _handler(probe), **t, "defaulted": defaulted,
                           "firstRunAfter": t["initialDelaySeconds"]}
    if kind == "startupProbe":
        out["allowsUpTo"] = t["initialDelaySeconds"] + t["periodSeconds"] * t["failureThreshold"]
    if kind == "livenessProbe":
        out["killsAfterFailingFor"] = t["periodSeconds"] * t["failureThreshold"]
    if kind == "readinessProbe":
        out["unreadyAfterFailingFor"] = t["periodSeconds"] * t["failureThreshold"]
    if kind != "readinessProbe":
        out["terminationGracePeriodSeconds"] = grace if grace is not None and grace > 0 else pod_grace
        out["gracePeriodFrom"] = "probe" if grace is not None and grace > 0 else "pod"
    return out


def _probes(c: ContainerView, pod_grace: int) -> list[dict]:
    order = ("startupProbe", "readinessProbe", "livenessProbe")
    found = [_probe(k, c.spec[k], pod_grace) for k in order if isinstance(c.spec.get(k), dict)]
    if found and found[0]["probe"] == "startup":
        started = found[0]["initialDelaySeconds"]
        for p in found[1:]:  # prober: liveness and readiness wait until the startup probe succeeds
            p["firstRunAfter"] = max(p["initialDelaySeconds"], started)
    return found


def _ready_after(probes: list[dict]) -> float:
    """Seconds after its start at which a container can first be ready (and started)."""
    by = {p["probe"]: p for p in probes}
    started = by["startup"]["initialDelaySeconds"] if "startup" in by else 0
    ready = by.get("readiness")
    if ready is None:
        return started
    return max(started, ready["initialDelaySeconds"]) + (ready["successThreshold"] - 1) * ready["periodSeconds"]


# -- waits ---------------------------------------------------------------------------------

def _wait(wait, site: Site, the_set: ExplainSet, status: str) -> dict:
    """A wait of an init container, with what the set says of its target."""
    out: dict[str, Any] = {"kind": wait.kind, "tool": wait.tool, "target": wait.target, "host": wait.host,
                           "port": wait.port, "url": wait.url,
                           "seconds" if wait.kind == "sleep" else "retryEvery": _seconds(wait.seconds),
                           "bounded": wait.bounded, "service": None, "blocks": False}
    if wait.kind == "sleep":
        out["outcome"] = f"sleeps {_seconds(wait.seconds)} s"
        return out
    every = f", retrying every {_seconds(wait.seconds)} s" if wait.seconds else ""
    limit = "" if wait.bounded else " with no time limit"
    what = {"dns": "resolves", "http": "answers HTTP", "tcp": "accepts TCP connections"}[wait.kind]
    ref = service_of(wait.host, site.namespace)
    if ref is None:
        where = "outside the cluster or at an address" if wait.host else "at a target"
        out["outcome"] = (f"waits until {wait.host or wait.target} {what}{every}{limit}: {where} that no "
                          "manifest can define; podlint cannot tell when")
        return out
    name, namespace = ref
    svc = the_set.service(name, namespace, site.namespace)
    shown_ns = namespace or "the pod's namespace"
    service: dict[str, Any] = {"name": name, "namespace": namespace, "definedIn": svc.file if svc else None,
                               "selector": svc.selector if svc else None, "type": svc.type if svc else None,
                               "selects": []}
    out["service"] = service
    head = f"waits for Service {name} ({shown_ns}) with {wait.tool}{every}{limit}"
    if svc is None:
        out["blocks"] = not wait.bounded
        if wait.bounded:
            out["outcome"] = (f"{head}; no manifest in this run defines it: the wait gives up and the "
                              "container fails unless the Service exists in the cluster")
        else:
            out["outcome"] = f"{head}; no manifest in this run defines it: the pod stays in {status} until it exists"
        return out
    selected = the_set.selected(svc)
    service["selects"] = [f"{s.pod.kind}/{s.pod.name or '?'}" for s in selected]
    if wait.kind == "dns" or svc.type == "ExternalName":
        out["outcome"] = (f"{head}, defined in {svc.file}" + (", no selector" if svc.selector is None else "")
                          + ": nslookup succeeds as soon as the Service exists, even with no ready pod behind it"
                          .replace("nslookup", wait.tool))
    elif svc.selector is None:
        out["outcome"] = (f"{head}, defined in {svc.file}, no selector: the connection succeeds only once "
                          "someone writes its Endpoints by hand")
    elif selected:
        out["outcome"] = (f"{head}, defined in {svc.file}: the wait ends when a ready pod of "
                          f"{', '.join(service['selects'])} {what} on the Service's port")
    else:
        out["outcome"] = (f"{head}, defined in {svc.file}: its selector matches no pod in this run, so the "
                          f"wait ends only when such a pod, created elsewhere, is ready")
    return out


# -- resources -----------------------------------------------------------------------------

def _quantities(c: ContainerView, section: str) -> dict[str, Fraction]:
    out = {}
    for name, raw in as_dict(as_dict(c.spec.get("resources")).get(section)).items():
        value = parse_quantity(raw)
        if isinstance(name, str) and value is not None:
            out[name] = value
    return out


def _requests(pod: PodSite, c: ContainerView) -> dict[str, Fraction]:
    # SetDefaults_Pod: a missing request is the limit (the pod made from a template too)
    return {**_quantities(c, "limits"), **_quantities(c, "requests")}


def _limits(pod: PodSite, c: ContainerView) -> dict[str, Fraction]:
    return _quantities(c, "limits")


def _show(values: dict[str, Fraction]) -> dict[str, str]:
    return {name: format_quantity(value) for name, value in sorted(values.items())}


def _qos(pod: PodSite) -> tuple[str, str]:
    """pkg/apis/core/helper/qos GetPodQOS: init and app containers, cpu and memory only."""
    containers = pod.init_containers + pod.containers
    named = ("cpu", "memory")
    any_set = False
    guaranteed = bool(containers)
    missing: list[str] = []
    for c in containers:
        req, lim = _requests(pod, c), _limits(pod, c)
        if any(n in req or n in lim for n in named):
            any_set = True
        if not all(n in lim for n in named) or any(req.get(n) != lim.get(n) for n in named):
            guaranteed = False
            missing.append(c.name)
    pod_level = as_dict(pod.spec.get("resources"))
    if pod_level and pod.k8s.gate("PodLevelResources"):
        lim = {n: parse_quantity(v) for n, v in as_dict(pod_level.get("limits")).items()}
        req = {**lim, **{n: parse_quantity(v) for n, v in as_dict(pod_level.get("requests")).items()}}
        if any(n in req for n in named):
            if all(lim.get(n) is not None and req.get(n) == lim.get(n) for n in named):
                return "Guaranteed", "the pod-level resources set equal cpu and memory requests and limits"
            return "Burstable", "the pod-level resources set cpu or memory, but not equal requests and limits of both"
    if not any_set:
        return "BestEffort", "no container requests or limits cpu or memory"
    if guaranteed:
        return "Guaranteed", "every container sets cpu and memory limits, with requests equal to them"
    shown = ", ".join(f'"{n}"' for n in missing[:5]) + (" and others" if len(missing) > 5 else "")
    return "Burstable", (f"some container requests or limits cpu or memory, but {shown} "
                         f"set{'s' if len(missing) == 1 else ''} no cpu and memory limits equal to the requests "
                         "(Guaranteed needs every container, init containers too)")


_EVICTION = {
    "BestEffort": "under node memory or disk pressure the kubelet evicts BestEffort pods first, and the "
                  "kernel's OOM killer picks them first (oom_score_adj 1000)",
    "Burstable": "under node pressure the kubelet evicts Burstable pods using more than they request before "
                 "Guaranteed ones; the OOM killer ranks them by how far they exceed their request",
    "Guaranteed": "evicted only after BestEffort and Burstable pods, and last picked by the OOM killer "
                  "(oom_score_adj -997); CPU may be pinned to exclusive cores with the static CPU manager",
}


def _resources(pod: PodSite) -> dict:
    from podlint.rules._podresources import aggregate

    requests = aggregate(pod, _requests)
    limits = aggregate(pod, _limits)
    # a limit the pod cannot state: one container without it makes the pod unbounded
    for name in list(limits):
        if any(name not in _limits(pod, c) for c in pod.containers + pod.init_containers):
            del limits[name]
    overhead = {n: v for n, raw in as_dict(pod.spec.get("overhead")).items()
                if isinstance(n, str) and (v := parse_quantity(raw)) is not None}
    for name, value in overhead.items():
        requests[name] = requests.get(name, Fraction(0)) + value
        if name in limits:
            limits[name] += value
    pod_level = as_dict(pod.spec.get("resources"))
    if pod_level and pod.k8s.gate("PodLevelResources"):
        for section, target in (("requests", requests), ("limits", limits)):
            for name, raw in as_dict(pod_level.get(section)).items():
                value = parse_quantity(raw)
                if isinstance(name, str) and value is not None:
                    target[name] = value
    qos, why = _qos(pod)
    enforcement = []
    cpu_limited = [c.name for c in pod.running_containers if "cpu" in _limits(pod, c)]
    mem_limited = [c.name for c in pod.running_containers if "memory" in _limits(pod, c)]
    mem_open = [c.name for c in pod.running_containers if "memory" not in _limits(pod, c)]
    if cpu_limited:
        enforcement.append(f"CPU limit ({', '.join(cpu_limited)}): the kernel's CFS quota throttles the container "
                           "when it uses its share of each 100 ms period; it is slowed, never killed")
    if mem_limited:
        then = ("restarted under restartPolicy " + pod.restart_policy + f", back-off {BACKOFF}"
                if pod.restart_policy != "Never" else "not restarted (restartPolicy Never): the pod fails")
        enforcement.append(f"memory limit ({', '.join(mem_limited)}): a container that goes over it is OOM-killed "
                           f"(exit code 137, reason OOMKilled) and {then}")
    if mem_open:
        enforcement.append(f"no memory limit ({', '.join(mem_open)}): it may use the node's free memory, and is "
                           "what the kubelet evicts under memory pressure")
    return {"requests": _show(requests), "limits": _show(limits), "overhead": _show(overhead), "qosClass": qos,
            "qosReason": why, "eviction": _EVICTION[qos], "enforcement": enforcement}


# -- shutdown --------------------------------------------------------------------------------

def _shutdown(pod: PodSite, grace: int, grace_set: bool) -> dict:
    steps, notes = [], []
    for c in pod.containers + [c for c in pod.init_containers if c.is_restartable_sidecar]:
        hook = as_dict(as_dict(c.spec.get("lifecycle")).get("preStop"))
        if not hook:
            continue
        sleep = as_int(as_dict(hook.get("sleep")).get("seconds"))
        if sleep is not None:
            steps.append(f'"{c.name}": preStop sleeps {sleep} s before the stop signal')
            if sleep >= grace:
                notes.append(f'"{c.name}": the preStop sleep ({sleep} s) uses the whole grace period '
                             f"({grace} s): the container is killed (SIGKILL) without a stop signal")
        elif "exec" in hook:
            words = [str(w) for w in as_list(as_dict(hook.get("exec")).get("command"))]
            steps.append(f'"{c.name}": preStop runs {_short(" ".join(words), 80)!r} before the stop signal')
        elif "httpGet" in hook:
            steps.append(f'"{c.name}": preStop sends {_handler({"httpGet": hook["httpGet"]})} before the stop signal')
        else:
            steps.append(f'"{c.name}": preStop hook before the stop signal')
    for c in pod.running_containers:
        for key in ("livenessProbe", "startupProbe"):
            value = as_int(as_dict(c.spec.get(key)).get("terminationGracePeriodSeconds"))
            if value is not None and value > 0:
                notes.append(f'"{c.name}": a {_PROBE_NAME[key]} probe failure kills it with {value} s of grace, '
                             f"not the pod's {grace} s")
    signal = "SIGTERM (or the container's lifecycle.stopSignal)"
    sidecars = [c.name for c in pod.init_containers if c.is_restartable_sidecar]
    order = ("app containers first, then sidecars in reverse order (" + ", ".join(reversed(sidecars)) + ")"
             if sidecars else "all containers together")
    return {"terminationGracePeriodSeconds": grace, "defaulted": not grace_set, "preStop": steps, "notes": notes,
            "sequence": f"on deletion: preStop hooks run, then {signal}; {order}; whatever still runs after "
                        f"{grace} s gets SIGKILL"}


# -- the object ----------------------------------------------------------------------------

def _role(c: ContainerView) -> str:
    return "sidecar" if c.is_restartable_sidecar else "init" if c.is_init else "app"


def _runs(c: ContainerView) -> Optional[str]:
    script = container_script(c)
    if script is None:
        return None
    text = _short((script.prefix + " " + script.text).strip())
    if "command" not in c.spec:
        return f"the image's entrypoint with args {text}"
    return text


def describe(site: Site, the_set: ExplainSet) -> dict:
    """The JSON value of one pod-bearing object (README: "podlint explain", schema version 1)."""
    pod = site.pod
    raw_grace = as_int(pod.spec.get("terminationGracePeriodSeconds"))
    grace = raw_grace if raw_grace is not None and raw_grace >= 0 else DEFAULT_GRACE
    init = pod.init_containers
    total = len(init)
    containers: list[dict] = []
    timeline: list[dict] = [{"at": 0, "status": f"Init:0/{total}" if total else "Pending",
                             "conditions": ["PodScheduled"], "event": "scheduled to a node"}]
    clock: Optional[float] = 0
    sidecars_running: list[str] = []
    for i, c in enumerate(init):
        status = f"Init:{i}/{total}"
        entry: dict[str, Any] = {"name": c.name, "role": _role(c), "index": i, "image": as_str(c.spec.get("image")),
                                 "runs": _runs(c), "status": status, "start": _seconds(clock), "waits": [],
                                 "probes": _probes(c, grace) if c.is_restartable_sidecar else [],
                                 "postStart": "postStart" in as_dict(c.spec.get("lifecycle"))}
        containers.append(entry)
        if c.is_restartable_sidecar:
            started = _ready_after([p for p in entry["probes"] if p["probe"] == "startup"])
            entry["startedAfter"] = started
            entry["readyAfter"] = _ready_after(entry["probes"])
            entry["note"] = ("a native sidecar: started in order and kept running beside the app containers; "
                             + (f"the next container waits for its startup probe (at the earliest {started} s, "
                                f"at most {entry['probes'][0]['allowsUpTo']} s)"
                                if any(p["probe"] == "startup" for p in entry["probes"])
                                else "the next container starts as soon as it has started"))
            sidecars_running.append(c.name)
            entry["end"] = None
            if clock is not None:
                clock += started
            continue
        script = container_script(c)
        found = waits(script) if script is not None else []
        entry["waits"] = [_wait(w, site, the_set, status) for w in found]
        duration: Optional[float] = 0
        for w in entry["waits"]:
            if w["blocks"]:
                duration = None
            elif w["kind"] == "sleep" and duration is not None:
                duration += w["seconds"] or 0
        if clock is not None and duration is not None:
            clock += duration
            entry["end"] = _seconds(clock)
        else:
            entry["end"] = None
            clock = None
        entry["note"] = ("must exit 0 before the next container starts"
                         + ("" if pod.restart_policy != "Never"
                            else "; a failure fails the pod (restartPolicy Never)"))
        if clock is not None and i + 1 < total:
            timeline.append({"at": _seconds(clock), "status": f"Init:{i + 1}/{total}", "conditions": [],
                             "event": f'init container "{c.name}" completed'})
    app_start = clock
    if total:
        timeline.append({"at": _seconds(app_start), "status": "PodInitializing", "conditions": ["Initialized"],
                         "event": "every init container done" + (", sidecars started" if sidecars_running else "")})
    else:
        timeline[0]["conditions"].append("Initialized")
    ready_times: list[Optional[float]] = []
    for c in pod.containers:
        probes = _probes(c, grace)
        ready = _ready_after(probes)
        entry = {"name": c.name, "role": "app", "index": c.index, "image": as_str(c.spec.get("image")),
                 "runs": _runs(c), "status": "Running", "start": _seconds(app_start), "end": None, "waits": [],
                 "probes": probes, "readyAfter": ready, "postStart": "postStart" in as_dict(c.spec.get("lifecycle"))}
        own_policy = container_restart_policy(pod, c)
        if own_policy:
            entry["restartPolicy"] = own_policy
        containers.append(entry)
        ready_times.append(None if app_start is None else app_start + ready)
    for entry in containers:
        if entry["role"] == "sidecar" and entry["start"] is not None:
            ready_times.append(entry["start"] + entry["readyAfter"])
    if app_start is not None:
        timeline.append({"at": _seconds(app_start), "status": "Running", "conditions": [],
                         "event": "app containers started together"})
        if ready_times and all(t is not None for t in ready_times):
            at = _seconds(max(t for t in ready_times if t is not None))
            gates = readiness_gates(pod)
            timeline.append({"at": at, "status": "Running", "conditions": ["ContainersReady"] + ([] if gates else ["Ready"]),
                             "event": "every container ready" + ("" if any(c["probes"] for c in containers)
                                                                 else " (no readiness probes: ready once started)")})
            if gates:
                timeline.append({"at": None, "status": "Running", "conditions": ["Ready"],
                                 "event": "Ready also needs the readiness gates " + ", ".join(gates)})
    failures = _failures(pod, containers)
    return {
        "object": f"{pod.kind}/{pod.name or '?'}", "kind": pod.kind, "name": pod.name, "namespace": site.namespace,
        "file": site.file, "document": site.document, "line": site.line, "template": pod.is_template,
        "restartPolicy": pod.restart_policy, "containers": containers, "timeline": timeline,
        "blocked": app_start is None, "failures": failures,
        "shutdown": _shutdown(pod, grace, raw_grace is not None), "resources": _resources(pod),
    }


def _failures(pod: PodSite, containers: list[dict]) -> list[str]:
    policy = pod.restart_policy
    out = []
    job = pod.is_job
    if any(c["role"] == "init" for c in containers):
        if policy == "Never":
            out.append("an init container that exits non-zero fails the pod (restartPolicy Never): status "
                       "Init:Error" + ("; the Job counts a failure and creates a new pod" if job else ""))
        else:
            out.append(f"an init container that exits non-zero is restarted (status Init:Error, then "
                       f"Init:CrashLoopBackOff), back-off {BACKOFF}; the init containers before it are not run again")
    for c in containers:
        if c["role"] == "init":
            continue
        for p in c["probes"]:
            if p["probe"] == "startup":
                out.append(f'"{c["name"]}": the startup probe allows up to {p["allowsUpTo"]} s '
                           f'(initialDelaySeconds {p["initialDelaySeconds"]} + periodSeconds {p["periodSeconds"]} × '
                           f'failureThreshold {p["failureThreshold"]}); liveness and readiness probes wait for it; '
                           f'then the container is killed with {p["terminationGracePeriodSeconds"]} s of grace')
            elif p["probe"] == "liveness":
                out.append(f'"{c["name"]}": a liveness probe failing {p["failureThreshold"]} times in a row '
                           f'(about {p["killsAfterFailingFor"]} s) kills the container, with '
                           f'{p["terminationGracePeriodSeconds"]} s of grace')
            elif p["probe"] == "readiness":
                out.append(f'"{c["name"]}": a readiness probe failing {p["failureThreshold"]} times in a row '
                           f'(about {p["unreadyAfterFailingFor"]} s) makes it unready: Ready=False, the pod leaves '
                           "its Services' endpoints; nothing is restarted")
    if job and pod.controller is not None:
        backoff = as_int(pod.controller.get("backoffLimit"))
        deadline = as_int(pod.controller.get("activeDeadlineSeconds"))
        out.append(f"the Job is marked failed once more than {6 if backoff is None else backoff} of its pods have "
                   f"failed (backoffLimit{' default' if backoff is None else ''}), with a back-off of 10 s doubling to 6 min between "
                   "new pods" + (f"; activeDeadlineSeconds {deadline} fails it after that long, whatever runs"
                                 if deadline is not None else ""))
    deadline = as_int(pod.spec.get("activeDeadlineSeconds"))
    if deadline is not None:
        out.append(f"activeDeadlineSeconds {deadline}: the kubelet fails the pod {deadline} s after it started "
                   "(reason DeadlineExceeded), init containers included")
    own = c_policy = None
    for c in containers:
        if c.get("restartPolicy"):
            own, c_policy = c["name"], c["restartPolicy"]
    if policy == "Never":
        then = "a container that exits or is killed is not restarted: the pod ends Succeeded if every " \
               "container exited 0, else Failed"
    elif policy == "OnFailure":
        then = f"a container that exits non-zero or is killed is restarted, back-off {BACKOFF}; one that exits 0 stays done"
        if job:
            then += "; restarts count against the Job's backoffLimit"
    else:
        then = f"a container that exits or is killed, for whatever reason, is restarted in place, back-off {BACKOFF}"
    out.append(f"restartPolicy {policy}: {then}")
    if own:
        out.append(f'"{own}" sets its own restartPolicy {c_policy}, which overrides the pod\'s for it')
    return out
