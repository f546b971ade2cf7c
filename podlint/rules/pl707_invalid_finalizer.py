"""PL707 invalid-finalizer."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.rules._formats import qualified_name
from podlint.model import Rule, as_list
from podlint.rules._metadata import OBJECT_META_KINDS, Site, meta_subject, object_meta

RULE = Rule(
    id="PL707",
    name="invalid-finalizer",
    severity=Severity.ERROR,
    summary="A finalizer that is not a qualified name or an unprefixed non-standard name, or "
    "both orphan and foregroundDeletion",
    kinds=OBJECT_META_KINDS,
)

# pkg/apis/core/helper IsStandardFinalizerName
STANDARD = ("kubernetes", "orphan", "foregroundDeletion")


def check(site: Site) -> Iterator[Finding]:
    pod = meta_subject(site)
    if pod is None:
        return
    # objectmeta.go ValidateFinalizers (ValidateFinalizerName: IsQualifiedName) and
    # validation.go ValidateObjectMeta -> validateKubeFinalizerName: a name without "/"
    # must be one of the standard ones
    meta = object_meta(pod)
    if meta is None:
        return
    finalizers = as_list(meta.data.get("finalizers"))
    path = meta.path / "finalizers"
    for i, name in enumerate(finalizers):
        if not isinstance(name, str):
            continue  # wrong type: the schema pass reports it
        problems = qualified_name(name)
        if "/" not in name and name not in STANDARD:
            problems.append('an unprefixed name must be "kubernetes", "orphan" or "foregroundDeletion"; '
                            'use a domain-qualified name such as "example.com/cleanup"')
        if problems:
            yield Finding(path / i, f'finalizer "{name}" is not valid: ' + "; ".join(problems), on_key=False)
    if "orphan" in finalizers and "foregroundDeletion" in finalizers:
        yield Finding(path, 'finalizers "orphan" and "foregroundDeletion" cannot both be set')
