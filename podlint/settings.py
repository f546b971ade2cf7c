"""Settings: what one run checks against (release, selection, limits), shared by every file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple, Optional

from podlint.versions import KubeVersion

if TYPE_CHECKING:
    from podlint.globs import PathMatcher
    from podlint.selection import Selection

DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024
FILE_BUDGET = 120.0


class Settings(NamedTuple):
    kubernetes_version: KubeVersion = KubeVersion.newest()
    stdin_filename: str = "<stdin>"
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    debug: bool = False
    # select/ignore/per-file-ignores/severity from the configuration (None: every rule as is)
    selection: Optional["Selection"] = None
    exclude: Optional["PathMatcher"] = None  # files and folders never checked
    # files named on the command line are skipped, like walked ones, when they hold no
    # Kubernetes object (pre-commit names every staged YAML file)
    skip_non_manifests: bool = False
    config_file: Optional[str] = None  # the configuration file used, as the report names it
    # seconds one file may take before it is reported (PL000) instead of checked on: no input
    # may hang a CI job (0: no budget)
    file_budget: float = FILE_BUDGET
    # render kustomize trees and Helm charts found in a walk when a renderer is available
    render: bool = True
    helm_values: tuple[str, ...] = ()  # --values files for every chart rendered
    helm_set: tuple[str, ...] = ()  # --set items for every chart rendered
    # the cross-document rules: "auto" (when the run holds what they judge), "strict", "off"
    cross_file: str = "auto"
    # check the kustomize builds that use the named files, not the files (pre-commit)
    build_kustomizations: bool = False
    # "group/Kind" or "group/version/Kind" -> workloads.PodLayout of the custom resources whose
    # pod template is checked (None: workloads.BUILT_IN_TEMPLATES)
    pod_templates: Optional[dict[str, Any]] = None
    # diagnostics carry their fixes as text edits (podlint.fix, --fix, --diff, code actions)
    fixes: bool = False
