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
    summary="A pod spec field that the target release silently drops because its feature gate is off",
)

# First release whose API (and podlint's bundled schema) has the field at all. Before
# that the schema pass reports an unknown field, so there is nothing to warn about here.
_IN_SCHEMA_FROM = {
    "resizePolicy": 27,        # InPlacePodVerticalScaling alpha
    "restartPolicy": 28,       # SidecarContainers alpha
    "sleep": 29,               # PodLifecycleSleepAction alpha
    "stopSignal": 33,          # ContainerStopSignals alpha
    "restartPolicyRules": 34,  # ContainerRestartRules alpha
    "imageVolume": 31,         # ImageVolume alpha
    "podResources": 32,        # PodLevelResources alpha
    "fileKeyRef": 34,          # EnvFiles alpha
    "hostnameOverride": 34,    # HostnameOverride alpha
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


def _env_drops(pod: PodSite, c: ContainerView) -> Iterator[Finding]:
    """dropFileKeyRefInUse: env valueFrom.fileKeyRef goes while EnvFiles is off (1.34)."""
    k8s = pod.k8s
    if not k8s.at_least(_IN_SCHEMA_FROM["fileKeyRef"]) or k8s.gate("EnvFiles"):
        return
    for i, entry in enumerate(as_list(c.spec.get("env"))):
        value_from = as_dict(as_dict(entry).get("valueFrom"))
        if not isinstance(value_from.get("fileKeyRef"), dict):
            continue
        name = as_str(as_dict(entry).get("name")) or f"#{i}"
        # only fileKeyRef goes: valueFrom is left without a source, which
        # validateEnvVarValueFrom then refuses ("must specify one of ...")
        left = ("; the entry is then left without a source and the API server refuses the object"
                if len([k for k, v in value_from.items() if v is not None]) == 1 else "")
        yield Finding(c.path / "env" / i / "valueFrom" / "fileKeyRef",
                      f'valueFrom.fileKeyRef of env "{name}" on {c.label} is dropped by Kubernetes {k8s} '
                      f'({_since("EnvFiles", "env values read from files")}){left}')


def _pod_drops(pod: PodSite) -> Iterator[Finding]:
    """Pod-level fields dropDisabledFields removes: hostnameOverride, resources, image volumes."""
    k8s, spec = pod.k8s, pod.spec
    if as_str(spec.get("hostnameOverride")) is not None and k8s.at_least(_IN_SCHEMA_FROM["hostnameOverride"]) \
            and not k8s.gate("HostnameOverride"):
        yield Finding(pod.path / "hostnameOverride",
                      f"hostnameOverride is dropped by Kubernetes {k8s} "
                      f"({_since('HostnameOverride', 'hostname overrides')}); the pod keeps its default hostname")
    if isinstance(spec.get("resources"), dict) and k8s.at_least(_IN_SCHEMA_FROM["podResources"]) \
            and not k8s.gate("PodLevelResources"):
        # dropDisabledPodLevelResources
        yield Finding(pod.path / "resources",
                      f"pod-level resources are dropped by Kubernetes {k8s} "
                      f"({_since('PodLevelResources', 'pod-level resources')}); only container resources apply")
    if k8s.at_least(_IN_SCHEMA_FROM["imageVolume"]) and not k8s.gate("ImageVolume"):
        # dropImageVolumes removes the volume and every volumeMount that uses it
        for i, volume in enumerate(as_list(spec.get("volumes"))):
            if isinstance(as_dict(volume).get("image"), dict):
                name = as_str(volume.get("name")) or f"#{i}"
                yield Finding(pod.path / "volumes" / i / "image",
                              f'image volume "{name}" is dropped by Kubernetes {k8s} '
                              f'({_since("ImageVolume", "image volumes")}), together with the volumeMounts '
                              "that use it")


def check(pod: PodSite) -> Iterator[Finding]:
    yield from _pod_drops(pod)
    # ephemeral containers are rejected in manifests (PL112); nothing to drop there
    for c in pod.init_containers + pod.containers:
        for path, field, why in _drops(pod, c):
            yield Finding(path, f"{field} on {c.label} is dropped by Kubernetes {pod.k8s} ({why})")
        yield from _env_drops(pod, c)
