"""PL532 toleration-seconds-without-no-execute."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_int, as_list

RULE = Rule(
    id="PL532",
    name="toleration-seconds-without-no-execute",
    severity=Severity.ERROR,
    summary="A toleration sets tolerationSeconds but its effect is not NoExecute",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go ValidateTolerations: tolerationSeconds only means something for
    # NoExecute taints (how long the pod stays bound); reported at effect
    for i, toleration in enumerate(as_list(pod.spec.get("tolerations"))):
        if not isinstance(toleration, dict) or as_int(toleration.get("tolerationSeconds")) is None:
            continue  # absent, or a wrong type (the schema pass's)
        effect = toleration.get("effect")
        if effect == "NoExecute" or not isinstance(effect, (str, type(None))):
            continue
        path = pod.path / "tolerations" / i
        shown = f'effect "{effect}"' if isinstance(effect, str) and effect else "no effect"
        yield Finding(path / "effect" if "effect" in toleration else path / "tolerationSeconds",
                      f'toleration {i} sets tolerationSeconds with {shown}; tolerationSeconds requires effect '
                      '"NoExecute"')
