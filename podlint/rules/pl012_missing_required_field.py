"""PL012 missing-required-field: An object lacks a field its type requires."""

from podlint.diagnostics import Severity
from podlint.model import Rule

# Raised by the schema pass (podlint/schema.py), not by a pod-spec check. Kept free of
# imports from schema.py so that listing rules does not load jsonschema.
RULE = Rule(
    id="PL012",
    name="missing-required-field",
    severity=Severity.ERROR,
    summary="An object lacks a field its type requires",
)
