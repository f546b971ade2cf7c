"""Writing a file so that no reader ever sees half of it: a temporary file, then a rename."""

from __future__ import annotations

import os
import tempfile
from typing import Callable, Optional, TextIO


def write_atomically(path: str, produce: Callable[[TextIO], None], mode: Optional[int] = None) -> None:
    """Call produce(out) on a temporary file beside `path`, then rename it into place.

    The file gets `mode` (a fixed manifest keeps its own), else the permissions a plain
    open() would give it (0666 less the umask), not mkstemp's 0600; on any failure the
    temporary file is removed and `path` is untouched.
    """
    import signal
    import threading

    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".podlint-", suffix=".tmp", dir=folder)
    previous = {}
    if threading.current_thread() is threading.main_thread():
        # a SIGTERM or SIGHUP during the write still removes the temporary file
        for number in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if number is not None:
                previous[number] = signal.signal(number, _interrupted)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask if mode is None else mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            produce(out)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _interrupted(number: int, frame) -> None:
    raise SystemExit(128 + number)
