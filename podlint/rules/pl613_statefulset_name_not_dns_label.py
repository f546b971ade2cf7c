"""PL613 statefulset-name-not-dns-label."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str

RULE = Rule(
    id="PL613",
    name="statefulset-name-not-dns-label",
    severity=Severity.ERROR,
    summary="A StatefulSet name is a DNS subdomain but not a DNS label (dots, or longer than 63 characters)",
    min_version=27,  # kubernetes/kubernetes#114172: NameIsDNSSubdomain -> NameIsDNSLabel in 1.27
)


def check(pod: PodSite) -> Iterator[Finding]:
    # apps validation.go ValidateStatefulSetName: apimachineryvalidation.NameIsDNSLabel since
    # 1.27 (before: NameIsDNSSubdomain, and such StatefulSets never got pods, because the pod
    # hostname is the pod name). Names that are not even DNS subdomains are PL702's; this rule
    # reports what only the StatefulSet's stricter check rejects: dots and 64..253 characters.
    if pod.kind != "StatefulSet":
        return
    name = as_str(pod.metadata.get("name"))
    if not name or formats.dns1123_subdomain(name) or not formats.dns1123_label(name):
        return
    if "." in name:
        why = "it contains '.'"
    else:
        why = f"it is {len(name)} characters long (at most {formats.DNS1123_LABEL_MAX})"
    yield Finding(
        pod.object_path / "metadata" / "name",
        f'StatefulSet name "{name}" is not a DNS label: {why}; StatefulSet names must be lowercase '
        "letters, digits and '-' (pods are named <name>-<ordinal> and use it as their hostname)",
        on_key=False,
    )
