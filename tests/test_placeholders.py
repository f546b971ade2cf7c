"""Files meant for envsubst: one diagnostic per document, at the placeholder, as the user sees it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from podlint.cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ENVSUBST = FIXTURES / "PL007" / "fires-envsubst-deployment.yaml"


def check(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["check", "--isolated", *args], catch_exceptions=False)
    return result.exit_code, [line for line in result.stdout.splitlines() if ": error [" in line
                              or ": warning [" in line]


def test_an_envsubst_deployment_gets_one_diagnostic_at_the_placeholder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ENVSUBST.parent)
    code, lines = check(ENVSUBST.name)
    assert code == 1
    assert [line for line in lines if ": error [" in line] == [
        f"{ENVSUBST.name}:7:9: error [PL007] unsubstituted placeholder ${{APP_NAME}}: the API server refuses the "
        "value as written; substitute the variables first (envsubst) and check the result; 10 more "
        "placeholders in this document; 9 findings about placeholder values not shown",
        f'{ENVSUBST.name}:22:11: error [PL103] init container "wait" sets readinessProbe; init containers run to '
        "completion and may only have probes as sidecars (restartPolicy: Always)",
    ]


def test_ignoring_pl007_shows_what_the_placeholders_cause(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ENVSUBST.parent)
    code, lines = check("--ignore", "PL007", ENVSUBST.name)
    rules = sorted({line.split("[")[1].split("]")[0] for line in lines})
    assert code == 1 and {"PL011", "PL013", "PL406", "PL505", "PL702", "PL705"} <= set(rules)


def test_the_column_is_the_placeholders_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("pod.yaml").write_text("apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n"
                                '    - {name: app, image: "registry.example.com/${TEAM}/web:${TAG}"}\n')
    code, lines = check("pod.yaml")
    assert code == 0
    assert lines == [
        "pod.yaml:6:48: warning [PW002] unsubstituted placeholder ${TEAM}: the API server accepts the value as "
        "written, but it was meant to be replaced; substitute the variables first (envsubst) and check the "
        "result; 1 more placeholder in this document"]


def test_shell_and_kubernetes_variables_are_not_placeholders() -> None:
    code, lines = check(str(FIXTURES / "PL007" / "passes-shell-and-kubernetes-variables.yaml"))
    assert (code, lines) == (0, [])


def test_each_document_of_a_stream_is_reported_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES / "PL007")
    code, lines = check("fires-one-per-document.yaml")
    assert code == 1 and [line.split(" ", 1)[0] for line in lines] == [
        "fires-one-per-document.yaml:9:13:", "fires-one-per-document.yaml:15:9:"]
    assert "1 more placeholder in this document; 1 finding about placeholder values not shown" in lines[0]
