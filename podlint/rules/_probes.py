"""Probes and lifecycle hooks of the containers the API server validates them on (PL3xx).

Not a rule (leading underscore): the shared walk over `livenessProbe`, `readinessProbe`,
`startupProbe`, `lifecycle.postStart` and `lifecycle.preStop`, after the API server's
field dropping, with the handler that validation actually looks at.
"""

from __future__ import annotations

from typing import Any, Iterator, NamedTuple, Optional

from podlint.rules import _formats as formats
from podlint.model import PROBES, ContainerView, PodSite, as_int, view_cache
from podlint.paths import FieldPath

# validation.go handlerFromProbe / handlerFromLifecycle + validateHandler: the order in
# which handlers are counted; the first one is validated, each later one is Forbidden.
PROBE_HANDLERS = ("exec", "httpGet", "tcpSocket", "grpc")
HOOK_HANDLERS = ("exec", "httpGet", "tcpSocket", "sleep")
HOOKS = ("postStart", "preStop")

PROBE_NAMES = {"livenessProbe": "liveness probe", "readinessProbe": "readiness probe",
               "startupProbe": "startup probe"}


class HandlerSite(NamedTuple):
    """One probe or lifecycle hook of a checked container."""

    container: ContainerView
    field: str  # "livenessProbe", ..., "postStart", "preStop"
    path: FieldPath  # path to the probe or hook mapping
    spec: dict
    handlers: tuple[str, ...]  # handler keys set (after dropping), in validation order

    @property
    def label(self) -> str:
        """How messages name it: 'container "app" liveness probe'."""
        what = PROBE_NAMES.get(self.field) or f"{self.field} hook"
        return f"{self.container.label} {what}"

    @property
    def first(self) -> Optional[str]:
        """The handler validation checks (the others are only reported as extra)."""
        return self.handlers[0] if self.handlers else None

    @property
    def extra(self) -> tuple[str, ...]:
        return self.handlers[1:]

    def action(self, key: str) -> Optional[dict]:
        """The first handler's mapping when it is `key` and a mapping (else None)."""
        if self.first != key:
            return None
        value = self.spec.get(key)
        return value if isinstance(value, dict) else None



def _set(mapping: dict, key: str) -> bool:
    # a JSON null decodes to a nil pointer: the same as absent
    return mapping.get(key) is not None


def probes(pod: PodSite) -> Iterator[HandlerSite]:
    cache = view_cache(pod)
    found = cache.get("probes")
    if found is None:
        found = cache["probes"] = tuple(_probes(pod))
    return iter(found)


def _probes(pod: PodSite) -> Iterator[HandlerSite]:
    for c in pod.running_containers:  # probes and lifecycle are validated here (PL101-PL104: init)
        for name in PROBES:
            probe = c.spec.get(name)
            if isinstance(probe, dict):
                handlers = tuple(h for h in PROBE_HANDLERS if _set(probe, h)
                                 and (h != "grpc" or pod.k8s.gate("GRPCContainerProbe")))
                yield HandlerSite(c, name, c.path / name, probe, handlers)


def sleep_kept(pod: PodSite) -> bool:
    """Whether the API server keeps lifecycle `sleep` handlers (dropPodLifecycleSleepAction)."""
    return pod.k8s.gate("PodLifecycleSleepAction")


def hooks(pod: PodSite) -> Iterator[HandlerSite]:
    cache = view_cache(pod)
    found = cache.get("hooks")
    if found is None:
        found = cache["hooks"] = tuple(_hooks(pod))
    return iter(found)


def _hooks(pod: PodSite) -> Iterator[HandlerSite]:
    keep_sleep = sleep_kept(pod)
    for c in pod.running_containers:  # probes and lifecycle are validated here (PL101-PL104: init)
        lifecycle = c.spec.get("lifecycle")
        if not isinstance(lifecycle, dict):
            continue
        for name in HOOKS:
            hook = lifecycle.get(name)
            if not isinstance(hook, dict):
                continue
            handlers = tuple(h for h in HOOK_HANDLERS if _set(hook, h)
                             and (h != "sleep" or keep_sleep))
            if not handlers and _set(hook, "sleep"):
                # util.go dropPodLifecycleSleepAction: a hook left empty by dropping its
                # sleep handler is removed as a whole (PW830 reports the drop)
                continue
            yield HandlerSite(c, name, c.path / "lifecycle" / name, hook, handlers)


def handler_sites(pod: PodSite) -> Iterator[HandlerSite]:
    """Probes, then hooks."""
    yield from probes(pod)
    yield from hooks(pod)


def effective_grace_period(pod: PodSite) -> int:
    """The pod-level terminationGracePeriodSeconds that validation compares against.

    Defaulted to 30; for Pod objects (not templates) a negative value is turned into 1
    by defaulting since 1.27.
    """
    value = as_int(pod.spec.get("terminationGracePeriodSeconds"))
    if value is None:
        return 30
    if value < 0 and not pod.is_template and pod.k8s.at_least(27):
        return 1
    return value


def port_problem(port: Any) -> Optional[str]:
    """What ValidatePortNumOrName rejects in an IntOrString port, as the end of a sentence.

    None when the port is valid, or of a type the schema pass reports (bool, list, ...).
    An absent port is the Go zero value, the number 0.
    """
    if port is None:
        return "is not set; it must be a number from 1 to 65535 or a port name"
    if isinstance(port, str):
        errors = formats.port_name(port)
        if not errors:
            return None
        hint = ""
        if port.strip().isdigit():
            # IntOrString: a quoted number is a port *name*, and names need a letter
            hint = f" (a quoted number is a port name; write {port.strip()} without quotes)"
        return f'is "{port}", not a valid port name: {"; ".join(errors)}{hint}'
    number = as_int(port)
    if number is None or isinstance(port, bool):
        return None
    if formats.port_number(number):
        return f"is {number}; it must be between 1 and 65535, inclusive"
    return None
