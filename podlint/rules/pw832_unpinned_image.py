"""PW832 unpinned-image."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str

RULE = Rule(
    id="PW832",
    name="unpinned-image",
    severity=Severity.WARNING,
    summary="An image without a tag or with :latest, or (in a template) with surrounding whitespace",
)


def tag_of(image: str) -> tuple[str, bool]:
    """(tag, has digest) of an image reference; the tag is "" when absent."""
    name, _, digest = image.partition("@")
    last = name.rsplit("/", 1)[-1]
    tag = last.rsplit(":", 1)[1] if ":" in last else ""
    return tag, bool(digest)


def check(pod: PodSite) -> Iterator[Finding]:
    for c in pod.visited_containers:
        if c.section == "ephemeralContainers":
            continue  # forbidden in manifests altogether (PL112); validation rejects them first
        image = as_str(c.spec.get("image"))
        if not image:
            continue  # absent or empty: PL4xx
        path = c.path / "image"
        if image != image.strip():
            if pod.is_template:
                # validation.go validateContainerOnlyForPod checks whitespace for Pods only
                # (PL405): the template is stored, and every pod made from it is refused
                yield Finding(path, f'{c.label} image "{image}" has surrounding whitespace; the {pod.kind} is '
                                    "accepted but the API server refuses every pod created from it", on_key=False)
            continue
        tag, digest = tag_of(image)
        if digest:
            continue  # pinned by digest
        name = image.split("@")[0].rsplit(":", 1)[0] if tag else image
        if any(ch in image for ch in "$<>{}") or name != name.lower():
            continue  # a template placeholder (${IMAGE}, <image>, PROJECT_ID), replaced before use
        if tag and tag != "latest":
            continue
        what = "has no tag (so it means :latest)" if not tag else "uses the :latest tag"
        policy = ("" if c.spec.get("imagePullPolicy") is not None
                  else "; the pull policy then defaults to Always")
        yield Finding(path, f'{c.label} image "{image}" {what}: every node may run a different build{policy}. '
                            "Pin a version tag or a digest", on_key=False)
