"""The JSON-schema pass: what the API server's decoder rejects, and unserved apiVersions."""

from __future__ import annotations

import difflib
import functools
import json
import math
import re
from pathlib import Path
from typing import Any, Iterator, Optional

import jsonschema

from podlint.diagnostics import Finding, Severity
from podlint.model import Rule
from podlint.paths import FieldPath
from podlint.versions import KubeVersion

SCHEMA_RULES: tuple[Rule, ...] = (
    Rule("PL005", "unserved-api-version", Severity.ERROR,
         "apiVersion/kind is not served by the chosen Kubernetes release"),
    Rule("PL010", "unknown-field", Severity.ERROR,
         "Field is not part of the Kubernetes type"),
    Rule("PL011", "wrong-type", Severity.ERROR,
         "Value has the wrong type for its field"),
    Rule("PL012", "missing-required-field", Severity.ERROR,
         "Object lacks a field its type requires"),
    Rule("PL013", "invalid-quantity", Severity.ERROR,
         "Resource quantity does not parse"),
    Rule("PL014", "invalid-value", Severity.ERROR,
         "Value is not allowed by the Kubernetes schema"),
)

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

QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity"
_QUANTITY_HINT = "expected a number with an optional suffix such as 500m, 1.5, 128Mi or 1G"

_INT32 = (-(2**31), 2**31 - 1)

_TYPE_WORDS = {
    "integer": "an integer", "string": "a string", "number": "a number",
    "boolean": "true or false", "object": "a mapping", "array": "a list",
}

# Definition -> how messages name an object of that type.
_PLAIN_NAMES = {
    "io.k8s.api.core.v1.PodSpec": "pod spec",
    "io.k8s.api.core.v1.PodTemplateSpec": "pod template",
    "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": "object metadata",
    "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector": "label selector",
    "io.k8s.api.core.v1.Probe": "probe",
    "io.k8s.api.core.v1.ResourceRequirements": "resources",
    "io.k8s.api.core.v1.ContainerPort": "container port",
    "io.k8s.api.core.v1.EnvVar": "env var",
    "io.k8s.api.core.v1.VolumeMount": "volume mount",
    "io.k8s.api.core.v1.SecurityContext": "security context",
    "io.k8s.api.core.v1.PodSecurityContext": "pod security context",
    "io.k8s.api.core.v1.ServicePort": "service port",
}

_VERSION_PART = re.compile(r"^v(\d+)(?:(alpha|beta)(\d+))?$")


def _schema_dir() -> Path:
    """The installed package's schemas/, else the source checkout's."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "schemas", here.parent / "schemas"):
        if (candidate / "served.json").is_file():
            return candidate
    raise FileNotFoundError(f"podlint's schemas are missing (looked in {here}/schemas "
                            f"and {here.parent}/schemas)")


@functools.lru_cache(maxsize=None)
def _served() -> dict[str, tuple[int, ...]]:
    """'apps/v1/Deployment' -> the bundled minor releases that serve it."""
    with open(_schema_dir() / "served.json", encoding="utf-8") as f:
        return {key: tuple(minors) for key, minors in json.load(f).items()}


def is_known_kind(api_version: str, kind: str) -> bool:
    """Whether apiVersion/kind is built in to some bundled release or a known removed one."""
    return f"{api_version}/{kind}" in _served() or (api_version, kind) in REMOVED


class _VersionSchemas:
    """One release's schema file, with a compiled validator per kind made on first use."""

    def __init__(self, minor: int) -> None:
        with open(_schema_dir() / f"v1.{minor}.json", encoding="utf-8") as f:
            doc = json.load(f)
        self.draft = doc["$schema"]
        self.kinds: dict[str, str] = doc["kinds"]
        self.defs: dict[str, Any] = doc["$defs"]
        _share_definitions(self.defs, set(doc["recursive"]))
        # error.schema is one of these objects: map it back to its definition's name
        self.names: dict[int, str] = {id(schema): name for name, schema in self.defs.items()}
        self.validators: dict[str, Any] = {}

    def validator(self, key: str) -> Any:
        found = self.validators.get(key)
        if found is None:
            name = self.kinds[key]
            root = dict(self.defs[name])
            root["$schema"] = self.draft
            root["$defs"] = self.defs  # for the recursive $refs left in place
            self.names[id(root)] = name
            cls = jsonschema.validators.validator_for(root)
            found = self.validators[key] = cls(root)
        return found


