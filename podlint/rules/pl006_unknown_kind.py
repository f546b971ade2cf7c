"""PL006 unknown-kind: A built-in API group has no such kind, or not in that version."""

from podlint.diagnostics import Severity
from podlint.model import Rule

# Raised by the schema pass (podlint/schema.py), like PL005.
RULE = Rule(
    id="PL006",
    name="unknown-kind",
    severity=Severity.ERROR,
    summary="The kind does not exist in the built-in API group and version it names",
)
