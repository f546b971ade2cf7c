"""The JSON-schema pass: what the API server's decoder rejects, and unserved apiVersions."""

from __future__ import annotations

import functools
import json
import math
import os
import re
from typing import TYPE_CHECKING, Any, Callable, Iterator, Optional

from podlint.diagnostics import Finding
from podlint.model import lookup
from podlint.paths import FieldPath
from podlint.versions import KubeVersion

if TYPE_CHECKING:
    from pathlib import Path

# jsonschema (about 30 ms to import) and difflib are imported only when an object is
# invalid: the compiled check `_VersionSchemas.is_valid` answers for valid ones.

# The rules this pass raises; their metadata lives in podlint/rules/pl0NN_*.py like every
# other rule's, so listing rules does not import this module (and jsonschema).
SCHEMA_RULE_IDS = ("PL005", "PL006", "PL010", "PL011", "PL012", "PL013", "PL014")

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
    "io.k8s.api.core.v1.HTTPGetAction": "httpGet action",
    "io.k8s.api.core.v1.TCPSocketAction": "tcpSocket action",
    "io.k8s.api.core.v1.GRPCAction": "grpc action",
    "io.k8s.api.core.v1.Volume": "volume",
}

_VERSION_PART = re.compile(r"^v(\d+)(?:(alpha|beta)(\d+))?$")


def _schema_dir() -> Path:
    """The installed package's schemas/, else the source checkout's."""
    from pathlib import Path

    return Path(_schema_folder())


@functools.lru_cache(maxsize=None)
def _schema_folder() -> str:
    """_schema_dir as a string, without importing pathlib on the check path."""
    here = os.path.dirname(os.path.realpath(__file__))
    for candidate in (os.path.join(here, "schemas"), os.path.join(os.path.dirname(here), "schemas")):
        if os.path.isfile(os.path.join(candidate, "served.json")):
            return candidate
    raise FileNotFoundError(f"podlint's schemas are missing (looked in {here}/schemas "
                            f"and {os.path.dirname(here)}/schemas)")


@functools.lru_cache(maxsize=None)
def _served() -> dict[str, tuple[int, ...]]:
    """'apps/v1/Deployment' -> the bundled minor releases that serve it."""
    with open(os.path.join(_schema_folder(), "served.json"), encoding="utf-8") as f:
        return {key: tuple(minors) for key, minors in json.load(f).items()}


def is_known_kind(api_version: str, kind: str) -> bool:
    """Whether apiVersion/kind is built in to some bundled release or a known removed one."""
    return f"{api_version}/{kind}" in _served() or (api_version, kind) in REMOVED


@functools.lru_cache(maxsize=None)
def _built_in() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """group -> its apiVersions, and kind -> the apiVersions serving it, in any bundled
    release or the table of removed ones ("" is the core group)."""
    versions: dict[str, set[str]] = {}
    kinds: dict[str, set[str]] = {}
    pairs = [key.rpartition("/")[::2] for key in _served()] + list(REMOVED)
    for api_version, kind in pairs:
        versions.setdefault(api_version.rpartition("/")[0], set()).add(api_version)
        kinds.setdefault(kind, set()).add(api_version)
    return versions, kinds


def is_built_in_group(api_version: str) -> bool:
    """Whether the apiVersion's group is one of Kubernetes' own (not a custom resource's)."""
    return api_version.rpartition("/")[0] in _built_in()[0]


