"""Baseline: record today's findings by fingerprint, then report only new ones.

The fingerprint is the SARIF one (rule, file, object, field path; never line numbers), so a
baseline survives edits elsewhere in a file. Files are named from the baseline's own folder,
so it matches whichever folder podlint runs from and however the files are named. Each fingerprint keeps a count: a second
identical finding beyond the recorded number is new.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from typing import Iterable

from podlint.diagnostics import Diagnostic
from podlint.paths import from_root

VERSION = 1


class Recorded(Counter):
    """Fingerprint -> findings recorded, and the folder its files are named from."""

    def __init__(self, root: str) -> None:
        super().__init__()
        self.root = root


def root_of(path: str) -> str:
    return os.path.dirname(os.path.abspath(path))


class BaselineError(Exception):
    """A baseline file that cannot be read or is not a podlint baseline (exit code 2)."""


def dumps(diagnostics: Iterable[Diagnostic], root: str) -> str:
    """The baseline document for `diagnostics`, files named from `root`: sorted, one entry
    per fingerprint."""
    entries: dict[str, dict] = {}
    for d in diagnostics:
        fingerprint = d.fingerprint_from(root)
        entry = entries.get(fingerprint)
        if entry is None:
            entries[fingerprint] = {
                "fingerprint": fingerprint, "rule": d.rule_id, "file": from_root(d.file, root),
                "object": d.object_ref, "path": str(d.path) if d.path is not None else None,
                "message": d.message, "count": 1,
            }
        else:
            entry["count"] += 1
    findings = sorted(entries.values(), key=lambda e: (e["file"], e["rule"], e["path"] or "",
                                                       e["object"] or "", e["fingerprint"]))
    payload = {"version": VERSION, "tool": "podlint", "findings": findings}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def write(path: str, diagnostics: Iterable[Diagnostic]) -> int:
    """Write the baseline atomically; return its entry count."""
    from podlint.atomic import write_atomically

    text = dumps(diagnostics, root_of(path))
    write_atomically(path, lambda out: out.write(text))
    return sum(entry["count"] for entry in json.loads(text)["findings"])


def load(path: str) -> Recorded:
    """Fingerprint -> number of findings recorded."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise BaselineError(f"baseline {path} does not exist (create it with --write-baseline)") from None
    except OSError as err:
        raise BaselineError(f"cannot read baseline {path}: {err.strerror or err}") from None
    except (ValueError, UnicodeDecodeError) as err:
        raise BaselineError(f"baseline {path} is not valid JSON: {err}") from None
    except RecursionError:
        raise BaselineError(f"baseline {path} is not a podlint baseline: nested too deeply") from None
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(findings, list) or data.get("version") != VERSION:
        raise BaselineError(f"{path} is not a podlint baseline (version {VERSION})")
    counts = Recorded(root_of(path))
    for entry in findings:
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise BaselineError(f"{path}: every finding needs a \"fingerprint\"")
        count = entry.get("count", 1)
        counts[entry["fingerprint"]] += count if isinstance(count, int) and count > 0 else 1
    return counts


def unrecorded(diagnostics: list[Diagnostic], recorded: Counter) -> tuple[list[Diagnostic], int]:
    """The diagnostics the baseline does not record (up to its count per fingerprint), and
    how many it does."""
    root = getattr(recorded, "root", None)
    remaining = Counter(recorded)
    kept = []
    for d in diagnostics:
        fingerprint = d.fingerprint if root is None else d.fingerprint_from(root)
        if remaining[fingerprint] > 0:
            remaining[fingerprint] -= 1
        else:
            kept.append(d)
    return kept, len(diagnostics) - len(kept)
