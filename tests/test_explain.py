"""podlint explain: what users see for the seed pod (alone and with its Services), a sidecar
pod, a Job and a pod with every probe, in each format; and bad input never a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from podlint.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "tests" / "snapshots" / "explain"
SEED = "examples/pod-with-init-container.yaml"
SERVICES = ["examples/pengfei-fake-service.yaml", "examples/pengfei-fake-db.yaml"]
CASES = {
    "seed-alone": [SEED],
    "seed-with-services": [SEED, *SERVICES],
    "sidecar-pod": ["tests/snapshots/explain/sidecar-pod.yaml"],
    "job": ["tests/snapshots/explain/job.yaml"],
    "every-probe": ["tests/snapshots/explain/every-probe.yaml"],
}
SUFFIX = {"text": "txt", "json": "json", "svg": "svg"}


def explain(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["explain", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def at_the_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # file names in the output are the ones given, relative to the root


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
@pytest.mark.parametrize("case", sorted(CASES))
def test_golden_output(case: str, fmt: str) -> None:
    status, out, _ = explain("--format", fmt, *CASES[case])
    assert status == 0
    golden = SNAPSHOTS / f"{case}.{SUFFIX[fmt]}"
    if os.environ.get("PODLINT_UPDATE_SNAPSHOTS"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_the_seed_pod_alone_stays_in_init_0_of_2_for_good() -> None:
    _, out, _ = explain(SEED)
    assert ("waits for Service pengfei-fake-service (the pod's namespace) with nslookup, retrying every 2 s "
            "with no time limit; no manifest in this run defines it: the pod stays in Init:0/2 until it exists") in out
    assert "never  app containers do not start: the pod stays in Init:0/2 for good" in out
    assert "Ready=True" not in out


def test_the_seed_pod_with_its_services_runs() -> None:
    _, out, _ = explain(SEED, *SERVICES)
    assert ("waits for Service pengfei-fake-db (the pod's namespace) with nslookup, retrying every 2 s with no "
            "time limit, defined in examples/pengfei-fake-db.yaml, no selector: nslookup succeeds as soon as the "
            "Service exists, even with no ready pod behind it") in out
    for status in ("Init:0/2", "Init:1/2", "PodInitializing", "Running"):
        assert f"0 s  {status}:" in out
    assert "ContainersReady=True, Ready=True" in out
    assert "skipped, not pod-bearing: Service/pengfei-fake-service (examples/pengfei-fake-service.yaml), " \
           "Service/pengfei-fake-db (examples/pengfei-fake-db.yaml)" in out
    assert "QoS class Burstable" in out


def test_json_schema_version_and_shape() -> None:
    _, out, _ = explain("-f", "json", SEED, *SERVICES)
    value = json.loads(out)
    assert value["version"] == 1
    assert set(value) == {"version", "kubernetesVersion", "problems", "skipped", "objects"}
    [pod] = value["objects"]
    assert [c["name"] for c in pod["containers"]] == ["init-myservice", "init-mydb", "myapp-container"]
    wait = pod["containers"][0]["waits"][0]
    assert wait["service"]["name"] == "pengfei-fake-service" and wait["service"]["definedIn"] == SERVICES[0]
    assert [(e["at"], e["status"]) for e in pod["timeline"]] == [
        (0, "Init:0/2"), (0, "Init:1/2"), (0, "PodInitializing"), (0, "Running"), (0, "Running")]
    assert pod["resources"]["requests"] == {"cpu": "200m", "memory": "128Mi"}


def test_probe_defaults_and_windows() -> None:
    value = json.loads(explain("-f", "json", *CASES["every-probe"])[1])
    [api] = value["objects"][0]["containers"]
    by = {p["probe"]: p for p in api["probes"]}
    assert by["startup"]["allowsUpTo"] == 310
    assert by["liveness"]["killsAfterFailingFor"] == 40 and by["liveness"]["terminationGracePeriodSeconds"] == 10
    assert by["readiness"]["defaulted"] == ["initialDelaySeconds", "timeoutSeconds", "failureThreshold"]
    assert api["readyAfter"] == 15  # startup succeeds at 10 s, then two readiness successes 5 s apart


def test_sidecar_resources_count_as_the_kubelet_does() -> None:
    value = json.loads(explain("-f", "json", *CASES["sidecar-pod"])[1])
    res = value["objects"][0]["resources"]
    assert res["requests"] == {"cpu": "350m", "memory": "320Mi"}  # web + the proxy sidecar
    assert res["limits"] == {}  # "migrate" sets no limits: the pod is unbounded while it runs


def test_job_failures() -> None:
    _, out, _ = explain(*CASES["job"])
    assert "15 s  PodInitializing" in out
    assert "an init container that exits non-zero fails the pod (restartPolicy Never)" in out
    assert "once more than 2 of its pods have failed" in out


def test_object_filter_and_errors(tmp_path: Path) -> None:
    status, out, _ = explain("--object", "pod/pod-with-init-container", SEED, *SERVICES)
    assert status == 0 and out.startswith("skipped")
    status, _, err = explain("--object", "Pod/nope", SEED)
    assert status == 2 and "no pod-bearing object 'Pod/nope'" in err
    status, _, err = explain(str(tmp_path / "missing.yaml"))
    assert status == 2 and "podlint:" in err


def test_a_broken_file_gets_its_line_and_the_others_are_explained(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("apiVersion: v1\nkind: Pod\nmetadata: {name: [\n", encoding="utf-8")
    status, out, _ = explain(str(broken), SEED)
    assert status == 1
    assert f"{broken}:4:" in out or f"{broken}:3:" in out
    assert "Pod/pod-with-init-container" in out


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "pod.svg"
    status, out, _ = explain("-f", "svg", "-o", str(target), SEED)
    assert status == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("<svg ")


def test_svg_is_well_formed_and_escaped(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    pod = tmp_path / "pod.yaml"
    pod.write_text('apiVersion: v1\nkind: Pod\nmetadata: {name: "a<b>&\\u202e"}\nspec:\n  containers:\n'
                   '    - {name: "x\'\\"<y>", image: "i&\\x1b"}\n', encoding="utf-8")
    _, out, _ = explain("-f", "svg", str(pod))
    root = ET.fromstring(out)
    texts = "".join(root.itertext())
    assert "a<b>&\\u202e" in texts and "\x1b" not in out


def test_svg_renders(tmp_path: Path) -> None:
    try:
        import cairosvg
    except (ImportError, OSError) as err:  # cairocffi raises OSError when libcairo is missing
        pytest.skip(f"no SVG renderer (pip install cairosvg; it needs the system cairo library): {err}")
    for case in ("seed-alone", "sidecar-pod", "every-probe"):
        png = cairosvg.svg2png(bytestring=(SNAPSHOTS / f"{case}.svg").read_bytes())
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000


def test_check_does_not_import_explain() -> None:
    import ast

    for path in (ROOT / "podlint").rglob("*.py"):
        if "explain" in path.parts or path.name == "cli.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("podlint.explain"), path


# -- never a traceback: the robustness suite's inputs, the property suite's fuzz ------------

def _explain_text(text: str | bytes) -> dict:
    from podlint.explain import write
    from podlint.explain.describe import describe
    from podlint.explain.inputs import collect
    from podlint.load import load_bytes
    from podlint.versions import KubeVersion
    import io

    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    the_set = collect([load_bytes(raw, "input.yaml")], KubeVersion.newest())
    value = {"version": 1, "kubernetesVersion": "1.37", "problems": the_set.problems,
             "skipped": the_set.skipped, "objects": [describe(site, the_set) for site in the_set.sites]}
    for fmt in ("text", "json", "svg"):
        write(value, fmt, io.StringIO())
    return value


@pytest.mark.parametrize("case", __import__("tests.test_robustness", fromlist=["CASES"]).CASES,
                         ids=lambda case: case[0])
def test_robustness_inputs_never_raise(case) -> None:
    name, content, code, expected = case
    value = _explain_text(content)
    if expected and expected[0][0] == "PL001":  # what kubectl cannot read is shown with its line
        assert value["problems"] and all(p["line"] >= 1 for p in value["problems"])


hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from fuzz import mutate  # noqa: E402
from tests.test_properties import SEEDS, TOKENS  # noqa: E402


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SEEDS), st.data())
def test_mutated_manifests_never_raise(seed: bytes, data) -> None:
    _explain_text(mutate(seed, data, TOKENS))


@settings(max_examples=150, deadline=None)
@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["spec", "containers", "initContainers", "name", "image", "command", "args",
                         "restartPolicy", "resources", "limits", "requests", "cpu", "memory", "livenessProbe",
                         "startupProbe", "readinessProbe", "periodSeconds", "failureThreshold", "lifecycle",
                         "preStop", "sleep", "seconds", "overhead", "terminationGracePeriodSeconds"]),
        children, max_size=4),
    max_leaves=30), st.sampled_from(["Pod", "Deployment", "Job", "CronJob"]))
def test_wrongly_typed_objects_never_raise(body, kind: str) -> None:
    import json as _json

    api = {"Pod": "v1", "Deployment": "apps/v1", "Job": "batch/v1", "CronJob": "batch/v1"}[kind]
    obj = {"apiVersion": api, "kind": kind, "metadata": {"name": "x"},
           "spec": body if kind == "Pod" else {"template": {"spec": body}, "jobTemplate": {"spec": {
               "template": {"spec": body}}}}}
    _explain_text(_json.dumps(obj, allow_nan=True, default=str))
