"""PL000 internal-error: podlint failed while checking this file (a bug in podlint or a plugin)."""

from podlint.diagnostics import Severity
from podlint.model import Rule

# Raised by the engine, not by a pod-spec check; listed here so it can be
# documented, selected and configured like every other rule.
RULE = Rule(
    id="PL000",
    name="internal-error",
    severity=Severity.ERROR,
    summary="podlint failed while checking this file (a bug in podlint or a plugin)",
)
