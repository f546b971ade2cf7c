"""PW801 deprecated-node-label."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_list, as_str

RULE = Rule(
    id="PW801",
    name="deprecated-node-label",
    severity=Severity.WARNING,
    summary="A deprecated beta node label in nodeSelector, node affinity or a topology spread key",
)

# pkg/api/node/util.go deprecatedNodeLabels
DEPRECATED = {
    "beta.kubernetes.io/arch": ("1.14", "kubernetes.io/arch"),
    "beta.kubernetes.io/os": ("1.14", "kubernetes.io/os"),
    "failure-domain.beta.kubernetes.io/region": ("1.17", "topology.kubernetes.io/region"),
    "failure-domain.beta.kubernetes.io/zone": ("1.17", "topology.kubernetes.io/zone"),
    "beta.kubernetes.io/instance-type": ("1.17", "node.kubernetes.io/instance-type"),
}


def _message(where: str, label: str) -> str:
    since, instead = DEPRECATED[label]
    return (f'{where} uses the node label "{label}", deprecated since 1.{since.split(".")[1]}; '
            f'use "{instead}" (nodes may not carry the old label)')


def check(pod: PodSite) -> Iterator[Finding]:
    # pkg/api/pod/warnings.go warningsForPodSpecAndMeta: nodeSelector keys, node affinity
    # matchExpressions keys (required and preferred terms), topologySpreadConstraints keys
    for key in as_dict(pod.spec.get("nodeSelector")):
        if key in DEPRECATED:
            yield Finding(pod.path / "nodeSelector" / key, _message("nodeSelector", key))
    node_affinity = as_dict(as_dict(pod.spec.get("affinity")).get("nodeAffinity"))
    base = pod.path / "affinity" / "nodeAffinity"
    terms = []
    required = "requiredDuringSchedulingIgnoredDuringExecution"
    for i, term in enumerate(as_list(as_dict(node_affinity.get(required)).get("nodeSelectorTerms"))):
        terms.append((term, base / required / "nodeSelectorTerms" / i))
    preferred = "preferredDuringSchedulingIgnoredDuringExecution"
    for i, item in enumerate(as_list(node_affinity.get(preferred))):
        terms.append((as_dict(item).get("preference"), base / preferred / i / "preference"))
    for term, path in terms:
        for j, expression in enumerate(as_list(as_dict(term).get("matchExpressions"))):
            key = as_str(as_dict(expression).get("key"))
            if key in DEPRECATED:
                yield Finding(path / "matchExpressions" / j / "key", _message("node affinity", key), on_key=False)
    for i, constraint in enumerate(as_list(pod.spec.get("topologySpreadConstraints"))):
        key = as_str(as_dict(constraint).get("topologyKey"))
        if key in DEPRECATED:
            yield Finding(pod.path / "topologySpreadConstraints" / i / "topologyKey",
                          _message("topology spread constraint", key), on_key=False)