def _unknown_kind(api_version: str, kind: str, k8s: KubeVersion, schemas: "_VersionSchemas",
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


class _VersionSchemas:
    """One release's schema file, with a compiled validator per kind made on first use."""

    def __init__(self, minor: int) -> None:
        with open(os.path.join(_schema_folder(), f"v1.{minor}.json"), encoding="utf-8") as f:
            doc = json.load(f)
        self.draft = doc["$schema"]
        self.kinds: dict[str, str] = doc["kinds"]
        self.defs: dict[str, Any] = doc["$defs"]
        _share_definitions(self.defs, set(doc["recursive"]))
        # error.schema is one of these objects: map it back to its definition's name
        self.names: dict[int, str] = {id(schema): name for name, schema in self.defs.items()}
        self.validators: dict[str, Any] = {}
        self.fast: dict[str, Callable[[Any], bool]] = {}
        self._compiled: dict[int, Callable[[Any], bool]] = {}

    def is_valid(self, key: str, obj: Any) -> bool:
        """Fast yes/no for a kind; jsonschema is asked for details only when this says no."""
        check = self.fast.get(key)
        if check is None:
            check = self.fast[key] = _compile(self.defs[self.kinds[key]], self.defs, self._compiled)
        return check(obj)

    def validator(self, key: str) -> Any:
        found = self.validators.get(key)
        if found is None:
            name = self.kinds[key]
            root = dict(self.defs[name])
            root["$schema"] = self.draft
            root["$defs"] = self.defs  # for the recursive $refs left in place
            self.names[id(root)] = name
            import jsonschema

            cls = jsonschema.validators.validator_for(root)
            found = self.validators[key] = cls(root)
        return found


_TYPE_TESTS: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    # draft 2020-12: 80.0 is an integer, as Kubernetes' JSON decoding agrees
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
}


def _compile(schema: dict, defs: dict[str, Any],
             memo: dict[int, Callable[[Any], bool]]) -> Callable[[Any], bool]:
    """A predicate equivalent to jsonschema's is_valid for the keywords our schemas use.

    About ten times faster than jsonschema's iter_errors on valid objects, which are
    nearly all of them; error details still come from jsonschema.
    """
    found = memo.get(id(schema))
    if found is not None:
        return found
    ref = schema.get("$ref")
    if ref is not None:  # a recursive definition: compile on first use
        name = ref[len("#/$defs/"):]

        def check_ref(value: Any, _cache: list = []) -> bool:
            if not _cache:
                _cache.append(_compile(defs[name], defs, memo))
            return _cache[0](value)

        memo[id(schema)] = check_ref
        return check_ref

    checks: list[Callable[[Any], bool]] = []

    def check(value: Any) -> bool:
        for test in checks:
            if not test(value):
                return False
        return True

    memo[id(schema)] = check  # before recursing, for shared and self-referencing parts
    types = schema.get("type")
    # a lone "object" or "array" type folds into the object or items check below (one
    # call per value instead of two: most values are objects and lists of objects)
    names = [types] if isinstance(types, str) else list(types or ())
    nullable = "null" in names
    core = [n for n in names if n != "null"]
    # what the object (items) check answers for a value that is not a dict (list):
    # True when no type is folded into it, else whether the value is a null it allows
    dict_only = core == ["object"] and _folds(schema, False)
    list_only = core == ["array"] and _folds(schema, True)
    if types is not None and not (dict_only or list_only):
        checks.append(_type_test(names))
    properties = _PropertyChecks(schema.get("properties", {}), defs, memo)
    additional = schema.get("additionalProperties", True)
    extra = None if isinstance(additional, bool) else _compile(additional, defs, memo)
    required = tuple(schema.get("required", ()))
    if properties or additional is not True or required:
        def check_object(value: Any) -> bool:
            if not isinstance(value, dict):
                return not dict_only or (nullable and value is None)
            for key in required:
                if key not in value:
                    return False
            for key, item in value.items():
                sub = properties[key]
                if sub is not None:
                    if not sub(item):
                        return False
                elif extra is not None:
                    if not extra(item):
                        return False
                elif additional is False:
                    return False
            return True
        checks.append(check_object)
    if "items" in schema:
        item_check = _compile(schema["items"], defs, memo)

        def check_items(value: Any) -> bool:
            if not isinstance(value, list):
                return not list_only or (nullable and value is None)
            for item in value:
                if not item_check(item):
                    return False
            return True
        checks.append(check_items)
    if "pattern" in schema:
        search = re.compile(schema["pattern"]).search
        checks.append(lambda v: not isinstance(v, str) or search(v) is not None)
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None or high is not None:
        def check_range(v: Any) -> bool:
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                return True
            return (low is None or v >= low) and (high is None or v <= high)
        checks.append(check_range)
    if len(checks) == 1:
        memo[id(schema)] = checks[0]
        return checks[0]
    return check


