"""The JSON-schema pass (podlint/schema.py) and the generated schemas/ it reads."""

from __future__ import annotations

import copy
import importlib.util
import json
import os
from pathlib import Path

import pytest

from podlint.paths import FieldPath
from podlint.rules import rules_by_id
from podlint.schema import SCHEMA_RULE_IDS, check_object, is_known_kind
from podlint.versions import NEWEST_MINOR, OLDEST_MINOR, KubeVersion

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
NEWEST = KubeVersion.newest()

DEPLOYMENT = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "web", "labels": {"app": "web"}},
    "spec": {
        "replicas": 2,
        "selector": {"matchLabels": {"app": "web"}},
        "template": {
            "metadata": {"labels": {"app": "web"}},
            "spec": {
                "containers": [{
                    "name": "app",
                    "image": "nginx:1.27",
                    "ports": [{"containerPort": 8080, "name": "http"}],
                    "readinessProbe": {"httpGet": {"path": "/", "port": "http"}},
                    "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}},
                }],
            },
        },
    },
}
CONTAINER = ("spec", "template", "spec", "containers", 0)


def deployment(path: tuple = (), value: object = None, delete: bool = False) -> dict:
    """A copy of DEPLOYMENT with the value at path replaced (or deleted)."""
    obj = copy.deepcopy(DEPLOYMENT)
    if path:
        node = obj
        for part in path[:-1]:
            node = node[part]
        if delete:
            del node[path[-1]]
        else:
            node[path[-1]] = value
    return obj


def findings(obj: dict, k8s: KubeVersion = NEWEST, base: FieldPath = FieldPath()) -> list:
    return [(rule_id, str(f.path), f.message, f.on_key) for rule_id, f in check_object(obj, k8s, base)]


def test_valid_deployment_has_no_findings() -> None:
    assert findings(DEPLOYMENT) == []


def test_rules_metadata() -> None:
    rules = [rules_by_id()[rule_id] for rule_id in SCHEMA_RULE_IDS]
    assert [(r.id, r.name) for r in rules] == [
        ("PL005", "unserved-api-version"), ("PL006", "unknown-kind"), ("PL010", "unknown-field"),
        ("PL011", "wrong-type"),
        ("PL012", "missing-required-field"), ("PL013", "invalid-quantity"),
        ("PL014", "invalid-value"),
    ]
    assert all(r.check is None and r.severity.value == "error" for r in rules)


# -- PL010 unknown-field ------------------------------------------------------------------


def test_unknown_field_suggests_case_insensitive_match() -> None:
    obj = deployment(CONTAINER + ("livenessprobe",), {})
    assert findings(obj) == [(
        "PL010", "spec.template.spec.containers[0].livenessprobe",
        'unknown field "livenessprobe" in container "app"; did you mean "livenessProbe"?', True)]


def test_unknown_field_suggests_close_match_and_names_init_containers() -> None:
    obj = deployment(("spec", "template", "spec", "initContainers"),
                     [{"name": "wait", "image": "busybox", "commnd": ["true"]}])
    [(rule_id, path, message, _)] = findings(obj)
    assert (rule_id, path) == ("PL010", "spec.template.spec.initContainers[0].commnd")
    assert message == 'unknown field "commnd" in init container "wait"; did you mean "command"?'


def test_unknown_field_without_close_match_and_plain_names() -> None:
    obj = deployment(("spec", "template", "spec", "flavour"), "vanilla")
    assert findings(obj)[0][2] == 'unknown field "flavour" in pod spec'
    obj = deployment(("metadata", "label"), {})
    assert findings(obj)[0][2] == 'unknown field "label" in object metadata; did you mean "labels"?'
    obj = deployment(("spec", "strategy"), {"kind": "Recreate"})
    assert findings(obj)[0][2] == 'unknown field "kind" in DeploymentStrategy'
    obj = deployment(("spec", "paused2"), True)
    assert findings(obj)[0][2] == 'unknown field "paused2" in Deployment spec; did you mean "paused"?'


def test_each_unknown_field_is_reported_at_its_key() -> None:
    obj = deployment(CONTAINER + ("foo",), 1)
    obj["spec"]["template"]["spec"]["containers"][0]["bar"] = 2
    assert sorted((f[1], f[3]) for f in findings(obj)) == [
        ("spec.template.spec.containers[0].bar", True),
        ("spec.template.spec.containers[0].foo", True),
    ]


