"""PL002 duplicate-key: A mapping repeats a key; Kubernetes' strict decoding rejects it."""

from podlint.diagnostics import Severity
from podlint.model import Rule

# Raised by the loader, not by a pod-spec check; listed here so it can be
# documented, selected and configured like every other rule.
RULE = Rule(
    id="PL002",
    name="duplicate-key",
    severity=Severity.ERROR,
    summary="A mapping repeats a key; Kubernetes' strict decoding rejects it",
)
