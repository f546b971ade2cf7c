"""Find the rule documents: shipped in the wheel as podlint/ruledocs, or rules/ in a checkout."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

# the test markers of the examples (tests/markers.py): they mean nothing to a reader
_MARKER = re.compile(r"[ \t]*#\s*expect(?:\+\d+)?:\s*[A-Z]{2}\d{3}(?:\s*,\s*[A-Z]{2}\d{3})*")

_PACKAGE = Path(__file__).resolve().parent


def docs_dir() -> Optional[Path]:
    for candidate in (_PACKAGE / "ruledocs", _PACKAGE.parent / "rules"):
        if candidate.is_dir():
            return candidate
    return None


def rule_doc(rule_id: str) -> Optional[str]:
    """The rule's document as users read it (`podlint rule`, SARIF help), without the
    examples' test markers; None when it is not installed."""
    folder = docs_dir()
    if folder is None:
        return None
    path = folder / f"{rule_id.upper()}.md"
    return _MARKER.sub("", path.read_text(encoding="utf-8")) if path.is_file() else None
