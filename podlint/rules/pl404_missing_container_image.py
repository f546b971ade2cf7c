"""PL404 missing-container-image."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule

RULE = Rule(
    id="PL404",
    name="missing-container-image",
    severity=Severity.ERROR,
    summary="A container has no image (missing, null or empty)",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateContainerCommon: len(ctr.Image) == 0 -> Required, for every
    # container and pod templates alike. The OpenAPI schema marks image optional (so that
    # config tools may fill it in), so the schema pass does not report a missing one.
    # A null image reaches the rules absent (it decodes to ""); the finding stands on the
    # `image` key when one is written, else on the container.
    for c in pod.validated_containers:
        value = c.spec.get("image")
        if value is None:
            yield Finding(c.path / "image", f"{c.label} has no image; set image to a container "
                          "image reference such as nginx:1.27")
        elif value == "":
            yield Finding(c.path / "image", f"{c.label} image is empty; set it to a container "
                          "image reference such as nginx:1.27")
