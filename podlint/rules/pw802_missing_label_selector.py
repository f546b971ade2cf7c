"""PW802 missing-label-selector."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list
from podlint.rules._warnings import pod_affinity_terms

RULE = Rule(
    id="PW802",
    name="missing-label-selector",
    severity=Severity.WARNING,
    summary="A topology spread constraint or pod (anti-)affinity term without labelSelector matches no pods",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # pkg/api/pod/warnings.go: "a null labelSelector results in matching no pod" (an empty
    # selector {} matches every pod and is not reported)
    for i, constraint in enumerate(as_list(pod.spec.get("topologySpreadConstraints"))):
        if isinstance(constraint, dict) and constraint.get("labelSelector") is None:
            yield Finding(pod.path / "topologySpreadConstraints" / i,
                          "topology spread constraint has no labelSelector, so it counts no pods and "
                          "spreads nothing; select this workload's pods (e.g. matchLabels: {app: ...})")
    for term, path in pod_affinity_terms(pod):
        if term.get("labelSelector") is None:
            kind = "anti-affinity" if "podAntiAffinity" in path else "affinity"
            yield Finding(path, f"pod {kind} term has no labelSelector, so it matches no pods; "
                                "add a labelSelector")
