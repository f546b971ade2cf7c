"""Helm charts: render with `helm template` (a helm binary on PATH) or with the Helm library
that the helm-python-sdk wheel embeds (podlint[render]), offline either way.

Each rendered manifest comes back with the template it came from, so findings name the
template file; `template_line` finds the line inside the template that a rendered line came
from (templates are not YAML, so this is a text match, in order of appearance).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import NamedTuple, Optional

MARKER = "Chart.yaml"
RELEASE = "release-name"  # what `helm template` calls the release when none is given
TIMEOUT = 120
_SOURCE = re.compile(r"^# Source: (.+)$", re.M)


class Rendered(NamedTuple):
    manifests: Optional[list[tuple[str, str]]]  # (template path inside the chart folder, text)
    error: Optional[str]


def find_renderer() -> Optional[str]:
    """'helm' (a binary on PATH) or 'library' (helm-python-sdk), or None."""
    if shutil.which("helm"):
        return "helm"
    try:
        import importlib.util

        if importlib.util.find_spec("helm_python") is not None:
            return "library"
    except (ImportError, ValueError):
        pass
    return None


def render(chart: str, renderer: str, values: tuple[str, ...] = (), sets: tuple[str, ...] = ()) -> Rendered:
    """Render the chart in folder `chart`; template paths are relative to that folder."""
    if renderer == "helm":
        return _with_binary(chart, values, sets)
    return _with_library(chart, values, sets)


def _with_binary(chart: str, values: tuple[str, ...], sets: tuple[str, ...]) -> Rendered:
    command = ["helm", "template", RELEASE, chart]
    for file in values:
        command += ["--values", file]
    for item in sets:
        command += ["--set", item]
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return Rendered(None, f"helm template took longer than {TIMEOUT} s and was stopped")
    except OSError as err:
        return Rendered(None, f"cannot run helm: {err.strerror or err}")
    if done.returncode != 0:
        return Rendered(None, _first_line(done.stderr.decode("utf-8", "replace")))
    text = done.stdout.decode("utf-8", "replace")
    manifests: dict[str, list[str]] = {}
    for piece in re.split(r"(?m)^---[ \t]*$", text):
        match = _SOURCE.search(piece)
        if match:
            manifests.setdefault(_inside(match.group(1)), []).append(piece)
    return Rendered([(name, "---".join(pieces)) for name, pieces in manifests.items()], None)


def _with_library(chart: str, values: tuple[str, ...], sets: tuple[str, ...]) -> Rendered:
    try:
        import helm_python
        from helm_python.chart import Chart
    except ImportError as err:  # pragma: no cover - find_renderer checked
        return Rendered(None, f"cannot load helm-python-sdk: {err}")
    try:
        merged: dict = {}
        for file in values:
            with open(file, encoding="utf-8") as handle:
                _merge(merged, helm_python.values_from_yaml(handle.read()))
        for item in sets:
            _merge(merged, helm_python.parse_set_string(item))
        with Chart.load(chart) as loaded:
            out = loaded.render(values=merged or None, name=RELEASE)
    except Exception as err:  # the library raises its own error types for every failure
        return Rendered(None, _first_line(str(err)) or type(err).__name__)
    return Rendered([(_inside(name), text) for name, text in sorted(out.items())
                     if name.endswith((".yaml", ".yml", ".json", ".tpl")) and text.strip()], None)


def _merge(into: dict, more: dict) -> None:
    for key, value in more.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def _inside(name: str) -> str:
    """'chart/templates/x.yaml' (as helm names it) -> 'templates/x.yaml'; a subchart's
    'chart/charts/sub/templates/x.yaml' -> 'charts/sub/templates/x.yaml'."""
    return name.split("/", 1)[1] if "/" in name else name


def _first_line(text: str) -> str:
    text = text.strip()
    if text.startswith("Error: "):
        text = text[len("Error: "):]
    return (text.splitlines() or [""])[0][:500]


def template_line(rendered: list[str], line: int, template: list[str]) -> tuple[int, int]:
    """(line, indent shift) in the template for 1-based `line` of a rendered manifest: the
    template line with the same text (or else the same key), taken in order of appearance;
    (1, 0) when none matches."""
    if not 0 < line <= len(rendered):
        return 1, 0
    wanted = rendered[line - 1].strip()
    for same in (_same_text(wanted), _same_key(wanted)):
        if same is None:
            continue
        candidates = [i for i, text in enumerate(template) if same(text.strip())]
        if candidates:
            before = sum(1 for text in rendered[:line - 1] if same(text.strip()))
            chosen = candidates[min(before, len(candidates) - 1)]
            shift = _indent(template[chosen]) - _indent(rendered[line - 1])
            return chosen + 1, shift
    return 1, 0


def _same_text(wanted: str):
    return (lambda text: text == wanted) if wanted else None


def _same_key(wanted: str):
    key = wanted[2:] if wanted.startswith("- ") else wanted
    if ":" not in key:
        return None
    key = key.split(":", 1)[0].strip().strip("'\"")
    if not key:
        return None

    def same(text: str) -> bool:
        text = text[2:] if text.startswith("- ") else text
        return text.split(":", 1)[0].strip().strip("'\"") == key and ":" in text

    return same


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))
