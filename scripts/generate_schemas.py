#!/usr/bin/env python3
"""Generate schemas/ from the Kubernetes JSON schemas in the kubernetes-validate wheel.

Usage:
    python scripts/generate_schemas.py                 # pip download kubernetes-validate
    python scripts/generate_schemas.py --wheel PATH    # use a wheel already on disk

Writes schemas/v1.NN.json (one per supported minor release), schemas/served.json and
schemas/README.md. The output is deterministic: the same wheel gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any, Iterator

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
from podlint.versions import NEWEST_MINOR, OLDEST_MINOR  # noqa: E402  (dependency-free)

WHEEL_VERSION = "1.37.0"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity"
INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"

# resource.Quantity's grammar (apimachinery quantity.go, ParseQuantity): sign, digits with an
# optional decimal point, then a binary (Ki..Ei), decimal (n u m k M G T P E) or exponent
# suffix. "$(?!\n)" is "end of string" both in ECMA-262 and in Python, whose "$" would
# also match before a final newline.
QUANTITY_PATTERN = (
    r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
    r"(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$(?!\n)"
)

# Go's encoding/json decodes a []byte field (OpenAPI format "byte": Secret data, caBundle)
# with base64.StdEncoding, which requires padding and skips CR and LF anywhere.
_B64 = r"[A-Za-z0-9+/][\r\n]*"
BASE64_PATTERN = (
    rf"^[\r\n]*(?:{_B64}{_B64}{_B64}{_B64})*"
    rf"(?:{_B64}{_B64}=[\r\n]*=|{_B64}{_B64}{_B64}=)?[\r\n]*$(?!\n)"
)

# Besides these doc-only keywords and x-kubernetes-*, clean() knows every keyword the wheel
# uses; another one makes the generator stop rather than silently weaken validation.
DROPPED_KEYWORDS = {"description", "format", "default", "example", "externalDocs"}

# Decoding a JSON number into a Go int32/int64 field fails outside these bounds.
INTEGER_BOUNDS = {
    "int32": (-(2**31), 2**31 - 1),
    "int64": (-(2**63), 2**63 - 1),
}

# Objects with apiVersion/kind enums that are not manifests: API discovery and meta types,
# and subresource bodies (posted to .../scale, .../eviction, .../token, never applied).
NOT_MANIFESTS = {
    ("autoscaling/v1", "Scale"),
    ("policy/v1", "Eviction"),
    ("authentication.k8s.io/v1", "TokenRequest"),
}


def fetch_wheel(dest: Path) -> Path:
    """Download the kubernetes-validate wheel with pip into dest."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
         "--dest", str(dest), f"kubernetes-validate=={WHEEL_VERSION}"],
        check=True,
    )
    wheels = sorted(dest.glob("kubernetes_validate-*.whl"))
    if not wheels:
        raise SystemExit("pip download produced no kubernetes_validate wheel")
    return wheels[0]


def ref_name(ref: str) -> str:
    """'/api/_definitions.json#/$defs/X' or '#/$defs/X' -> 'X'."""
    marker = "#/$defs/"
    if marker not in ref:
        raise ValueError(f"unexpected $ref {ref!r}")
    return ref.split(marker, 1)[1]


def clean(schema: Any, where: str) -> Any:
    """A schema without doc-only keywords, with int formats as bounds and local $refs."""
    if isinstance(schema, bool):
        return schema
    if not isinstance(schema, dict):
        raise ValueError(f"{where}: schema is not an object")
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "$ref":
            out["$ref"] = "#/$defs/" + ref_name(value)
        elif key == "properties":
            out[key] = {name: clean(sub, f"{where}.{name}") for name, sub in value.items()}
        elif key in ("items", "additionalProperties"):
            out[key] = clean(value, f"{where}[{key}]")
        elif key in ("type", "required", "enum"):
            out[key] = value
        elif key.startswith("x-") or key in DROPPED_KEYWORDS:
            continue
        else:
            raise ValueError(f"{where}: keyword {key!r} is not handled by the generator")
    fmt = schema.get("format")
    if fmt in INTEGER_BOUNDS and "integer" in _types(schema):
        out["minimum"], out["maximum"] = INTEGER_BOUNDS[fmt]
    elif fmt == "byte" and "string" in _types(schema):
        # "format" names the grammar for podlint's messages; the pattern enforces it
        out["format"], out["pattern"] = fmt, BASE64_PATTERN
    if "$ref" in out and len(out) > 1:
        # Doc-only siblings were dropped; anything else next to a $ref would need allOf.
        raise ValueError(f"{where}: $ref with sibling keywords {sorted(out)}")
    return out


