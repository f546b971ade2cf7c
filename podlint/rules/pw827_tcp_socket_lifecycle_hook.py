"""PW827 tcp-socket-lifecycle-hook."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict

RULE = Rule(
    id="PW827",
    name="tcp-socket-lifecycle-hook",
    severity=Severity.WARNING,
    summary="A lifecycle hook uses tcpSocket, which the API server accepts but the kubelet cannot run",
)

_EFFECT = {
    "postStart": "the hook fails every time and the kubelet kills the container (FailedPostStartHook)",
    "preStop": "the hook fails every time and does nothing before the container is stopped",
}


def check(pod: PodSite) -> Iterator[Finding]:
    # Hooks run on regular containers and sidecars (PL101 rejects them on plain init
    # containers, and then nothing runs at all).
    for c in pod.running_containers:
        lifecycle = as_dict(c.spec.get("lifecycle"))
        for hook in ("postStart", "preStop"):
            handler = as_dict(lifecycle.get(hook))
            if handler.get("tcpSocket") is None:
                continue
            others = [h for h in ("exec", "httpGet", "sleep") if handler.get(h) is not None]
            if others:
                # validation.go validateHandler: a second handler is Forbidden (PL303)
                continue
            # kubelet lifecycle/handlers.go Run: exec, httpGet and sleep only; anything else
            # is "invalid handler" (the API marks LifecycleHandler.tcpSocket deprecated)
            yield Finding(
                c.path / "lifecycle" / hook / "tcpSocket",
                f"{hook} hook of {c.label} uses tcpSocket, which the kubelet does not support for "
                f"hooks: {_EFFECT[hook]}; use exec, httpGet or sleep",
            )
