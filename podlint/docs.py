"""Find the rule documents: shipped in the wheel as podlint/ruledocs, or rules/ in a checkout."""

from __future__ import annotations

import os
from podlint import lazyre
from typing import Optional

# the test markers of the examples (tests/markers.py): they mean nothing to a reader
_MARKER = lazyre.compile(r"[ \t]*#\s*expect(?:\+\d+)?:\s*[A-Z]{2}\d{3}(?:\s*,\s*[A-Z]{2}\d{3})*")

_PACKAGE = os.path.dirname(os.path.realpath(__file__))


def docs_dir() -> Optional[str]:
    for candidate in (os.path.join(_PACKAGE, "ruledocs"), os.path.join(os.path.dirname(_PACKAGE), "rules")):
        if os.path.isdir(candidate):
            return candidate
    return None


def rule_doc(rule_id: str) -> Optional[str]:
    """The rule's document as users read it (`podlint rule`, SARIF help), without the
    examples' test markers; None when it is not installed."""
    folder = docs_dir()
    if folder is None:
        return None
    path = os.path.join(folder, f"{rule_id.upper()}.md")
    if not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8") as f:
        return _MARKER.sub("", f.read())
