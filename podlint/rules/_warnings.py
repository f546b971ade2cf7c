"""Helpers of the PW8xx warnings that mirror pkg/api/pod/warnings.go (not a rule)."""

from __future__ import annotations

from typing import Iterator

from podlint.model import PodSite, as_dict, as_list
from podlint.paths import FieldPath



def pod_affinity_terms(pod: PodSite) -> Iterator[tuple[dict, FieldPath]]:
    """Every PodAffinityTerm of podAffinity and podAntiAffinity, with its path."""
    affinity = as_dict(pod.spec.get("affinity"))
    for kind in ("podAffinity", "podAntiAffinity"):
        section = as_dict(affinity.get(kind))
        base = pod.path / "affinity" / kind
        required = "requiredDuringSchedulingIgnoredDuringExecution"
        for i, term in enumerate(as_list(section.get(required))):
            if isinstance(term, dict):
                yield term, base / required / i
        preferred = "preferredDuringSchedulingIgnoredDuringExecution"
        for i, weighted in enumerate(as_list(section.get(preferred))):
            term = as_dict(weighted).get("podAffinityTerm")
            if isinstance(term, dict):
                yield term, base / preferred / i / "podAffinityTerm"
