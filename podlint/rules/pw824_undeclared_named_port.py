"""PW824 undeclared-named-port."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict
from podlint.rules._runtime import port_names

RULE = Rule(
    id="PW824",
    name="undeclared-named-port",
    severity=Severity.WARNING,
    summary="A probe or httpGet hook names a port that the container does not declare",
)

# kubelet prober/worker.go doProbe throws away the result of a probe that errors, so the
# probe keeps its initial value (readiness Failure, liveness Success, startup Unknown);
# lifecycle/handlers.go makes the hook fail.
_EFFECT = {
    "livenessProbe": ("liveness probe",
                      ("the probe errors every time and is ignored, so the container is never "
                       "restarted when it hangs")),
    "readinessProbe": ("readiness probe",
                       "the probe errors every time and the container never becomes ready"),
    "startupProbe": ("startup probe",
                     ("the probe errors every time, so the container is never marked started and "
                      "never becomes ready")),
    "postStart": ("postStart hook",
                  "the hook fails and the kubelet kills the container (FailedPostStartHook)"),
    "preStop": ("preStop hook", "the hook fails and its work is skipped"),
}


def check(pod: PodSite) -> Iterator[Finding]:
    # Probes and hooks only run on regular containers and sidecars (PL101-PL104 reject
    # them on plain init containers).
    for c in pod.running_containers:
        declared = None
        # (field, keys from the container to the action, action); paths are built only
        # for a finding
        sites = []
        for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
            spec = as_dict(c.spec.get(probe))
            for handler in ("httpGet", "tcpSocket"):
                sites.append((probe, (probe, handler), spec.get(handler)))
        lifecycle = as_dict(c.spec.get("lifecycle"))
        for hook in ("postStart", "preStop"):
            # a tcpSocket hook is never run at all (PW827), so its port does not matter
            sites.append((hook, ("lifecycle", hook, "httpGet"), as_dict(lifecycle.get(hook)).get("httpGet")))
        for field, keys, action in sites:
            port = as_dict(action).get("port")
            if not isinstance(port, str) or formats.port_name(port):
                continue  # a number, or an invalid name (PL306/PL309)
            if declared is None:
                declared = port_names(c)
            if port in declared:
                continue
            path = c.path.join(*keys)
            # kubelet probe.ResolveContainerPort / findPortByName: only this container's
            # own ports are searched, never the pod's other containers
            what, effect = _EFFECT[field]
            known = formats.quoted_list(sorted(declared)) if declared else ""
            has = f"its named ports: {known}" if known else "it has no named ports"
            yield Finding(
                path / "port",
                f'{what} of {c.label} uses port "{port}", which the container does not declare '
                f"({has}): the kubelet cannot resolve it, {effect}; name the port in ports or use "
                "its number",
            )
