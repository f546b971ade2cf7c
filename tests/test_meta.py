"""Every rule has a unique id and name, a document, and fixtures; docs and registry agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from podlint.rules import builtin_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = builtin_rules()
# Raised by the loader or engine on input that cannot be a fixture (I/O, internal bugs)
NO_FIXTURES = {"PL000", "PL004"}


def test_ids_and_names_are_unique_and_well_formed() -> None:
    ids = [r.id for r in RULES]
    names = [r.name for r in RULES]
    assert len(ids) == len(set(ids)) and len(names) == len(set(names))
    for rule in RULES:
        assert re.fullmatch(r"P[LW]\d{3}", rule.id), rule.id
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name
        assert (rule.id.startswith("PW")) == (rule.severity.value != "error") or rule.id.startswith("PL"), rule.id
        assert rule.summary and not rule.summary.endswith("."), rule.id


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_has_document_and_fixtures(rule) -> None:
    doc = ROOT / "rules" / f"{rule.id}.md"
    assert doc.is_file(), f"rules/{rule.id}.md is missing"
    assert doc.read_text(encoding="utf-8").startswith(f"# {rule.id} {rule.name}\n")
    if rule.id in NO_FIXTURES or rule.check is None:
        return
    fixtures = ROOT / "tests" / "fixtures" / rule.id
    names = [p.name for p in fixtures.glob("*.yaml")]
    assert any(n.startswith("fires-") for n in names) or "(no example)" in doc.read_text(), \
        f"tests/fixtures/{rule.id} has no fires-* case"
    assert any(n.startswith("passes-") for n in names), f"tests/fixtures/{rule.id} has no passes-* case"


def test_every_document_belongs_to_a_rule() -> None:
    ids = {r.id for r in RULES}
    docs = {p.stem for p in (ROOT / "rules").glob("P[LW][0-9][0-9][0-9].md")}
    assert docs - ids == set(), "documents without a rule"


def test_rule_modules_are_named_after_their_rule() -> None:
    folder = ROOT / "podlint" / "rules"
    for rule in RULES:
        module = f"{rule.id.lower()}_{rule.name.replace('-', '_')}.py"
        assert (folder / module).is_file(), f"expected podlint/rules/{module}"


def test_catalogue_ids_are_implemented_or_listed() -> None:
    """rules/README.md lists every catalogue id that has no rule module, with a reason."""
    catalogue = ROOT.parent / "shared" / "reference" / "pod-validation-rules.md"
    if not catalogue.is_file():
        pytest.skip("../shared is absent")
    wanted = set(re.findall(r"^\| (P[LW]\d{3}) \|", catalogue.read_text(), re.M))
    implemented = {r.id for r in RULES}
    readme = (ROOT / "rules" / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Catalogue ids without a rule of their own", 1)[1]
    listed = set(re.findall(r"^\| (P[LW]\d{3}) \|", table, re.M))
    missing = sorted(wanted - implemented - listed)
    assert missing == [], f"catalogue ids neither implemented nor listed in rules/README.md: {missing}"
    assert sorted(listed & implemented) == [], "ids both implemented and listed as not implemented"


def test_the_license_file_is_the_one_pyproject_names() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'license = "Apache-2.0"' in pyproject
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("Apache License\nVersion 2.0, January 2004\n") and "END OF TERMS AND CONDITIONS" in text
