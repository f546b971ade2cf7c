"""podlint lsp: a real LSP client (pytest-lsp) drives `python -m podlint lsp` over stdio."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs pygls (pip install 'podlint[lsp]')")
pytest_lsp = pytest.importorskip("pytest_lsp", reason="the LSP tests drive the server with pytest-lsp")

from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

from podlint.lsp import ranges  # noqa: E402
from podlint.report import RULES_URL  # noqa: E402

SERVER = [sys.executable, "-m", "podlint", "lsp"]

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: {app: "é😀x"}
spec:
  containers:
    - name: app
      image: nginx:1.27
      livenessprobe:
        httpGet: {path: /, port: 80}
"""


async def start(client: LanguageClient, root: Path, options: dict | None = None) -> None:
    await client.initialize_session(types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
        root_uri=root.as_uri(), workspace_folders=[types.WorkspaceFolder(root.as_uri(), root.name)],
        initialization_options=options))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, tmp_path: Path):
    await start(lsp_client, tmp_path)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client_125(lsp_client: LanguageClient, tmp_path: Path):
    await start(lsp_client, tmp_path, {"kubernetesVersion": "1.25"})
    yield
    await lsp_client.shutdown_session()


async def open_document(client: LanguageClient, path: Path, text: str) -> list[types.Diagnostic]:
    """Open `path` with `text` in the client; the diagnostics the server publishes for it."""
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[uri])


async def change_document(client: LanguageClient, path: Path, text: str, version: int) -> list[types.Diagnostic]:
    uri = path.as_uri()
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [types.TextDocumentContentChangeWholeDocument(text=text)]))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[uri])


def by_code(diagnostics: list[types.Diagnostic]) -> dict[str, types.Diagnostic]:
    return {str(d.code): d for d in diagnostics}


def span(d: types.Diagnostic) -> tuple[int, int, int, int]:
    r = d.range
    return (r.start.line, r.start.character, r.end.line, r.end.character)


@pytest.mark.asyncio
async def test_open_gives_diagnostics_at_their_ranges(client: LanguageClient, tmp_path: Path) -> None:
    found = by_code(await open_document(client, tmp_path / "pod.yaml", POD))
    assert set(found) == {"PL705", "PL010"}
    label = found["PL705"]
    # podlint: line 5, columns 17 to 22 (exclusive) in code points, the 5 of "é😀x" quoted;
    # UTF-16 counts 😀 twice: characters 16 to 22, not 21
    assert span(label) == (4, 16, 4, 22)
    assert (label.source, label.severity) == ("podlint", types.DiagnosticSeverity.Error)
    assert label.code_description.href == f"{RULES_URL}PL705.md"
    assert "livenessProbe" in found["PL010"].message
    assert span(found["PL010"])[:2] == (9, 6)


@pytest.mark.asyncio
async def test_hover_on_a_diagnostic_shows_its_rule_document(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    await open_document(client, path, POD)
    hover = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(path.as_uri()), types.Position(9, 10)))
    assert hover is not None and hover.contents.kind == types.MarkupKind.Markdown
    assert "**PL010**" in hover.contents.value and "# PL010" in hover.contents.value
    assert "PL705" not in hover.contents.value
    elsewhere = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(path.as_uri()), types.Position(0, 2)))
    assert elsewhere is None


@pytest.mark.asyncio
async def test_a_change_updates_the_diagnostics(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    assert "PL010" in by_code(await open_document(client, path, POD))
    fixed = POD.replace("livenessprobe", "livenessProbe").replace("é😀x", "web")
    assert await change_document(client, path, fixed, 2) == []
    assert set(by_code(await change_document(client, path, POD, 3))) == {"PL705", "PL010"}


@pytest.mark.asyncio
async def test_yaml_without_kubernetes_objects_gets_none(client: LanguageClient, tmp_path: Path) -> None:
    assert await open_document(client, tmp_path / "ci.yaml", "jobs:\n  build: {runs-on: ubuntu}\n") == []
    assert await open_document(client, tmp_path / "broken.yaml", "values: [1, 2\n") == []
    broken = await open_document(client, tmp_path / "pod.yaml", "apiVersion: v1\nkind: Pod\nspec: [\n")
    assert [str(d.code) for d in broken] == ["PL001"]


@pytest.mark.asyncio
async def test_configuration_is_found_from_the_documents_folder(client: LanguageClient, tmp_path: Path) -> None:
    folder = tmp_path / "deploy"
    folder.mkdir()
    (folder / ".podlint.toml").write_text('ignore = ["PL010"]\n')
    assert set(by_code(await open_document(client, folder / "pod.yaml", POD))) == {"PL705"}
    assert set(by_code(await open_document(client, tmp_path / "pod.yaml", POD))) == {"PL705", "PL010"}


@pytest.mark.asyncio
async def test_save_reads_a_changed_configuration_again(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    assert "PL010" in by_code(await open_document(client, path, POD))
    (tmp_path / ".podlint.toml").write_text('ignore = ["PL010"]\n')
    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(path.as_uri())))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert set(by_code(client.diagnostics[path.as_uri()])) == {"PL705"}


