"""PL711 invalid-pod-deletion-cost."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict
from podlint.rules._metadata import DELETION_COST_KEY, pod_meta, shorten
from podlint import lazyre

RULE = Rule(
    id="PL711",
    name="invalid-pod-deletion-cost",
    severity=Severity.ERROR,
    summary="The controller.kubernetes.io/pod-deletion-cost annotation is not a 32-bit integer",
)

# helper.GetDeletionCostFromPodAnnotations: validFirstDigit (a '-', a lone "0", or 1-9
# first: no '+' and no leading zero), then strconv.ParseInt(value, 10, 32)
_COST = lazyre.compile(r"(0|-[0-9]+|[1-9][0-9]*)\Z")


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidatePodSpecificAnnotations: Invalid "must be a 32bit integer" unless
    # PodDeletionCost is off (it is on by default since 1.22); on Pods and pod templates
    meta = pod_meta(pod)
    if meta is None or DELETION_COST_KEY not in as_dict(meta.data.get("annotations")):
        return
    value = as_dict(meta.data.get("annotations")).get(DELETION_COST_KEY)
    if value is None:
        value = ""  # JSON null decodes to "" in a map[string]string
    if not isinstance(value, str):
        return  # wrong type: the schema pass reports it
    if _COST.match(value) and len(value) <= 12 and -(2**31) <= int(value) <= 2**31 - 1:
        return
    yield Finding(meta.path / "annotations" / DELETION_COST_KEY,
                  f'pod-deletion-cost "{shorten(value)}" is not a 32-bit integer; use a plain decimal '
                  "from -2147483648 to 2147483647 (no '+', no leading zeros)", on_key=False)
