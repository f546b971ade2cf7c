"""Which apiVersion/kind pairs Kubernetes serves, in which releases, and what to say of others.

From the bundled schemas' served.json and a table of versions removed before the oldest
bundled release: PL005 (no longer or not yet served) and PL006 (no such kind in a built-in
group) are decided here.
"""

from __future__ import annotations

import functools
import json
import os
from typing import TYPE_CHECKING, Optional

from podlint.diagnostics import Finding
from podlint.paths import FieldPath
from podlint.versions import KubeVersion
from podlint import lazyre

if TYPE_CHECKING:
    from podlint.schema import _VersionSchemas

# apiVersions removed before the oldest bundled release (so absent from every schema file),
# with the minor release that stopped serving them. From the Kubernetes deprecated API
# migration guide (kubernetes.io/docs/reference/using-api/deprecation-guide/).
REMOVED: dict[tuple[str, str], int] = {
    **{("extensions/v1beta1", k): 16 for k in (
        "Deployment", "DaemonSet", "ReplicaSet", "NetworkPolicy", "PodSecurityPolicy")},
    **{(v, k): 16 for v in ("apps/v1beta1", "apps/v1beta2") for k in (
        "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ControllerRevision")},
    ("extensions/v1beta1", "Ingress"): 22,
    ("networking.k8s.io/v1beta1", "Ingress"): 22,
    ("networking.k8s.io/v1beta1", "IngressClass"): 22,
    ("admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration"): 22,
    ("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration"): 22,
    ("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition"): 22,
    ("apiregistration.k8s.io/v1beta1", "APIService"): 22,
    ("authentication.k8s.io/v1beta1", "TokenReview"): 22,
    **{("authorization.k8s.io/v1beta1", k): 22 for k in (
        "SubjectAccessReview", "LocalSubjectAccessReview", "SelfSubjectAccessReview",
        "SelfSubjectRulesReview")},
    ("certificates.k8s.io/v1beta1", "CertificateSigningRequest"): 22,
    ("coordination.k8s.io/v1beta1", "Lease"): 22,
    **{(v, k): 22 for v in ("rbac.authorization.k8s.io/v1beta1",
                            "rbac.authorization.k8s.io/v1alpha1")
       for k in ("ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding")},
    ("scheduling.k8s.io/v1beta1", "PriorityClass"): 22,
    ("scheduling.k8s.io/v1alpha1", "PriorityClass"): 22,
    **{("storage.k8s.io/v1beta1", k): 22 for k in (
        "CSIDriver", "CSINode", "StorageClass", "VolumeAttachment")},
    ("storage.k8s.io/v1alpha1", "VolumeAttachment"): 22,
    ("node.k8s.io/v1alpha1", "RuntimeClass"): 22,
    ("settings.k8s.io/v1alpha1", "PodPreset"): 20,
    ("batch/v2alpha1", "CronJob"): 21,
    ("batch/v1beta1", "CronJob"): 25,
    ("discovery.k8s.io/v1beta1", "EndpointSlice"): 25,
    ("events.k8s.io/v1beta1", "Event"): 25,
    ("autoscaling/v2beta1", "HorizontalPodAutoscaler"): 25,
    ("policy/v1beta1", "PodDisruptionBudget"): 25,
    ("policy/v1beta1", "PodSecurityPolicy"): 25,
    ("node.k8s.io/v1beta1", "RuntimeClass"): 25,
}

_VERSION_PART = lazyre.compile(r"^v(\d+)(?:(alpha|beta)(\d+))?$")

@functools.lru_cache(maxsize=None)
def schema_folder() -> str:
    """The bundled schemas' folder: the installed package's, else the source checkout's
    (a string: pathlib is not imported on the check path)."""
    here = os.path.dirname(os.path.realpath(__file__))
    for candidate in (os.path.join(here, "schemas"), os.path.join(os.path.dirname(here), "schemas")):
        if os.path.isfile(os.path.join(candidate, "served.json")):
            return candidate
    raise FileNotFoundError(f"podlint's schemas are missing (looked in {here}/schemas "
                            f"and {os.path.dirname(here)}/schemas)")

@functools.lru_cache(maxsize=None)
def served() -> dict[str, tuple[int, ...]]:
    """'apps/v1/Deployment' -> the bundled minor releases that serve it."""
    with open(os.path.join(schema_folder(), "served.json"), encoding="utf-8") as f:
        return {key: tuple(minors) for key, minors in json.load(f).items()}

