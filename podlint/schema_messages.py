"""The schema pass's messages: a jsonschema error -> podlint findings in the API server's terms."""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any, Iterator, Optional

from podlint.diagnostics import Finding, FixIntent
from podlint.model import lookup
from podlint.paths import FieldPath

if TYPE_CHECKING:
    from podlint.schema import _VersionSchemas

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

def explain(error: Any, obj: dict, base: FieldPath, root: dict,
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
                yield "PL010", Finding(path / field, _unknown_field(field, known, where),
                                       fix=_rename_fix(field, known, instance))
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
                                         f"{_quote_hint(instance, types)}", on_key=False,
                                   fix=_type_fix(instance, types))
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

def _rename_fix(field: Any, known: dict, instance: dict) -> Optional[FixIntent]:
    """The key renamed to the one field it can mean: the same letters in another case, else
    the only close name (none when two are close, or the object already has that field)."""
    if not isinstance(field, str):
        return None
    by_lower = {k.lower(): k for k in known}
    match = by_lower.get(field.lower())
    if match is None:
        import difflib

        close = difflib.get_close_matches(field.lower(), list(by_lower), n=2, cutoff=0.75)
        match = by_lower[close[0]] if len(close) == 1 else None
    if match is None or match in instance:
        return None
    return FixIntent("rename-key", match, f'rename "{field}" to "{match}"')

def _type_fix(instance: Any, types: list[str]) -> Optional[FixIntent]:
    """A quoted integer unquoted in an integer field; a YAML 1.1 boolean or number quoted
    where a string is required (its text kept: `1.20` becomes "1.20", not "1.2")."""
    wanted = [t for t in types if t != "null"]
    if wanted == ["integer"] and isinstance(instance, str):
        text = instance.strip()
        if text == instance and 0 < len(text) <= 20 and text.lstrip("-").isdigit() and text.isascii() \
                and (text.lstrip("-") == "0" or not text.lstrip("-").startswith("0")):
            number = int(text)
            if -(2**63) <= number < 2**63:
                return FixIntent("replace", number, f"write {text} as a number")
    if wanted == ["string"] and isinstance(instance, (bool, int, float)):
        return FixIntent("quote", None, "quote the value to keep it a string")
    return None

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
