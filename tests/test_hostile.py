"""Hostile repositories (issue 18): a manifest author is untrusted input to the terminal,
the CI runner's log parser and the SARIF viewer. Each reproduction asserts the clean outcome.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from podlint import formatters
from podlint.cli import cli
from podlint.diagnostics import Report
from podlint.engine import Checker, Settings
from podlint.load import load_text
from podlint.terminal import visible

# what a terminal or a CI runner acts on
HIDDEN = ["\x1b", "\r", "\x08", "\x07", "\x9b", "\u202e", "\u2066", "\u200b", "\ufeff", "\u2028"]
HOSTILE_POD = (
    "apiVersion: v1\nkind: Pod\nmetadata:\n"
    '  name: "web\\e[2J\\e]52;c;ZXZpbA==\\a\\r0 errors"\n'
    "  labels: {\"bad\\e[31mkey\": x}\n"
    "spec:\n  containers:\n"
    '    - name: "a\\u202eb\\u200bc"\n'
    "      image: nginx:1.27\n"
    '      livenessprobe: {}  # ##vso[task.prependpath]/evil ##[error]x\n'
    '      env: [{name: "X\\r::error file=README.md,line=1::owned", value: 1}]\n')


def report_of(text: str, name: str = "pod.yaml") -> Report:
    diagnostics = Checker(Settings()).check_loaded(load_text(text, name))
    lines = {d.line: text.splitlines()[d.line - 1] for d in diagnostics}
    return Report(diagnostics=diagnostics, files_checked=1, files=[name], source_lines={name: lines},
                  kubernetes_version="1.37")


def rendered(report: Report, fmt: str) -> str:
    out = io.StringIO()
    formatters.write(fmt, report, out)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["text", "github", "json", "sarif", "gitlab", "junit"])
def test_no_raw_control_bidi_or_zero_width_character_in_any_format(fmt: str) -> None:
    report = report_of(HOSTILE_POD)
    assert len(report.diagnostics) >= 4
    output = rendered(report, fmt)
    raw = [repr(c) for c in HIDDEN if c in output.replace("\r\n", "\n")]
    assert raw == []
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(output)  # escaped, still the same JSON


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_ci_log_commands_never_reach_the_runner(fmt: str) -> None:
    output = rendered(report_of(HOSTILE_POD), fmt)
    assert "##vso[" not in output and "##[" not in output
    # a carriage return cannot start a line, so no line of the output is a workflow command
    # other than podlint's own annotations
    for line in output.splitlines():
        assert not line.startswith("::") or line.startswith(("::error file=", "::warning file=", "::notice file="))
        assert "::error file=README.md" not in line or not line.startswith("::error file=README.md")


def test_text_output_shows_the_escapes() -> None:
    output = rendered(report_of(HOSTILE_POD), "text")
    assert '\\x1b[2J' in output and "\\u202e" in output and "\\r0 errors" in output


def test_file_names_are_shown_escaped(tmp_path: Path) -> None:
    bad = os.fsencode(tmp_path) + b"/caf\xe9\x1b[2J.yaml"
    with open(bad, "wb") as f:
        f.write(b"apiVersion: v1\nkind: Pod\nmetadata: {name: Web}\nspec: {containers: []}\n")
    for fmt in ("text", "json", "sarif", "gitlab", "junit", "github"):
        result = CliRunner().invoke(cli, ["check", "--isolated", "--format", fmt, str(tmp_path)])
        assert result.exit_code == 1, (fmt, result.output)  # findings: not a crash
        assert "\x1b" not in result.output and "\udce9" not in result.output
        shown = "caf%5Cxe9%5Cx1b%5B2J.yaml" if fmt == "sarif" else "caf\\xe9\\x1b[2J.yaml"
        assert shown in result.output.replace("\\\\", "\\"), fmt


def test_stderr_is_escaped_too(tmp_path: Path) -> None:
    missing = tmp_path / "gone\x1b[2J.yaml"
    missing.symlink_to(tmp_path / "nowhere")
    result = CliRunner().invoke(cli, ["check", "--isolated", str(missing)])
    assert "\x1b" not in result.output


def test_visible_escapes_and_defuses() -> None:
    assert visible("a\x1b[2Jb\rc\u202ed\u200be") == "a\\x1b[2Jb\\rc\\u202ed\\u200be"
    assert visible("# ##vso[task.setvariable]x ##[group]y") == "# ##vso\\[task.setvariable]x ##\\[group]y"
    assert visible("::stop-commands::x") == "\\x3a:stop-commands::x"
    assert visible("naïve 日本 tab\tok") == "naïve 日本 tab\tok"


def test_long_source_lines_are_cut_around_the_column() -> None:
    long_value = "x" * 5000
    text = f"apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers: [{{name: A, image: i:1, args: [{long_value}]}}]\n"
    output = rendered(report_of(text), "text")
    assert max(len(line) for line in output.splitlines()) < 400
    assert "…" in output


def test_sarif_uris_are_relative_references_or_file_uris(tmp_path: Path) -> None:
    from podlint.formatters.sarif import _artifact

    assert _artifact("c:evil.yaml") == {"uri": "c%3Aevil.yaml", "uriBaseId": "%SRCROOT%"}
    assert _artifact("javascript:alert(1).yaml")["uri"] == "javascript%3Aalert%281%29.yaml"
    assert _artifact("a\\b.yaml")["uri"] == "a%5Cb.yaml"  # another file than a/b.yaml on POSIX
    assert _artifact("/abs/dir/x.yaml") == {"uri": "file:///abs/dir/x.yaml"}


def test_sarif_message_text_has_no_live_links() -> None:
    text = HOSTILE_POD.replace('name: "web', 'name: "[click](https://evil.example)web')
    sarif = json.loads(rendered(report_of(text), "sarif"))
    messages = [r["message"]["text"] for r in sarif["runs"][0]["results"]]
    assert any("\\[click\\](https://evil.example)" in m for m in messages)


def test_a_backslash_in_a_posix_file_name_is_another_file() -> None:
    from podlint.diagnostics import Diagnostic, Severity

    def finding(name: str) -> Diagnostic:
        return Diagnostic("PL404", "missing-container-image", Severity.ERROR, "m", name, 1, 1)

    if os.sep == "/":
        assert finding("a\\b.yaml").fingerprint != finding("a/b.yaml").fingerprint


# -- bounded work and output ---------------------------------------------------------------

def _pod_with_ports(n: int) -> str:
    ports = "".join("        - {containerPort: 80}\n" for _ in range(n))
    return f"apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers:\n    - name: a\n" \
           f"      image: b:1\n      ports:\n{ports}"


def test_identical_ports_give_bounded_output() -> None:
    diagnostics = Checker(Settings()).check_loaded(load_text(_pod_with_ports(1000), "p.yaml"))
    pw809 = [d for d in diagnostics if d.rule_id == "PW809"]
    assert len(pw809) == 101  # 100 shown, then one that counts the rest
    assert "and 899 more PW809 findings in this object" in pw809[-1].message or any(
        "and 899 more PW809" in d.message for d in pw809)


def test_identical_ports_take_linear_time() -> None:
    import time

    checker = Checker(Settings())

    def seconds(n: int) -> float:
        text = _pod_with_ports(n)
        start = time.perf_counter()
        checker.check_loaded(load_text(text, "p.yaml"))
        return time.perf_counter() - start

    seconds(100)  # warm up
    small, large = min(seconds(500) for _ in range(3)), min(seconds(2000) for _ in range(3))
    assert large / small < 12  # 4x the ports: linear is ~4x, pairwise was ~16x


@pytest.mark.parametrize("value", ["9" * 4400, "9" * 4400 + "Mi", "9" * 4400 + "m"])
def test_huge_numbers_never_crash_a_rule(value: str) -> None:
    text = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  annotations:\n"
            f"    controller.kubernetes.io/pod-deletion-cost: \"{value}\"\nspec:\n"
            f"  strategy: {{rollingUpdate: {{maxSurge: \"{value}\"}}}}\n"
            "  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n"
            "    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n"
            f"          resources: {{limits: {{cpu: \"{value}\", example.com/x: \"{value}\"}}}}\n"
            "---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\n"
            f"spec:\n  schedule: \"{value} * * * *\"\n  jobTemplate:\n    spec:\n      template:\n"
            "        spec:\n          restartPolicy: Never\n          containers: [{name: a, image: \"b:1\"}]\n")
    diagnostics = Checker(Settings()).check_loaded(load_text(text, "big.yaml"))
    assert [d.message for d in diagnostics if d.rule_id == "PL000"] == []
    assert max(len(d.message) for d in diagnostics) <= 1010


def test_a_huge_kubernetes_version_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["check", "-k", "1." + "9" * 5000, "x.yaml"])
    assert result.exit_code == 2 and len(result.output) < 400 and "Traceback" not in result.output


def test_internal_errors_cannot_be_deselected_or_downgraded(monkeypatch: pytest.MonkeyPatch) -> None:
    from podlint.diagnostics import Severity
    from podlint.rules import all_rules

    rule = next(r for r in all_rules() if r.id == "PL404")

    def broken(pod):
        raise RuntimeError("boom")
        yield

    from podlint import checker as checker_mod

    original = checker_mod.Checker.__init__

    def patched(self, settings):
        original(self, settings)
        self._calls = [(rule, rule.id, broken) if r.id == "PL404" else (r, rid, check)
                       for r, rid, check in self._calls]

    monkeypatch.setattr(checker_mod.Checker, "__init__", patched)
    from podlint.config import Config
    from podlint.selection import RuleRef, build_selection

    only = build_selection(Config(select=("PL404",), ignore=("PL000",)), [RuleRef(r.id, r.name) for r in all_rules()])
    for settings in (Settings(), Settings(selection=only)):
        found = Checker(settings).check_loaded(load_text(_pod_with_ports(1), "p.yaml"))
        internal = [d for d in found if d.rule_id == "PL000"]
        assert internal and internal[0].severity is Severity.ERROR and "boom" in internal[0].message


# -- nothing skipped in silence, nothing written by surprise --------------------------------

def test_a_fifo_is_passed_over_in_a_walk_and_refused_when_named(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "ok.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
    walked = CliRunner().invoke(cli, ["check", "--isolated", str(tmp_path)])  # must not hang
    assert walked.exit_code == 0 and "1 skipped: 1 not a regular file" in walked.output
    named = CliRunner().invoke(cli, ["check", "--isolated", str(tmp_path / "pipe.yaml")])
    assert named.exit_code == 2 and "[PL004] not a regular file" in named.output


def test_a_link_out_of_the_checked_folder_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("token-1234\n")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "leak.yaml").symlink_to(outside)
    result = CliRunner().invoke(cli, ["check", "--isolated", str(tree)])
    assert "token-1234" not in result.output and "1 link out of the checked folder" in result.output
    assert "no file was checked" in result.output


def test_standard_input_is_read_only_up_to_the_limit() -> None:
    result = CliRunner().invoke(cli, ["check", "--isolated", "--max-file-size", "100", "-"],
                                input=b"a: 1\n" * 100_000)
    assert result.exit_code == 1 and "larger than the 100-byte limit" in result.output


def test_output_never_replaces_a_checked_file_or_a_device(tmp_path: Path) -> None:
    manifest = tmp_path / "pod.yaml"
    manifest.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
    before = manifest.read_bytes()
    over = CliRunner().invoke(cli, ["check", "--isolated", str(manifest), "-o", str(manifest)])
    assert over.exit_code == 2 and "one of the files checked" in over.output
    assert manifest.read_bytes() == before
    device = CliRunner().invoke(cli, ["check", "--isolated", str(manifest), "-o", os.devnull])
    assert device.exit_code == 2 and "not a regular file" in device.output
    assert not os.path.isfile(os.devnull)
    missing = CliRunner().invoke(cli, ["check", "--isolated", str(manifest), "-o", str(tmp_path / "no" / "r.txt")])
    assert missing.exit_code == 2 and "Traceback" not in missing.output


@pytest.mark.parametrize("glob", ["*a*a*a*a*a*a*a*a*b", "[z-a]"])
def test_hostile_globs_neither_hang_nor_crash(tmp_path: Path, glob: str) -> None:
    (tmp_path / ("a" * 200 + ".yaml")).write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
    result = CliRunner().invoke(cli, ["check", "--isolated", "--exclude", glob, str(tmp_path)])
    assert result.exit_code in (0, 2) and "Traceback" not in result.output


def test_a_long_source_comment_line_is_linear() -> None:
    import time

    checker = Checker(Settings())

    def seconds(n: int) -> float:
        text = "#" + " " * n + "Source: x\napiVersion: v1\nkind: Pod\nmetadata: {name: Web}\nspec: {containers: []}\n"
        start = time.perf_counter()
        checker.check_loaded(load_text(text, "s.yaml"))
        return time.perf_counter() - start

    seconds(1000)
    assert min(seconds(80_000) for _ in range(3)) < 20 * min(seconds(20_000) for _ in range(3)) + 0.05


def test_the_configuration_search_stops_at_the_repository_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from podlint.config import find_config

    (tmp_path / ".podlint.toml").write_text('exclude = ["**"]\n')  # above the repository
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "deploy").mkdir()
    assert find_config(str(repo / "deploy")) is None
    (repo / ".podlint.toml").write_text('fail-on = "warning"\n')
    assert find_config(str(repo / "deploy")) == str(repo / ".podlint.toml")


def test_the_report_names_the_configuration_and_warns_when_it_excludes_everything(tmp_path: Path) -> None:
    (tmp_path / "pod.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
    config = tmp_path / ".podlint.toml"
    config.write_text('exclude = ["**"]\n')
    result = CliRunner().invoke(cli, ["check", "--config", str(config), "-f", "json", str(tmp_path)])
    assert "excludes every file" in result.stderr and "no file was checked" in result.stderr
    assert json.loads(result.stdout)["summary"]["config"].endswith(".podlint.toml")


@pytest.mark.parametrize("name,text", [("deep.toml", "a = " + "[" * 5000 + "]" * 5000 + "\n")])
def test_deeply_nested_configuration_is_an_error_not_a_traceback(tmp_path: Path, name: str, text: str) -> None:
    config = tmp_path / ".podlint.toml"
    config.write_text(text)
    result = CliRunner().invoke(cli, ["check", "--config", str(config), str(tmp_path)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_deeply_nested_baseline_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "pod.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
    baseline = tmp_path / "b.json"
    baseline.write_text("[" * 100_000 + "]" * 100_000)
    result = CliRunner().invoke(cli, ["check", "--isolated", "--baseline", str(baseline), str(tmp_path / "pod.yaml")])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_file_over_the_time_budget_is_reported_not_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from podlint.discover import Source

    slow = Checker(Settings(file_budget=0.2))

    def forever(loaded, explicit=True):
        while True:
            time.sleep(0.01)

    monkeypatch.setattr(slow, "check", forever)
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        f.write("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
    start = time.monotonic()
    _, result = slow.check_source(Source(f.name, f.name, True))
    os.unlink(f.name)
    assert time.monotonic() - start < 5
    [d] = result.diagnostics
    assert d.rule_id == "PL000" and "per-file budget" in d.message


def test_many_broken_documents_take_linear_time() -> None:
    import time

    checker = Checker(Settings())
    broken = "apiVersion: v1\nkind: Pod\nmetadata: {name: [\n---\n"

    def seconds(n: int) -> float:
        text = broken * n
        start = time.perf_counter()
        found = checker.check_loaded(load_text(text, "b.yaml"))
        assert len(found) == n  # one syntax error per document, and nothing hidden
        return time.perf_counter() - start

    seconds(100)
    assert min(seconds(4000) for _ in range(2)) / min(seconds(1000) for _ in range(2)) < 10


def test_pre_commit_skips_templates_only_inside_a_chart(tmp_path: Path) -> None:
    chart = tmp_path / "chart"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: c\nversion: 1.0.0\n")
    (chart / "templates" / "pod.yaml").write_text("apiVersion: v1\nkind: Pod\nmetadata: {name: {{ .Values.n }}}\n")
    other = tmp_path / "app" / "templates"
    other.mkdir(parents=True)
    (other / "pod.yaml").write_text("apiVersion: v1\nkind: Pod\nmetadata: {name: Web}\nspec: {containers: []}\n")
    result = CliRunner().invoke(cli, ["check", "--isolated", "--skip-non-manifests", str(chart / "templates" / "pod.yaml"),
                                      str(chart / "Chart.yaml"), str(other / "pod.yaml")])
    assert result.exit_code == 1
    assert "app/templates/pod.yaml" in result.output and "chart/templates/pod.yaml" not in result.output
    assert "2 Helm chart source (not rendered)" in result.output


def test_a_rule_that_fails_on_one_container_still_reports_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    from podlint import checker as checker_mod
    from podlint.diagnostics import Finding
    from podlint.rules import all_rules

    rule = next(r for r in all_rules() if r.id == "PL404")

    def fragile(pod):
        for c in pod.containers:
            if c.name == "boom":
                raise ValueError("cannot read this container")
            yield Finding(c.path / "image", f"{c.label} checked")

    original = checker_mod.Checker.__init__

    def patched(self, settings):
        original(self, settings)
        self._calls = [(rule, rule.id, fragile) if rid == "PL404" else (r, rid, check)
                       for r, rid, check in self._calls]

    monkeypatch.setattr(checker_mod.Checker, "__init__", patched)
    text = ("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
            "    - {name: first, image: 'a:1'}\n    - {name: boom, image: 'b:1'}\n    - {name: last, image: 'c:1'}\n")
    found = Checker(Settings()).check_loaded(load_text(text, "p.yaml"))
    mine = sorted((d.rule_id, d.line) for d in found if d.rule_id in ("PL404", "PL000"))
    assert mine == [("PL000", 7), ("PL404", 6), ("PL404", 8)]  # the crash stays with its container


def test_a_named_link_to_a_secret_does_not_show_it(tmp_path: Path) -> None:
    secret = tmp_path / "token"
    secret.write_text("ghp_0123456789abcdefghijklmnopqrstuvwxyz\n")
    result = CliRunner().invoke(cli, ["check", "--isolated", str(secret)])
    assert result.exit_code == 1 and "PL003" in result.output and "ghp_" not in result.output
    assert "a string of 40 characters" in result.output


def test_links_to_folders_are_counted_not_followed(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "pod.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "linked").symlink_to(tmp_path / "real")
    result = CliRunner().invoke(cli, ["check", "--isolated", str(tmp_path / "tree")])
    assert "1 link to a folder (not followed)" in result.output


def test_a_pipe_is_read_in_pieces_not_for_the_whole_limit() -> None:
    from podlint.load import read_up_to

    class Pipe:
        def __init__(self) -> None:
            self.asked: list[int] = []

        def read(self, n: int) -> bytes:
            self.asked.append(n)
            return b"x" * min(n, 10) if len(self.asked) < 3 else b""

    pipe = Pipe()
    assert read_up_to(pipe, 10 ** 12) == b"x" * 20
    assert max(pipe.asked) <= 1 << 20


def test_listed_names_are_cut_short() -> None:
    volumes = "".join(f"    - {{name: v{i}, emptyDir: {{}}}}\n" for i in range(500))
    text = ("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: b:1\n"
            "      volumeMounts: [{name: missing, mountPath: /m}]\n  volumes:\n" + volumes)
    [d] = [d for d in Checker(Settings()).check_loaded(load_text(text, "v.yaml")) if d.rule_id == "PL460"]
    assert "... and 490 more" in d.message and len(d.message) < 400


def test_a_helm_source_line_cannot_become_a_link_in_sarif() -> None:
    text = ("# Source: javascript:alert(1)//templates/pod.yaml\napiVersion: v1\nkind: Pod\n"
            "metadata: {name: Web}\nspec: {containers: []}\n")
    sarif = json.loads(rendered(report_of(text), "sarif"))
    related = [loc["physicalLocation"]["artifactLocation"]["uri"]
               for result in sarif["runs"][0]["results"] for loc in result.get("relatedLocations", [])]
    assert related and all(uri.startswith("javascript%3A") for uri in related)


def test_the_temporary_report_goes_when_podlint_is_terminated(tmp_path: Path) -> None:
    import signal

    from podlint.atomic import write_atomically

    def interrupted(out) -> None:
        out.write("partial")
        os.kill(os.getpid(), signal.SIGTERM)

    with pytest.raises(SystemExit):
        write_atomically(str(tmp_path / "report.json"), interrupted)
    assert list(tmp_path.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # the handler is put back


def test_a_configuration_that_turns_everything_off_says_so(tmp_path: Path) -> None:
    (tmp_path / "pod.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
    config = tmp_path / ".podlint.toml"
    config.write_text('[per-file-ignores]\n"**" = ["ALL"]\n')
    result = CliRunner().invoke(cli, ["check", "--config", str(config), str(tmp_path)])
    assert "turns every rule off in every file" in result.stderr