class _PropertyChecks(dict):
    """A property name -> its compiled check (None for names the schema lacks), each
    compiled on first sight: a manifest visits a small part of the pod spec's schema."""

    __slots__ = ("defs", "memo", "schemas")

    def __init__(self, schemas: dict, defs: dict[str, Any], memo: dict[int, Callable[[Any], bool]]) -> None:
        super().__init__()
        self.schemas, self.defs, self.memo = schemas, defs, memo

    def __bool__(self) -> bool:
        return bool(self.schemas)

    def __missing__(self, key: Any) -> Optional[Callable[[Any], bool]]:
        schema = self.schemas.get(key) if isinstance(key, str) else None
        check = None if schema is None else _compile(schema, self.defs, self.memo)
        self[key] = check
        return check


_PLAIN_TYPES = {"object": dict, "array": list, "string": str}


def _type_test(names: list[str]) -> Callable[[Any], bool]:
    """One predicate for a list of JSON types (most lists are [T, "null"]: one isinstance)."""
    if len(names) == 1:
        return _TYPE_TESTS[names[0]]
    plain = tuple(_PLAIN_TYPES[n] for n in names if n in _PLAIN_TYPES)
    rest = [_TYPE_TESTS[n] for n in names if n not in _PLAIN_TYPES and n != "null"]
    nullable = "null" in names
    if not rest:
        if nullable:
            return lambda v: v is None or isinstance(v, plain)
        return lambda v: isinstance(v, plain)
    return lambda v: (v is None and nullable) or isinstance(v, plain) or any(t(v) for t in rest)


def _folds(schema: dict, is_array: bool) -> bool:
    """Whether a lone object/array type can be checked by the object/items check itself.

    Only when that check exists and nothing else (pattern, range) applies to the value.
    """
    if "pattern" in schema or "minimum" in schema or "maximum" in schema:
        return False
    if is_array:
        return "items" in schema and not ("properties" in schema or "required" in schema
                                          or "additionalProperties" in schema)
    return bool(schema.get("properties") or schema.get("additionalProperties", True) is not True
                or schema.get("required")) and "items" not in schema


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


def prepare(k8s: KubeVersion) -> None:
    """Load the release's schemas and compile the pod-bearing kinds' checks ahead of use.

    The engine calls this before forking worker processes, which then share the result.
    """
    from podlint.workloads import POD_KINDS

    _served()
    schemas = _version(k8s.minor)
    for key in schemas.kinds:
        if key.rpartition("/")[2] in POD_KINDS:
            schemas.is_valid(key, None)


def decoded(obj: dict, k8s: KubeVersion) -> dict:
    """The object as the API server decodes it: nulls replaced by zero values (nulls.py)."""
    from podlint.nulls import decoded as zeroed

    schemas = _version(k8s.minor)
    name = schemas.kinds.get(f"{obj.get('apiVersion')}/{obj.get('kind')}")
    return zeroed(obj, schemas.defs.get(name) if name else None, schemas.defs)


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
        unknown = _unknown_kind(api_version, kind, k8s, schemas, base)
        return [("PL006", unknown)] if unknown is not None else []
    findings: list[tuple[str, Finding]] = []
    bad_numbers: set[FieldPath] = set()
    if _has_non_finite(obj):
        # YAML's .nan and .inf have no JSON form: kubectl cannot even send the object
        for path, value in _non_finite(obj, base):
            bad_numbers.add(path)
            findings.append(("PL011", Finding(
                path, f"expected a finite number, got {_show(value)} "
                      f"(JSON has no NaN or infinity)", on_key=False)))
    if schemas.is_valid(key, obj):
        return findings
    seen: set[tuple[str, Finding]] = set()
    validator = schemas.validator(key)
    for error in validator.iter_errors(obj):
        for rule_id, finding in _explain(error, obj, base, validator.schema, schemas):
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


def _quote_hint(instance: Any, types: Any) -> str:
    """Why a plain YAML scalar is not a string, for the classic `value: yes` mistake."""
    if [t for t in types if t != "null"] != ["string"]:
        return ""  # IntOrString, Quantity: quoting would not make the value right
    if isinstance(instance, bool):
        return (" (unquoted yes/no/on/off/true/false are booleans in the YAML Kubernetes reads: "
                "quote the value to keep it a string)")
    if isinstance(instance, (int, float)):
        return " (quote it to keep it a string; YAML reads it as a number)"
    return ""


