"""PL424 invalid-env-field-ref."""

from __future__ import annotations

from typing import Iterator, Optional

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.paths import FieldPath
from podlint.rules._containers import env_label, value_from_entries
from podlint.versions import KubeVersion

RULE = Rule(
    id="PL424",
    name="invalid-env-field-ref",
    severity=Severity.ERROR,
    summary="An env var fieldRef names a field the downward API cannot expose as an env var",
)

# pkg/apis/core/pods/helpers.go ConvertDownwardAPIFieldLabel: the labels v1 knows
# (spec.host is converted to spec.nodeName for old clients)
CONVERTIBLE = ("metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace",
               "metadata.uid", "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName",
               "spec.schedulerName", "status.phase", "status.hostIP", "status.hostIPs",
               "status.podIP", "status.podIPs")
# validation.go validEnvDownwardAPIFieldPathExpressions
ENV_FIELDS = ("metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName",
              "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP",
              "status.podIPs")
SUBSCRIPTED = ("metadata.labels", "metadata.annotations")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateEnvVarValueFrom -> validateObjectFieldSelector
    for c in pod.validated_containers:
        for env, value_from in value_from_entries(c):
            ref = value_from.get("fieldRef")
            if not isinstance(ref, dict):
                continue
            path = env.path / "valueFrom" / "fieldRef"
            problem = _problem(ref, path, pod.k8s)
            if problem:
                where, message = problem
                yield Finding(where, f"{env_label(env)} {message}", on_key=where != path)


def _problem(ref: dict, path: FieldPath, k8s: KubeVersion) -> Optional[tuple[FieldPath, str]]:
    """The offending field and what to say about it, or None."""
    # SetDefaults_ObjectFieldSelector: an empty apiVersion becomes "v1" (never Required)
    api_version = ref.get("apiVersion")
    if api_version is not None and not isinstance(api_version, str):
        return None  # wrong type: schema pass
    api_version = api_version or "v1"
    field_path = as_str(ref.get("fieldPath"))
    if field_path is None:
        return None  # absent (PL012) or of the wrong type (PL011)
    at_path = path / "fieldPath"
    if field_path == "":
        return at_path, "has an empty fieldRef.fieldPath; name a pod field such as metadata.name"
    if api_version != "v1":
        message = (f'fieldRef apiVersion is "{api_version}"; the downward API only supports "v1" '
                   "(or leave it out)")
        return path / "apiVersion", message
    shown = f'fieldRef.fieldPath "{field_path}"'
    split = _split_subscript(field_path)
    if split is not None:
        base, key = split
        if base not in SUBSCRIPTED:
            message = (f"{shown} uses a subscript; only metadata.labels['<key>'] and "
                       "metadata.annotations['<key>'] take one")
            return at_path, message
        # annotation keys are checked lower-cased; path quirk: the server reports a bad
        # key at fieldRef itself
        problems = formats.qualified_name(key.lower() if base == "metadata.annotations" else key)
        if problems:
            message = (f'{shown} has an invalid key "{key}": {problems[0]}; keys are qualified '
                       "names such as app or example.com/tier")
            return at_path, message
        return None
    internal = "spec.nodeName" if field_path == "spec.host" else field_path
    if internal not in CONVERTIBLE:
        return at_path, f"{shown} is not a pod field the downward API knows; env vars accept {_accepted(k8s)}"
    if internal == "status.hostIPs" and not k8s.gate("PodHostIPs"):
        return at_path, f"{shown} needs Kubernetes 1.29 or later (PodHostIPs); on {k8s} use status.hostIP"
    if internal in SUBSCRIPTED:
        message = (f"{shown} cannot be used in an env var; use {internal}['<key>'] for one entry "
                   "(the whole map is only available in a downwardAPI volume)")
        return at_path, message
    if internal not in ENV_FIELDS:
        return at_path, f"{shown} cannot be used in an env var; env vars accept {_accepted(k8s)}"
    return None


def _accepted(k8s: KubeVersion) -> str:
    fields = [f for f in ENV_FIELDS if f != "status.hostIPs" or k8s.gate("PodHostIPs")]
    return ", ".join(fields) + ", metadata.labels['<key>'] and metadata.annotations['<key>']"


def _split_subscript(field_path: str) -> Optional[tuple[str, str]]:
    """pkg/fieldpath SplitMaybeSubscriptedPath: "a.b['k']" -> ("a.b", "k")."""
    if not field_path.endswith("']"):
        return None
    head, sep, key = field_path[:-2].partition("['")
    if not sep or not head:
        return None
    return head, key
