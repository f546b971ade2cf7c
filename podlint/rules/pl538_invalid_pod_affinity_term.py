"""PL538 invalid-pod-affinity-term."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_int, as_list, as_str
from podlint.rules._podlevel import AFFINITY_KINDS, pod_affinity_terms, selector_keys
from podlint.rules._selectors import label_key_problem

RULE = Rule(
    id="PL538",
    name="invalid-pod-affinity-term",
    severity=Severity.ERROR,
    summary="A pod (anti-)affinity term has an invalid topologyKey, namespace, weight or "
    "matchLabelKeys/mismatchLabelKeys",
)


def _weights(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateWeightedPodAffinityTerms: weight in 1..100
    affinity = as_dict(pod.spec.get("affinity"))
    for kind, word in AFFINITY_KINDS.items():
        terms = as_list(as_dict(affinity.get(kind)).get("preferredDuringSchedulingIgnoredDuringExecution"))
        for i, weighted in enumerate(terms):
            weight = as_int(as_dict(weighted).get("weight"))
            if weight is not None and not 1 <= weight <= 100:
                yield Finding(pod.path / "affinity" / kind / "preferredDuringSchedulingIgnoredDuringExecution" / i
                              / "weight", f"preferred {word} term {i} has weight {weight}; it must be between 1 and 100")


def _label_keys(pod: PodSite, term: dict, path, label: str) -> Iterator[Finding]:
    # validation.go validateMatchLabelKeysAndMismatchLabelKeys. MatchLabelKeysInPodAffinity
    # is on by default from 1.31 (the fields are dropped before, PW830).
    if not pod.k8s.gate("MatchLabelKeysInPodAffinity"):
        return
    selector = term.get("labelSelector")
    match_keys = [k for k in as_list(term.get("matchLabelKeys")) if isinstance(k, str)]
    mismatch_keys = [k for k in as_list(term.get("mismatchLabelKeys")) if isinstance(k, str)]
    for field, keys in (("matchLabelKeys", match_keys), ("mismatchLabelKeys", mismatch_keys)):
        if not keys:
            continue
        if selector is None:
            yield Finding(path / field, f"{label} sets {field} without a labelSelector; {field} only refine "
                                        "a labelSelector")
            continue
        for i, key in enumerate(as_list(term.get(field))):
            if isinstance(key, str) and label_key_problem(key):
                yield Finding(path / field / i, f'{label} {field} entry "{key}" is not a valid label key: '
                                                f"{label_key_problem(key)}", on_key=False)
    if selector is not None and match_keys:
        # the API server merges each matchLabelKeys key into the selector of a Pod (as
        # `key In (pod's value)`) before validating, then rejects a key the selector names twice
        in_selector = selector_keys(selector)
        labels = as_dict(pod.metadata.get("labels")) if not pod.is_template else {}
        for i, key in enumerate(as_list(term.get("matchLabelKeys"))):
            if not isinstance(key, str):
                continue
            count = in_selector.count(key) + (1 if key in labels else 0)
            if count >= 2:
                yield Finding(path / "matchLabelKeys" / i,
                              f'{label} matchLabelKeys entry "{key}" is also used in the labelSelector; a key may '
                              "appear in only one of them", on_key=False)
    mismatch = set(mismatch_keys)
    for i, key in enumerate(as_list(term.get("matchLabelKeys"))):
        if isinstance(key, str) and key in mismatch:
            yield Finding(path / "matchLabelKeys" / i, f'{label} key "{key}" is in both matchLabelKeys and '
                                                       "mismatchLabelKeys", on_key=False)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validatePodAffinityTerm (selectors themselves: PL547)
    yield from _weights(pod)
    for term, path, label in pod_affinity_terms(pod):
        for i, name in enumerate(as_list(term.get("namespaces"))):
            text = as_str(name)
            if text is not None and formats.dns1123_label(text):
                yield Finding(path / "namespaces" / i, f'{label} namespace "{text}" is not a valid namespace name: '
                                                       "it " + "; it ".join(formats.dns1123_label(text)),
                              on_key=False)
        key = as_str(term.get("topologyKey"))
        if key is not None:
            if key == "":
                yield Finding(path / "topologyKey", f"{label} has an empty topologyKey; it must name a node label "
                                                    "such as kubernetes.io/hostname")
            elif label_key_problem(key):
                yield Finding(path / "topologyKey", f'{label} topologyKey "{key}" is not a valid label key: '
                                                    f"{label_key_problem(key)}", on_key=False)
        yield from _label_keys(pod, term, path, label)
