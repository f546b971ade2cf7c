"""PL624 invalid-indexed-job."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_int
from podlint.rules._workloads import is_indexed, job_owner, job_spec

RULE = Rule(
    id="PL624",
    name="invalid-indexed-job",
    severity=Severity.ERROR,
    summary="An Indexed Job has no completions, or parallelism/maxFailedIndexes above the Indexed limits",
)

MAX_PARALLELISM = 100_000  # maxParallelismForIndexedJob
MAX_FAILED_INDEXES = 100_000  # maxFailedIndexesForIndexedJob
COMPLETIONS_SOFT_LIMIT = 100_000  # completionsSoftLimit
HIGH_COMPLETIONS_LIMIT = 10_000  # parallelismLimitForHighCompletions, maxFailedIndexesLimitForHighCompletions


def check(pod: PodSite) -> Iterator[Finding]:
    # batch validation.go validateJobSpec, completion mode Indexed: completions nil -> Required;
    # parallelism > 100000 -> Invalid; maxFailedIndexes > completions or > 100000 -> Invalid;
    # with completions > 100000 and backoffLimitPerIndex: maxFailedIndexes nil -> Required,
    # parallelism > 10000 and maxFailedIndexes > 10000 -> Invalid. The per-index fields are
    # dropped unless JobBackoffLimitPerIndex is on (1.29+).
    found = job_spec(pod)
    if found is None:
        return
    spec, path = found
    if not is_indexed(spec):
        return
    owner = job_owner(pod)
    per_index = pod.k8s.gate("JobBackoffLimitPerIndex")
    completions = as_int(spec.get("completions"))
    parallelism = as_int(spec.get("parallelism"))
    max_failed = as_int(spec.get("maxFailedIndexes")) if per_index else None
    backoff_per_index = per_index and spec.get("backoffLimitPerIndex") is not None
    if spec.get("completions") is None:
        yield Finding(path / "completionMode",
                      f"{owner} is Indexed but sets no completions; an Indexed Job needs completions "
                      "(the number of indexes)")
    high = completions is not None and completions > COMPLETIONS_SOFT_LIMIT and backoff_per_index
    if parallelism is not None and parallelism > MAX_PARALLELISM:
        yield Finding(path / "parallelism",
                      f"parallelism is {parallelism}; an Indexed Job allows at most {MAX_PARALLELISM}", on_key=False)
    elif high and parallelism is not None and parallelism > HIGH_COMPLETIONS_LIMIT:
        yield Finding(path / "parallelism",
                      f"parallelism is {parallelism}; with completions above {COMPLETIONS_SOFT_LIMIT} and "
                      f"backoffLimitPerIndex it may be at most {HIGH_COMPLETIONS_LIMIT}", on_key=False)
    if max_failed is not None:
        if completions is not None and max_failed > completions:
            yield Finding(path / "maxFailedIndexes",
                          f"maxFailedIndexes is {max_failed} but completions is {completions}; it must not be "
                          "greater than completions", on_key=False)
        elif max_failed > MAX_FAILED_INDEXES:
            yield Finding(path / "maxFailedIndexes",
                          f"maxFailedIndexes is {max_failed}; it may be at most {MAX_FAILED_INDEXES}", on_key=False)
        elif high and max_failed > HIGH_COMPLETIONS_LIMIT:
            yield Finding(path / "maxFailedIndexes",
                          f"maxFailedIndexes is {max_failed}; with completions above {COMPLETIONS_SOFT_LIMIT} "
                          f"and backoffLimitPerIndex it may be at most {HIGH_COMPLETIONS_LIMIT}", on_key=False)
    elif high and spec.get("maxFailedIndexes") is None:
        yield Finding(path / "completions",
                      f"completions is {completions} with backoffLimitPerIndex; above {COMPLETIONS_SOFT_LIMIT} "
                      "completions maxFailedIndexes must be set (at most 10000)", on_key=False)
