"""The shape of the code: what may import what, and what lives where (ARCHITECTURE.md).

Rules see plain values and field paths only: a rule module (and a rule helper) may import
the standard library and the few podlint modules that describe values, never the loader,
the schema pass, the checker or output. Formatters are pure functions of a Report and
never import rules.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "podlint"
RULES = PACKAGE / "rules"
RULE_MODULE = re.compile(r"^p[lw]\d{3}_[a-z0-9_]+\.py$")
HELPER = re.compile(r"^_[a-z][a-z0-9_]*\.py$")

# what a rule may know about: findings, its views of the object, paths, quantities, releases
# and feature gates, the table of workload kinds, the helpers (value formats among them), and
# for a cross-document rule the facts of the run (crossfile: values and positions, no YAML)
RULE_MAY_IMPORT = {"podlint.crossfile", "podlint.diagnostics", "podlint.lazyre", "podlint.model", "podlint.paths",
                   "podlint.quantity", "podlint.versions", "podlint.workloads"}
# third-party packages no rule may use (YAML parsing, schemas, the command line)
FORBIDDEN_THIRD_PARTY = {"ruamel", "jsonschema", "click", "yaml"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module in ("podlint", "podlint.rules"):  # from podlint import <module>
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
            else:
                found.add(node.module)
    return found


def _rule_files() -> list[Path]:
    return sorted(p for p in RULES.glob("*.py") if RULE_MODULE.match(p.name) or HELPER.match(p.name))


@pytest.mark.parametrize("path", _rule_files(), ids=lambda p: p.name)
def test_rules_import_only_what_describes_values(path: Path) -> None:
    wrong = set()
    for module in imported_modules(path):
        top = module.split(".")[0]
        if top == "podlint":
            if not (module in RULE_MAY_IMPORT or module.startswith("podlint.rules._")):
                wrong.add(module)
        elif top in FORBIDDEN_THIRD_PARTY:
            wrong.add(module)
        elif top not in sys.stdlib_module_names and top != "__future__":
            wrong.add(module)
    assert wrong == set(), f"{path.name} imports {sorted(wrong)}"


def test_every_file_in_rules_is_a_rule_a_helper_or_the_package_face() -> None:
    others = sorted(p.name for p in RULES.iterdir()
                    if p.is_file() and not (RULE_MODULE.match(p.name) or HELPER.match(p.name)
                                            or p.name == "__init__.py"))
    assert others == []
    for path in RULES.glob("*.py"):
        if RULE_MODULE.match(path.name):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            assigned = {t.id for node in tree.body if isinstance(node, ast.Assign)
                        for t in node.targets if isinstance(t, ast.Name)}
            assert "RULE" in assigned, f"{path.name} defines no RULE"


@pytest.mark.parametrize("path", sorted((PACKAGE / "formatters").glob("*.py")), ids=lambda p: p.name)
def test_formatters_know_nothing_of_rules(path: Path) -> None:
    wrong = {m for m in imported_modules(path)
             if m.startswith(("podlint.rules", "podlint.checker", "podlint.schema", "podlint.load"))}
    assert wrong == set()


def test_new_rule_scaffold_writes_module_document_and_fixtures(tmp_path: Path) -> None:
    import subprocess

    for folder in ("podlint/rules", "rules", "tests/fixtures"):
        (tmp_path / folder).mkdir(parents=True)
    script = PACKAGE.parent / "scripts" / "new_rule.py"
    done = subprocess.run([sys.executable, str(script), "PL998", "invalid-widget", "A widget is invalid",
                           "--root", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    module = tmp_path / "podlint" / "rules" / "pl998_invalid_widget.py"
    text = module.read_text()
    assert 'id="PL998"' in text and 'name="invalid-widget"' in text and "Severity.ERROR" in text
    compile(text, str(module), "exec")
    doc = (tmp_path / "rules" / "PL998.md").read_text()
    assert doc.startswith("# PL998 invalid-widget\n") and "## Bad" in doc and "# expect: PL998" in doc
    assert sorted(p.name for p in (tmp_path / "tests" / "fixtures" / "PL998").iterdir()) == [
        "fires-example.yaml", "passes-example.yaml"]
    again = subprocess.run([sys.executable, str(script), "PL998", "other-name", "x", "--root", str(tmp_path)],
                           capture_output=True, text=True)
    assert again.returncode != 0 and "exists already" in again.stderr


def test_architecture_md_names_what_exists() -> None:
    text = (PACKAGE.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")
    pipeline = text.split("```")[1]
    for name in re.findall(r"([a-z_]+(?:\.py|/))\s", pipeline):
        candidates = [PACKAGE / name, PACKAGE / "formatters" / name, PACKAGE / "yaml" / name,
                      PACKAGE / "render" / name, PACKAGE / "explain" / name]
        assert any(c.exists() for c in candidates), f"ARCHITECTURE.md names {name}, which does not exist"
    tests = PACKAGE.parent / "tests"
    for module, function in re.findall(r"(test_[a-z_]+\.py)::([a-z_]+)", text):
        source = (tests / module).read_text(encoding="utf-8")
        assert f"def {function}(" in source, f"ARCHITECTURE.md names {module}::{function}"
    for module in re.findall(r"`(test_[a-z_]+\.py)`", text):
        assert (tests / module).is_file(), f"ARCHITECTURE.md names {module}"