def test_free_form_maps_take_any_key() -> None:
    obj = deployment(("metadata", "annotations"), {"livenessprobe": "x", "a/b": "c"})
    obj["spec"]["template"]["spec"]["nodeSelector"] = {"kubernetes.io/os": "linux"}
    assert findings(obj) == []


def test_fields_follow_the_release() -> None:
    sidecar = deployment(("spec", "template", "spec", "initContainers"),
                         [{"name": "proxy", "image": "envoy", "restartPolicy": "Always"}])
    assert findings(sidecar, KubeVersion(28)) == []
    assert [f[0] for f in findings(sidecar, KubeVersion(27))] == ["PL010"]


# -- PL011 wrong-type ---------------------------------------------------------------------


def test_quoted_integer_is_an_error() -> None:
    obj = deployment(CONTAINER + ("ports",), [{"containerPort": "8080"}])
    assert findings(obj) == [("PL011", "spec.template.spec.containers[0].ports[0].containerPort",
                              'expected an integer, got "8080"', False)]


def test_number_or_boolean_where_a_string_is_required() -> None:
    obj = deployment(CONTAINER + ("env",), [{"name": "A", "value": 8080}, {"name": "B", "value": True}])
    assert [f[2] for f in findings(obj)] == [
        "expected a string, got 8080 (quote it to keep it a string; YAML reads it as a number)",
        "expected a string, got true (unquoted yes/no/on/off/true/false are booleans in the YAML "
        "Kubernetes reads: quote the value to keep it a string)"]


def test_wrong_shape() -> None:
    obj = deployment(CONTAINER + ("env",), {"A": "1"})
    assert [f[2] for f in findings(obj)] == ["expected a list, got a mapping"]
    obj = deployment(CONTAINER + ("command",), "nginx -g daemon")
    assert [f[2] for f in findings(obj)] == ['expected a list, got "nginx -g daemon"']


def test_int_or_string_gives_one_root_cause() -> None:
    obj = deployment(CONTAINER + ("readinessProbe",), {"httpGet": {"port": True}})
    assert findings(obj) == [("PL011", "spec.template.spec.containers[0].readinessProbe.httpGet.port",
                              "expected an integer or a string, got true", False)]


def test_quantity_of_the_wrong_type_gives_one_root_cause() -> None:
    obj = deployment(CONTAINER + ("resources",), {"limits": {"cpu": True, "memory": [1]}})
    assert sorted(f[2] for f in findings(obj)) == [
        "expected a number or a string, got a list", "expected a number or a string, got true"]


def test_int32_and_int64_overflow() -> None:
    obj = deployment(("spec", "replicas"), 2**31)
    assert findings(obj) == [("PL011", "spec.replicas", "expected a 32-bit integer, got 2147483648", False)]
    assert findings(deployment(("spec", "replicas"), 2**31 - 1)) == []
    assert findings(deployment(("spec", "replicas"), -(2**31))) == []
    obj = deployment(("spec", "template", "spec", "terminationGracePeriodSeconds"), 2**63)
    assert [f[2] for f in findings(obj)] == [f"expected a 64-bit integer, got {2**63}"]


def test_integral_float_is_accepted_and_fraction_is_not() -> None:
    assert findings(deployment(("spec", "replicas"), 80.0)) == []
    assert [f[2] for f in findings(deployment(("spec", "replicas"), 80.5))] == [
        "expected an integer, got 80.5"]


def test_boolean_is_not_an_integer() -> None:
    assert [f[2] for f in findings(deployment(("spec", "replicas"), True))] == [
        "expected an integer, got true"]


# .nan and .inf never reach the schema pass: kubectl cannot write them as JSON, so the
# loader fails their document (tests/test_load.py).


def test_null_is_absent() -> None:
    obj = deployment(("spec", "replicas"), None)
    obj["metadata"]["annotations"] = None
    obj["metadata"]["creationTimestamp"] = None
    obj["spec"]["template"]["spec"]["containers"][0]["args"] = None
    assert findings(obj) == []


def test_null_item_in_a_list_of_objects_follows_the_schema() -> None:
    # The schema allows it (items are object-or-null); the API server decodes an empty object.
    obj = deployment(("spec", "template", "spec", "volumes"), [None])
    assert findings(obj) == []


