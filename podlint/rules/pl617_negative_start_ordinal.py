"""PL617 negative-start-ordinal."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_int
from podlint.rules._workloads import workload_spec

RULE = Rule(
    id="PL617",
    name="negative-start-ordinal",
    severity=Severity.ERROR,
    summary="A StatefulSet ordinals.start is negative",
    min_version=27,  # StatefulSetStartOrdinal: alpha (off, field dropped) in 1.26, beta-on 1.27, GA 1.31
)


def check(pod: PodSite) -> Iterator[Finding]:
    # apps validation.go ValidateStatefulSetSpec: ValidateNonnegativeField(ordinals.start)
    if pod.kind != "StatefulSet":
        return
    spec, path = workload_spec(pod)
    start = as_int(as_dict(spec.get("ordinals")).get("start"))
    if start is not None and start < 0:
        yield Finding(path / "ordinals" / "start",
                      f"ordinals.start is {start}; the first pod ordinal must be 0 or greater", on_key=False)
