"""The start-up cache of rule modules' code (podlint.codecache)."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import traceback
from pathlib import Path

import pytest

from podlint import codecache


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A package `cachedpkg` with three modules, importable, and forgotten afterwards."""
    folder = tmp_path / "cachedpkg"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    for i in range(3):
        (folder / f"m{i}.py").write_text(f"VALUE = {i}\n\ndef fail():\n    raise ValueError('m{i}')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    yield folder
    _forget()
    sys.modules.pop("cachedpkg", None)


def _forget() -> None:
    """Drop the package's modules (not the package) as if in a fresh interpreter."""
    for name in [n for n in sys.modules if n.startswith("cachedpkg.")]:
        del sys.modules[name]


def _load(folder: Path, names=("m0", "m1", "m2")):
    __import__("cachedpkg")
    return codecache.import_modules("cachedpkg", str(folder), list(names), cache=str(folder / "cache.bin"))


def _module_attrs(module) -> dict:
    spec = module.__spec__
    return {"name": module.__name__, "package": module.__package__, "file": module.__file__,
            "cached": module.__cached__, "loader": (type(module.__loader__), module.__loader__.path),
            "spec": (spec.name, spec.origin, spec.cached, spec.has_location, spec.parent,
                     spec.loader is module.__loader__, spec.submodule_search_locations)}


def test_first_run_writes_the_cache_and_the_next_reads_it(package: Path, monkeypatch) -> None:
    modules = _load(package)
    assert [m.VALUE for m in modules] == [0, 1, 2]
    assert (package / "cache.bin").exists()
    imported_attrs = _module_attrs(modules[1])
    _forget()
    imported = []
    monkeypatch.setattr(importlib, "import_module", lambda name: imported.append(name))
    modules = _load(package)
    assert imported == []  # every module came from the cache file
    assert [m.VALUE for m in modules] == [0, 1, 2]
    module = sys.modules["cachedpkg.m1"]
    assert module is modules[1] and sys.modules["cachedpkg"].m1 is module
    assert module.__file__ == str(package / "m1.py")
    assert module.__spec__.name == "cachedpkg.m1"
    assert _module_attrs(module) == imported_attrs  # as an ordinary import sets them
    with pytest.raises(ValueError) as info:
        module.fail()
    frame = traceback.extract_tb(info.tb)[-1]
    assert frame.filename == str(package / "m1.py") and frame.lineno == 4


def test_a_changed_source_is_imported_again(package: Path) -> None:
    _load(package)
    _forget()
    (package / "m2.py").write_text("VALUE = 'changed'\n")
    assert _load(package)[2].VALUE == "changed"
    _forget()
    assert _load(package)[2].VALUE == "changed"  # and the cache was rewritten with it


def test_an_added_module_is_imported(package: Path) -> None:
    _load(package)
    _forget()
    (package / "m3.py").write_text("VALUE = 3\n")
    assert [m.VALUE for m in _load(package, ("m0", "m1", "m2", "m3"))] == [0, 1, 2, 3]


@pytest.mark.parametrize("content", [b"", b"garbage", b"\xe3\x00\x00"])
def test_a_damaged_cache_is_ignored(package: Path, content: bytes) -> None:
    (package / "cache.bin").write_bytes(content)
    assert [m.VALUE for m in _load(package)] == [0, 1, 2]


def test_nothing_is_written_without_bytecode_caching(package: Path, monkeypatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    _load(package)
    assert not (package / "cache.bin").exists()


def test_an_unwritable_cache_folder_is_not_an_error(package: Path) -> None:
    modules = codecache.import_modules("cachedpkg", str(package), ["m0"],
                                       cache=str(package / "m0.py" / "cache.bin"))
    assert modules[0].VALUE == 0


def test_podlint_rules_are_the_same_from_the_cache(tmp_path: Path) -> None:
    """A fresh interpreter reads the built-in rules from the cache it wrote on its first run."""
    code = ("import sys; from podlint.rules import builtin_rules; rules = builtin_rules();"
            "print(len(rules), sum(r.check is not None for r in rules),"
            " sys.modules['podlint.rules.pl101_init_container_lifecycle'].__file__)")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    import podlint.rules

    cache = Path(podlint.rules.__file__).parent / "__pycache__" / (
        f"rules-modules.{sys.implementation.cache_tag}.marshal")
    assert cache.exists()
    # the second run must not import any rule module the ordinary way
    refuse = ("import importlib; ordinary = importlib.import_module\n"
              "def only_helpers(name, *args):\n"
              "    assert '.rules.p' not in name, name\n"
              "    return ordinary(name, *args)\n"
              "importlib.import_module = only_helpers\n")
    second = subprocess.run([sys.executable, "-c", refuse + code], capture_output=True, text=True, env=env,
                            check=True)
    assert first.stdout == second.stdout
    count, checks, path = second.stdout.split()
    assert int(count) > 200 and int(checks) > 200
    assert path.endswith(os.path.join("rules", "pl101_init_container_lifecycle.py"))
