"""PL623 invalid-completion-mode."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._workloads import job_owner, job_spec

RULE = Rule(
    id="PL623",
    name="invalid-completion-mode",
    severity=Severity.ERROR,
    summary="A Job completionMode is not NonIndexed or Indexed",
)

MODES = ("NonIndexed", "Indexed")


def check(pod: PodSite) -> Iterator[Finding]:
    # batch validation.go validateJobSpec: NotSupported unless NonIndexed or Indexed (an absent
    # value is defaulted to NonIndexed; an empty string is not, and is rejected)
    found = job_spec(pod)
    if found is None:
        return
    spec, path = found
    value = as_str(spec.get("completionMode"))
    if value is None or value in MODES:
        return
    hint = next((f' (did you mean "{v}"?)' for v in MODES if value and v.lower() == value.strip().lower()), "")
    yield Finding(
        path / "completionMode",
        f'{job_owner(pod)} completionMode is "{value}"; it must be "NonIndexed" or "Indexed"{hint}',
        on_key=False,
    )
