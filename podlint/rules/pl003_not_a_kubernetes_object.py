"""PL003 not-a-kubernetes-object: A document is not a Kubernetes object (no mapping with apiVersion and kind)."""

from podlint.diagnostics import Severity
from podlint.model import Rule

# Raised by the engine, not by a pod-spec check; listed here so it can be
# documented, selected and configured like every other rule.
RULE = Rule(
    id="PL003",
    name="not-a-kubernetes-object",
    severity=Severity.ERROR,
    summary="A document is not a Kubernetes object (no mapping with apiVersion and kind)",
)
