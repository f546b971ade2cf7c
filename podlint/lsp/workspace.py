"""What the server checks a document with: the configuration found from the document's
folder as `podlint check` finds it from its own, and the editor's kubernetesVersion on top."""

from __future__ import annotations

import os
from typing import Any, NamedTuple, Optional

from podlint.diagnostics import Diagnostic
from podlint.load import load_text
from podlint.versions import KubeVersion, UnsupportedVersion


class Setup(NamedTuple):
    """One configuration's Checker, and why none could be made (a broken file)."""

    checker: Any  # podlint.checker.Checker
    config_file: Optional[str]
    error: Optional[str]


def kubernetes_version(options: Any) -> Optional[KubeVersion]:
    """The kubernetesVersion of initializationOptions or of a didChangeConfiguration's
    settings (flat or under "podlint"); None when unset. Raises UnsupportedVersion."""
    if not isinstance(options, dict):
        return None
    nested = options.get("podlint")
    if isinstance(nested, dict):
        options = nested
    value = options.get("kubernetesVersion")
    if value in (None, ""):
        return None
    return KubeVersion.parse(str(value))


def _stamp(path: Optional[str]) -> Optional[tuple[float, int]]:
    try:
        status = os.stat(path) if path else None
    except OSError:
        return None
    return (status.st_mtime, status.st_size) if status else None


class Workspace:
    """Checkers by configuration file, made again when the file changes on disk."""

    def __init__(self, k8s: Optional[KubeVersion] = None) -> None:
        self.k8s = k8s  # the editor's setting; None: the configuration's, else the newest
        self._setups: dict[Optional[str], tuple[Optional[tuple[float, int]], Setup]] = {}

    def set_kubernetes_version(self, k8s: Optional[KubeVersion]) -> None:
        self.k8s = k8s
        self._setups.clear()

    def setup(self, folder: Optional[str]) -> Setup:
        """The Setup for a document in `folder` (None: no folder on disk: defaults)."""
        from podlint.config import ConfigError, find_config

        try:
            found = find_config(folder) if folder else None
        except OSError:
            found = None
        stamp = _stamp(found)
        cached = self._setups.get(found)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        try:
            setup = Setup(self._checker(found), found, None)
        except (ConfigError, UnsupportedVersion) as err:
            setup = Setup(self._checker(None), found, f"podlint: {err} (checking with the defaults)")
        self._setups[found] = (stamp, setup)
        return setup

    def _checker(self, config_file: Optional[str]):
        # the command line's own steps (checkcmd), so that the editor reports what `check` does
        from podlint.checkcmd import _configure, _settings
        from podlint.checker import Checker
        from podlint.config import Config

        if config_file is None:
            config = Config()
        else:
            config = _configure(config_file, False, (), (), (), (), (), (), None)
        settings = _settings(config, self.k8s, (), "<stdin>", None, False, False)
        settings = settings._replace(cross_file=config.cross_file or "auto")
        if "fixes" in settings._fields:  # diagnostics carry their fixes: the code actions
            settings = settings._replace(fixes=True)
        return Checker(settings)

    def diagnose(self, text: str, path: str, folder: Optional[str]) -> tuple[list[Diagnostic], Setup]:
        """The diagnostics of one document's text, named `path` (absolute for a file on disk)."""
        setup = self.setup(folder)
        checker = setup.checker
        exclude = checker.settings.exclude
        if folder and exclude is not None and exclude.matches(path):
            return [], setup  # the configuration excludes it, as `check` does named files
        loaded = load_text(text, path)
        if not _holds_object(loaded):
            return [], setup
        return checker.check_loaded(loaded, explicit=False), setup


def _holds_object(loaded) -> bool:
    """Whether a document is, or is meant to be, a Kubernetes object: one parsed with
    apiVersion or kind, or text that names them (a manifest broken mid-edit)."""
    for document in loaded.documents:
        if isinstance(document.data, dict) and ("apiVersion" in document.data or "kind" in document.data):
            return True
    return bool(loaded.problems) and ("apiVersion" in loaded.text or "kind" in loaded.text)
