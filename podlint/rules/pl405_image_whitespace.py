"""PL405 image-whitespace."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str

RULE = Rule(
    id="PL405",
    name="image-whitespace",
    severity=Severity.ERROR,
    summary="A Pod's container image has leading or trailing whitespace",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateContainerOnlyForPod: Invalid "must not have leading or trailing
    # whitespace". ValidatePodCreate runs it on containers and init containers of Pods only
    # (templates keep accepting " " for backward compatibility: PW832 warns there);
    # validateEphemeralContainers runs it on ephemeral containers in every kind.
    containers = pod.ephemeral_containers
    if not pod.is_template:
        containers = pod.containers + pod.init_containers + containers
    for c in containers:
        image = as_str(c.spec.get("image"))
        if image and image != image.strip():
            yield Finding(c.path / "image", f'{c.label} image "{image}" has leading or trailing '
                          "whitespace, which the API server rejects here; remove it", on_key=False)
