"""The schema pass's fast path: one compiled predicate per schema, equivalent to jsonschema's
is_valid for the keywords podlint's schemas use.

About ten times faster than jsonschema on valid objects, which are nearly all of them;
jsonschema is imported only to explain an invalid one (schema.py). tests/test_schema.py
checks that the two agree.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Optional

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

def compile_schema(schema: dict, defs: dict[str, Any],
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
                _cache.append(compile_schema(defs[name], defs, memo))
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
    extra = None if isinstance(additional, bool) else compile_schema(additional, defs, memo)
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
        item_check = compile_schema(schema["items"], defs, memo)

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
        check = None if schema is None else compile_schema(schema, self.defs, self.memo)
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
