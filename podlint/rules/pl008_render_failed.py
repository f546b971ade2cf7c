"""PL008 render-failed: A kustomization could not be built, or a Helm chart could not be rendered."""

from podlint.diagnostics import Severity
from podlint.model import Rule

# Raised by podlint.render, not by a pod-spec check; listed here so it can be documented,
# selected and configured like every other rule.
RULE = Rule(
    id="PL008",
    name="render-failed",
    severity=Severity.WARNING,
    summary="A kustomization could not be built, or a Helm chart could not be rendered",
)
