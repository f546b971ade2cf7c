"""CheckOptions: the parameters of `podlint check`, spelt once.

click (cli.py) and the fast entry parser (launch.py) both build one; run_check takes it.
A field's name is the click parameter's, and its default is the option's default. A plain
read-only class, not a NamedTuple: the launcher builds it on every cold start, and defining
a 23-field NamedTuple costs about a millisecond.
"""

from __future__ import annotations

from typing import Any

# (name, default) of every option, in the order of `podlint check --help`
_FIELDS: tuple[tuple[str, Any], ...] = (
    ("paths", ()),  # files, folders, "-" for standard input
    ("k8s", None),  # --kubernetes-version: a KubeVersion (None: the configuration's, else newest)
    ("feature_gates", ()),  # --feature-gates: ((name, on), ...)
    ("pod_templates", ()),  # --pod-template: (("group/Kind", "path"), ...)
    ("fmt", None),  # --format (None: text, or github under GitHub Actions)
    ("output", None),  # --output FILE
    ("output_formats", ()),  # ((format, file), ...): --output-format FORMAT=FILE
    ("stdin_filename", "<stdin>"),
    ("max_file_size", None),
    ("sarif_category", None),
    ("config_file", None),  # --config
    ("isolated", False),
    ("select", ()),  # as given: repeated, comma-separated
    ("ignore", ()),
    ("extend_select", ()),
    ("severity", ()),  # ((selector, Severity), ...)
    ("exclude", ()),
    ("per_file_ignores", ()),  # ((glob, (rule, ...)), ...)
    ("fail_on", None),
    ("baseline_file", None),  # --baseline
    ("write_baseline", None),
    ("skip_non_manifests", False),
    ("render", True),  # --render/--no-render: kustomize trees and Helm charts
    ("helm_values", ()),  # --values FILE (repeatable)
    ("helm_set", ()),  # --set KEY=VALUE (repeatable)
    ("build_kustomizations", False),  # --build-kustomizations
    ("cross_file", None),  # --cross-file auto|strict|off (None: the configuration's, else auto)
    ("statistics", False),
    ("fix", False),  # --fix: apply safe fixes in place
    ("unsafe_fixes", False),  # --unsafe-fixes: also the fixes that change meaning
    ("diff", False),  # --diff: print the fixes as a unified diff, write nothing
    ("color", None),
    ("jobs", None),
    ("debug", False),
)


class CheckOptions:
    __slots__ = tuple(name for name, _ in _FIELDS)
    _fields = __slots__

    def __init__(self, **given: Any) -> None:
        for name, default in _FIELDS:
            object.__setattr__(self, name, given.pop(name, default))
        if given:
            raise TypeError(f"unknown check options: {', '.join(sorted(given))}")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("CheckOptions is read-only; use _replace")

    def _asdict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self._fields}

    def _replace(self, **changes: Any) -> "CheckOptions":
        return CheckOptions(**{**self._asdict(), **changes})

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not CheckOptions:
            return NotImplemented
        return self._asdict() == other._asdict()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "CheckOptions(" + ", ".join(f"{k}={v!r}" for k, v in self._asdict().items()) + ")"
