"""PL460 volume-mount-unknown-volume."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._mounts import mounts, volumes

RULE = Rule(
    id="PL460",
    name="volume-mount-unknown-volume",
    severity=Severity.ERROR,
    summary="A volumeMount name is empty or names no volume of the pod",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateVolumeMounts: name "" Required; !IsMatchedVolume NotFound at
    # volumeMounts[i].name. In a StatefulSet the volumeClaimTemplates names count as
    # volumes (the controller adds them to each pod). An absent name is PL012.
    known = volumes(pod)
    for c in pod.all_containers:
        for m in mounts(pod, c):
            name = m.name
            if name is None:
                continue
            if name == "":
                yield Finding(m.path / "name", f"{c.label} volumeMounts[{m.index}] has an empty name; "
                              "it must name one of the pod's volumes", on_key=False)
            elif name not in known:
                declared = formats.quoted_list(sorted(known))
                where = " or volumeClaimTemplates" if pod.kind == "StatefulSet" else ""
                yield Finding(m.path / "name", f'{c.label} mounts volume "{name}", which is not declared in '
                              f"spec.volumes{where} (declared: {declared})", on_key=False)
