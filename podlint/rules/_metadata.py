"""Metadata of a pod site for the PL7xx rules: where it is, and the annotation formats.

Sources: staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go and
pkg/apis/core/validation/validation.go (ValidatePodSpecificAnnotations and friends).

The rules for what every object's ObjectMeta must satisfy (PL701, PL704-PL708) are object
rules: they run on the kinds of OBJECT_META_KINDS, the pod-bearing ones and Service.
"""

from __future__ import annotations

from typing import Any, Iterator, NamedTuple, Optional, Union

from podlint.rules._formats import has_backsteps
from podlint.model import ObjectSite, PodSite, as_dict, as_list, as_str, lookup, view_cache
from podlint.paths import FieldPath
from podlint.workloads import find_pod_sites, layout_for

MIRROR_KEY = "kubernetes.io/config.mirror"
TOLERATIONS_KEY = "scheduler.alpha.kubernetes.io/tolerations"
DELETION_COST_KEY = "controller.kubernetes.io/pod-deletion-cost"
SECCOMP_POD_KEY = "seccomp.security.alpha.kubernetes.io/pod"
SECCOMP_CONTAINER_PREFIX = "container.seccomp.security.alpha.kubernetes.io/"
APPARMOR_PREFIX = "container.apparmor.security.beta.kubernetes.io/"

# The pod templates of these kinds carry no name check at all (ValidatePodTemplateSpec).
NAME_KINDS_SUBDOMAIN = ("Pod", "PodTemplate", "ReplicationController", "Deployment", "ReplicaSet",
                        "DaemonSet", "Job", "CronJob")

# The objects the ObjectMeta rules check: every apiVersion/kind pair of a pod-bearing kind
# that the schema pass knows (served by a bundled release, or removed: its pod spec is
# checked too, see workloads.find_pod_sites), and Service. tests/test_services.py keeps the
# list in step with the schema data.
POD_KINDS = (
    "v1/Pod", "v1/PodTemplate", "v1/ReplicationController",
    "apps/v1/Deployment", "apps/v1/ReplicaSet", "apps/v1/StatefulSet", "apps/v1/DaemonSet",
    "apps/v1beta1/Deployment", "apps/v1beta1/ReplicaSet", "apps/v1beta1/StatefulSet", "apps/v1beta1/DaemonSet",
    "apps/v1beta2/Deployment", "apps/v1beta2/ReplicaSet", "apps/v1beta2/StatefulSet", "apps/v1beta2/DaemonSet",
    "extensions/v1beta1/Deployment", "extensions/v1beta1/ReplicaSet", "extensions/v1beta1/DaemonSet",
    "batch/v1/Job", "batch/v1/CronJob", "batch/v1beta1/CronJob", "batch/v2alpha1/CronJob",
)
OBJECT_META_KINDS = POD_KINDS + ("v1/Service",)

Site = Union[PodSite, ObjectSite]


class Meta(NamedTuple):
    """A metadata mapping and where it sits; `present` is False when the key is absent."""

    data: dict
    path: FieldPath
    present: bool
    is_template: bool

    @property
    def where(self) -> str:
        return "pod template" if self.is_template else "object"

    def strings(self, field: str) -> Iterator[tuple[str, str]]:
        """(key, value) of a labels/annotations map, skipping values of the wrong type."""
        for key, value in as_dict(self.data.get(field)).items():
            if isinstance(key, str) and isinstance(value, str):
                yield key, value

    def annotation(self, key: str) -> Optional[str]:
        return as_str(as_dict(self.data.get("annotations")).get(key))

    def has_annotation(self, key: str) -> bool:
        return key in as_dict(self.data.get("annotations"))


def meta_subject(site: Site) -> Optional[Site]:
    """What an ObjectMeta rule judges: for an object of a pod-bearing kind its pod site (None
    when it has none: a pod template or pod spec of the wrong type, which the schema pass
    reports, so that nothing else is said), for any other kind the object itself."""
    if isinstance(site, PodSite):
        return site
    if layout_for(site.api_version, site.kind) is None:
        return site
    cache = view_cache(site)
    if "pod_site" not in cache:
        cache["pod_site"] = next(iter(find_pod_sites(site.obj, site.k8s, site.path)), None)
    return cache["pod_site"]


def raw(pod: PodSite, path: FieldPath) -> Any:
    """The value at `path` (an absolute path inside the object of `pod`)."""
    return lookup(pod.obj, *path[len(pod.object_path):])


def object_meta(pod: Site) -> Optional[Meta]:
    """The object's own metadata; None when it has the wrong type (the schema pass reports it)."""
    path = pod.object_path / "metadata"
    value = pod.obj.get("metadata")
    if value is None:
        return Meta({}, path, False, False)
    if not isinstance(value, dict):
        return None
    return Meta(value, path, True, False)


