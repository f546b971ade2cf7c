"""PL011 wrong-type: A value has the wrong type for its field."""

from podlint.diagnostics import Severity
from podlint.model import Rule

# Raised by the schema pass (podlint/schema.py), not by a pod-spec check. Kept free of
# imports from schema.py so that listing rules does not load jsonschema.
RULE = Rule(
    id="PL011",
    name="wrong-type",
    severity=Severity.ERROR,
    summary="A value has the wrong type for its field",
    fix=("safe: unquotes a quoted integer in an integer field; quotes a YAML 1.1 boolean "
         "or number where a string is required, keeping its text"),
)