def _stability(api_version: str) -> tuple[int, int, int]:
    """Order apiVersions GA > beta > alpha, then by number: v1 < v2, v1beta1 < v1beta2."""
    m = _VERSION_PART.match(api_version.rpartition("/")[2])
    if not m:
        return (0, 0, 0)
    stage = {"alpha": 1, "beta": 2, None: 3}[m.group(2)]
    return (stage, int(m.group(1)), int(m.group(3) or 0))


def _explain(error: Any, obj: dict, base: FieldPath, root: dict,
             schemas: _VersionSchemas) -> Iterator[tuple[str, Finding]]:
    """Turn one jsonschema error into findings (several for several unknown fields)."""
    relative = tuple(error.absolute_path)
    path = base.join(*relative)
    keyword, instance, schema = error.validator, error.instance, error.schema
    if keyword == "additionalProperties":
        known = schema.get("properties", {})
        where = _object_name(schemas, schema, instance, path)
        for field in instance:
            if field not in known:
                yield "PL010", Finding(path / field, _unknown_field(field, known, where))
    elif keyword == "required":
        # jsonschema raises this once per missing field without naming it; check_object
        # drops the repeats
        where = _object_name(schemas, schema, instance, path)
        for field in error.validator_value:
            if field not in instance:
                # at the field's own key when it is written as null, else at the object
                yield "PL012", Finding(path / field, f'{where} is missing required field "{field}"')
    elif keyword == "type":
        parent = _parent_schema(error, root, schemas) if instance is None else None
        if parent is not None and path[-1] in parent.get("required", ()):
            where = _object_name(schemas, parent, lookup(obj, *relative[:-1]), path.parent)
            yield "PL012", Finding(path, f'{where} is missing required field "{path[-1]}" '
                                         f"(null counts as absent)")
        else:
            types = _types(error.validator_value)
            expected = " or ".join(_TYPE_WORDS[t] for t in types if t != "null")
            yield "PL011", Finding(path, f"expected {expected}, got {_show(instance)}"
                                         f"{_quote_hint(instance, types)}", on_key=False)
    elif keyword in ("minimum", "maximum"):
        bits = 32 if (schema.get("minimum"), schema.get("maximum")) == _INT32 else 64
        yield "PL011", Finding(path, f"expected a {bits}-bit integer, got {_show(instance)}",
                               on_key=False)
    elif keyword == "pattern" and schema.get("format") == "quantity":
        yield "PL013", Finding(path, f"invalid quantity {_show(instance)}: {_QUANTITY_HINT}",
                               on_key=False)
    elif keyword == "pattern" and schema.get("format") == "byte":
        in_secret_data = obj["kind"] == "Secret" and relative[:-1] == ("data",)
        hint = "; put plain text in stringData" if in_secret_data else ""
        yield "PL014", Finding(path, f"invalid base64 value {_show(instance)}: this field "
                                     f"holds bytes, base64-encoded{hint}", on_key=False)
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


def _parent_schema(error: Any, root: dict, schemas: _VersionSchemas) -> Optional[dict]:
    """The object schema whose `properties` holds the failing field's schema, if any."""
    schema_path = list(error.absolute_schema_path)
    # [..., "properties", <field>, "type"]: the parent is the node holding "properties"
    if len(schema_path) < 3 or schema_path[-3] != "properties":
        return None
    node: Any = root
    for part in schema_path[:-3]:
        while isinstance(node, dict) and "$ref" in node and part not in node:
            node = schemas.defs[node["$ref"][len("#/$defs/"):]]
        node = node.get(part) if isinstance(node, dict) else None
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
    if name in _PLAIN_NAMES:
        return _PLAIN_NAMES[name] + (label if name == "io.k8s.api.core.v1.Volume" else "")
    type_name = name.rpartition(".")[2] or "object"
    kinds = {key.rpartition("/")[2]: def_name for key, def_name in schemas.kinds.items()}
    for kind, def_name in kinds.items():
        if def_name == name:
            return kind
    if type_name.endswith("Spec") and type_name[:-4] in kinds:
        return f"{type_name[:-4]} spec"  # DeploymentSpec -> "Deployment spec"
    return type_name


def _unknown_field(field: Any, known: dict, where: str) -> str:
    message = f'unknown field "{field}" in {where}'
    text = str(field)
    by_lower = {k.lower(): k for k in known}
    match = by_lower.get(text.lower())
    if match is None:
        import difflib

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