def _types(schema: dict) -> list[str]:
    t = schema.get("type", [])
    return [t] if isinstance(t, str) else list(t)


def special_definition(name: str) -> dict | None:
    """Definitions rewritten by hand-written rules instead of copied."""
    if name == INT_OR_STRING:
        # The wheel's oneOf [string|null, integer|null] rejects null (it matches both
        # branches) and yields two errors for one mistake: a type list says the same.
        return {"type": ["integer", "string", "null"]}
    if name == QUANTITY:
        return {"type": ["number", "string", "null"], "format": "quantity",
                "pattern": QUANTITY_PATTERN}
    return None


def refs_in(schema: Any) -> Iterator[str]:
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "$ref":
                yield ref_name(value)
            elif key == "properties":
                for sub in value.values():
                    yield from refs_in(sub)
            elif key in ("items", "additionalProperties"):
                yield from refs_in(value)


def manifest_kinds(defs: dict[str, Any]) -> dict[str, str]:
    """'apps/v1/Deployment' -> definition name, for every top-level manifest kind."""
    kinds: dict[str, str] = {}
    for name, schema in defs.items():
        if name.startswith("io.k8s.apimachinery."):
            continue  # meta.k8s.io: Status, DeleteOptions, APIGroup, WatchEvent...
        props = schema.get("properties", {})
        api_versions = props.get("apiVersion", {}).get("enum")
        kind_names = props.get("kind", {}).get("enum")
        if not api_versions or not kind_names:
            continue
        if len(api_versions) != 1 or len(kind_names) != 1:
            raise ValueError(f"{name}: several apiVersion/kind values")
        api_version, kind = api_versions[0], kind_names[0]
        if kind.endswith("List") or (api_version, kind) in NOT_MANIFESTS:
            continue
        key = f"{api_version}/{kind}"
        if key in kinds:
            raise ValueError(f"{key} defined twice: {kinds[key]} and {name}")
        kinds[key] = name
    return kinds


def build_version(raw_defs: dict[str, Any], minor: int,
                  newest_required: dict[str, set[str]]) -> dict[str, Any]:
    """The per-version document: manifest kinds and the definitions they reach."""
    kinds = manifest_kinds(raw_defs)
    reached: set[str] = set()
    todo = list(kinds.values())
    while todo:
        name = todo.pop()
        if name in reached:
            continue
        reached.add(name)
        if special_definition(name) is None:
            todo.extend(refs_in(raw_defs[name]))
    defs: dict[str, Any] = {}
    for name in reached:
        special = special_definition(name)
        defs[name] = special if special is not None else clean(raw_defs[name], name)
        trust_required(defs[name], newest_required.get(name), name)
    aliases = sorted(name for name, schema in defs.items() if "$ref" in schema)
    if aliases:
        # podlint/schema.py shares definition objects in place of $refs; an alias would
        # need a second pass.
        raise ValueError(f"definitions that are only a $ref: {aliases}")
    for name in kinds.values():
        # The schema pass dispatches on apiVersion/kind itself; keep the properties so
        # additionalProperties: false still allows them.
        defs[name]["properties"]["apiVersion"] = {}
        defs[name]["properties"]["kind"] = {}
    return {
        "$schema": DRAFT,
        "kubernetes": f"1.{minor}",
        "kinds": kinds,
        "recursive": sorted(recursive_definitions(defs)),
        "$defs": defs,
    }


# OpenAPI "required" is not enforced by the API server: decoding leaves an absent field at
# its zero value and validation.go decides. Where a podlint rule reports that zero value in
# the API server's words, or the server accepts it, the schema pass must stay quiet.
LEFT_TO_RULES: dict[str, set[str]] = {
    "io.k8s.api.core.v1.HTTPGetAction": {"port"},  # PL306: port 0 is out of range
    "io.k8s.api.core.v1.TCPSocketAction": {"port"},  # PL309
    "io.k8s.api.core.v1.GRPCAction": {"port"},  # PL310
    "io.k8s.api.core.v1.HTTPHeader": {"name", "value"},  # PL308 checks names; values never
    "io.k8s.api.core.v1.SleepAction": {"seconds"},  # PL315 (0 is valid from 1.33)
}