def template_meta(pod: Site) -> Optional[Meta]:
    """The pod template's metadata (None for a Pod or an object without a pod template, or
    when the value has the wrong type)."""
    if not isinstance(pod, PodSite) or not pod.is_template:
        return None
    path = pod.path.parent / "metadata"
    value = raw(pod, path)
    if value is None:
        return Meta({}, path, False, True)
    if not isinstance(value, dict):
        return None
    return Meta(value, path, True, True)


def pod_meta(pod: PodSite) -> Optional[Meta]:
    """The metadata the pods get: the Pod's own, or the pod template's."""
    return template_meta(pod) if pod.is_template else object_meta(pod)


def label_sites(pod: Site) -> list[Meta]:
    """Object metadata, then template metadata: both have labels and annotations validated."""
    return [m for m in (object_meta(pod), template_meta(pod)) if m is not None]


def container_names(pod: PodSite) -> set[str]:
    """Names of init, regular and ephemeral containers (podSpecHasContainer)."""
    names = set()
    for section in ("initContainers", "containers", "ephemeralContainers"):
        for item in as_list(pod.spec.get(section)):
            name = as_str(as_dict(item).get("name"))
            if name is not None:
                names.add(name)
    return names


# validation.go ValidateSeccompProfile: the annotation values of the seccomp annotations
def seccomp_annotation_problem(value: str) -> Optional[str]:
    if value in ("runtime/default", "docker/default", "unconfined"):
        return None
    if value.startswith("localhost/"):
        local = value[len("localhost/"):]
        if local.startswith("/"):
            return f'the localhost profile path "{local}" must be a relative path'
        if has_backsteps(local):
            return f'the localhost profile path "{local}" must not contain ".."'
        return None
    return ('it must be "runtime/default", "docker/default", "unconfined" or '
            '"localhost/<relative path>"')


# validation.go ValidateAppArmorProfileFormat
def apparmor_annotation_problem(value: str) -> Optional[str]:
    if value in ("", "runtime/default", "unconfined") or value.startswith("localhost/"):
        return None
    return 'it must be "runtime/default", "unconfined" or "localhost/<profile name>"'


def apparmor_field_for_annotation(value: str) -> Optional[dict]:
    """pkg/api/pod ApparmorFieldForAnnotation plus ValidateAppArmorProfileField: None if invalid."""
    if value == "unconfined":
        return {"type": "Unconfined"}
    if value == "runtime/default":
        return {"type": "RuntimeDefault"}
    if value.startswith("localhost/"):
        profile = value[len("localhost/"):]
        if profile and profile.strip() == profile and len(profile) <= 4095:
            return {"type": "Localhost", "localhostProfile": profile}
    return None


def same_profile(a: Any, b: Any) -> bool:
    """Semantic equality of two appArmorProfile fields (type and localhostProfile)."""
    a, b = as_dict(a), as_dict(b)
    return (a.get("type"), a.get("localhostProfile")) == (b.get("type"), b.get("localhostProfile"))


def field_matches_annotation(field: dict, value: str, kind: str) -> Optional[str]:
    """validateSeccomp/AppArmorAnnotationsAndFieldsMatch: None, or the field that disagrees.

    `kind` is "seccomp" or "apparmor"; a field with an unknown or empty type matches anything
    (its own rule reports the type).
    """
    ftype = field.get("type")
    if ftype == "Unconfined":
        return None if value == "unconfined" else "type"
    if ftype == "RuntimeDefault":
        ok = ("runtime/default", "docker/default") if kind == "seccomp" else ("runtime/default",)
        return None if value in ok else "type"
    if ftype == "Localhost":
        if not value.startswith("localhost/"):
            return "type"
        profile = field.get("localhostProfile")
        return None if isinstance(profile, str) and value[len("localhost/"):] == profile else "localhostProfile"
    return None


def annotation_for_field(field: dict) -> str:
    """How messages show a profile field in annotation syntax."""
    ftype = field.get("type")
    if ftype == "Localhost":
        return f'localhost/{field.get("localhostProfile")}'
    return {"Unconfined": "unconfined", "RuntimeDefault": "runtime/default"}.get(ftype, str(ftype))


def shorten(value: str, limit: int = 60) -> str:
    """A value for a message, cut when very long."""
    return value if len(value) <= limit else value[:limit] + "..."


def placeholder_hint(value: str) -> str:
    """A hint for values that look like unreplaced template variables (${X}, <X>, {{ .X }})."""
    return "; it looks like an unreplaced placeholder" if any(ch in value for ch in "$<>{}") else ""
