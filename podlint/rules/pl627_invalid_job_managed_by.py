"""PL627 invalid-job-managed-by."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_str
from podlint.rules._workloads import job_owner, job_spec
from podlint import lazyre

RULE = Rule(
    id="PL627",
    name="invalid-job-managed-by",
    severity=Severity.ERROR,
    summary="A Job managedBy is not a domain-prefixed path (such as example.com/controller) or is longer than 63",
    min_version=32,  # JobManagedBy: alpha (off, field dropped) 1.30-1.31, beta-on 1.32, GA 1.35
)

MAX_LENGTH = 63  # maxManagedByLength
_HTTP_PATH = lazyre.compile(r"[A-Za-z0-9/\-._~%!$&'()*+,;=:]+\Z")  # validation.httpPathFmt


def domain_prefixed_path_problem(value: str) -> str:
    """apimachinery validation.IsDomainPrefixedPath: why `value` is not one, or ""."""
    if value == "":
        return "it must not be empty"
    host, sep, path = value.partition("/")
    if not sep or not host or not path:
        return 'it must be a domain-prefixed path such as "example.com/my-controller"'
    problems = formats.dns1123_subdomain(host)
    if problems:
        return f'the domain "{host}" {problems[0]}'
    if not _HTTP_PATH.match(path):
        return f"the path \"{path}\" may only contain letters, digits and -._~%!$&'()*+,;=:/"
    return ""


def check(pod: PodSite) -> Iterator[Finding]:
    # batch validation.go validateJobSpec: IsDomainPrefixedPath (Required when empty, Invalid
    # otherwise) and TooLong above 63 characters. The value "kubernetes.io/job-controller"
    # (the built-in controller) is a valid domain-prefixed path.
    found = job_spec(pod)
    if found is None or not pod.k8s.gate("JobManagedBy"):
        return
    spec, path = found
    value = as_str(spec.get("managedBy"))
    if value is None:
        return
    problem = domain_prefixed_path_problem(value)
    if not problem and len(value) > MAX_LENGTH:
        problem = f"it is {len(value)} characters long (at most {MAX_LENGTH})"
    if problem:
        yield Finding(path / "managedBy",
                      f'{job_owner(pod)} managedBy "{value}" is invalid: {problem}', on_key=False)
