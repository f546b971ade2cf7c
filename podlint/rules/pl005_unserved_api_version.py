"""PL005 unserved-api-version: The apiVersion and kind are not served by the chosen Kubernetes release."""

from podlint.diagnostics import Severity
from podlint.model import Rule

# Raised by the schema pass (podlint/schema.py), not by a pod-spec check. Kept free of
# imports from schema.py so that listing rules does not load jsonschema.
RULE = Rule(
    id="PL005",
    name="unserved-api-version",
    severity=Severity.ERROR,
    summary="The apiVersion and kind are not served by the chosen Kubernetes release",
    fix=("safe or unsafe: changes apiVersion to the version that serves the kind; unsafe "
         "when the object is not valid there as it stands (apps/v1 requires spec.selector)"),
)
