"""PL007 unsubstituted-placeholder: A document meant for envsubst still holds ${VAR} placeholders where the API server refuses them."""

from podlint.diagnostics import Severity
from podlint.model import Rule

# Raised by the checker (checker._report_placeholders, from podlint/placeholders.py), not by
# a pod-spec check; listed here so it can be documented, selected and configured alike.
RULE = Rule(
    id="PL007",
    name="unsubstituted-placeholder",
    severity=Severity.ERROR,
    summary="A document meant for envsubst still holds ${VAR} placeholders where the API server refuses them",
)
