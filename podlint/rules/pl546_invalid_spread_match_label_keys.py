"""PL546 invalid-spread-match-label-keys."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list
from podlint.rules._podlevel import selector_keys
from podlint.rules._selectors import label_key_problem

RULE = Rule(
    id="PL546",
    name="invalid-spread-match-label-keys",
    severity=Severity.ERROR,
    summary="A topology spread constraint's matchLabelKeys has an invalid key, no labelSelector, or a key "
    "the labelSelector already uses",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateMatchLabelKeysInTopologySpread. MatchLabelKeysInPodTopologySpread
    # is on by default from 1.27; the field is dropped before (PW830).
    if not pod.k8s.gate("MatchLabelKeysInPodTopologySpread"):
        return
    for i, constraint in enumerate(as_list(pod.spec.get("topologySpreadConstraints"))):
        if not isinstance(constraint, dict):
            continue
        keys = as_list(constraint.get("matchLabelKeys"))
        if not keys:
            continue
        path = pod.path / "topologySpreadConstraints" / i / "matchLabelKeys"
        selector = constraint.get("labelSelector")
        if selector is None:
            yield Finding(path, f"topology spread constraint {i} sets matchLabelKeys without a labelSelector; "
                                "matchLabelKeys only refine a labelSelector")
        used = set(selector_keys(selector))
        for j, key in enumerate(keys):
            if not isinstance(key, str):
                continue
            problem = label_key_problem(key)
            if problem:
                yield Finding(path / j, f'topology spread constraint {i} matchLabelKeys entry "{key}" is not a '
                                        f"valid label key: {problem}", on_key=False)
            if key in used:
                yield Finding(path / j, f'topology spread constraint {i} matchLabelKeys entry "{key}" is also used '
                                        "in the labelSelector; a key may appear in only one of them", on_key=False)
