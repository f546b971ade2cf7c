"""What `podlint check` does once its options are parsed: configure, run, write, exit.

Kept apart from cli.py so that it does not import click: podlint.launch calls it
directly for the command lines it parses itself, and cli.py's `check` calls it after
click has parsed the others. Both hand it the same parameters.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from podlint.options import CheckOptions

FORMAT_CHOICES = ("text", "json", "sarif", "github", "junit", "gitlab")
LEVELS = ("error", "warning", "info")


def say(message: str) -> None:
    """One line on standard error (what click.echo(err=True) does for plain text), with
    what came from manifests, file names or configuration shown escaped (terminal.visible)."""
    from podlint.terminal import visible

    sys.stderr.write(f"{visible(message)}\n")
    sys.stderr.flush()


def selectors(values: tuple[str, ...]) -> tuple[str, ...]:
    """Repeated and comma-separated option values: --ignore PL1,PW8 --ignore PL3."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def run_check(options: "CheckOptions") -> int:
    """Check `options.paths`; the exit status: 0 clean, 1 findings at or above fail_on, 2
    unusable input (a bad configuration or baseline, a missing path, an unreadable file).

    The caller has checked the usage: at least one path; not both config_file and
    isolated; not both baseline_file and write_baseline.
    """
    from podlint import engine, formatters
    from podlint.config import ConfigError
    from podlint.globs import GlobError

    o = options
    fmt = o.fmt
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    outputs = list(o.output_formats)
    names = [os.path.abspath(path) for _, path in outputs] + ([os.path.abspath(o.output)] if o.output else [])
    if len(set(names)) < len(names):
        say("podlint: one file is named for more than one report (--output, --output-format)")
        return 2
    try:
        config = _configure(o.config_file, o.isolated, o.select, o.ignore, o.extend_select, o.severity,
                            o.exclude, o.per_file_ignores, o.fail_on)
        settings = _settings(config, o.k8s, o.feature_gates, o.stdin_filename, o.max_file_size,
                             o.skip_non_manifests, o.debug, o.pod_templates)._replace(
            render=o.render, helm_values=tuple(os.path.abspath(v) for v in o.helm_values),
            helm_set=tuple(o.helm_set), build_kustomizations=o.build_kustomizations,
            cross_file=o.cross_file or config.cross_file or "auto")
    except (ConfigError, GlobError) as err:
        say(f"podlint: {err}")
        return 2
    where = config.file or "on the command line"
    if config.exclude and any(pattern.strip("/") in ("**", "*") for pattern in config.exclude):
        say(f"podlint: the configuration {where} excludes every file")
    if any(glob.strip("/") in ("**", "*", "**/*") and "ALL" in rules for glob, rules in config.per_file_ignores):
        say(f"podlint: the configuration {where} turns every rule off in every file (per-file-ignores)")
    recorded = None
    if o.baseline_file:
        from podlint import baseline

        try:
            recorded = baseline.load(o.baseline_file)
        except baseline.BaselineError as err:
            say(f"podlint: {err}")
            return 2
    fixed = None
    if o.fix or o.diff or o.unsafe_fixes:
        try:
            fixed = _fix(o, settings)
        except engine.InputError as err:
            say(f"podlint: {err}")
            return 2
        if o.diff:
            return 1 if fixed else 0  # ruff's --diff: 1 when something would change
    try:
        report = engine.run(o.paths, settings, jobs=o.jobs, baseline=recorded)
    except engine.InputError as err:
        say(f"podlint: {err}")
        return 2
    if recorded is not None:
        total = sum(recorded.values())
        say(f"podlint: the baseline {o.baseline_file} matched {report.baselined} of its {total} "
            f"recorded finding{'' if total == 1 else 's'}"
            + (" (its files are named from its own folder: is it this repository's?)"
               if total and not report.baselined else ""))
    if o.write_baseline:
        from podlint import baseline
        from podlint.report import with_baseline

        count = baseline.write(o.write_baseline, report.diagnostics)
        report = with_baseline(report, baseline.load(o.write_baseline))
        say(f"podlint: recorded {count} finding{'' if count == 1 else 's'} in {o.write_baseline}")
    extra = _format_options(fmt, o)
    if fmt == "text":
        to_terminal = o.output is None and sys.stdout.isatty()
        extra["color"] = o.color if o.color is not None else (to_terminal and "NO_COLOR" not in os.environ)
    if o.output:
        failed = _write_report(o.output, fmt, report, extra, o)
        if failed:
            return failed
    else:
        formatters.write(fmt, report, sys.stdout, **extra)
    for other, path in outputs:
        failed = _write_report(path, other, report, _format_options(other, o), o)
        if failed:
            return failed
        say(f"podlint: {other} report in {path}")
    if fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        _write_job_summary(os.environ["GITHUB_STEP_SUMMARY"], report)
    if o.output or fmt != "text":
        # the report went to a file or to a machine: the log still says what happened
        from podlint.formatters.text import summary

        where = f" (report in {o.output})" if o.output else ""
        say(f"podlint: {summary(report)}{where}")
    if o.statistics:
        from podlint.formatters.text import statistics

        lines = statistics(report) or ["no findings"]
        if o.output or fmt != "text":
            for line in lines:
                say(line)
        else:
            sys.stdout.write("".join(line + "\n" for line in lines))
    for name in report.files_unreadable:
        say(f"podlint: could not read {name}")
    if report.worker_died:
        say("podlint: a worker process died (killed, or out of memory); the files it had not "
            "reported were checked again in podlint's own process")
    if not report.files_checked and not report.files_unreadable:
        say("podlint: no file was checked" + (" (every file found was passed over; see the summary)"
                                             if report.skipped else ""))
    if fixed is not None:
        remaining = len(report.diagnostics)
        say(f"podlint: found {fixed + remaining} finding{'' if fixed + remaining == 1 else 's'} "
            f"({fixed} fixed, {remaining} remaining)")
    return engine.exit_code(report, config.fail_on)


