"""run(paths, settings) -> Report: the pipeline, end to end.

    discover (files) -> checker (per file: load, objects, schema, rules, suppressions)
        -> parallel (the same, in worker processes, for many files) -> report

Each stage is its own module; this one only strings them together.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Iterable, Optional

from podlint.checker import INTERNAL_RULE, Checker, FileResult
from podlint.diagnostics import Diagnostic, Report
from podlint.discover import STDIN, InputError, Source, discover
from podlint.load import LoadedFile
from podlint.parallel import PARALLEL_MIN_FILES, available_cores, check_in_parallel, worker_count
from podlint.report import build, exit_code
from podlint.settings import DEFAULT_MAX_FILE_SIZE, Settings

__all__ = ["DEFAULT_MAX_FILE_SIZE", "INTERNAL_RULE", "PARALLEL_MIN_FILES", "STDIN", "Checker", "FileResult",
           "InputError", "Settings", "Source", "available_cores", "discover", "exit_code", "run",
           "worker_count"]


def run(paths: Iterable[str], settings: Settings,
        on_file: Optional[Callable[[LoadedFile, list[Diagnostic]], None]] = None,
        jobs: Optional[int] = 1, baseline: Optional[Counter] = None) -> Report:
    """Check every file under `paths`; raise InputError for a path that does not exist.

    `jobs`: worker processes (None: automatic, see worker_count). The report is the same
    for any number: files are reported in the order they were found. Standard input and
    `on_file` (which gets each LoadedFile) keep the run in this process. `baseline`: the
    recorded findings to leave out of the report.
    """
    checker = Checker(settings)
    sources = list(discover(paths, settings))
    workers = worker_count(jobs, len(sources))
    if workers > 1 and on_file is None and all(source.path != STDIN for source in sources):
        results: Iterable[FileResult] = check_in_parallel(sources, settings, workers)
    else:
        results = _in_process(checker, sources, on_file)
    if checker.collect_facts:  # the files as a set: the cross-document rules, in file order
        from podlint import crossfile

        results = list(results)  # held only here: otherwise each result streams into the report
        crossfile.check_set(results, checker)
    report = build(results, checker.rule_infos(), str(settings.kubernetes_version), baseline)
    report.config_file = settings.config_file
    return report


def _in_process(checker: Checker, sources: list[Source],
                on_file: Optional[Callable[[LoadedFile, list[Diagnostic]], None]]):
    for source in sources:
        loaded, result = checker.check_source(source)
        if on_file:
            on_file(loaded, result.diagnostics)
        yield result
