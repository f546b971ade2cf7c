"""PL010 unknown-field: A field is not part of the Kubernetes type (strict decoding rejects it)."""

from podlint.diagnostics import Severity
from podlint.model import Rule

# Raised by the schema pass (podlint/schema.py), not by a pod-spec check. Kept free of
# imports from schema.py so that listing rules does not load jsonschema.
RULE = Rule(
    id="PL010",
    name="unknown-field",
    severity=Severity.ERROR,
    summary="A field is not part of the Kubernetes type (strict decoding rejects it)",
    fix=("safe: renames the key to the one field it can mean (the same name in another "
         "case, or the only close name)"),
)
