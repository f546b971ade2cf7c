"""PL001 invalid-yaml: The file is not valid YAML, or nests or aliases beyond podlint's limits."""

from podlint.diagnostics import Severity
from podlint.model import Rule

# Raised by the loader, not by a pod-spec check; listed here so it can be
# documented, selected and configured like every other rule.
RULE = Rule(
    id="PL001",
    name="invalid-yaml",
    severity=Severity.ERROR,
    summary="The file is not valid YAML, or nests or aliases beyond podlint's limits",
)
