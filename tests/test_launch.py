"""podlint.launch: the entry point's own parser for plain `check` lines must agree with click.

Every line it accepts must give exactly the parameters click gives `check`; every line
click rejects it must hand to click (so click reports the usage error).
"""

from __future__ import annotations

import contextlib
import os
import random
import subprocess
import sys
from pathlib import Path

import click
import pytest

from podlint import checkcmd, launch
from podlint.cli import cli
from podlint.options import CheckOptions

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CHECK = cli.commands["check"]


def click_params(args: list[str]):
    """The options click makes for `podlint check ARGS`, or None if it refuses them."""
    try:
        with CHECK.make_context("check", list(args), resilient_parsing=False) as ctx:
            params = dict(ctx.params)
    except click.exceptions.Exit:
        return None
    except click.UsageError:
        return None
    if not params["paths"]:
        return None  # `check` itself refuses this (UsageError), after parsing
    return CheckOptions(**params)


def launch_main(argv: list[str]) -> None:
    """podlint ARGV through the entry point."""
    saved = sys.argv
    sys.argv = ["podlint", *argv]
    try:
        launch.main()
    finally:
        sys.argv = saved


def test_defaults_are_clicks() -> None:
    options = click_params(["some.yaml"])
    assert options is not None
    assert options._replace(paths=()) == CheckOptions()


def test_check_options_are_clicks_parameters() -> None:
    assert set(CheckOptions._fields) == {param.name for param in CHECK.params}


def test_every_option_it_knows_is_one_of_checks() -> None:
    names = {opt for param in CHECK.params for opt in (*param.opts, *param.secondary_opts)}
    known = set(launch.FLAGS) | set(launch.OPTIONS)
    assert known <= names, known - names


ACCEPTED = [
    ["a.yaml"],
    ["a.yaml", "b/", "-"],
    ["--skip-non-manifests", "--jobs", "1", "a.yaml", "b.yaml"],  # the pre-commit hook's line (old)
    ["--skip-non-manifests", "--jobs", "1", "--cross-file", "off", "a.yaml"],  # and now
    ["a.yaml", "--jobs=3", "b.yaml"],
    ["-j", "2", "a.yaml"],
    ["-f", "json", "a.yaml"],
    ["--format=sarif", "a.yaml"],
    ["--format", "github", "--fail-on", "warning", "a.yaml"],
    ["--fail-on=info", "a.yaml"],
    ["-k", "1.30", "a.yaml"],
    ["--kubernetes-version", "v1.33.2", "a.yaml"],
    ["--kubernetes-version=1.25", "--isolated", "--debug", "a.yaml"],
    ["--color", "a.yaml"],
    ["--no-color", "a.yaml"],
    ["", "a.yaml"],  # an empty path is a path to click too
    ["--jobs", "007", "a.yaml"],
]


@pytest.mark.parametrize("args", ACCEPTED, ids=" ".join)
def test_accepted_lines_give_clicks_parameters(args: list[str]) -> None:
    params = launch.parse_check(["check", *args])
    assert params is not None
    assert params == click_params(args)


DECLINED = [
    [],  # click: give at least one path
    ["--jobs", "1"],
    ["--jobs", "0", "a.yaml"],  # click: out of range
    ["--jobs", "x", "a.yaml"],
    ["--jobs", " 2", "a.yaml"],  # click's int() takes it; not worth mirroring
    ["--jobs", "1_0", "a.yaml"],
    ["--jobs", "²", "a.yaml"],
    ["--jobs=", "a.yaml"],
    ["a.yaml", "--jobs"],  # click: needs a value
    ["-f", "yaml", "a.yaml"],
    ["-f", "JSON", "a.yaml"],
    ["--fail-on", "fatal", "a.yaml"],
    ["--cross-file", "sometimes", "a.yaml"],
    ["-k", "1.99", "a.yaml"],
    ["-k", "-1.30", "a.yaml"],
    ["--skip-non-manifests=yes", "a.yaml"],  # click: flag takes no value
    ["--unknown", "a.yaml"],
    ["--ski", "a.yaml"],  # click does not expand abbreviations
    ["-j2", "a.yaml"],  # short option with its value attached: click's
    ["-j=2", "a.yaml"],
    ["-fjson", "a.yaml"],
    ["--", "-a.yaml"],
    ["--jobs", "1", "--jobs", "2", "a.yaml"],  # repeated: click keeps the last
    ["--color", "--no-color", "a.yaml"],
    ["--select", "PL1", "a.yaml"],  # options it leaves to click
    ["--config", "x.toml", "a.yaml"],
    ["-o", "out.txt", "a.yaml"],
    ["--stdin-filename", "x", "-"],
    ["-h"],
    ["--help", "a.yaml"],
    ["a\0b.yaml"],
]


@pytest.mark.parametrize("args", DECLINED, ids=repr)
def test_other_lines_go_to_click(args: list[str]) -> None:
    assert launch.parse_check(["check", *args]) is None


@pytest.mark.parametrize("argv", [["rules"], ["rule", "PL101"], ["--version", "check", "a"], ["a.yaml"],
                                  ["--help"], ["check2", "a.yaml"]])