def _fix(o: "CheckOptions", settings) -> int:
    """--fix, --unsafe-fixes, --diff: make (or with --diff, print) the fixes; how many
    findings they fix. The check that follows reports what remains."""
    from podlint import fix

    unsafe = o.unsafe_fixes
    plan = fix.plan(o.paths, settings, unsafe)
    for reason in plan.refused:
        say(f"podlint: {reason}")
    if "-" in o.paths:
        say("podlint: standard input is checked, not fixed")
    if o.diff:
        for item in plan.files:
            sys.stdout.write(fix.unified_diff(item))
        sys.stdout.flush()
        count = plan.fixed
        say(f"podlint: would fix {count} finding{'' if count == 1 else 's'}"
            + (f" in {len(plan.files)} file{'' if len(plan.files) == 1 else 's'}" if plan.files else ""))
        return count
    fixed = 0
    for item in plan.files:
        failed = fix.write(item)
        if failed:
            say(f"podlint: {failed}")
        else:
            fixed += item.fixed
    return fixed


def _format_options(fmt: str, o: "CheckOptions") -> dict:
    """What a formatter takes beside the report (a text file is never coloured)."""
    if fmt == "sarif":
        return {"category": o.sarif_category}
    if fmt == "text":
        return {"color": False}
    return {}


def _write_report(path: str, fmt: str, report, extra: dict, o: "CheckOptions") -> int:
    """Write one report file atomically; 0, or 2 when it may not or cannot be written."""
    from podlint import formatters
    from podlint.atomic import write_atomically

    refused = _refuse_output(path, [*o.paths, *report.files])
    if refused:
        say(f"podlint: {refused}")
        return 2
    try:
        write_atomically(path, lambda out: formatters.write(fmt, report, out, **extra))
    except OSError as err:
        say(f"podlint: cannot write {path}: {err.strerror or err}")
        return 2
    return 0


def _write_job_summary(path: str, report) -> None:
    """Append the Markdown job summary to the file GitHub Actions names (appending is how
    GitHub means it: every step adds to the same file)."""
    from podlint.formatters.github import job_summary

    server, repo, sha = (os.environ.get(name) for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"))
    link = f"{server}/{repo}/blob/{sha}/" if server and repo and sha else None
    try:
        with open(path, "a", encoding="utf-8") as out:
            out.write(job_summary(report, link, os.environ.get("GITHUB_WORKSPACE")))
    except OSError as err:
        say(f"podlint: cannot write the job summary to {path}: {err.strerror or err}")


def _configure(config_file, isolated, select, ignore, extend_select, severity, exclude,
               per_file_ignores, fail_on):
    """The configuration file's settings with the command line's on top."""
    from podlint.config import load_config, with_options

    return with_options(load_config(config_file, isolated), select=selectors(select),
                        ignore=selectors(ignore), extend_select=selectors(extend_select),
                        severity=severity, exclude=exclude, per_file_ignores=per_file_ignores,
                        fail_on=fail_on)


def _settings(config, k8s, feature_gates, stdin_filename, max_file_size, skip_non_manifests, debug,
              pod_templates=()):
    from podlint import engine
    from podlint.globs import PathMatcher
    from podlint.selection import RuleRef, build_selection
    from podlint.rules import all_rules
    from podlint.versions import KubeVersion, unknown_gates

    if k8s is None:
        k8s = KubeVersion.parse(config.kubernetes_version) if config.kubernetes_version else KubeVersion.newest()
    gates = tuple(config.feature_gates) + tuple(feature_gates)  # the command line wins
    if gates:
        k8s = k8s.with_gates(gates)
        for name in unknown_gates(gates):
            say(f"podlint: feature gate {name} changes nothing podlint checks")
    return engine.Settings(
        kubernetes_version=k8s,
        stdin_filename=stdin_filename,
        max_file_size=max_file_size or engine.DEFAULT_MAX_FILE_SIZE,
        debug=debug,
        selection=build_selection(config, [RuleRef(r.id, r.name) for r in all_rules()]),
        exclude=PathMatcher(config.exclude, config.base) if config.exclude else None,
        skip_non_manifests=skip_non_manifests,
        config_file=config.file,
        pod_templates=_pod_templates(config.pod_templates + tuple(pod_templates)),
    )


def _pod_templates(entries):
    """The custom-resource pod templates to check: the built-in table, or it with the
    configured entries (then the command line's) merged over it."""
    if not entries:
        return None  # the checker uses workloads.BUILT_IN_TEMPLATES
    from podlint.workloads import custom_layouts

    return custom_layouts(entries)


def _refuse_output(output: str, checked: list[str]) -> str | None:
    """Why --output may not be written, or None: podlint never writes over what it checks,
    replaces a device, or follows a link out of the working tree."""
    folder = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder):
        return f"cannot write {output}: the folder {folder} does not exist"
    if os.path.lexists(output):
        if os.path.islink(output):
            target = os.path.realpath(output)
            if os.path.commonpath([target, os.getcwd()]) != os.getcwd():
                return f"refusing to write {output}: it links out of the working tree"
        if os.path.exists(output) and not os.path.isfile(output):
            return f"refusing to write {output}: it is not a regular file"
        for path in checked:
            try:
                if path != "-" and os.path.samefile(path, output):
                    return f"refusing to write the report over {output}: it is one of the files checked"
            except OSError:
                continue
    return None
