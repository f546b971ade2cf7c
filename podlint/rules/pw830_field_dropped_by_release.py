"""PW830 field-dropped-by-release."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import ContainerView, PodSite, Rule, as_dict, as_list, as_str
from podlint.paths import FieldPath
from podlint.versions import GATES_ON_FROM

RULE = Rule(
    id="PW830",
    name="field-dropped-by-release",
    severity=Severity.WARNING,
    summary="A container field that the target release silently drops because its feature gate is off",
)

# First release whose API (and podlint's bundled schema) has the field at all. Before
# that the schema pass reports an unknown field, so there is nothing to warn about here.
_IN_SCHEMA_FROM = {
    "resizePolicy": 27,        # InPlacePodVerticalScaling alpha
    "restartPolicy": 28,       # SidecarContainers alpha
    "sleep": 29,               # PodLifecycleSleepAction alpha
    "stopSignal": 33,          # ContainerStopSignals alpha
    "restartPolicyRules": 34,  # ContainerRestartRules alpha
}


def _since(gate: str, feature: str) -> str:
    first = GATES_ON_FROM[gate]
    if first is None:
        return f"{feature} need the {gate} feature gate, off by default in every release so far"
    return f"{feature} are on by default from 1.{first}"


def _drops(pod: PodSite, c: ContainerView) -> Iterator[tuple[FieldPath, str, str]]:
    """(path, field as named in the message, why) for each field pkg/api/pod/util.go drops."""
    k8s = pod.k8s
    spec = c.spec

    def present(field: str) -> bool:
        return k8s.at_least(_IN_SCHEMA_FROM[field])

    # values of the wrong type are schema errors (the object is refused), so only
    # well-typed fields are reported as dropped
    policy = as_str(spec.get("restartPolicy"))
    if policy is not None and present("restartPolicy"):
        shown = f'restartPolicy "{policy}"'
        if c.is_init and not k8s.gate("SidecarContainers"):
            # dropDisabledFields: every init container restartPolicy goes while SidecarContainers is off
            why = (_since("SidecarContainers", "sidecar containers") if policy == "Always" else
                   _since("ContainerRestartRules", "OnFailure and Never on init containers"))
            yield c.path / "restartPolicy", shown, why + ("; it runs as a plain init container"
                                                          if policy == "Always" else "")
        elif not k8s.gate("ContainerRestartRules") and k8s.at_least(_IN_SCHEMA_FROM["restartPolicyRules"]):
            # dropContainerRestartRules (1.34): non-Always init policies, any regular one
            if not c.is_init:
                yield c.path / "restartPolicy", shown, _since("ContainerRestartRules",
                                                              "per-container restart policies")
            elif policy != "Always":
                yield c.path / "restartPolicy", shown, _since("ContainerRestartRules",
                                                              "OnFailure and Never on init containers")
        # 1.28-1.33 on a regular container, 1.29-1.33 non-Always on an init container:
        # rejected (PL202, PL105), not dropped

    if as_list(spec.get("restartPolicyRules")) and present("restartPolicyRules") \
            and not k8s.gate("ContainerRestartRules"):
        yield c.path / "restartPolicyRules", "restartPolicyRules", _since("ContainerRestartRules",
                                                                          "container restart rules")

    lifecycle = as_dict(spec.get("lifecycle"))
    if present("sleep") and not k8s.gate("PodLifecycleSleepAction"):
        for hook in ("postStart", "preStop"):
            if isinstance(as_dict(lifecycle.get(hook)).get("sleep"), dict):
                # dropPodLifecycleSleepAction: the hook is removed too if nothing else is left
                yield (c.path / "lifecycle" / hook / "sleep", f"the {hook} sleep action",
                       _since("PodLifecycleSleepAction", "sleep actions"))

    if as_str(lifecycle.get("stopSignal")) is not None and present("stopSignal") \
            and not k8s.gate("ContainerStopSignals"):
        # dropContainerStopSignals
        yield (c.path / "lifecycle" / "stopSignal", "lifecycle.stopSignal",
               _since("ContainerStopSignals", "container stop signals"))

    if as_list(spec.get("resizePolicy")) and present("resizePolicy") \
            and not k8s.gate("InPlacePodVerticalScaling"):
        # dropDisabledFields drops ResizePolicy of every container while the gate is off
        yield (c.path / "resizePolicy", "resizePolicy",
               _since("InPlacePodVerticalScaling", "in-place resize policies"))


def check(pod: PodSite) -> Iterator[Finding]:
    # ephemeral containers are rejected in manifests (PL112); nothing to drop there
    for c in pod.init_containers + pod.containers:
        for path, field, why in _drops(pod, c):
            yield Finding(path, f"{field} on {c.label} is dropped by Kubernetes {pod.k8s} ({why})")