def trust_required(schema: dict[str, Any], newest: set[str] | None, name: str = "") -> None:
    """Keep a required field only if the newest release still requires it.

    Before about 1.33 the OpenAPI marked every field without `omitempty` required, although
    the API server defaults or ignores many of them (RoleRef.apiGroup, StatefulSet
    serviceName, NetworkPolicy podSelector, PodFailurePolicy status); upstream has since
    corrected the markers. A missed error is better than rejecting what a cluster accepts.
    """
    if newest is None or "required" not in schema:
        return  # a type the newest release no longer has: nothing better to go by
    left = LEFT_TO_RULES.get(name, set())
    kept = [field for field in schema["required"] if field in newest and field not in left]
    if kept:
        schema["required"] = kept
    else:
        del schema["required"]


def recursive_definitions(defs: dict[str, Any]) -> set[str]:
    """Definitions that reach themselves through $refs (they cannot be inlined)."""
    edges = {name: set(refs_in(schema)) for name, schema in defs.items()}
    found: set[str] = set()
    for start in edges:
        seen: set[str] = set()
        todo = list(edges[start])
        while todo:
            name = todo.pop()
            if name == start:
                found.add(start)
                break
            if name not in seen:
                seen.add(name)
                todo.extend(edges[name])
    return found


def dump(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


README = """\
# Generated files: do not edit

These JSON files are generated by `scripts/generate_schemas.py` from the Kubernetes JSON
schemas in the `kubernetes-validate=={wheel}` wheel (its `*-local-strict` folders, which
derive from the Kubernetes OpenAPI specification). Never edit them by hand: change the
script and regenerate:

```
python scripts/generate_schemas.py                  # downloads the wheel with pip
python scripts/generate_schemas.py --wheel PATH.whl  # or use one already on disk
```

- `v1.NN.json`, one per Kubernetes minor release 1.{oldest} to 1.{newest}: `kinds` maps
  "apiVersion/kind" (e.g. "apps/v1/Deployment", "v1/Pod") to a definition name in
  `$defs`; `$defs` holds only the definitions those kinds reach, shared by `$ref`, with
  descriptions and `x-kubernetes-*` keys dropped and `additionalProperties: false` kept.
  int32/int64 formats became `minimum`/`maximum`; IntOrString and resource.Quantity
  became type lists; Quantity strings (`format: quantity`) and base64 bytes
  (`format: byte`) carry their grammar as a `pattern`. JSON Schema draft 2020-12.
  A field stays required only if the newest release still requires it: older OpenAPI
  documents marked fields required that the API server defaults or ignores.
- `recursive`: the definitions that reach themselves (they must stay `$ref`s).
- `served.json`: for each "apiVersion/kind", the minor releases whose schemas have it.

`podlint/schema.py` loads only the file of the release being checked, and resolves the
non-recursive `$ref`s by sharing objects in memory (CRDs' JSONSchemaProps stays a `$ref`).
"""


def generate(wheel: Path, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    served: dict[str, list[int]] = {}
    with zipfile.ZipFile(wheel) as archive:

        def read_definitions(minor: int) -> dict[str, Any]:
            member = (f"kubernetes_validate/kubernetes-json-schema/"
                      f"v1.{minor}.0-local-strict/_definitions.json")
            return json.loads(archive.read(member))["$defs"]

        newest_required = {name: set(schema.get("required", ()))
                           for name, schema in read_definitions(NEWEST_MINOR).items()}
        for minor in range(OLDEST_MINOR, NEWEST_MINOR + 1):
            doc = build_version(read_definitions(minor), minor, newest_required)
            for key in doc["kinds"]:
                served.setdefault(key, []).append(minor)
            target = out_dir / f"v1.{minor}.json"
            target.write_text(dump(doc), encoding="utf-8")
            print(f"{target.relative_to(out_dir.parent)}: {len(doc['kinds'])} kinds, "
                  f"{len(doc['$defs'])} definitions, {target.stat().st_size // 1024} KiB")
    (out_dir / "served.json").write_text(dump(served), encoding="utf-8")
    (out_dir / "README.md").write_text(
        README.format(wheel=WHEEL_VERSION, oldest=OLDEST_MINOR, newest=NEWEST_MINOR),
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="kubernetes-validate wheel to read")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "schemas",
                        help="output folder (default: schemas/ in the repository)")
    args = parser.parse_args(argv)
    if args.wheel:
        generate(args.wheel, args.out)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            generate(fetch_wheel(Path(tmp)), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
