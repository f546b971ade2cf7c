"""PL543 duplicate-topology-spread-constraint."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list, as_str

RULE = Rule(
    id="PL543",
    name="duplicate-topology-spread-constraint",
    severity=Severity.ERROR,
    summary="Two topology spread constraints have the same topologyKey and whenUnsatisfiable",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateSpreadConstraintNotRepeat: a constraint is Duplicate when a
    # LATER one has the same {topologyKey, whenUnsatisfiable}; the server reports it at
    # `topologySpreadConstraints[i].{topologyKey, whenUnsatisfiable}`, podlint at the
    # earlier constraint's topologyKey
    constraints = as_list(pod.spec.get("topologySpreadConstraints"))
    pairs = []
    for constraint in constraints:
        if isinstance(constraint, dict):
            key, action = as_str(constraint.get("topologyKey")), as_str(constraint.get("whenUnsatisfiable"))
            pairs.append((key, action) if key is not None and action is not None else None)
        else:
            pairs.append(None)
    for i, pair in enumerate(pairs):
        if pair is None:
            continue
        for j in range(i + 1, len(pairs)):
            if pairs[j] == pair:
                yield Finding(pod.path / "topologySpreadConstraints" / i / "topologyKey",
                              f'topology spread constraints {i} and {j} both spread over "{pair[0]}" with '
                              f'whenUnsatisfiable "{pair[1]}"; merge them into one constraint')
                break
