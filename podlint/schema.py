"""The JSON-schema pass: what the API server's decoder rejects, and unserved apiVersions."""

from __future__ import annotations

import functools
import json
import os
from typing import Any, Callable, Optional

from podlint.apis import is_built_in_group, is_known_kind, schema_folder, served, unknown_kind, unserved_message

__all__ = ["SCHEMA_RULE_IDS", "check_object", "decoded", "is_built_in_group", "is_known_kind", "prepare"]
from podlint.diagnostics import Finding, FixIntent
from podlint.paths import FieldPath
from podlint.schema_fast import compile_schema
from podlint.schema_messages import explain
from podlint.versions import KubeVersion

# jsonschema (about 30 ms to import) and difflib are imported only when an object is
# invalid: the compiled check `_VersionSchemas.is_valid` answers for valid ones.

# The rules this pass raises; their metadata lives in podlint/rules/pl0NN_*.py like every
# other rule's, so listing rules does not import this module (and jsonschema).
SCHEMA_RULE_IDS = ("PL005", "PL006", "PL010", "PL011", "PL012", "PL013", "PL014")


_TYPE = "type:"  # a validator key of a core type rather than a kind: "type:io.k8s.api.core.v1.PodSpec"
CORE_TYPES = {"PodTemplateSpec": "io.k8s.api.core.v1.PodTemplateSpec", "PodSpec": "io.k8s.api.core.v1.PodSpec"}


class _VersionSchemas:
    """One release's schema file, with a compiled validator per kind made on first use."""

    def __init__(self, minor: int) -> None:
        with open(os.path.join(schema_folder(), f"v1.{minor}.json"), encoding="utf-8") as f:
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
        """Fast yes/no for a kind (or a "type:" definition); jsonschema is asked for details
        only when this says no."""
        check = self.fast.get(key)
        if check is None:
            name = self.kinds.get(key) or key[len(_TYPE):]
            check = self.fast[key] = compile_schema(self.defs[name], self.defs, self._compiled)
        return check(obj)

    def validator(self, key: str) -> Any:
        found = self.validators.get(key)
        if found is None:
            name = self.kinds.get(key) or key[len(_TYPE):]
            root = dict(self.defs[name])
            root["$schema"] = self.draft
            root["$defs"] = self.defs  # for the recursive $refs left in place
            self.names[id(root)] = name
            import jsonschema

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


def prepare(k8s: KubeVersion) -> None:
    """Load the release's schemas and compile the pod-bearing kinds' checks ahead of use.

    The engine calls this before forking worker processes, which then share the result.
    """
    from podlint.workloads import POD_KINDS

    served()
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


def decoded_value(value: Any, type_name: str, k8s: KubeVersion) -> Any:
    """A core type's value (CORE_TYPES) as the API server would decode it (nulls.py)."""
    from podlint.nulls import decoded as zeroed

    if not isinstance(value, dict):
        return value
    schemas = _version(k8s.minor)
    return zeroed(value, schemas.defs[CORE_TYPES[type_name]], schemas.defs)


def check_value(value: Any, type_name: str, k8s: KubeVersion, base: FieldPath) -> list[tuple[str, Finding]]:
    """Schema findings for a value of a core type (CORE_TYPES: a custom resource's pod
    template) at `base`; its schema is the release's, as for the built-in kinds."""
    schemas = _version(k8s.minor)
    key = _TYPE + CORE_TYPES[type_name]
    if schemas.is_valid(key, value):
        return []
    return _explained(schemas, key, value, base)


def check_object(obj: dict, k8s: KubeVersion,
                 base: FieldPath = FieldPath()) -> list[tuple[str, Finding]]:
    """Schema findings for one object (apiVersion and kind are strings); [] for CRD kinds."""
    api_version, kind = obj["apiVersion"], obj["kind"]
    key = f"{api_version}/{kind}"
    schemas = _version(k8s.minor)
    if key not in schemas.kinds:
        if is_known_kind(api_version, kind):
            return [("PL005", Finding(base / "apiVersion",
                                      unserved_message(api_version, kind, k8s, schemas),
                                      on_key=False, fix=_version_fix(obj, kind, schemas)))]
        unknown = unknown_kind(api_version, kind, schemas, base)
        return [("PL006", unknown)] if unknown is not None else []
    if schemas.is_valid(key, obj):
        return []
    return _explained(schemas, key, obj, base)


def _version_fix(obj: dict, kind: str, schemas: _VersionSchemas) -> Optional[FixIntent]:
    """apiVersion changed to the one serving the kind: safe when the object is valid there
    as it stands, unsafe when the new version needs more (apps/v1 requires spec.selector)."""
    from podlint.apis import replacement

    best = replacement(obj["apiVersion"], kind, schemas)
    if best is None:
        return None
    valid = schemas.is_valid(f"{best}/{kind}", {**obj, "apiVersion": best})
    return FixIntent("replace", best, f"change apiVersion to {best}"
                     + ("" if valid else f" (the object is not yet valid as {best}: it needs more)"), valid)


def _explained(schemas: _VersionSchemas, key: str, obj: Any, base: FieldPath) -> list[tuple[str, Finding]]:
    findings: list[tuple[str, Finding]] = []
    seen: set[tuple[str, Finding]] = set()
    validator = schemas.validator(key)
    for error in validator.iter_errors(obj):
        for rule_id, finding in explain(error, obj, base, validator.schema, schemas):
            if (rule_id, finding) in seen:
                continue
            seen.add((rule_id, finding))
            findings.append((rule_id, finding))
    return findings


