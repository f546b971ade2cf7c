"""Output formats. Each module has write(report, out, **options); none knows any rule."""

from __future__ import annotations

import importlib
from typing import Callable, TextIO

from podlint.diagnostics import Report

FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")


def get(name: str) -> Callable[..., None]:
    """The write function of format `name` (imported only when chosen)."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}; choose one of {', '.join(FORMATS)}")
    return importlib.import_module(f"{__name__}.{name}").write


def write(name: str, report: Report, out: TextIO, **options) -> None:
    get(name)(report, out, **options)
