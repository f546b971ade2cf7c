"""PW808 env-var-hides-earlier."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_list, as_str

RULE = Rule(
    id="PW808",
    name="env-var-hides-earlier",
    severity=Severity.WARNING,
    summary="An env entry redefines an earlier entry of the same name (kubectl apply may drop one)",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # pkg/api/pod/warnings.go "hides previous definition of ..., which may be dropped when
    # using apply": a repeated name is fine only when its value builds on the earlier one
    # with $(NAME) (e.g. PATH=$(PATH):/opt/bin) and is not just "$(NAME)"
    for c in pod.visited_containers:
        seen: set[str] = set()
        for i, entry in enumerate(as_list(c.spec.get("env"))):
            name = as_str(as_dict(entry).get("name"))
            if name is None:
                continue
            if name not in seen:
                seen.add(name)
                continue
            value = as_str(entry.get("value")) or ""
            ref = f"$({name})"
            if isinstance(entry.get("valueFrom"), dict) or value == ref or ref not in value:
                yield Finding(c.path / "env" / i / "name",
                              f'{c.label} defines env "{name}" again; this entry hides the earlier one, and '
                              "kubectl apply may drop one of them: keep a single entry", on_key=False)
