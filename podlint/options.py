"""CheckOptions: the parameters of `podlint check`, spelt once.

click (cli.py) and the fast entry parser (launch.py) both build one; run_check takes it.
A field's name is the click parameter's, and its default is the option's default.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, Optional

if TYPE_CHECKING:
    from podlint.diagnostics import Severity
    from podlint.versions import KubeVersion


class CheckOptions(NamedTuple):
    paths: tuple[str, ...] = ()  # files, folders, "-" for standard input
    k8s: Optional["KubeVersion"] = None  # --kubernetes-version (None: the configuration's, else newest)
    feature_gates: tuple[tuple[str, bool], ...] = ()  # --feature-gates
    fmt: Optional[str] = None  # --format (None: text, or github under GitHub Actions)
    output: Optional[str] = None  # --output FILE
    stdin_filename: str = "<stdin>"
    max_file_size: Optional[int] = None
    sarif_category: Optional[str] = None
    config_file: Optional[str] = None  # --config
    isolated: bool = False
    select: tuple[str, ...] = ()  # as given: repeated, comma-separated
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: tuple[tuple[str, "Severity"], ...] = ()
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: Optional[str] = None
    baseline_file: Optional[str] = None  # --baseline
    write_baseline: Optional[str] = None
    skip_non_manifests: bool = False
    color: Optional[bool] = None
    jobs: Optional[int] = None
    debug: bool = False