def _share_definitions(defs: dict[str, Any], recursive: set[str]) -> None:
    """Replace each non-recursive {"$ref": ...} by the definition object itself, in place.

    Sharing costs no memory and spares jsonschema a reference lookup per object it visits.
    """
    prefix = len("#/$defs/")

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if ref is not None:
                name = ref[prefix:]
                return node if name in recursive else defs[name]
            for key in ("items", "additionalProperties"):
                if key in node:
                    node[key] = resolve(node[key])
            properties = node.get("properties")
            if properties:
                for key, sub in properties.items():
                    properties[key] = resolve(sub)
        return node

    for schema in defs.values():
        resolve(schema)


@functools.lru_cache(maxsize=None)
def _version(minor: int) -> _VersionSchemas:
    return _VersionSchemas(minor)


def check_object(obj: dict, k8s: KubeVersion,
                 base: FieldPath = FieldPath()) -> list[tuple[str, Finding]]:
    """Schema findings for one object (apiVersion and kind are strings); [] for CRD kinds."""
    api_version, kind = obj["apiVersion"], obj["kind"]
    key = f"{api_version}/{kind}"
    schemas = _version(k8s.minor)
    if key not in schemas.kinds:
        if is_known_kind(api_version, kind):
            return [("PL005", Finding(base / "apiVersion",
                                      _unserved_message(api_version, kind, k8s, schemas),
                                      on_key=False))]
        return []
    findings: list[tuple[str, Finding]] = []
    bad_numbers = set()
    if _has_non_finite(obj):
        for path, value in _non_finite(obj, base):
            bad_numbers.add(path)
            findings.append(("PL011", Finding(
                path, f"invalid number {_show(value)}: NaN and infinity are not JSON numbers",
                on_key=False)))
    seen = set()
    for error in schemas.validator(key).iter_errors(obj):
        for rule_id, finding in _explain(error, base, schemas):
            if finding.path in bad_numbers or (rule_id, finding) in seen:
                continue
            seen.add((rule_id, finding))
            findings.append((rule_id, finding))
    return findings


def _unserved_message(api_version: str, kind: str, k8s: KubeVersion,
                      schemas: _VersionSchemas) -> str:
    message = f"{api_version} {kind} is not served by Kubernetes {k8s}"
    group = api_version.rpartition("/")[0]
    replacements = [key.rpartition("/")[0] for key in schemas.kinds
                    if key.rpartition("/")[2] == kind]
    if replacements:
        best = max(replacements, key=lambda av: (av.rpartition("/")[0] == group,
                                                 _stability(av)))
        return f"{message}; use {best}"
    removed = REMOVED.get((api_version, kind))
    if removed is not None:
        return f"{message} (removed in 1.{removed})"
    minors = _served()[f"{api_version}/{kind}"]
    if minors[0] > k8s.minor:
        return f"{message} (first served in 1.{minors[0]})"
    return f"{message} (last served in 1.{minors[-1]})"


def _stability(api_version: str) -> tuple[int, int, int]:
    """Order apiVersions GA > beta > alpha, then by number: v1 < v2, v1beta1 < v1beta2."""
    m = _VERSION_PART.match(api_version.rpartition("/")[2])
    if not m:
        return (0, 0, 0)
    stage = {"alpha": 1, "beta": 2, None: 3}[m.group(2)]
    return (stage, int(m.group(1)), int(m.group(3) or 0))


def _explain(error: Any, base: FieldPath,
             schemas: _VersionSchemas) -> Iterator[tuple[str, Finding]]:
    """Turn one jsonschema error into findings (several for several unknown fields)."""
    path = base.join(*error.absolute_path)
    keyword, instance, schema = error.validator, error.instance, error.schema
    if keyword == "additionalProperties":
        known = schema.get("properties", {})
        where = _object_name(schemas, schema, instance, path)
        for field in instance:
            if field not in known:
                yield "PL010", Finding(path / field, _unknown_field(field, known, where))
    elif keyword == "required":
        where = _object_name(schemas, schema, instance, path)
        for field in error.validator_value:
            if field not in instance:
                yield "PL012", Finding(path, f'{where} is missing required field "{field}"')
    elif keyword == "type":
        if instance is None and _required_by_parent(error, schemas):
            parent = _parent_schema(error, schemas)
            where = _object_name(schemas, parent, None, path.parent)
            yield "PL012", Finding(path, f'{where} is missing required field "{path[-1]}" '
                                         f"(null counts as absent)")
        else:
            expected = " or ".join(_TYPE_WORDS[t] for t in _types(error.validator_value)
                                   if t != "null")
            yield "PL011", Finding(path, f"expected {expected}, got {_show(instance)}",
                                   on_key=False)
    elif keyword in ("minimum", "maximum"):
        bits = 32 if (schema.get("minimum"), schema.get("maximum")) == _INT32 else 64
        yield "PL011", Finding(path, f"expected a {bits}-bit integer, got {_show(instance)}",
                               on_key=False)
    elif keyword == "pattern" and schema is schemas.defs.get(QUANTITY):
        yield "PL013", Finding(path, f"invalid quantity {_show(instance)}: {_QUANTITY_HINT}",
                               on_key=False)
    elif keyword == "enum":
        allowed = ", ".join(_show(v) for v in error.validator_value)
        yield "PL014", Finding(path, f"unsupported value {_show(instance)}: "
                                     f"expected one of {allowed}", on_key=False)
    else:
        yield "PL014", Finding(path, f"invalid value {_show(instance)} "
                                     f"({keyword} {_show(error.validator_value)})",
                               on_key=False)


