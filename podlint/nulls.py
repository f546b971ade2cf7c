"""null as the API server decodes it: the zero value of the field's Go type.

kubectl sends `null` on; the server's JSON decoding then leaves the field at its zero
value. For a field that is as good as absent (and defaulting fills it in as if it were);
for a list item or a map value it is a real value: `containers: [null]` is a container
with no name and no image, `limits: {cpu: ~}` a limit of 0, `labels: {app: null}` the
label value "". Rules are written against what the server validates, so an object
holding nulls is handed to them with each null replaced by that zero value.
"""

from __future__ import annotations

from typing import Any, Optional


def decoded(obj: dict, root: Optional[dict], defs: dict[str, Any]) -> dict:
    """A copy of `obj` with every null replaced as the decoder does (`root`: the schema
    of the object's kind; None for kinds without one, whose nulls just drop out)."""
    return _object(obj, root, defs)


def _resolve(schema: Optional[dict], defs: dict[str, Any]) -> Optional[dict]:
    while schema is not None and "$ref" in schema:
        schema = defs.get(schema["$ref"][len("#/$defs/"):])
    return schema


def _value(value: Any, schema: Optional[dict], defs: dict[str, Any]) -> Any:
    if isinstance(value, dict):
        return _object(value, schema, defs)
    if isinstance(value, list):
        items = _resolve(schema.get("items"), defs) if schema else None
        return [_zero(items) if item is None else _value(item, items, defs) for item in value]
    return value


def _object(value: dict, schema: Optional[dict], defs: dict[str, Any]) -> dict:
    schema = _resolve(schema, defs)
    properties = schema.get("properties") if schema else None
    extra = schema.get("additionalProperties") if schema else None
    mapping = isinstance(extra, dict)  # a map (labels, limits): its values are real values
    out = {}
    for key, item in value.items():
        sub = properties.get(key) if properties else None
        if sub is None and mapping:
            sub = extra
            if item is None:
                out[key] = _zero(_resolve(sub, defs))
                continue
        if item is None:
            continue  # a field: its zero value means unset
        out[key] = _value(item, _resolve(sub, defs), defs)
    return out


def _zero(schema: Optional[dict]) -> Any:
    """The zero value of a list item or map value of this schema."""
    if schema is None:
        return None
    if schema.get("format") in ("quantity", "int-or-string"):
        return 0  # a zero Quantity prints "0"; a zero IntOrString is the integer 0
    types = schema.get("type")
    names = [types] if isinstance(types, str) else list(types or ("object",))
    for name, zero in (("object", {}), ("integer", 0), ("number", 0), ("string", ""),
                       ("boolean", False), ("array", [])):
        if name in names:
            return type(zero)() if isinstance(zero, (dict, list)) else zero
    return None
