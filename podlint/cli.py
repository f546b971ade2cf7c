"""Command line: parse options, call the engine, pick a formatter, set the exit code."""

from __future__ import annotations

import os
import sys
from typing import Optional

import click

from podlint import __version__

FORMAT_CHOICES = ("text", "json", "sarif", "github", "junit", "gitlab")
LEVELS = ("error", "warning", "info")


def _kube_version(ctx: click.Context, param: click.Parameter, value: Optional[str]):
    from podlint.versions import KubeVersion, UnsupportedVersion

    if value is None:
        return None  # the configuration's, else the newest
    try:
        return KubeVersion.parse(value)
    except UnsupportedVersion as err:
        raise click.BadParameter(str(err)) from None


def _selectors(values: tuple[str, ...]) -> tuple[str, ...]:
    """Repeated and comma-separated option values: --ignore PL1,PW8 --ignore PL3."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


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


def _per_file_pairs(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]):
    pairs = []
    for value in values:
        glob, sep, selectors = value.rpartition(":")
        ids = _selectors((selectors,))
        if not sep or not glob.strip() or not ids:
            raise click.BadParameter(f"expected GLOB:RULE[,RULE...], got {value!r}")
        pairs.append((glob.strip(), ids))
    return tuple(pairs)


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
@click.option("--color/--no-color", default=None, help="Colour text output (default: on a terminal, unless NO_COLOR).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Check files in N processes (default: every core for more than 50 files; "
                   "1 checks in this process). The output does not depend on it.")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def check(paths: tuple[str, ...], k8s, fmt: Optional[str], output: Optional[str], stdin_filename: str,
          max_file_size: Optional[int], sarif_category: Optional[str], config_file: Optional[str],
          isolated: bool, select: tuple[str, ...], ignore: tuple[str, ...], extend_select: tuple[str, ...],
          severity: tuple, exclude: tuple[str, ...], per_file_ignores: tuple, fail_on: Optional[str],
          baseline_file: Optional[str], write_baseline: Optional[str], skip_non_manifests: bool,
          color: Optional[bool], jobs: Optional[int], debug: bool) -> None:
    """Check PATHS (files, folders, or - for standard input)."""
    from podlint import engine, formatters
    from podlint.config import ConfigError

    if not paths:
        raise click.UsageError("give at least one file or folder to check (or - for standard input)")
    if config_file and isolated:
        raise click.UsageError("--config and --isolated exclude each other")
    if baseline_file and write_baseline:
        raise click.UsageError("--baseline and --write-baseline exclude each other")
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    try:
        config = _configure(config_file, isolated, select, ignore, extend_select, severity,
                            exclude, per_file_ignores, fail_on)
        settings = _settings(config, k8s, stdin_filename, max_file_size, skip_non_manifests, debug)
    except ConfigError as err:
        click.echo(f"podlint: {err}", err=True)
        sys.exit(2)
    recorded = None
    if baseline_file:
        from podlint import baseline

        try:
            recorded = baseline.load(baseline_file)
        except baseline.BaselineError as err:
            click.echo(f"podlint: {err}", err=True)
            sys.exit(2)
    try:
        report = engine.run(paths, settings, jobs=jobs)
    except engine.InputError as err:
        click.echo(f"podlint: {err}", err=True)
        sys.exit(2)
    if write_baseline:
        from podlint import baseline

        count = baseline.write(write_baseline, report.diagnostics)
        recorded = baseline.load(write_baseline)
        click.echo(f"podlint: recorded {count} finding{'' if count == 1 else 's'} in {write_baseline}",
                   err=True)
    if recorded is not None:
        from podlint import baseline

        baseline.apply(report, recorded)
    options = {}
    if fmt == "text":
        to_terminal = output is None and sys.stdout.isatty()
        options["color"] = color if color is not None else (to_terminal and "NO_COLOR" not in os.environ)
    elif fmt == "sarif":
        options["category"] = sarif_category
        engine.attach_docs(report)  # help text and URLs: read only when SARIF shows them
    if output:
        _write_atomically(output, lambda out: formatters.write(fmt, report, out, **options))
    else:
        formatters.write(fmt, report, sys.stdout, **options)
    for name in report.files_unreadable:
        click.echo(f"podlint: could not read {name}", err=True)
    sys.exit(engine.exit_code(report, config.fail_on))


def _configure(config_file, isolated, select, ignore, extend_select, severity, exclude,
               per_file_ignores, fail_on):
    """The configuration file's settings with the command line's on top."""
    from podlint.config import load_config, with_options

    return with_options(load_config(config_file, isolated), select=_selectors(select),
                        ignore=_selectors(ignore), extend_select=_selectors(extend_select),
                        severity=severity, exclude=exclude, per_file_ignores=per_file_ignores,
                        fail_on=fail_on)


def _settings(config, k8s, stdin_filename, max_file_size, skip_non_manifests, debug):
    from podlint import engine
    from podlint.config import PathMatcher, RuleRef, build_selection
    from podlint.rules import all_rules
    from podlint.versions import KubeVersion

    if k8s is None:
        k8s = KubeVersion.parse(config.kubernetes_version) if config.kubernetes_version else KubeVersion.newest()
    return engine.Settings(
        kubernetes_version=k8s,
        stdin_filename=stdin_filename,
        max_file_size=max_file_size or engine.DEFAULT_MAX_FILE_SIZE,
        debug=debug,
        selection=build_selection(config, [RuleRef(r.id, r.name) for r in all_rules()]),
        exclude=PathMatcher(config.exclude, config.base) if config.exclude else None,
        skip_non_manifests=skip_non_manifests,
    )


def _write_atomically(path: str, produce) -> None:
    """Write via a temporary file in the same folder and rename, so no half-written report."""
    import tempfile

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
    from podlint.rules import listed_rules

    rules = listed_rules()  # metadata only: no rule module is imported
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
    from podlint.rules import listed_rules

    wanted = rule_id.strip()
    for r in listed_rules():
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
