"""`podlint check --fix`, `--diff`, `--unsafe-fixes`: each fix, minimal edits, idempotence, safety."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from podlint import fix
from podlint.cli import cli
from podlint.engine import Checker, Settings
from podlint.load import load_bytes
from podlint.readcmd import entries

ROOT = Path(__file__).resolve().parent.parent
FIXING = Checker(Settings(fixes=True))

POD = """\
# a comment that stays
apiVersion: v1
kind: Pod
metadata:
  name: web   # trailing comment
spec:
  restartPolicy: always
  containers:
    - name: app
      image: 'nginx:1.27'
      imagePullPolicy: ifnotpresent
      livenessprobe:
        tcpSocket: {port: 80}
      startupProbe:
        tcpSocket: {port: 80}
        successThreshold: 3
      ports:
        - containerPort: "8080"   # quoted
          protocol: tcp
      env:
        - name: A
          value: yes   # keep me
        - {name: B, value: 1.20}
"""

FIXED = (POD.replace("restartPolicy: always", "restartPolicy: Always")
         .replace("ifnotpresent", "IfNotPresent").replace("livenessprobe:", "livenessProbe:")
         .replace("successThreshold: 3", "successThreshold: 1")
         .replace('"8080"   # quoted', '8080   # quoted').replace("protocol: tcp", "protocol: TCP")
         .replace("value: yes   #", 'value: "yes"   #').replace("value: 1.20}", 'value: "1.20"}'))


def run(*args: str):
    return CliRunner().invoke(cli, ["check", "--isolated", *args], catch_exceptions=False)


def findings(path: Path) -> list[tuple[str, int]]:
    result = run("-f", "json", str(path))
    return [(d["rule"], d["line"]) for d in json.loads(result.stdout)["diagnostics"]]


def test_fix_makes_each_listed_fix_and_changes_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    path.write_text(POD)
    assert findings(path)
    result = run("--fix", str(path))
    assert path.read_text() == FIXED
    assert result.exit_code == 0, result.output
    assert "(8 fixed, 0 remaining)" in result.stderr
    assert findings(path) == []


def test_fix_again_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    path.write_text(POD)
    run("--fix", str(path))
    stat = path.stat()
    result = run("--fix", str(path))
    assert path.read_text() == FIXED and path.stat().st_mtime_ns == stat.st_mtime_ns
    assert "(0 fixed, 0 remaining)" in result.stderr


def test_diff_prints_the_fixes_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    path.write_text(POD)
    result = run("--diff", str(path))
    assert path.read_text() == POD
    assert result.exit_code == 1
    assert '\n-        - containerPort: "8080"   # quoted\n' in result.stdout
    assert "\n+        - containerPort: 8080   # quoted\n" in result.stdout
    assert "would fix 8 findings" in result.stderr
    path.write_text(FIXED)
    again = run("--diff", str(path))
    assert again.exit_code == 0 and again.stdout == ""


def test_fixes_never_run_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    path.write_text(POD)
    assert run(str(path)).exit_code == 1
    assert path.read_text() == POD


def test_file_mode_crlf_bom_and_json_quotes_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + POD.replace("\n", "\r\n").encode())
    os.chmod(path, 0o640)
    run("--fix", str(path))
    assert path.read_bytes() == b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode()
    assert path.stat().st_mode & 0o777 == 0o640
    manifest = tmp_path / "pod.json"
    manifest.write_text('{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},\n'
                        ' "spec": {"restartPolicy": "never", "containers": [{"name": "a", "image": "x",\n'
                        '  "imagepullpolicy": "Always", "ports": [{"containerPort": "80"}]}]}}\n')
    run("--fix", str(manifest))
    assert manifest.read_text() == (
        '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},\n'
        ' "spec": {"restartPolicy": "Never", "containers": [{"name": "a", "image": "x",\n'
        '  "imagePullPolicy": "Always", "ports": [{"containerPort": 80}]}]}}\n')


def test_a_link_is_followed_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "pod.yaml"
    target.write_text(POD)
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    run("--fix", str(link))
    assert link.is_symlink() and target.read_text() == FIXED


def test_a_file_changed_since_it_was_read_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    path.write_text(POD)
    planned = fix.plan([str(path)], Settings(), unsafe=False)
    assert planned.files and planned.fixed == 8
    path.write_text(POD + "# edited meanwhile\n")
    assert "changed since it was read" in fix.write(planned.files[0])
    assert path.read_text() == POD + "# edited meanwhile\n"


def test_ambiguous_or_taken_names_are_not_renamed(tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    text = ("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n"
            "      image: x\n      Image: y\n      xyzzy: 1\n")
    path.write_text(text)
    run("--fix", str(path))
    assert path.read_text() == text


DEPLOYMENT = """\
apiVersion: extensions/v1beta1
kind: Deployment
metadata: {name: web}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx}]
"""


def test_a_removed_api_version_that_needs_more_is_an_unsafe_fix(tmp_path: Path) -> None:
    path = tmp_path / "deploy.yaml"
    path.write_text(DEPLOYMENT)
    run("--fix", str(path))
    assert path.read_text() == DEPLOYMENT  # apps/v1 requires spec.selector
    result = run("--unsafe-fixes", str(path))
    assert path.read_text() == DEPLOYMENT.replace("extensions/v1beta1", "apps/v1")
    assert result.exit_code == 1  # now the missing selector is reported
    ready = tmp_path / "ready.yaml"
    ready.write_text(DEPLOYMENT.replace("spec:\n  template:", "spec:\n  selector: {matchLabels: {app: web}}\n  template:"))
    run("--fix", str(ready))
    assert ready.read_text().startswith("apiVersion: apps/v1\n")


def test_rules_say_which_have_fixes() -> None:
    listed = json.loads(CliRunner().invoke(cli, ["rules", "-f", "json"]).stdout)
    with_fix = {r["id"]: r["fix"] for r in listed if r["fix"]}
    assert {"PL005", "PL010", "PL011", "PL201", "PL312", "PL406", "PL407", "PL412"} <= set(with_fix)
    assert all(re.match(r"(safe|unsafe|safe or unsafe): ", text) for text in with_fix.values())
    text = CliRunner().invoke(cli, ["rules"]).stdout
    assert "[fix: safe]" in text
    for rule_id in with_fix:
        assert "\n## Fix\n" in (ROOT / "rules" / f"{rule_id}.md").read_text(), f"{rule_id}.md has no ## Fix"


# -- every Bad example of a rule with a safe fix --------------------------------------

BLOCK = re.compile(r"^```ya?ml[^\n]*\n(.*?)^```", re.S | re.M)


def bad_examples() -> list[tuple[str, int, str]]:
    listed = json.loads(CliRunner().invoke(cli, ["rules", "-f", "json"]).stdout)
    out = []
    for rule in listed:
        if not rule["fix"] or not rule["fix"].startswith("safe"):
            continue
        text = (ROOT / "rules" / f"{rule['id']}.md").read_text(encoding="utf-8")
        bad = text.split("\n## Bad", 1)[1].split("\n## ", 1)[0]
        out.extend((rule["id"], n, m.group(1)) for n, m in enumerate(BLOCK.finditer(bad)))
    return out


def changed_outside(before: str, after: str, diagnostics) -> list[str]:
    """Lines that differ where no edit was made, or edited lines that differ outside the edits."""
    old_lines, new_lines = before.split("\n"), after.split("\n")
    assert len(old_lines) == len(new_lines)
    edited: dict[int, list] = {}
    for d in diagnostics:
        for edit in d.fix.edits:
            edited.setdefault(edit.line, []).append(edit)
    wrong = []
    for number, (old, new) in enumerate(zip(old_lines, new_lines), 1):
        if old == new:
            continue
        edits = sorted(edited.get(number, []), key=lambda e: e.column)
        if not edits:
            wrong.append(f"line {number} changed: {old!r} -> {new!r}")
            continue
        rebuilt, at = "", 0
        for edit in edits:
            rebuilt += old[at:edit.column - 1] + edit.new_text
            at = edit.end_column - 1
        if rebuilt + old[at:] != new:
            wrong.append(f"line {number} changed outside its edits: {old!r} -> {new!r}")
    return wrong


@pytest.mark.parametrize("rule_id,n,body", bad_examples(), ids=lambda v: str(v)[:12])
def test_fix_removes_the_fixable_findings_of_every_bad_example(tmp_path: Path, rule_id: str, n: int,
                                                               body: str) -> None:
    loaded = load_bytes(body.encode(), "example.yaml")
    diagnostics = FIXING.check_loaded(loaded)
    fixable = [d for d in diagnostics if d.rule_id == rule_id and d.fix is not None and d.fix.safe]
    assert fixable, f"the bad example of {rule_id} has no fixable finding"
    text, done = fix.apply_fixes(body, fixable)
    assert {d.path for d in done} == {d.path for d in fixable}
    assert changed_outside(body, text, done) == []
    after = FIXING.check_loaded(load_bytes(text.encode(), "example.yaml"))
    left = {(d.rule_id, d.path) for d in after}
    assert not left & {(d.rule_id, d.path) for d in fixable}
    # the rule's findings without a fix are still there
    others = {(d.rule_id, d.path) for d in diagnostics if d.rule_id == rule_id and d not in fixable}
    assert others <= left
    # and the CLI does the same to the file
    path = tmp_path / "example.yaml"
    path.write_text(body)
    run("--fix", "--select", rule_id, str(path))
    assert path.read_text() == text


# -- fuzz inputs: --fix never corrupts a file ----------------------------------------

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from fuzz import FLIPS, mutate  # noqa: E402
from test_properties import SEEDS, TOKENS  # noqa: E402

FIX_TOKENS = TOKENS + ["      livenessprobe:\n", "      imagePullPolicy: always\n", "  restartPolicy: never\n",
                       "        - containerPort: \"80\"\n", "          protocol: udp\n", "      env: [{name: A, value: on}]\n",
                       "        successThreshold: 2\n", "apiVersion: extensions/v1beta1\n", "  ports:\n", "'80'", "1.20\n"]
FIX_SEEDS = SEEDS + [POD.encode(), DEPLOYMENT.encode()]
EXAMPLES = int(os.environ.get("PODLINT_HYPOTHESIS_EXAMPLES", "60"))


def assert_never_corrupts(raw: bytes) -> None:
    before = load_bytes(raw, "fuzz.yaml")
    if before.unreadable:
        return
    diagnostics = [d for d in FIXING.check_loaded(before) if d.fix is not None]
    text = before.text
    if raw.startswith(b"\xef\xbb\xbf") or "\t" in text:
        return  # plan_file reads these itself; the plain text is what is compared here
    fixed, done = fix.apply_fixes(text, diagnostics)
    after = load_bytes(fixed.encode("utf-8", "surrogatepass"), "fuzz.yaml")
    old, new = entries(before), entries(after)
    assert [("error" in e) for e in old] == [("error" in e) for e in new], "a fix made the file unparseable"
    assert fix.same_except(before, after, fix.fixed_paths(done)), "a fix changed a value it was not for"


@settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 60,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.sampled_from(FIX_TOKENS) | st.text(max_size=8), max_size=40))
def test_fix_never_corrupts_generated_yaml(parts: list[str]) -> None:
    raw = "".join(parts).encode("utf-8", "surrogatepass")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return
    assert_never_corrupts(raw)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 60,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(FIX_SEEDS), st.data())
def test_fix_never_corrupts_mutated_manifests(seed: bytes, data) -> None:
    assert_never_corrupts(mutate(seed, data, FIX_TOKENS, flips=FLIPS))


@settings(max_examples=max(10, EXAMPLES // 3), deadline=None, derandomize=EXAMPLES <= 60,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(FIX_SEEDS), st.data())
def test_fix_on_files_is_idempotent_and_verified(tmp_path_factory, seed: bytes, data) -> None:
    raw = bytearray(seed)
    at = data.draw(st.integers(0, len(raw)))
    raw[at:at] = data.draw(st.sampled_from(FIX_TOKENS)).encode()
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "fuzz.yaml"
    path.write_bytes(bytes(raw))
    before = load_bytes(bytes(raw), "fuzz.yaml")
    run("--unsafe-fixes", str(path))
    after = load_bytes(path.read_bytes(), "fuzz.yaml")
    assert [("error" in e) for e in entries(before)] == [("error" in e) for e in entries(after)]
    fixed_once = path.read_bytes()
    run("--unsafe-fixes", str(path))
    assert path.read_bytes() == fixed_once