# -- PL012 missing-required-field ---------------------------------------------------------


def test_missing_required_field_names_the_field() -> None:
    # the path is the field's, as the API server names it ("...containers[0].name: Required
    # value"); the position falls back to the object when the key is not written at all
    obj = deployment(CONTAINER + ("name",), delete=True)
    assert findings(obj) == [("PL012", "spec.template.spec.containers[0].name",
                              'container is missing required field "name"', True)]
    obj = deployment(("spec", "selector"), delete=True)
    assert findings(obj) == [("PL012", "spec.selector",
                              'Deployment spec is missing required field "selector"', True)]


def test_required_field_set_to_null_counts_as_missing() -> None:
    obj = deployment(("spec", "template", "spec", "containers"), None)
    assert findings(obj) == [("PL012", "spec.template.spec.containers",
                              'pod spec is missing required field "containers" (null counts as absent)', True)]


def test_required_markers_are_trusted_only_when_the_newest_release_keeps_them() -> None:
    binding = {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
               "metadata": {"name": "b"}, "roleRef": {"kind": "Role", "name": "r"}}
    assert findings(binding, KubeVersion(25)) == []
    del binding["roleRef"]["name"]
    assert [f[2] for f in findings(binding, KubeVersion(25))] == ['RoleRef is missing required field "name"']


# -- PL013 invalid-quantity ---------------------------------------------------------------


@pytest.mark.parametrize("value", ["128mb", "1.5 Gi", "10KB", "", "1K", "Gi", ".", "1e", "1.5e3Mi",
                                   "1Gi\n", " 1", "0x10", "1,5"])
def test_invalid_quantities(value: str) -> None:
    obj = deployment(CONTAINER + ("resources",), {"limits": {"memory": value}})
    assert findings(obj) == [(
        "PL013", "spec.template.spec.containers[0].resources.limits.memory",
        f"invalid quantity {json.dumps(value)}: expected a number with an optional suffix "
        f"such as 500m, 1.5, 128Mi or 1G", False)]


@pytest.mark.parametrize("value", ["128Mi", "1.5Gi", "500m", "0.5", ".5", "1.", "+1", "-1", "1e3", "1E3",
                                   "2E", "1k", "1Ki", "1Ei", "100n", "5u", "1e-3", 1, 0.25, 10**12])
def test_valid_quantities(value: object) -> None:
    obj = deployment(CONTAINER + ("resources",), {"requests": {"memory": value}})
    assert findings(obj) == []


def test_quantity_fields_beyond_resources() -> None:
    obj = deployment(("spec", "template", "spec", "volumes"),
                     [{"name": "cache", "emptyDir": {"sizeLimit": "1GB"}}])
    obj["spec"]["template"]["spec"]["overhead"] = {"cpu": "1 core"}
    assert sorted((f[0], f[1]) for f in findings(obj)) == [
        ("PL013", "spec.template.spec.overhead.cpu"),
        ("PL013", "spec.template.spec.volumes[0].emptyDir.sizeLimit"),
    ]


# -- PL014 invalid-value ------------------------------------------------------------------


def test_secret_data_must_be_base64() -> None:
    secret = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
              "data": {"ok": "aGk=", "wrapped": "aGVs\nbG8=\n", "empty": "", "bad": "hello world"},
              "stringData": {"plain": "hello world"}}
    assert findings(secret) == [("PL014", "data.bad", 'invalid base64 value "hello world": this field '
                                 "holds bytes, base64-encoded; put plain text in stringData", False)]
    config = {"apiVersion": "v1", "kind": "ConfigMap", "binaryData": {"x": "a"}}
    assert [f[2] for f in findings(config)] == [
        'invalid base64 value "a": this field holds bytes, base64-encoded']


# -- PL005 unserved-api-version -----------------------------------------------------------


def test_removed_api_version_names_the_replacement() -> None:
    obj = {"apiVersion": "apps/v1beta2", "kind": "Deployment", "metadata": {"name": "x"}}
    assert findings(obj) == [("PL005", "apiVersion",
                              "apps/v1beta2 Deployment is not served by Kubernetes 1.37; use apps/v1", False)]
    ingress = {"apiVersion": "extensions/v1beta1", "kind": "Ingress"}
    assert findings(ingress)[0][2].endswith("; use networking.k8s.io/v1")
    event = {"apiVersion": "events.k8s.io/v1beta1", "kind": "Event"}
    assert findings(event)[0][2].endswith("; use events.k8s.io/v1")  # same group preferred over v1