def _types(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _parent_schema(error: Any, schemas: _VersionSchemas) -> Optional[dict]:
    """The object schema whose `properties` holds the failing field's schema."""
    schema_path = list(error.relative_schema_path)
    # [..., "properties", <field>, "type"]: the parent is what holds "properties"
    if len(schema_path) < 3 or schema_path[-3] != "properties":
        return None
    node: Any = error._get_root_schema() if hasattr(error, "_get_root_schema") else None
    return _walk_schema(schemas, error, schema_path[:-3])


def _required_by_parent(error: Any, schemas: _VersionSchemas) -> bool:
    parent = _parent_schema(error, schemas)
    field = error.relative_schema_path[-2] if len(error.relative_schema_path) > 1 else None
    return parent is not None and field in parent.get("required", ())


def _walk_schema(schemas: _VersionSchemas, error: Any, schema_path: list) -> Optional[dict]:
    """Follow a schema path from the error's root validator schema through shared objects."""
    node: Any = error._validator_root  # set by check_object via _annotate
    for part in schema_path:
        while isinstance(node, dict) and "$ref" in node and part not in node:
            node = schemas.defs[node["$ref"][len("#/$defs/"):]]
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int):
            node = node[part]
        else:
            return None
    return node if isinstance(node, dict) else None


def _object_name(schemas: _VersionSchemas, schema: Optional[dict], instance: Any,
                 path: FieldPath) -> str:
    """How a message names the object at path: 'container "app"', 'pod spec', 'Service'."""
    name = schemas.names.get(id(schema), "") if schema is not None else ""
    own_name = instance.get("name") if isinstance(instance, dict) else None
    label = f' "{own_name}"' if isinstance(own_name, str) else ""
    if name == "io.k8s.api.core.v1.Container":
        section = path[-2] if len(path) >= 2 else "containers"
        return {"initContainers": "init container"}.get(section, "container") + label
    if name == "io.k8s.api.core.v1.EphemeralContainer":
        return "ephemeral container" + label
    if name == "io.k8s.api.core.v1.Volume":
        return "volume" + label
    if name in _PLAIN_NAMES:
        return _PLAIN_NAMES[name]
    kind = next((key.rpartition("/")[2] for key, def_name in schemas.kinds.items()
                 if def_name == name), None)
    if kind is not None:
        return kind
    return name.rpartition(".")[2] or "object"


def _unknown_field(field: Any, known: dict, where: str) -> str:
    message = f'unknown field "{field}" in {where}'
    text = str(field)
    by_lower = {k.lower(): k for k in known}
    match = by_lower.get(text.lower())
    if match is None:
        close = difflib.get_close_matches(text.lower(), list(by_lower), n=1, cutoff=0.75)
        match = by_lower[close[0]] if close else None
    return f'{message}; did you mean "{match}"?' if match else message


def _show(value: Any) -> str:
    """A value as messages quote it: "80x", true, null, 3.5, .nan, a mapping."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return json.dumps(text, ensure_ascii=False)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _has_non_finite(obj: Any) -> bool:
    """Quick test through the C JSON encoder; a full walk only when it objects."""
    try:
        json.dumps(obj, allow_nan=False)
    except (ValueError, TypeError):
        return True
    return False


def _non_finite(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, float]]:
    if isinstance(value, float):
        if not math.isfinite(value):
            yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _non_finite(item, path / key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _non_finite(item, path / index)
