"""Command line: parse options, call the engine, pick a formatter, set the exit code."""

from __future__ import annotations

import os
import sys
import tempfile
from typing import Optional

import click

from podlint import __version__

FORMAT_CHOICES = ("text", "json", "sarif", "github")


def _kube_version(ctx: click.Context, param: click.Parameter, value: Optional[str]):
    from podlint.versions import KubeVersion, UnsupportedVersion

    if value is None:
        return KubeVersion.newest()
    try:
        return KubeVersion.parse(value)
    except UnsupportedVersion as err:
        raise click.BadParameter(str(err)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="podlint", message="%(prog)s %(version)s")
def cli() -> None:
    """Check Kubernetes pod manifests for what the API server will reject."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--kubernetes-version", "-k", "k8s", callback=_kube_version, metavar="VERSION",
              help="Kubernetes release to check against, e.g. 1.33 or v1.33.2 (default: newest bundled).")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMAT_CHOICES), default=None,
              help="Output format (default: text; github when GITHUB_ACTIONS=true).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the report to FILE (atomically) instead of standard output.")
@click.option("--stdin-filename", default="<stdin>", show_default=True,
              help="Name to report for input read from '-'.")
@click.option("--max-file-size", type=click.IntRange(min=1), default=None, metavar="BYTES",
              help="Skip (and report) files larger than this (default 50 MiB).")
@click.option("--sarif-category", default=None, help="SARIF automationDetails.id (one per analysis).")
@click.option("--color/--no-color", default=None, help="Colour text output (default: on a terminal, unless NO_COLOR).")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def check(paths: tuple[str, ...], k8s, fmt: Optional[str], output: Optional[str], stdin_filename: str,
          max_file_size: Optional[int], sarif_category: Optional[str], color: Optional[bool],
          debug: bool) -> None:
    """Check PATHS (files, folders, or - for standard input)."""
    from podlint import engine, formatters

    if not paths:
        raise click.UsageError("give at least one file or folder to check (or - for standard input)")
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    settings = engine.Settings(
        kubernetes_version=k8s,
        stdin_filename=stdin_filename,
        max_file_size=max_file_size or engine.DEFAULT_MAX_FILE_SIZE,
        debug=debug,
    )
    try:
        report = engine.run(paths, settings)
    except engine.InputError as err:
        click.echo(f"podlint: {err}", err=True)
        sys.exit(2)
    options = {}
    if fmt == "text":
        to_terminal = output is None and sys.stdout.isatty()
        options["color"] = color if color is not None else (to_terminal and "NO_COLOR" not in os.environ)
    elif fmt == "sarif":
        options["category"] = sarif_category
    if output:
        _write_atomically(output, lambda out: formatters.write(fmt, report, out, **options))
    else:
        formatters.write(fmt, report, sys.stdout, **options)
    for name in report.files_unreadable:
        click.echo(f"podlint: could not read {name}", err=True)
    sys.exit(engine.exit_code(report))


def _write_atomically(path: str, produce) -> None:
    """Write via a temporary file in the same folder and rename, so no half-written report."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".podlint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            produce(out)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


@cli.command("rules")
@click.option("--format", "-f", "fmt", type=click.Choice(("text", "json")), default="text")
def rules_command(fmt: str) -> None:
    """List every rule: id, name, severity, summary."""
    from podlint.rules import all_rules

    rules = all_rules()
    if fmt == "json":
        import json

        click.echo(json.dumps([
            {"id": r.id, "name": r.name, "severity": r.severity.value, "summary": r.summary,
             "minVersion": f"1.{r.min_version}" if r.min_version else None,
             "maxVersion": f"1.{r.max_version}" if r.max_version else None}
            for r in rules], indent=2))
        return
    width = max(len(r.name) for r in rules)
    for r in rules:
        versions = ""
        if r.min_version or r.max_version:
            low = f"1.{r.min_version}" if r.min_version else ""
            high = f"1.{r.max_version}" if r.max_version else ""
            versions = f" (Kubernetes {low}..{high})" if low and high else (
                f" (Kubernetes >= {low})" if low else f" (Kubernetes <= {high})")
        click.echo(f"{r.id}  {r.name:<{width}}  {r.severity.value:<7}  {r.summary}{versions}")


@cli.command("rule")
@click.argument("rule_id")
def rule_command(rule_id: str) -> None:
    """Print the document of RULE_ID (an id such as PL103 or a name)."""
    from podlint.docs import rule_doc
    from podlint.rules import all_rules

    wanted = rule_id.strip()
    for r in all_rules():
        if wanted.upper() == r.id or wanted == r.name:
            text = rule_doc(r.id)
            if text is None:
                click.echo(f"{r.id} {r.name}: {r.summary}\n(no document installed)")
            else:
                click.echo(text.rstrip("\n"))
            return
    click.echo(f"podlint: no rule {wanted!r}; `podlint rules` lists them", err=True)
    sys.exit(2)


def main() -> None:
    from podlint.plugins import PluginError

    try:
        cli(prog_name="podlint")
    except PluginError as err:
        click.echo(f"podlint: {err}", err=True)
        sys.exit(2)