def test_removed_kind_without_replacement() -> None:
    psp = {"apiVersion": "policy/v1beta1", "kind": "PodSecurityPolicy"}
    assert findings(psp)[0][2] == "policy/v1beta1 PodSecurityPolicy is not served by Kubernetes 1.37 (removed in 1.25)"


def test_unserved_is_version_aware() -> None:
    hpa = {"apiVersion": "autoscaling/v2beta2", "kind": "HorizontalPodAutoscaler",
           "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "maxReplicas": 3}}
    assert findings(hpa, KubeVersion(25)) == []
    assert findings(hpa, KubeVersion(26)) == [
        ("PL005", "apiVersion",
         "autoscaling/v2beta2 HorizontalPodAutoscaler is not served by Kubernetes 1.26; use autoscaling/v2", False)]
    device_class = {"apiVersion": "resource.k8s.io/v1", "kind": "DeviceClass", "spec": {}}
    assert findings(device_class, KubeVersion(34)) == []
    assert findings(device_class, KubeVersion(30))[0][2] == (
        "resource.k8s.io/v1 DeviceClass is not served by Kubernetes 1.30 (first served in 1.34)")
    flow = {"apiVersion": "flowcontrol.apiserver.k8s.io/v1beta3", "kind": "FlowSchema"}
    assert findings(flow, KubeVersion(31)) == []
    assert findings(flow, KubeVersion(32))[0][2].endswith("; use flowcontrol.apiserver.k8s.io/v1")


def test_custom_resources_are_silent() -> None:
    widget = {"apiVersion": "example.com/v1", "kind": "Widget", "spec": {"replicas": "many", "x": float("nan")}}
    assert findings(widget) == []
    look_alike = {"apiVersion": "example.com/v1", "kind": "Deployment", "spec": "anything"}
    assert findings(look_alike) == []
    assert not is_known_kind("example.com/v1", "Widget")


def test_is_known_kind() -> None:
    assert is_known_kind("apps/v1", "Deployment")
    assert is_known_kind("v1", "Pod")
    assert is_known_kind("autoscaling/v2beta2", "HorizontalPodAutoscaler")  # bundled 1.25 only
    assert is_known_kind("extensions/v1beta1", "DaemonSet")  # removed table
    assert not is_known_kind("apps/v1", "DeploymentList")
    assert not is_known_kind("v1", "Status")


# -- paths, CRDs, the loader --------------------------------------------------------------


def test_base_prefixes_every_path() -> None:
    base = FieldPath(("items", 3))
    obj = deployment(CONTAINER + ("name",), delete=True)
    obj["spec"]["replicas"] = "2"
    assert sorted(f[1] for f in findings(obj, base=base)) == [
        "items[3].spec.replicas", "items[3].spec.template.spec.containers[0].name"]
    removed = {"apiVersion": "apps/v1beta1", "kind": "Deployment"}
    assert findings(removed, base=base)[0][1] == "items[3].apiVersion"


def test_crd_schemas_are_checked_through_the_recursive_definition() -> None:
    crd = {
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": {"name": "widgets.example.com"},
        "spec": {"group": "example.com", "scope": "Namespaced",
                 "names": {"kind": "Widget", "plural": "widgets"},
                 "versions": [{"name": "v1", "served": True, "storage": True, "schema": {
                     "openAPIV3Schema": {"type": "object", "properties": {"spec": {
                         "type": "object", "properties": {
                             "description": {"type": "string"},
                             "size": {"type": "integer", "minimum": "one", "maxLength": 3},
                             "typo": {"tpye": "string"}}}}}}}]},
    }
    assert sorted((f[0], f[1].rsplit(".", 1)[-1]) for f in findings(crd)) == [
        ("PL010", "tpye"), ("PL011", "minimum")]


def test_schema_files_are_found_from_the_source_checkout() -> None:
    from podlint.apis import schema_folder

    assert Path(schema_folder()) in (ROOT / "podlint" / "schemas", SCHEMAS)


# -- the generated files ------------------------------------------------------------------


def test_every_supported_release_has_a_schema_file() -> None:
    names = sorted(p.name for p in SCHEMAS.glob("v1.*.json"))
    assert names == sorted(f"v1.{m}.json" for m in range(OLDEST_MINOR, NEWEST_MINOR + 1))
    assert len(names) == 13
    assert (SCHEMAS / "README.md").read_text().startswith("# Generated files: do not edit")


@pytest.mark.parametrize("minor", range(OLDEST_MINOR, NEWEST_MINOR + 1))
def test_schema_file_is_canonical_and_complete(minor: int) -> None:
    text = (SCHEMAS / f"v1.{minor}.json").read_text(encoding="utf-8")
    doc = json.loads(text)
    # sorted keys, minified: regenerating gives the same bytes
    assert text == json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
    assert len(text) < 600_000
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert doc["kubernetes"] == f"1.{minor}"
    kinds, defs = doc["kinds"], doc["$defs"]
    for key in ("apps/v1/Deployment", "v1/Pod", "batch/v1/CronJob", "v1/Service", "v1/ConfigMap"):
        assert key in kinds
    assert not any(key.endswith("List") for key in kinds)
    assert set(kinds.values()) <= set(defs)
    reached = _reached(defs, kinds.values())
    assert reached == set(defs), "every definition is reached from a kind"
    assert "description" not in _keywords(defs) and not any(k.startswith("x-") for k in _keywords(defs))
    assert set(doc["recursive"]) <= set(defs)
    served = json.loads((SCHEMAS / "served.json").read_text())
    assert {key for key, minors in served.items() if minor in minors} == set(kinds)


def test_regenerating_gives_the_same_files(tmp_path: Path) -> None:
    """Set PODLINT_KUBERNETES_VALIDATE_WHEEL to a kubernetes_validate-1.37.0 wheel to run this."""
    wheel = os.environ.get("PODLINT_KUBERNETES_VALIDATE_WHEEL")
    if not wheel:
        pytest.skip("PODLINT_KUBERNETES_VALIDATE_WHEEL is not set")
    spec = importlib.util.spec_from_file_location("generate_schemas", ROOT / "scripts" / "generate_schemas.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    generator.generate(Path(wheel), tmp_path / "schemas")
    made = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert made == sorted(p.name for p in SCHEMAS.iterdir())
    for name in made:
        assert (tmp_path / "schemas" / name).read_bytes() == (SCHEMAS / name).read_bytes(), name


def _keywords(defs: dict) -> set[str]:
    """Schema keywords used anywhere (property names are not keywords)."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                found.add(key)
                if key == "properties":
                    for sub in value.values():
                        walk(sub)
                elif key in ("items", "additionalProperties"):
                    walk(value)

    for schema_ in defs.values():
        walk(schema_)
    return found


def _reached(defs: dict, roots) -> set[str]:
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        text = json.dumps(defs[name])
        todo.extend(part.split('"')[0] for part in text.split('"#/$defs/')[1:])
    return seen


def _all_objects():
    """Objects from every fixture, rule document and (when present) the real-world corpus."""
    from pathlib import Path

    from podlint.load import load_file

    root = Path(__file__).resolve().parent
    files = sorted(root.glob("fixtures/**/*.yaml"))
    corpus = root.parents[1] / "shared" / "corpus" / "realworld"
    if corpus.is_dir():
        files += sorted(corpus.glob("*/*.yaml"))
    for path in files:
        for doc in load_file(str(path)).documents:
            data = doc.data
            items = data.get("items") if isinstance(data, dict) and isinstance(data.get("items"), list) else [data]
            for obj in items:
                if isinstance(obj, dict) and isinstance(obj.get("apiVersion"), str) \
                        and isinstance(obj.get("kind"), str):
                    yield obj


@pytest.mark.parametrize("minor", [25, 31, 37])
def test_fast_validity_check_agrees_with_jsonschema(minor: int) -> None:
    from podlint.schema import _version

    schemas = _version(minor)
    checked = 0
    for obj in _all_objects():
        key = f"{obj['apiVersion']}/{obj['kind']}"
        if key not in schemas.kinds:
            continue
        expected = not any(True for _ in schemas.validator(key).iter_errors(obj))
        assert schemas.is_valid(key, obj) == expected, (key, obj.get("metadata"))
        checked += 1
    assert checked > 100
