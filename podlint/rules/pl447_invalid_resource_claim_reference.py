"""PL447 invalid-resource-claim-reference."""

from __future__ import annotations

from typing import Iterator, Optional

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_list, as_str

RULE = Rule(
    id="PL447",
    name="invalid-resource-claim-reference",
    severity=Severity.ERROR,
    summary="A container resources.claims entry is empty, repeated, malformed or names no pod resourceClaim",
    min_version=34,  # DynamicResourceAllocation: off (claims dropped) before 1.34, GA from 1.34
)


def _add_key(trie: dict, key: str) -> None:
    for part in key.split("/"):
        trie = trie.setdefault(part, {})


def _has_key_under(trie: dict, name: str) -> bool:
    """Whether some key added starts with `name + "/"` (its parts extend name's parts), in
    time linear in the name rather than in the number of keys."""
    for part in name.split("/"):
        trie = trie.get(part)
        if trie is None:
            return False
    return bool(trie)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateResourceClaimNames, per container: name "" Required at
    # claims[i]; a claim already referenced as a whole, or the same claim/request pair,
    # Duplicate; a whole-claim reference after one of its requests Duplicate; request not
    # a DNS label Invalid; a name missing from spec.resourceClaims NotFound. An absent name
    # is PL012. With the gate off, pkg/api/pod/util.go drops both lists (PW830).
    if not pod.k8s.gate("DynamicResourceAllocation"):
        return
    pod_claims = {n for n in (as_str(as_dict(c).get("name")) for c in as_list(pod.spec.get("resourceClaims"))) if n}
    declared: Optional[str] = None  # the list in the NotFound message, built once
    for c in pod.all_containers:
        seen: set[str] = set()
        below: dict = {}  # the keys of `seen` as a trie of "/"-separated parts (see _has_key_under)
        for i, item in enumerate(as_list(as_dict(c.spec.get("resources")).get("claims"))):
            claim = as_dict(item)
            name = as_str(claim.get("name"))
            path = c.path / "resources" / "claims" / i
            if name is None:
                continue
            if name == "":
                yield Finding(path / "name", f"{c.label} resources.claims[{i}] has an empty name; it must name "
                              "an entry of spec.resourceClaims", on_key=False)
                continue
            request = as_str(claim.get("request")) or ""
            if name in seen:
                yield Finding(path / "name", f'{c.label} references resource claim "{name}" again; it is '
                              "already used as a whole by this container", on_key=False)
            else:
                key = name
                if request:
                    problems = formats.dns1123_label(request)
                    if problems:
                        yield Finding(path / "request", f'{c.label} resources.claims[{i}] request "{request}" '
                                      f"{problems[-1]}", on_key=False)
                    key = f"{name}/{request}"
                if key in seen:
                    yield Finding(path, f'{c.label} references resource claim request "{key}" twice',
                                  on_key=True)
                elif not request and _has_key_under(below, name):
                    yield Finding(path / "name", f'{c.label} references resource claim "{name}" as a whole after '
                                  "referencing one of its requests; use one or the other", on_key=False)
                seen.add(key)
                _add_key(below, key)
            if name not in pod_claims:
                if declared is None:
                    declared = formats.quoted_list(sorted(pod_claims))
                yield Finding(path / "name", f'{c.label} uses resource claim "{name}", which is not declared in '
                              f"spec.resourceClaims (declared: {declared})", on_key=False)
