"""Baseline: record today's findings by fingerprint, then report only new ones.

The fingerprint is the SARIF one (rule, file, object, field path; never line numbers), so a
baseline survives edits elsewhere in a file. Each fingerprint keeps a count: a second
identical finding beyond the recorded number is new.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Iterable

from podlint.diagnostics import Diagnostic
from podlint.paths import posix

VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read or is not a podlint baseline (exit code 2)."""


def dumps(diagnostics: Iterable[Diagnostic]) -> str:
    """The baseline document for `diagnostics`: sorted, one entry per fingerprint."""
    entries: dict[str, dict] = {}
    for d in diagnostics:
        fingerprint = d.fingerprint
        entry = entries.get(fingerprint)
        if entry is None:
            entries[fingerprint] = {
                "fingerprint": fingerprint, "rule": d.rule_id, "file": posix(d.file),
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

    text = dumps(diagnostics)
    write_atomically(path, lambda out: out.write(text))
    return sum(entry["count"] for entry in json.loads(text)["findings"])


def load(path: str) -> Counter:
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
    counts: Counter = Counter()
    for entry in findings:
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise BaselineError(f"{path}: every finding needs a \"fingerprint\"")
        count = entry.get("count", 1)
        counts[entry["fingerprint"]] += count if isinstance(count, int) and count > 0 else 1
    return counts


def unrecorded(diagnostics: list[Diagnostic], recorded: Counter) -> tuple[list[Diagnostic], int]:
    """The diagnostics the baseline does not record (up to its count per fingerprint), and
    how many it does."""
    remaining = Counter(recorded)
    kept = []
    for d in diagnostics:
        fingerprint = d.fingerprint
        if remaining[fingerprint] > 0:
            remaining[fingerprint] -= 1
        else:
            kept.append(d)
    return kept, len(diagnostics) - len(kept)
