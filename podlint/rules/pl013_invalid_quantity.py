"""PL013 invalid-quantity: A resource quantity does not parse."""

from podlint.diagnostics import Severity
from podlint.model import Rule

# Raised by the schema pass (podlint/schema.py), not by a pod-spec check. Kept free of
# imports from schema.py so that listing rules does not load jsonschema.
RULE = Rule(
    id="PL013",
    name="invalid-quantity",
    severity=Severity.ERROR,
    summary="A resource quantity does not parse",
)
