"""podlint.lsp is beside the pipeline: nothing imports it but the `lsp` command, and without
pygls that command says what to install (these run whether or not pygls is installed)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "podlint"


def test_only_the_lsp_command_imports_the_server() -> None:
    importers = sorted(str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
                       if "lsp" not in path.relative_to(PACKAGE).parts[:1]
                       and re.search(r"^\s*(from podlint\.lsp|from podlint import lsp|import podlint\.lsp)",
                                     path.read_text(encoding="utf-8"), re.M))
    assert importers == ["cli.py"]


def test_check_imports_neither_the_server_nor_pygls() -> None:
    code = ("import sys\nfrom podlint.cli import main\n"
            "sys.argv = ['podlint', 'check', 'examples/pod-with-init-container.yaml']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('podlint.lsp', 'pygls', 'lsprotocol'))))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_without_pygls_the_command_says_what_to_install() -> None:
    code = ("import sys\nsys.modules['pygls'] = None\nsys.argv = ['podlint', 'lsp']\n"
            "from podlint.launch import main\nmain()\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2
    assert "pip install 'podlint[lsp]'" in done.stderr and "Traceback" not in done.stderr
