"""PL560 invalid-volume-name."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._volumes import volume_sites

RULE = Rule(
    id="PL560",
    name="invalid-volume-name",
    severity=Severity.ERROR,
    summary="A volume name is empty, not a DNS label, or used by an earlier volume",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateVolumes: "" -> Required, not a DNS-1123 label -> Invalid, a name
    # already taken by an earlier (accepted) volume -> Duplicate. An absent name is the
    # schema pass's PL012; a name of the wrong type is PL011.
    seen: dict[str, int] = {}
    for volume in volume_sites(pod):
        name = volume.spec.get("name")
        if not isinstance(name, str):
            continue
        path = volume.path / "name"
        if name == "":
            yield Finding(path, f"volumes[{volume.index}] name is empty; name the volume with a "
                          'DNS label such as "data" so that containers can mount it', on_key=False)
            continue
        problems = formats.dns1123_label(name)
        if problems:
            yield Finding(path, f'volume name "{name}" is not a valid DNS label: it '
                          f'{" and ".join(problems)}', on_key=False)
            continue  # an invalid name is never recorded, so it cannot be a Duplicate
        if name in seen:
            yield Finding(path, f'volume name "{name}" is already used by volumes[{seen[name]}]; '
                          "volume names must be unique within the pod", on_key=False)
            continue
        seen[name] = volume.index