@pytest.mark.asyncio
async def test_a_broken_configuration_is_shown_and_the_defaults_used(client: LanguageClient,
                                                                      tmp_path: Path) -> None:
    (tmp_path / ".podlint.toml").write_text("select = 3\n")
    assert set(by_code(await open_document(client, tmp_path / "pod.yaml", POD))) == {"PL705", "PL010"}
    [shown] = client.messages
    assert shown.type == types.MessageType.Warning and "select" in shown.message


SIDECAR = """\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - {name: proxy, image: envoy:v1.31, restartPolicy: Always}
  containers: [{name: app, image: nginx:1.27}]
"""


@pytest.mark.asyncio
async def test_kubernetes_version_from_initialization_options(client_125: LanguageClient, tmp_path: Path) -> None:
    # restartable init containers (sidecars) came in 1.28: 1.25's API server refuses the field
    found = await open_document(client_125, tmp_path / "pod.yaml", SIDECAR)
    assert "restartPolicy" in " ".join(d.message for d in found)


@pytest.mark.asyncio
async def test_kubernetes_version_from_did_change_configuration(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    assert await open_document(client, path, SIDECAR) == []
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"podlint": {"kubernetesVersion": "1.25"}}))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert "restartPolicy" in " ".join(d.message for d in client.diagnostics[path.as_uri()])


@pytest.mark.asyncio
async def test_a_code_action_applies_the_fix(client: LanguageClient, tmp_path: Path) -> None:
    # PL010's did-you-mean carries a fix (podlint.fix): the key renamed
    path = tmp_path / "pod.yaml"
    typo = by_code(await open_document(client, path, POD))["PL010"]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(path.as_uri()), typo.range, types.CodeActionContext([typo])))
    [action] = [a for a in actions if isinstance(a, types.CodeAction) and "PL010" in a.title]
    assert action.kind == types.CodeActionKind.QuickFix and "livenessProbe" in action.title
    fixed = apply(POD, action.edit.changes[path.as_uri()])
    assert "livenessProbe:" in fixed and "livenessprobe" not in fixed
    assert "PL010" not in by_code(await change_document(client, path, fixed, 2))


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """The text with the edits made (UTF-16 positions, the last first)."""
    lines = text.split("\n")

    def offset(p: types.Position) -> int:
        line = lines[p.line] if p.line < len(lines) else ""
        units, chars = 0, 0
        while units < p.character and chars < len(line):
            units += ranges.code_units(line[chars])
            chars += 1
        return sum(len(l) + 1 for l in lines[:p.line]) + chars

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


def test_ranges_count_utf16_code_units() -> None:
    lines = ['a: "é😀x"', ""]
    assert ranges.span_range(lines, 1, 4, 1, 9) == ((0, 3), (0, 9))
    assert ranges.span_range(lines, 1, 4, 1, 9, ranges.UTF8) == ((0, 3), (0, 12))
    assert ranges.span_range(lines, 1, 4, 1, 9, ranges.UTF32) == ((0, 3), (0, 8))
    assert ranges.span_range(lines, 1, 1) == ((0, 0), (0, 9))  # no end: the rest of the line
    assert ranges.span_range(lines, 2, 1) == ((1, 0), (1, 1))
    assert ranges.span_range(lines, 9, 1, 9, 3) == ((2, 0), (2, 0))  # past the end: clamped
