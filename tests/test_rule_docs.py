"""Every rules/<ID>.md is run: Bad blocks fire exactly at their markers, Good blocks are clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from markers import mismatches, parse_markers

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
DOCS = sorted(p for p in RULES_DIR.glob("P[LW][0-9][0-9][0-9].md"))
BLOCK = re.compile(r"^```ya?ml[^\n]*\n(.*?)^```", re.S | re.M)
SECTION = re.compile(r"^## (.+)$", re.M)


def examples(doc: Path) -> list[tuple[str, int, str]]:
    """(section, index, yaml) for every yaml block under ## Bad and ## Good."""
    text = doc.read_text(encoding="utf-8")
    out = []
    sections = [(m.group(1).strip(), m.end()) for m in SECTION.finditer(text)]
    for i, (title, start) in enumerate(sections):
        end = sections[i + 1][1] if i + 1 < len(sections) else len(text)
        kind = title.split()[0].lower()
        if kind not in ("bad", "good"):
            continue
        for n, block in enumerate(BLOCK.finditer(text[start:end])):
            out.append((kind, n, block.group(1)))
    return out


CASES = [(doc, kind, n, body) for doc in DOCS for kind, n, body in examples(doc)]


@pytest.mark.parametrize(
    "doc,kind,n,body", CASES, ids=[f"{d.stem}-{k}{n}" for d, k, n, _ in CASES])
def test_rule_doc_example(doc: Path, kind: str, n: int, body: str) -> None:
    rule_id = doc.stem
    if kind == "bad":
        assert rule_id in parse_markers(body).ids(), f"bad example of {rule_id} marks no {rule_id}"
    assert mismatches(body, rule_id, good=(kind == "good")) == []


@pytest.mark.parametrize("doc", DOCS, ids=[d.stem for d in DOCS])
def test_rule_doc_has_bad_and_good(doc: Path) -> None:
    kinds = {kind for kind, _, _ in examples(doc)}
    text = doc.read_text(encoding="utf-8")
    assert text.startswith(f"# {doc.stem} "), "a rule document starts with '# <ID> <name>'"
    if "(no example)" not in text:
        assert kinds == {"bad", "good"}, f"{doc.name} needs a ## Bad and a ## Good yaml example"
