"""PL014 invalid-value: A value is not allowed by the Kubernetes schema (such as invalid base64 data)."""

from podlint.diagnostics import Severity
from podlint.model import Rule

# Raised by the schema pass (podlint/schema.py), not by a pod-spec check. Kept free of
# imports from schema.py so that listing rules does not load jsonschema.
RULE = Rule(
    id="PL014",
    name="invalid-value",
    severity=Severity.ERROR,
    summary="A value is not allowed by the Kubernetes schema (such as invalid base64 data)",
)
