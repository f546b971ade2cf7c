"""The language server (pygls): diagnostics on open, change and save; hover on a diagnostic
shows its rule's document; code actions apply the fixes diagnostics carry."""

from __future__ import annotations

import os
from typing import Any, Optional
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from podlint import __version__
from podlint.diagnostics import Diagnostic, Severity
from podlint.lsp import ranges
from podlint.lsp.workspace import Workspace, kubernetes_version
from podlint.report import RULES_URL
from podlint.versions import UnsupportedVersion

SOURCE = "podlint"
_SEVERITIES = {Severity.ERROR: types.DiagnosticSeverity.Error,
               Severity.WARNING: types.DiagnosticSeverity.Warning,
               Severity.INFO: types.DiagnosticSeverity.Information}


class PodlintServer(LanguageServer):
    """A LanguageServer that remembers, per document, the diagnostics it last published."""

    def __init__(self) -> None:
        super().__init__("podlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.lint = Workspace()
        # uri -> [(podlint Diagnostic, its LSP Diagnostic)] for the text last checked
        self.published: dict[str, list[tuple[Diagnostic, types.Diagnostic]]] = {}
        self.told: set[str] = set()  # configuration errors already shown

    @property
    def encoding(self) -> str:
        chosen = self.workspace.position_encoding
        return str(getattr(chosen, "value", chosen) or ranges.UTF16)

    def check(self, uri: str) -> None:
        """Check the document's current text and publish what is found (an empty list clears)."""
        document = self.workspace.get_text_document(uri)
        path = _path_of(uri)
        folder = os.path.dirname(path) if path else self._root()
        found, setup = self.lint.diagnose(document.source, path or uri, folder)
        if setup.error and setup.error not in self.told:
            self.told.add(setup.error)
            self.window_show_message(types.ShowMessageParams(types.MessageType.Warning, setup.error))
        lines = ranges.lines_of(document.source)
        pairs = [(d, self._lsp_diagnostic(d, lines)) for d in found]
        self.published[uri] = pairs
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=document.version, diagnostics=[lsp for _, lsp in pairs]))

    def _root(self) -> Optional[str]:
        root = self.workspace.root_path
        return root if root and os.path.isdir(root) else None

    def _range(self, lines: list[str], line: int, column: int, end_line: Optional[int],
               end_column: Optional[int]) -> types.Range:
        start, end = ranges.span_range(lines, line, column, end_line, end_column, self.encoding)
        return types.Range(types.Position(*start), types.Position(*end))

    def _lsp_diagnostic(self, d: Diagnostic, lines: list[str]) -> types.Diagnostic:
        return types.Diagnostic(
            range=self._range(lines, d.line, d.column, d.end_line, d.end_column),
            message=d.message, severity=_SEVERITIES[d.severity], code=d.rule_id, source=SOURCE,
            code_description=types.CodeDescription(href=f"{RULES_URL}{d.rule_id}.md"))

    def hover(self, uri: str, at: types.Position) -> Optional[types.Hover]:
        """The documents of the rules whose diagnostics cover `at`."""
        from podlint.docs import rule_doc

        point = (at.line, at.character)
        parts, shown = [], set()
        for d, lsp in self.published.get(uri, []):
            start, end = (lsp.range.start.line, lsp.range.start.character), (lsp.range.end.line, lsp.range.end.character)
            if not start <= point <= end or d.rule_id in shown:
                continue
            shown.add(d.rule_id)
            doc = rule_doc(d.rule_id)
            parts.append(f"**{d.rule_id}** {d.rule_name}: {d.message}\n\n"
                         + (doc.strip() if doc else f"[{d.rule_id}]({RULES_URL}{d.rule_id}.md)"))
        if not parts:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                        value="\n\n---\n\n".join(parts)))

    def code_actions(self, uri: str, wanted: types.Range) -> list[types.CodeAction]:
        """A quickfix for each diagnostic in `wanted` that carries a fix."""
        document = self.workspace.get_text_document(uri)
        lines = ranges.lines_of(document.source)
        low, high = (wanted.start.line, wanted.start.character), (wanted.end.line, wanted.end.character)
        actions = []
        for d, lsp in self.published.get(uri, []):
            fix = getattr(d, "fix", None)
            if fix is None:
                continue
            start, end = (lsp.range.start.line, lsp.range.start.character), (lsp.range.end.line, lsp.range.end.character)
            if end < low or start > high:
                continue
            edits = [types.TextEdit(range=self._range(lines, e.line, e.column, e.end_line, e.end_column),
                                    new_text=e.new_text) for e in fix.edits]
            actions.append(types.CodeAction(
                title=f"{fix.description} ({d.rule_id})", kind=types.CodeActionKind.QuickFix,
                diagnostics=[lsp], is_preferred=bool(getattr(fix, "safe", False)),
                edit=types.WorkspaceEdit(changes={uri: edits})))
        return actions

    def configure(self, options: Any) -> None:
        """Apply the editor's settings (kubernetesVersion) and check the open documents again."""
        try:
            k8s = kubernetes_version(options)
        except UnsupportedVersion as err:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"podlint: {err}"))
            return
        self.lint.set_kubernetes_version(k8s)


def _path_of(uri: str) -> Optional[str]:
    """The file a file: URI names; None for other schemes (untitled documents)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if os.name == "nt" and path.startswith("/") and len(path) > 2 and path[2] == ":":
        path = path[1:]
    return os.path.normpath(path)


def make_server() -> PodlintServer:
    server = PodlintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: PodlintServer, params: types.InitializeParams) -> None:
        ls.configure(params.initialization_options)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(ls: PodlintServer, params: types.DidChangeConfigurationParams) -> None:
        ls.configure(params.settings)
        for uri in list(ls.published):
            ls.check(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PodlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PodlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PodlintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.check(params.text_document.uri)  # a configuration file changed meanwhile is read again

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PodlintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.published.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: PodlintServer, params: types.HoverParams) -> Optional[types.Hover]:
        return ls.hover(params.text_document.uri, params.position)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: PodlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return ls.code_actions(params.text_document.uri, params.range)

    return server


def serve() -> None:
    """Speak the protocol on standard input and output until the client says exit."""
    make_server().start_io()
