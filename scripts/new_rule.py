#!/usr/bin/env python3
"""Scaffold a rule: its module, its document and its fixture folder, and nothing else.

    python scripts/new_rule.py PL641 invalid-widget-count "A widget count is negative"
    python scripts/new_rule.py PW840 risky-widget "A widget may ..." --severity warning

Writes podlint/rules/pl641_invalid_widget_count.py (RULE and a check that finds nothing yet),
rules/PL641.md (the sections every document has, with a Bad and a Good example) and
tests/fixtures/PL641/{fires,passes}-example.yaml. The tests fail until the check finds what
the Bad example and the fires- fixture mark: write the check, then the examples.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MODULE = '''"""{rid} {name}."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule

RULE = Rule(
    id="{rid}",
    name="{name}",
    severity=Severity.{severity},
    summary="{summary}",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go <the function this mirrors>: <what it refuses>
    return iter(())
'''

EXAMPLE = '''apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27{marker}
'''

DOC = '''# {rid} {name}

## What it does
{summary}.

## Why is this bad?
What the API server (or the kubelet) does with it, in its own words.

## Bad
```yaml
{bad}```

## Good
```yaml
{good}```

## Kubernetes behaviour
The function of `validation.go` this mirrors, the releases it applies to, the feature gates
it depends on.

## References
- https://kubernetes.io/docs/
'''


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rule_id", help="PLnnn (error) or PWnnn (warning); never reuse or renumber an id")
    parser.add_argument("name", help="the bad pattern, in kebab case: invalid-widget-count")
    parser.add_argument("summary", help="one sentence, no final stop")
    parser.add_argument("--severity", choices=("error", "warning", "info"), default=None)
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)  # for its test
    args = parser.parse_args()
    root = args.root
    rid = args.rule_id.upper()
    if not re.fullmatch(r"P[LW]\d{3}", rid):
        sys.exit("the id is PLnnn or PWnnn")
    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", args.name):
        sys.exit("the name is kebab case: invalid-widget-count")
    module = root / "podlint" / "rules" / f"{rid.lower()}_{args.name.replace('-', '_')}.py"
    doc = root / "rules" / f"{rid}.md"
    fixtures = root / "tests" / "fixtures" / rid
    taken = [p for p in (root / "podlint" / "rules").glob(f"{rid.lower()}_*.py")] + [p for p in (doc, fixtures) if p.exists()]
    if taken:
        sys.exit(f"{rid} exists already: {', '.join(str(p.relative_to(root)) for p in taken)}")
    severity = args.severity or ("warning" if rid.startswith("PW") else "error")
    marker = f"  # expect: {rid}"
    module.write_text(MODULE.format(rid=rid, name=args.name, severity=severity.upper(),
                                    summary=args.summary.replace('"', '\\"')), encoding="utf-8")
    doc.write_text(DOC.format(rid=rid, name=args.name, summary=args.summary,
                              bad=EXAMPLE.format(marker=marker), good=EXAMPLE.format(marker="")), encoding="utf-8")
    fixtures.mkdir(parents=True)
    (fixtures / "fires-example.yaml").write_text(EXAMPLE.format(marker=marker), encoding="utf-8")
    (fixtures / "passes-example.yaml").write_text(EXAMPLE.format(marker=""), encoding="utf-8")
    for path in (module, doc, fixtures):
        print(f"wrote {path.relative_to(root)}")


if __name__ == "__main__":
    main()
