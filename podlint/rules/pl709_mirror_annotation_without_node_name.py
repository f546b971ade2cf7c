"""PL709 mirror-annotation-without-node-name."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict
from podlint.rules._metadata import MIRROR_KEY, pod_meta

RULE = Rule(
    id="PL709",
    name="mirror-annotation-without-node-name",
    severity=Severity.ERROR,
    summary="The kubernetes.io/config.mirror annotation without spec.nodeName",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidatePodSpecificAnnotations: Invalid "must set spec.nodeName if mirror
    # pod annotation is set"; run on a Pod's annotations and on pod template annotations
    meta = pod_meta(pod)
    if meta is None or MIRROR_KEY not in as_dict(meta.data.get("annotations")):
        return
    node_name = pod.spec.get("nodeName")
    if node_name is not None and not isinstance(node_name, str):
        return  # wrong type: the schema pass reports it
    if not node_name:
        yield Finding(meta.path / "annotations" / MIRROR_KEY,
                      f'the "{MIRROR_KEY}" annotation marks a static (mirror) pod and requires spec.nodeName; '
                      "remove the annotation (only the kubelet creates mirror pods)")
