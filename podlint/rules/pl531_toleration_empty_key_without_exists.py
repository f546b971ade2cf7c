"""PL531 toleration-empty-key-without-exists."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list

RULE = Rule(
    id="PL531",
    name="toleration-empty-key-without-exists",
    severity=Severity.ERROR,
    summary="A toleration without a key uses an operator other than Exists",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateTolerations: an empty key means "every taint", which only
    # makes sense with operator Exists (an absent operator is Equal)
    for i, toleration in enumerate(as_list(pod.spec.get("tolerations"))):
        if not isinstance(toleration, dict):
            continue
        key = toleration.get("key")
        operator = toleration.get("operator")
        if (key is None or key == "") and operator != "Exists":
            if operator is not None and not isinstance(operator, str):
                continue
            path = pod.path / "tolerations" / i
            shown = f'operator "{operator}"' if operator else "no operator (Equal)"
            yield Finding(path / "operator" if "operator" in toleration else path,
                          f"toleration {i} has no key but {shown}; a toleration without a key matches every taint "
                          "and must use operator Exists")
