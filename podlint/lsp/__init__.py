"""`podlint lsp`: the language server, beside the pipeline (it consumes LoadedFile, Checker
and Diagnostics; nothing in the pipeline imports it). Needs the `lsp` extra (pygls)."""

from __future__ import annotations

INSTALL = "pip install 'podlint[lsp]'"


class MissingServerLibrary(Exception):
    """pygls is not installed."""


def serve() -> None:
    """Run the server on standard input and output; MissingServerLibrary without pygls."""
    try:
        from podlint.lsp.server import serve as run
    except ImportError as err:
        if (err.name or "").partition(".")[0] not in ("pygls", "lsprotocol", "cattrs"):
            raise
        raise MissingServerLibrary(f"the language server needs pygls: {INSTALL}") from None
    run()
