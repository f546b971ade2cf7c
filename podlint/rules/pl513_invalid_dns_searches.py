"""PL513 invalid-dns-searches."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_list, as_str
from podlint import lazyre

RULE = Rule(
    id="PL513",
    name="invalid-dns-searches",
    severity=Severity.ERROR,
    summary="dnsConfig.searches has too many entries, is too long, or holds an invalid domain",
)

# ExpandedDNSConfig: beta and on by default from 1.26 (GA 1.28) raised the limits from
# 6 domains / 256 characters to 32 / 2048 (validation.go MaxDNSSearchPaths,
# MaxDNSSearchListChars). Not in podlint/versions.py.
EXPANDED_FROM = 26
_SUBDOMAIN_WITH_UNDERSCORE = lazyre.compile(
    r"[a-z0-9_]([-a-z0-9_]*[a-z0-9_])?(\.[a-z0-9_]([-a-z0-9_]*[a-z0-9_])?)*\Z")


def _relaxed_problem(value: str) -> str:
    """IsDNS1123SubdomainWithUnderscore."""
    problems = []
    if len(value) > formats.DNS1123_SUBDOMAIN_MAX:
        problems.append(f"must be no more than {formats.DNS1123_SUBDOMAIN_MAX} characters")
    if not _SUBDOMAIN_WITH_UNDERSCORE.match(value):
        problems.append("must consist of lower case alphanumeric characters, '-', '_' or '.', and must "
                        "start and end with an alphanumeric character or '_'")
    return "; ".join(problems)


def check(pod: PodSite) -> Iterator[Finding]:
    config = pod.spec.get("dnsConfig")
    if not isinstance(config, dict):
        return
    if pod.spec.get("dnsPolicy") == "None" and not as_list(config.get("nameservers")):
        return  # validatePodDNSConfig stops at the missing nameservers (PL511)
    searches = as_list(config.get("searches"))
    path = pod.path / "dnsConfig" / "searches"
    expanded = pod.k8s.at_least(EXPANDED_FROM)
    max_paths, max_chars = (32, 2048) if expanded else (6, 256)
    if len(searches) > max_paths:
        yield Finding(path, f"dnsConfig lists {len(searches)} search domains; at most {max_paths} are allowed"
                            f" on Kubernetes {pod.k8s}")
    texts = [s for s in searches if isinstance(s, str)]
    joined = len(" ".join(texts))
    if joined > max_chars:
        yield Finding(path, f"dnsConfig search list is {joined} characters (joined with spaces); at most "
                            f"{max_chars} are allowed on Kubernetes {pod.k8s}")
    # RelaxedDNSSearchValidation (beta and on from 1.33): "_" allowed and a lone "."
    relaxed = pod.k8s.gate("RelaxedDNSSearchValidation")
    for i, search in enumerate(searches):
        text = as_str(search)
        if text is None:
            continue
        if relaxed:
            if text == ".":
                continue
            problem = _relaxed_problem(text.removesuffix("."))
        else:
            problem = "; ".join(formats.dns1123_subdomain(text.removesuffix(".")))
        if problem:
            note = "" if relaxed or not any(ch in text for ch in "_.") else \
                " ('_' and a lone '.' are accepted from 1.33)"
            yield Finding(path / i, f'search domain "{text}" is not a valid DNS subdomain: it {problem}{note}',
                          on_key=False)
