"""PL004 unreadable-file: A file could not be read, is not UTF-8 text, or is too large."""

from podlint.diagnostics import Severity
from podlint.model import Rule

# Raised by the loader, not by a pod-spec check; listed here so it can be
# documented, selected and configured like every other rule.
RULE = Rule(
    id="PL004",
    name="unreadable-file",
    severity=Severity.ERROR,
    summary="A file could not be read, is not UTF-8 text, or is too large",
)
