"""Command line: click parses the options; podlint.checkcmd runs `check`.

podlint.launch, the `podlint` command's entry point, parses the plainest `check` lines
itself and comes here for everything else.
"""

from __future__ import annotations

import sys
from typing import Optional

import click

from podlint import __version__
from podlint.checkcmd import FORMAT_CHOICES, LEVELS
from podlint.checkcmd import selectors as _selectors


def _kube_version(ctx: click.Context, param: click.Parameter, value: Optional[str]):
    from podlint.versions import KubeVersion, UnsupportedVersion

    if value is None:
        return None  # the configuration's, else the newest
    try:
        return KubeVersion.parse(value)
    except UnsupportedVersion as err:
        raise click.BadParameter(str(err)) from None


def _feature_gates(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]):
    from podlint.versions import FeatureGateError, parse_feature_gates

    try:
        return tuple(gate for value in values for gate in parse_feature_gates(value))
    except FeatureGateError as err:
        raise click.BadParameter(str(err)) from None


def _pod_templates(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]):
    from podlint.workloads import PodTemplateError, custom_layout

    pairs = []
    for value in values:
        key, sep, path = value.partition("=")
        if not sep:
            raise click.BadParameter(f'expected GROUP/KIND=PATH (e.g. "argoproj.io/Rollout=spec.template"), '
                                     f"got {value!r}")
        try:
            custom_layout(key.strip(), path.strip())
        except PodTemplateError as err:
            raise click.BadParameter(str(err)) from None
        pairs.append((key.strip(), path.strip()))
    return tuple(pairs)


def _severity_pairs(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]):
    from podlint.diagnostics import Severity

    pairs = []
    for value in values:
        for item in value.split(","):
            selector, sep, level = item.partition("=")
            if not sep or not selector.strip() or level.strip().lower() not in LEVELS:
                raise click.BadParameter(f"expected RULE=error|warning|info, got {item!r}")
            pairs.append((selector.strip(), Severity.parse(level)))
    return tuple(pairs)


def _output_formats(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]):
    pairs = []
    for value in values:
        fmt, sep, path = value.partition("=")
        if not sep or fmt.strip() not in FORMAT_CHOICES or not path:
            raise click.BadParameter(f"expected FORMAT=FILE with FORMAT one of {', '.join(FORMAT_CHOICES)}, "
                                     f"got {value!r}")
        pairs.append((fmt.strip(), path))
    return tuple(pairs)


def _per_file_pairs(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]):
    pairs = []
    for value in values:
        glob, sep, selectors = value.rpartition(":")
        ids = _selectors((selectors,))
        if not sep or not glob.strip() or not ids:
            raise click.BadParameter(f"expected GLOB:RULE[,RULE...], got {value!r}")
        pairs.append((glob.strip(), ids))
    return tuple(pairs)


class _CheckByDefault(click.Group):
    """`podlint PATH...` and `podlint --format json PATH` mean `podlint check ...`, as a
    linter's bare invocation does; commands, --help and --version keep their meaning."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help", "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_CheckByDefault, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="podlint", message="%(prog)s %(version)s")
def cli() -> None:
    """Check Kubernetes pod manifests for what the API server will reject."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--kubernetes-version", "-k", "k8s", callback=_kube_version, metavar="VERSION",
              help="Kubernetes release to check against, e.g. 1.33 or v1.33.2 (default: newest bundled).")
@click.option("--feature-gates", multiple=True, callback=_feature_gates, metavar="NAME=BOOL,...",
              help="Feature gates the cluster sets, as kube-apiserver takes them "
                   "(e.g. TaintTolerationComparisonOperators=true); default: the release's.")
@click.option("--pod-template", "pod_templates", multiple=True, callback=_pod_templates,
              metavar="GROUP/KIND=PATH",
              help="Check the pod template at PATH in custom resources of GROUP/KIND (repeatable; "
                   "PodSpec:PATH for a PodSpec, an empty PATH turns a built-in entry off), "
                   "e.g. argoproj.io/Rollout=spec.template.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMAT_CHOICES), default=None,
              help="Output format (default: text; github when GITHUB_ACTIONS=true).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the report to FILE (atomically) instead of standard output.")
@click.option("--output-format", "output_formats", multiple=True, callback=_output_formats,
              metavar="FORMAT=FILE", help="Also write the report in FORMAT to FILE (repeatable): "
              "--output-format sarif=podlint.sarif next to the text in the log.")
@click.option("--stdin-filename", default="<stdin>", show_default=True,
              help="Name to report for input read from '-'.")
@click.option("--max-file-size", type=click.IntRange(min=1), default=None, metavar="BYTES",
              help="Skip (and report) files larger than this (default 50 MiB).")
@click.option("--sarif-category", default=None, help="SARIF automationDetails.id (one per analysis).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Read settings from FILE (a pyproject.toml or .podlint.toml) instead of searching.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--select", multiple=True, metavar="RULES",
              help="Rules to check (ids, prefixes such as PL3, or names; comma-separated); replaces "
                   "the configured list.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Rules to skip, added to the configured ones.")
@click.option("--extend-select", multiple=True, metavar="RULES", help="Rules to check in addition to --select.")
@click.option("--severity", "severity", multiple=True, callback=_severity_pairs, metavar="RULE=LEVEL",
              help="Report RULE (id, prefix or name) as error, warning or info.")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Skip files and folders matching GLOB (added to the configured ones).")
@click.option("--per-file-ignores", multiple=True, callback=_per_file_pairs, metavar="GLOB:RULES",
              help="Skip RULES in files matching GLOB, e.g. 'legacy/*.yaml:PL103,PW8'.")
