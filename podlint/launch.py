"""The `podlint` command's entry point: plain `podlint check` lines skip click.

click parses podlint's command line (podlint.cli). Importing it and building the
commands takes about 15 ms, a fifth of checking one file from cold, and a pre-commit
hook pays that on every commit. So the lines a hook or a CI job typically runs --
`check`, paths, and a few options spelled out plainly -- are parsed here into exactly
the parameters click would pass to `check`, and podlint.checkcmd runs them. Every other
line goes to click untouched: other commands, --help, the other options, short options
run together, `--`, a repeated option, and any value this parser is not sure of, so
click's own messages report every usage error. So does every line on Windows, where
click expands wildcards in the arguments.

tests/test_launch.py checks that this parser and click agree on every line this one
accepts, and that it declines the lines click rejects.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import TYPE_CHECKING, Any, Callable, Optional

from podlint.checkcmd import FORMAT_CHOICES, LEVELS

if TYPE_CHECKING:
    from podlint.options import CheckOptions

# `check`'s parameters when no option is given: what click passes for an empty line.
# flag -> (parameter, value)
FLAGS: dict[str, tuple[str, bool]] = {
    "--skip-non-manifests": ("skip_non_manifests", True),
    "--isolated": ("isolated", True),
    "--debug": ("debug", True),
    "--color": ("color", True),
    "--no-color": ("color", False),
}


def _jobs(value: str) -> Optional[int]:
    return int(value) if value.isascii() and value.isdigit() and int(value) >= 1 else None


def _choice(choices: tuple[str, ...]) -> Callable[[str], Optional[str]]:
    return lambda value: value if value in choices else None


def _k8s(value: str):
    from podlint.versions import KubeVersion

    try:
        return KubeVersion.parse(value)
    except Exception:  # let click report it, as it would
        return None


# option taking a value -> (parameter, conversion: the value click would give, or None)
OPTIONS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "--jobs": ("jobs", _jobs), "-j": ("jobs", _jobs),
    "--format": ("fmt", _choice(FORMAT_CHOICES)), "-f": ("fmt", _choice(FORMAT_CHOICES)),
    "--kubernetes-version": ("k8s", _k8s), "-k": ("k8s", _k8s),
    "--fail-on": ("fail_on", _choice(LEVELS)),
    "--cross-file": ("cross_file", _choice(("auto", "strict", "off"))),  # the pre-commit hook's
}


def parse_check(argv: list[str]) -> Optional["CheckOptions"]:
    """`check`'s options for `argv` (without the program name), or None: ask click."""
    from podlint.options import CheckOptions

    if not argv or argv[0] != "check":
        return None
    params: dict[str, Any] = {}
    given: set[str] = set()
    paths: list[str] = []
    rest = argv[1:]
    i = 0
    while i < len(rest):
        token = rest[i]
        i += 1
        if token == "-" or not token.startswith("-"):
            if "\0" in token or not _readable_if_present(token):
                return None  # click.Path refuses a present but unreadable path
            paths.append(token)
            continue
        name, equals, attached = token.partition("=") if token.startswith("--") else (token, "", "")
        if name in FLAGS and not equals:
            param, value = FLAGS[name]
        elif name in OPTIONS:
            if equals:
                text = attached
            elif i < len(rest):
                text = rest[i]
                i += 1
            else:
                return None
            param, convert = OPTIONS[name]
            value = convert(text)
            if value is None:
                return None
        else:
            return None  # "--", clusters such as -j2, the other options, unknown ones
        if param in given:
            return None  # click keeps the last; not worth mirroring
        given.add(param)
        params[param] = value
    if not paths:
        return None
    params["paths"] = tuple(paths)
    return CheckOptions(**params)


def _readable_if_present(path: str) -> bool:
    return path == "-" or os.access(path, os.R_OK) or not os.path.exists(path)


def main() -> None:
    """`podlint`: a plain check line runs here; anything else goes to click."""
    argv = sys.argv[1:]
    # On Windows click expands wildcards, ~ and variables in the arguments itself; and
    # _PODLINT_COMPLETE asks click for shell completion.
    if os.name != "nt" and "_PODLINT_COMPLETE" not in os.environ:
        if argv == ["--version"]:
            from podlint import __version__

            sys.stdout.write(f"podlint {__version__}\n")
            sys.stdout.flush()
            sys.exit(0)
        options = parse_check(argv)
        if options is not None:
            _run(options)
    from podlint.cli import main as click_main

    click_main()


def _run(options: "CheckOptions") -> None:
    """run_check, with click's standalone handling of interrupts and closed pipes."""
    from podlint import checkcmd
    from podlint.checkcmd import say
    from podlint.plugins import PluginError

    try:
        code = checkcmd.run_check(options)
    except PluginError as err:
        say(f"podlint: {err}")
        sys.exit(2)
    except (EOFError, KeyboardInterrupt):
        sys.stderr.write("\nAborted!\n")  # as click says it
        sys.exit(1)
    except OSError as err:
        if err.errno != errno.EPIPE:
            raise
        _quiet_closed_pipes()
        sys.exit(1)
    sys.exit(code)


def _quiet_closed_pipes() -> None:
    """Point stdout and stderr at /dev/null so the exit's final flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError, AttributeError):
            pass
    os.close(devnull)
