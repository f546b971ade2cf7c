"""PL704 invalid-namespace."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.rules._formats import dns1123_label
from podlint.model import Rule, as_str
from podlint.rules._metadata import OBJECT_META_KINDS, Site, meta_subject, object_meta, placeholder_hint

RULE = Rule(
    id="PL704",
    name="invalid-namespace",
    severity=Severity.ERROR,
    summary="metadata.namespace is not a valid DNS label",
    kinds=OBJECT_META_KINDS,
)


def check(site: Site) -> Iterator[Finding]:
    pod = meta_subject(site)
    if pod is None:
        return
    # objectmeta.go validateObjectMetaAccessorWithOptsCommon: ValidateNamespaceName
    # (NameIsDNSLabel). An absent or empty namespace is filled in from the request
    # (kubectl's current namespace), so only a set value is judged.
    meta = object_meta(pod)
    namespace = as_str(meta.data.get("namespace")) if meta else None
    if not namespace:
        return
    problems = dns1123_label(namespace)
    if problems:
        yield Finding(meta.path / "namespace",
                      f'namespace "{namespace}" is not a valid namespace name: it '
                      + " and ".join(problems) + placeholder_hint(namespace), on_key=False)
