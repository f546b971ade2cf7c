"""PW002 accepted-placeholder: A document meant for envsubst still holds ${VAR} placeholders, in values the API server accepts as written."""

from podlint.diagnostics import Severity
from podlint.model import Rule

# Raised by the checker (checker._report_placeholders), like PL007: the same document when no
# placeholder sits where the API server would refuse it (an image, a hostPath).
RULE = Rule(
    id="PW002",
    name="accepted-placeholder",
    severity=Severity.WARNING,
    summary="A document meant for envsubst still holds ${VAR} placeholders, in values the API server accepts as written",
)
