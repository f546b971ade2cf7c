"""The worker pool: files checked in several processes, results in the order found."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Iterator, Optional

if TYPE_CHECKING:
    from podlint.checker import Checker, FileResult
    from podlint.discover import Source
    from podlint.settings import Settings


# Parallel checking pays for its worker processes (a fork, or about 0.2 s each where
# processes are spawned) only from a few dozen files on.
PARALLEL_MIN_FILES = 50

# Files go to workers in chunks: big enough to keep messaging cheap, small enough that
# the workers finish together.
MAX_CHUNK = 32


def available_cores() -> int:
    """CPUs this process may run on (the affinity mask where the platform has one)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def worker_count(jobs: Optional[int], files: int) -> int:
    """Processes to check `files` files with: 1 means in this process.

    `jobs` None is automatic: every core when there are more than PARALLEL_MIN_FILES
    files, else in-process. An explicit `jobs` is followed (never more workers than files).
    """
    if jobs is None:
        jobs = available_cores() if files > PARALLEL_MIN_FILES else 1
    return max(1, min(jobs, files))


_worker_checker: Optional["Checker"] = None


def _start_worker(settings: "Settings") -> None:
    from podlint.checker import Checker

    global _worker_checker
    _worker_checker = Checker(settings)
    _exit_with_parent()


def _exit_with_parent() -> None:
    """A worker whose parent died (killed, or gone) exits instead of waiting for work forever."""
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="podlint-parent-watch", daemon=True).start()


def _check_chunk(chunk: list["Source"]) -> list["FileResult"]:
    assert _worker_checker is not None
    return [_worker_checker.check_source(source)[1] for source in chunk]


def check_in_parallel(sources: list["Source"], settings: "Settings", workers: int) -> Iterator["FileResult"]:
    """Check `sources` in `workers` processes; results come back in the order of `sources`.

    When a worker dies (killed, out of memory), the files not yet reported are checked again
    in this process: the report is kept whole, and says that a worker died (exit status 2).
    """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = _context(settings)
    size = max(1, min(MAX_CHUNK, -(-len(sources) // (workers * 4))))
    chunks = [sources[i:i + size] for i in range(0, len(sources), size)]
    # an executor, not multiprocessing.Pool: a worker that dies fails its futures with
    # BrokenProcessPool instead of leaving the run waiting forever
    try:
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                   initargs=(settings,))
        mapped = pool.map(_check_chunk, chunks)  # submits every chunk: its queues are made here
    except (OSError, NotImplementedError, ImportError) as err:
        # no process pool here (a sandbox without POSIX semaphores, a process limit): the
        # files are checked in this process, as with --jobs 1, and the run says why
        print(f"podlint: cannot start worker processes ({err}); checking in one process",
              file=sys.stderr)
        yield from _in_this_process(sources, settings)
        return
    done = 0
    broken = False
    try:
        for results in mapped:  # in the order of `chunks`
            yield from results
            done += 1
    except BrokenProcessPool:
        broken = True
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    if broken:
        yield from _recheck([source for chunk in chunks[done:] for source in chunk], settings)


def _recheck(sources: list["Source"], settings: "Settings") -> Iterator["FileResult"]:
    """The files a dead worker left, checked here; the first one carries the news."""
    for i, result in enumerate(_in_this_process(sources, settings)):
        if i == 0:
            result.worker_died = True
        yield result


def _in_this_process(sources: list["Source"], settings: "Settings") -> Iterator["FileResult"]:
    from podlint.checker import Checker

    checker = Checker(settings)
    for source in sources:
        yield checker.check_source(source)[1]



def _context(settings: "Settings"):
    """Fork on Linux: workers inherit the imported rules and the loaded schema instead of
    importing them again. Elsewhere the platform's default (spawn), where fork is unsafe."""
    import multiprocessing

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        _prepare(settings)
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _prepare(settings: "Settings") -> None:
    """Load what every worker needs once, before forking (the schema of the release)."""
    if os.environ.get("PODLINT_NO_SCHEMA"):
        return
    try:
        from podlint import schema

        schema.prepare(settings.kubernetes_version)
    except Exception:  # the workers report schema problems themselves, per object
        pass
