"""PL561 volume-multiple-sources."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._volumes import volume_sites

RULE = Rule(
    id="PL561",
    name="volume-multiple-sources",
    severity=Severity.ERROR,
    summary="A volume sets more than one source (emptyDir, hostPath, secret, ...)",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateVolumeSource: sources are counted in a fixed order; the first
    # one is validated and every later one is Forbidden ("may not specify more than 1
    # volume type"). A volume with no source at all is defaulted to an emptyDir
    # (SetDefaults_Volume), so the "must specify a volume type" error never happens.
    for volume in volume_sites(pod):
        first = volume.validated
        for extra in volume.sources[1:]:
            yield Finding(volume.path / extra,
                          f"{volume.label} sets a second source {extra} besides {first}; a volume "
                          "takes exactly one source: move it to a volume of its own")
