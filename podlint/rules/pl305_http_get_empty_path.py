"""PL305 http-get-empty-path."""

from __future__ import annotations

from podlint.diagnostics import Severity
from podlint.model import Rule

# No check function: validation.go validateHTTPGetAction requires a non-empty path, but
# defaults.go SetDefaults_HTTPGetAction first turns an empty or absent path into "/", on
# probes and hooks alike, so a manifest can never reach the error. The rule is listed and
# documented so that the catalogue stays complete (see rules/PL305.md).
RULE = Rule(
    id="PL305",
    name="http-get-empty-path",
    severity=Severity.ERROR,
    summary="An httpGet probe or hook has an empty path (unreachable: defaulted to /)",
)
