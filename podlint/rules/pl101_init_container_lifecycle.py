"""PL101 init-container-lifecycle."""

from __future__ import annotations

from typing import Any, Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.versions import KubeVersion

RULE = Rule(
    id="PL101",
    name="init-container-lifecycle",
    severity=Severity.ERROR,
    summary="A plain init container (not restartPolicy: Always) sets lifecycle hooks",
)

_HANDLERS = ("exec", "httpGet", "tcpSocket")
# PodLifecycleSleepAction is alpha (off) in 1.29; dropPodLifecycleSleepAction appeared then
_SLEEP_ACTION_ALPHA = 29


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateInitContainers: lifecycle is Forbidden unless the init
    # container is a restartable sidecar (restartPolicy: Always)
    for c in pod.init_containers:
        if c.is_plain_init and _kept_after_drops(c.spec.get("lifecycle"), pod.k8s):
            yield Finding(
                c.path / "lifecycle",
                f"{c.label} sets lifecycle; init containers run to completion and may only "
                "have postStart/preStop hooks as sidecars (restartPolicy: Always)",
            )


def _kept_after_drops(lifecycle: Any, k8s: KubeVersion) -> bool:
    """Whether `lifecycle` is still set when validation runs.

    pkg/api/pod/util.go drops gated parts first and clears a lifecycle left empty:
    dropContainerStopSignals removes stopSignal (ContainerStopSignals is off in every
    release) and sets lifecycle to nil if nothing else is left; dropPodLifecycleSleepAction
    (PodLifecycleSleepAction off: 1.29) removes sleep handlers and sets lifecycle to nil
    when neither preStop nor postStart is left (even for `lifecycle: {}`). Before 1.29
    nothing is dropped (sleep and stopSignal are unknown fields there: schema pass).
    """
    if lifecycle is None:
        return False
    if not isinstance(lifecycle, dict):
        return False  # wrong type: the schema pass reports it
    if not k8s.at_least(_SLEEP_ACTION_ALPHA):
        return True
    sleep_kept = k8s.gate("PodLifecycleSleepAction")
    hooks = [h for h in (lifecycle.get("preStop"), lifecycle.get("postStart"))
             if h is not None and (sleep_kept or not _only_sleep(h))]
    stop_signal = lifecycle.get("stopSignal") is not None and k8s.gate("ContainerStopSignals")
    if hooks or stop_signal:
        return True
    if not sleep_kept:
        return False  # dropPodLifecycleSleepAction clears the now-empty lifecycle
    # dropContainerStopSignals only clears a lifecycle it emptied itself; `lifecycle: {}`
    # (or one whose hooks are all null) stays set and is rejected
    return lifecycle.get("stopSignal") is None


def _only_sleep(hook: Any) -> bool:
    return (isinstance(hook, dict) and hook.get("sleep") is not None
            and all(hook.get(h) is None for h in _HANDLERS))
