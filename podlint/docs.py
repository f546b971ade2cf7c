"""Find the rule documents: shipped in the wheel as podlint/ruledocs, or rules/ in a checkout."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

_PACKAGE = Path(__file__).resolve().parent


def docs_dir() -> Optional[Path]:
    for candidate in (_PACKAGE / "ruledocs", _PACKAGE.parent / "rules"):
        if candidate.is_dir():
            return candidate
    return None


def rule_doc(rule_id: str) -> Optional[str]:
    folder = docs_dir()
    if folder is None:
        return None
    path = folder / f"{rule_id.upper()}.md"
    return path.read_text(encoding="utf-8") if path.is_file() else None