def is_known_kind(api_version: str, kind: str) -> bool:
    """Whether apiVersion/kind is built in to some bundled release or a known removed one."""
    return f"{api_version}/{kind}" in served() or (api_version, kind) in REMOVED

@functools.lru_cache(maxsize=None)
def _built_in() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """group -> its apiVersions, and kind -> the apiVersions serving it, in any bundled
    release or the table of removed ones ("" is the core group)."""
    versions: dict[str, set[str]] = {}
    kinds: dict[str, set[str]] = {}
    pairs = [key.rpartition("/")[::2] for key in served()] + list(REMOVED)
    for api_version, kind in pairs:
        versions.setdefault(api_version.rpartition("/")[0], set()).add(api_version)
        kinds.setdefault(kind, set()).add(api_version)
    return versions, kinds

def is_built_in_group(api_version: str) -> bool:
    """Whether the apiVersion's group is one of Kubernetes' own (not a custom resource's)."""
    return api_version.rpartition("/")[0] in _built_in()[0]

def unknown_kind(api_version: str, kind: str, schemas: "_VersionSchemas",
                  base: FieldPath) -> Optional[Finding]:
    """PL006, for a built-in group that has no such kind in this version (kubectl: "no
    matches for kind"); None for other groups: custom resources."""
    versions, kinds = _built_in()
    group = api_version.rpartition("/")[0]
    if group not in versions:
        return None
    said = f'no kind "{kind}" in {api_version} (kubectl: no matches for kind "{kind}" in version "{api_version}")'
    served_now = sorted({key.rpartition("/")[0] for key in schemas.kinds if key.rpartition("/")[2] == kind},
                        key=lambda av: (av.rpartition("/")[0] != group,
                                       tuple(-part for part in _stability(av))))
    if served_now or kind in kinds:
        where = served_now[0] if served_now else sorted(kinds[kind])[0]
        return Finding(base / "apiVersion", f"{said}; {kind} is served as {where}", on_key=False)
    same_group = {key.rpartition("/")[2] for key in schemas.kinds
                  if key.rpartition("/")[0].rpartition("/")[0] == group}
    folded = {name.lower(): name for name in same_group}
    guess = folded.get(kind.lower())
    if guess is None:
        import difflib

        close = difflib.get_close_matches(kind, sorted(same_group), n=1, cutoff=0.75)
        guess = close[0] if close else None
    if guess is None and (api_version, kind) not in REMOVED:
        known = sorted(versions[group])
        if api_version not in known:
            return Finding(base / "apiVersion", f"{said}; the {group or 'core'} group serves "
                           + ", ".join(known), on_key=False)
    hint = f'; did you mean "{guess}"?' if guess else ""
    return Finding(base / "kind", said + hint, on_key=False)

def unserved_message(api_version: str, kind: str, k8s: KubeVersion,
                      schemas: _VersionSchemas) -> str:
    message = f"{api_version} {kind} is not served by Kubernetes {k8s}"
    best = replacement(api_version, kind, schemas)
    if best is not None:
        return f"{message}; use {best}"
    removed = REMOVED.get((api_version, kind))
    if removed is not None:
        return f"{message} (removed in 1.{removed})"
    minors = served()[f"{api_version}/{kind}"]
    if minors[0] > k8s.minor:
        return f"{message} (first served in 1.{minors[0]})"
    return f"{message} (last served in 1.{minors[-1]})"

def replacement(api_version: str, kind: str, schemas: "_VersionSchemas") -> Optional[str]:
    """The apiVersion that serves `kind` in this release: the same group first, then the
    most stable; None when no version does."""
    group = api_version.rpartition("/")[0]
    replacements = [key.rpartition("/")[0] for key in schemas.kinds
                    if key.rpartition("/")[2] == kind]
    if not replacements:
        return None
    return max(replacements, key=lambda av: (av.rpartition("/")[0] == group, _stability(av)))

def _stability(api_version: str) -> tuple[int, int, int]:
    """Order apiVersions GA > beta > alpha, then by number: v1 < v2, v1beta1 < v1beta2."""
    m = _VERSION_PART.match(api_version.rpartition("/")[2])
    if not m:
        return (0, 0, 0)
    stage = {"alpha": 1, "beta": 2, None: 3}[m.group(2)]
    return (stage, int(m.group(1)), int(m.group(3) or 0))