@click.option("--fail-on", type=click.Choice(LEVELS), default=None,
              help="Lowest severity that makes the exit status 1 (default: error).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Report only findings that FILE (from --write-baseline) does not record.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Record the current findings in FILE and exit 0 (unless files are unreadable).")
@click.option("--skip-non-manifests", is_flag=True,
              help="Skip named files that hold no Kubernetes object, as in folders (pre-commit).")
@click.option("--render/--no-render", default=True,
              help="Render kustomize trees and Helm charts found in folders, when kustomize, kubectl "
                   "or Helm is available, and check what they make (default: on).")
@click.option("--values", "helm_values", multiple=True, type=click.Path(exists=True, dir_okay=False),
              metavar="FILE", help="Helm: a values file for every chart rendered (repeatable).")
@click.option("--set", "helm_set", multiple=True, metavar="KEY=VALUE",
              help="Helm: set a value for every chart rendered, as helm --set does (repeatable).")
@click.option("--cross-file", type=click.Choice(("auto", "strict", "off")), default=None,
              help="Cross-document rules (PW840-PW845): auto runs each when the run holds what it "
                   "judges (default), strict always, off never.")
@click.option("--build-kustomizations", is_flag=True,
              help="Check the kustomize builds that use the named files instead of the files "
                   "(the podlint-kustomize pre-commit hook).")
@click.option("--statistics", is_flag=True,
              help="After the report, count the findings per rule (on stderr when the report is not text on stdout).")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True,
              help="Also apply fixes that change meaning (implies --fix unless --diff is given).")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and change no file.")
@click.option("--color/--no-color", default=None, help="Colour text output (default: on a terminal, unless NO_COLOR).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Check files in N processes (default: every core for more than 50 files; "
                   "1 checks in this process). The output does not depend on it.")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def check(**params) -> None:
    """Check PATHS (files, folders, or - for standard input)."""
    from podlint.checkcmd import run_check
    from podlint.options import CheckOptions

    options = CheckOptions(**params)
    if not options.paths:
        raise click.UsageError("give at least one file or folder to check (or - for standard input)")
    if options.config_file and options.isolated:
        raise click.UsageError("--config and --isolated exclude each other")
    if options.baseline_file and options.write_baseline:
        raise click.UsageError("--baseline and --write-baseline exclude each other")
    sys.exit(run_check(options))


@cli.command("read")
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--stdin-filename", default="<stdin>", show_default=True,
              help="Name to report for input read from '-'.")
def read_command(paths: tuple[str, ...], stdin_filename: str) -> None:
    """Print each document of PATHS as kubectl would send it (one JSON object per line).

    A document kubectl cannot read gives {"file", "document", "error", "line", "column"}
    instead of {"file", "document", "value"}. Exit status 1 when there is such an error.
    """
    from podlint import engine
    from podlint.readcmd import run_read

    if not paths:
        raise click.UsageError("give at least one file or folder to read (or - for standard input)")
    try:
        status = run_read(paths, stdin_filename)
    except engine.InputError as err:
        click.echo(f"podlint: {err}", err=True)
        sys.exit(2)
    sys.exit(status)


@cli.command("explain")
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--object", "object_ref", default=None, metavar="KIND/NAME",
              help="Explain only this object (e.g. Pod/web); the other files still count as the set.")
@click.option("--format", "-f", "fmt", type=click.Choice(("text", "json", "svg")), default="text",
              help="text (a timeline), json (schema version 1, see the README) or svg (a picture).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to FILE (atomically) instead of standard output.")
@click.option("--kubernetes-version", "-k", "k8s", callback=_kube_version, metavar="VERSION",
              help="Kubernetes release whose defaults and feature gates apply (default: newest bundled).")
@click.option("--stdin-filename", default="<stdin>", show_default=True,
              help="Name to report for input read from '-'.")
def explain_command(paths: tuple[str, ...], object_ref: Optional[str], fmt: str, output: Optional[str],
                    k8s, stdin_filename: str) -> None:
    """Describe what each pod-bearing object in PATHS does: start-up, probes, shutdown, resources.

    The files named together form a set: a Service an init container waits for is looked
    up among them. Exit status 1 when a document could not be read (the others are still
    explained), 2 for a path or --object that does not exist.
    """
    from podlint import engine
    from podlint.explain import ObjectNotFound, run_explain

    if not paths:
        raise click.UsageError("give at least one file or folder to explain (or - for standard input)")
    try:
        status = run_explain(paths, fmt, output, k8s, object_ref, stdin_filename)
    except (engine.InputError, ObjectNotFound) as err:
        click.echo(f"podlint: {err}", err=True)
        sys.exit(2)
    sys.exit(status)


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
             "maxVersion": f"1.{r.max_version}" if r.max_version else None, "fix": r.fix}
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
        fix = f" [fix: {r.fix.partition(':')[0]}]" if r.fix else ""
        click.echo(f"{r.id}  {r.name:<{width}}  {r.severity.value:<7}  {r.summary}{versions}{fix}")


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


@cli.command("lsp")
@click.option("--stdio", is_flag=True, help="Speak over standard input and output (the default; "
              "accepted because editors pass it).")
def lsp_command(stdio: bool) -> None:
    """Run the language server (LSP over stdio): diagnostics, hover, quick fixes. Needs podlint[lsp]."""
    from podlint.lsp import MissingServerLibrary, serve

    try:
        serve()
    except MissingServerLibrary as err:
        click.echo(f"podlint: {err}", err=True)
        sys.exit(2)


def main() -> None:
    from podlint.plugins import PluginError

    try:
        cli(prog_name="podlint")
    except PluginError as err:
        click.echo(f"podlint: {err}", err=True)
        sys.exit(2)