def test_other_commands_go_to_click(argv: list[str]) -> None:
    assert launch.parse_check(argv) is None


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
def test_unreadable_path_goes_to_click(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("kind: Pod\n")
    path.chmod(0)
    try:
        assert click_params([str(path)]) is None  # click.Path: "is not readable"
        assert launch.parse_check(["check", str(path)]) is None
    finally:
        path.chmod(0o600)


TOKENS = ["a.yaml", "b", "-", "", "--jobs", "-j", "1", "2", "0", "x", "--format", "-f", "json", "text",
          "--format=json", "--jobs=4", "--fail-on", "warning", "-k", "1.30", "v1.28.3", "1.99",
          "--kubernetes-version", "--skip-non-manifests", "--isolated", "--debug", "--color", "--no-color",
          "--", "-x", "--select", "PL1", "-j3", "--debug=1", "--fail-on=error", "-fjson"]


def test_random_lines_agree_with_click() -> None:
    """Whatever launch accepts, click parses the same; whatever click refuses, launch declines."""
    rng = random.Random(20261125)
    accepted = 0
    for _ in range(3000):
        args = [rng.choice(TOKENS) for _ in range(rng.randint(0, 6))]
        ours = launch.parse_check(["check", *args])
        if ours is None:
            continue
        accepted += 1
        assert ours == click_params(args), args
    assert accepted > 100  # the comparison is not vacuous


def test_version_matches_click(capsys) -> None:
    with pytest.raises(SystemExit) as fast:
        launch_main(["--version"])
    ours = capsys.readouterr()
    with pytest.raises(SystemExit) as slow:
        cli.main(["--version"], prog_name="podlint")
    theirs = capsys.readouterr()
    assert (fast.value.code or 0, ours.out, ours.err) == (slow.value.code or 0, theirs.out, theirs.err)


@pytest.mark.parametrize("error, code, stderr", [
    (KeyboardInterrupt(), 1, "\nAborted!\n"),
    (EOFError(), 1, "\nAborted!\n"),
])
def test_interrupts_are_handled_as_click_does(monkeypatch, capsys, error, code, stderr) -> None:
    def interrupted(options):
        raise error

    monkeypatch.setattr(checkcmd, "run_check", interrupted)
    with pytest.raises(SystemExit) as fast:
        launch_main(["check", "a.yaml"])
    ours = capsys.readouterr()
    with pytest.raises(SystemExit) as slow:
        cli.main(["check", "a.yaml"], prog_name="podlint")
    theirs = capsys.readouterr()
    assert (fast.value.code, ours.err) == (slow.value.code, theirs.err) == (code, stderr)


@pytest.mark.parametrize("os_name, environ, fast", [
    ("posix", {}, True),
    ("nt", {}, False),  # click expands wildcards there
    ("posix", {"_PODLINT_COMPLETE": "bash_complete"}, False),  # click's shell completion
])
def test_when_click_parses_a_plain_line(monkeypatch, os_name, environ, fast) -> None:
    used = []
    monkeypatch.setattr(checkcmd, "run_check", lambda options: used.append("launch"))
    monkeypatch.setattr("podlint.cli.main", lambda: used.append("click"))
    monkeypatch.setattr(launch.os, "name", os_name)
    for key, value in environ.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(SystemExit) if fast else contextlib.nullcontext():
        launch_main(["check", "a.yaml"])
    assert used == ["launch" if fast else "click"]


def test_closed_pipe_exits_1_quietly(monkeypatch) -> None:
    quieted = []

    def broken(options):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(checkcmd, "run_check", broken)
    monkeypatch.setattr(launch, "_quiet_closed_pipes", lambda: quieted.append(True))
    with pytest.raises(SystemExit) as fast:
        launch_main(["check", "a.yaml"])
    assert fast.value.code == 1 and quieted == [True]


def test_other_os_errors_propagate(monkeypatch) -> None:
    def failing(options):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(checkcmd, "run_check", failing)
    with pytest.raises(PermissionError):
        launch_main(["check", "a.yaml"])


def run_podlint(*args: str, entry: str, cwd: Path = ROOT, stdin: str = "") -> tuple:
    code = {"launch": "from podlint.launch import main",
            "click": "from podlint.cli import main"}[entry]
    code += "\nimport sys\nsys.argv[0] = 'podlint'\nmain()\n"
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, input=stdin, capture_output=True,
                          text=True, env={**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": ""})
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("args", [
    ["check", "examples/"],
    ["check", "--skip-non-manifests", "--jobs", "1", "examples/broken-deployment.yaml", "README.md"],
    ["check", "-f", "json", "-k", "1.30", "examples/pod-with-init-container.yaml"],
    ["check", "--format=sarif", "--fail-on=warning", "examples/"],
    ["check", "no-such-file.yaml"],
    ["check", "-"],
    ["check", "--jobs", "0", "examples/"],  # click's usage error, through launch
    ["check"],
    ["rules"],
], ids=" ".join)
def test_both_entry_points_print_the_same(args: list[str]) -> None:
    stdin = (EXAMPLES / "broken-deployment.yaml").read_text()
    fast = run_podlint(*args, entry="launch", stdin=stdin)
    slow = run_podlint(*args, entry="click", stdin=stdin)
    assert fast == slow


# Modules a plain check does not need, and what importing them costs at start-up
UNNEEDED = ("click", "dataclasses", "inspect", "threading", "jsonschema", "importlib.metadata")


def test_plain_check_does_not_import_what_it_does_not_use() -> None:
    """A valid file (jsonschema is imported only to explain an invalid object)."""
    code = ("import sys\nfrom podlint.launch import main\n"
            "sys.argv = ['podlint', 'check', '--skip-non-manifests', '--jobs', '1',"
            " 'examples/pod-with-init-container.yaml']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in sys.modules if m.partition('.')[0] in {UNNEEDED!r} or m in {UNNEEDED!r}))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_console_script_and_module_use_the_launcher() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'podlint = "podlint.launch:main"' in pyproject
    assert "from podlint.launch import main" in (ROOT / "podlint" / "__main__.py").read_text()
