"""PL706 invalid-annotation."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.rules._formats import qualified_name
from podlint.model import Rule, as_dict
from podlint.rules._metadata import OBJECT_META_KINDS, Site, label_sites, meta_subject, shorten

RULE = Rule(
    id="PL706",
    name="invalid-annotation",
    severity=Severity.ERROR,
    summary="An annotation key that is not a qualified name, or annotations larger than 256 KiB in total",
    kinds=OBJECT_META_KINDS,
)

# objectmeta.go TotalAnnotationSizeLimitB
TOTAL_LIMIT = 256 * 1024


def check(site: Site) -> Iterator[Finding]:
    pod = meta_subject(site)
    if pod is None:
        return
    # objectmeta.go ValidateAnnotations: each key, lower-cased, must be a qualified name;
    # ValidateAnnotationsSize: the bytes of all keys and values together at most 256 KiB.
    # Run on the object's metadata and on the pod template's (ValidatePodTemplateSpec).
    for meta in label_sites(pod):
        annotations = as_dict(meta.data.get("annotations"))
        path = meta.path / "annotations"
        for key in annotations:
            problems = qualified_name(key.lower())
            if problems:
                yield Finding(path / key,
                              f'{meta.where} annotation key "{shorten(key)}" is not a valid annotation key: '
                              + "; ".join(problems)
                              + " (a key is an optional DNS-subdomain prefix and \"/\", then at most 63 "
                                "of letters, digits, '-', '_', '.')")
        size = sum(len(k.encode()) + (len(v.encode()) if isinstance(v, str) else 0)
                   for k, v in annotations.items())
        if size > TOTAL_LIMIT:
            yield Finding(path, f"{meta.where} annotations take {size} bytes; keys and values together "
                                f"may take at most {TOTAL_LIMIT} bytes (256 KiB)")
