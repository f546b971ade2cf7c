"""PL111 init-container-resize-policy (documented only: unreachable with default gates)."""

from __future__ import annotations

from podlint.diagnostics import Severity
from podlint.model import Rule

# No check: validateInitContainers rejects any init container resizePolicy only while
# opts.AllowSidecarResizePolicy is false, and pkg/api/pod/util.go sets that option from
# the InPlacePodVerticalScaling gate. Where the gate is off (1.27-1.32) dropDisabledFields
# removes resizePolicy before validation; where it is on (1.33+) the option is true. So a
# create never fails this way on a default cluster; see rules/PL111.md.
RULE = Rule(
    id="PL111",
    name="init-container-resize-policy",
    severity=Severity.ERROR,
    summary="An init container sets resizePolicy while sidecar resize is off (never on default clusters)",
)
