"""Expectation markers in YAML examples: `# expect: PL101[, PW820]` and `# expect+1: PL012`.

A marker names the rules that must report a diagnostic on its line (or, with +N, N lines
below). `# kubernetes-version: 1.28` anywhere in the text picks the release to check, and
`# feature-gates: Name=true,Other=false` the cluster's feature gates.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from podlint.diagnostics import Diagnostic, Severity
from podlint.engine import Checker, Settings
from podlint.load import load_text
from podlint.versions import KubeVersion, parse_feature_gates

MARKER = re.compile(r"#\s*expect(?:\+(\d+))?:\s*([A-Z]{2}\d{3}(?:\s*,\s*[A-Z]{2}\d{3})*)")
VERSION = re.compile(r"#\s*kubernetes-version:\s*(\S+)")
GATES = re.compile(r"#\s*feature-gates:\s*(\S+)")
_CHECKERS: dict[KubeVersion, Checker] = {}


@dataclass
class Expectation:
    lines: dict[str, set[int]]  # rule id -> lines

    def ids(self) -> set[str]:
        return set(self.lines)


def parse_markers(text: str) -> Expectation:
    lines: dict[str, set[int]] = defaultdict(set)
    for number, line in enumerate(text.splitlines(), start=1):
        for match in MARKER.finditer(line):
            offset = int(match.group(1) or 0)
            for rule_id in re.split(r"\s*,\s*", match.group(2).strip()):
                lines[rule_id].add(number + offset)
    return Expectation(dict(lines))


def version_of(text: str) -> KubeVersion:
    match = VERSION.search(text)
    k8s = KubeVersion.parse(match.group(1)) if match else KubeVersion.newest()
    gates = GATES.search(text)
    return k8s.with_gates(parse_feature_gates(gates.group(1))) if gates else k8s


def lint_text(text: str, name: str = "example.yaml", version: KubeVersion | None = None) -> list[Diagnostic]:
    k8s = version or version_of(text)
    checker = _CHECKERS.get(k8s)
    if checker is None:
        checker = _CHECKERS[k8s] = Checker(Settings(kubernetes_version=k8s))
    return checker.check_loaded(load_text(text, name))


def mismatches(text: str, own_rule: str | None, good: bool = False) -> list[str]:
    """Differences between the markers in `text` and what podlint reports; [] when they agree.

    Marked rules must fire on exactly the marked lines; an unmarked error, or an
    unmarked diagnostic of `own_rule`, is a mismatch. Warnings of other rules may
    appear unmarked. In a good example `own_rule` must not fire at all.
    """
    expected = parse_markers(text)
    diagnostics = lint_text(text)
    actual: dict[str, set[int]] = defaultdict(set)
    for d in diagnostics:
        actual[d.rule_id].add(d.line)
    problems = []
    for rule_id, lines in expected.lines.items():
        if actual.get(rule_id, set()) != lines:
            problems.append(f"{rule_id}: expected at lines {sorted(lines)}, got {sorted(actual.get(rule_id, ()))}")
    for d in diagnostics:
        if d.rule_id in expected.lines:
            continue
        if d.severity is Severity.ERROR or d.rule_id == own_rule:
            problems.append(f"unexpected {d.rule_id} at line {d.line}: {d.message}")
    if good and own_rule and own_rule in actual:
        problems.append(f"{own_rule} fired in a good example")
    return problems
