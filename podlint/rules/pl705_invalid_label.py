"""PL705 invalid-label."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.rules._formats import label_value, qualified_name
from podlint.model import Rule, as_dict
from podlint.rules._metadata import OBJECT_META_KINDS, Site, label_sites, meta_subject, placeholder_hint, shorten

RULE = Rule(
    id="PL705",
    name="invalid-label",
    severity=Severity.ERROR,
    summary="A label key that is not a qualified name, or a value that is not a valid label value",
    kinds=OBJECT_META_KINDS,
)


def check(site: Site) -> Iterator[Finding]:
    pod = meta_subject(site)
    if pod is None:
        return
    # meta/v1/validation ValidateLabels (ValidateLabelName = IsQualifiedName, then
    # IsValidLabelValue), run on the object's metadata (objectmeta.go) and on the pod
    # template's (ValidatePodTemplateSpec). An empty value is valid.
    for meta in label_sites(pod):
        labels_path = meta.path / "labels"
        for key, value in as_dict(meta.data.get("labels")).items():
            problems = qualified_name(key)
            if problems:
                yield Finding(labels_path / key,
                              f'{meta.where} label key "{shorten(key)}" is not a valid label key: '
                              + "; ".join(problems)
                              + ' (a key is an optional DNS-subdomain prefix and "/", then at most 63 '
                                "of A-Z, a-z, 0-9, '-', '_', '.')")
            if not isinstance(value, str):
                continue  # wrong type: the schema pass reports it
            problems = label_value(value)
            if problems:
                yield Finding(labels_path / key,
                              f'{meta.where} label "{shorten(key)}" has value "{shorten(value)}", which '
                              + " and ".join(problems) + placeholder_hint(value), on_key=False)
