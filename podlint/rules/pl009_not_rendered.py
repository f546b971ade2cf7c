"""PL009 not-rendered: A kustomization or Helm chart was not rendered: no renderer is available."""

from podlint.diagnostics import Severity
from podlint.model import Rule

# Raised by podlint.render, not by a pod-spec check; listed here so it can be documented,
# selected and configured like every other rule.
RULE = Rule(
    id="PL009",
    name="not-rendered",
    severity=Severity.INFO,
    summary="A kustomization or Helm chart was not rendered: no renderer is available",
)
