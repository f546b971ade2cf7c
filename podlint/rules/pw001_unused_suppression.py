"""PW001 unused-suppression: a suppression comment or annotation that hides nothing."""

from podlint.diagnostics import Severity
from podlint.model import Rule

# Raised by the engine (podlint/suppress.py finds the suppressions), not by a pod-spec
# check; listed here so it can be documented, selected and configured like every rule.
RULE = Rule(
    id="PW001",
    name="unused-suppression",
    severity=Severity.WARNING,
    summary="A suppression comment or annotation hides no diagnostic",
    since="0.1.0",
)
