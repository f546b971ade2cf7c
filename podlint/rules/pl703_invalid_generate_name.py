"""PL703 invalid-generate-name."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.rules._formats import dns1123_subdomain
from podlint.model import PodSite, Rule, as_str
from podlint.rules._metadata import object_meta

RULE = Rule(
    id="PL703",
    name="invalid-generate-name",
    severity=Severity.ERROR,
    summary="metadata.generateName is not a valid name prefix",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # objectmeta.go ValidateObjectMetaAccessor runs the kind's name function on generateName
    # with prefix=true: NameIsDNSSubdomain after maskTrailingDash (a trailing "-" is allowed,
    # as a random suffix follows)
    meta = object_meta(pod)
    prefix = as_str(meta.data.get("generateName")) if meta else None
    if not prefix:
        return
    masked = prefix[:-1] + "a" if len(prefix) > 1 and prefix.endswith("-") else prefix
    problems = dns1123_subdomain(masked)
    if problems:
        yield Finding(meta.path / "generateName",
                      f'generateName "{prefix}" is not a valid name prefix: it '
                      + " and ".join(problems) + ' (a trailing "-" is allowed)', on_key=False)
