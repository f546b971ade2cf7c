"""`podlint explain`: what a pod-bearing object does, from its spec alone.

Beside the pipeline (never imported by `check`): it reads files as `podlint read` does
(inputs.py), describes each pod-bearing object against the set of files read together
(describe.py: the JSON value, schema version 1), and writes it as text, JSON or SVG.
"""

from __future__ import annotations

import sys
from typing import IO, Iterable, Optional

from podlint.versions import KubeVersion

FORMATS = ("text", "json", "svg")


class ObjectNotFound(ValueError):
    pass


def explanation(paths: Iterable[str], k8s: Optional[KubeVersion] = None, object_ref: Optional[str] = None,
                stdin_filename: str = "<stdin>") -> dict:
    """The JSON value of `podlint explain` for the files under `paths`."""
    from podlint.explain.describe import SCHEMA_VERSION, describe
    from podlint.explain.inputs import collect, load

    k8s = k8s or KubeVersion.newest()
    the_set = collect(load(paths, stdin_filename), k8s)
    sites = the_set.sites
    if object_ref:
        sites = [s for s in sites if _matches(object_ref, f"{s.pod.kind}/{s.pod.name or '?'}")]
        if not sites:
            known = ", ".join(f"{s.pod.kind}/{s.pod.name or '?'}" for s in the_set.sites[:10]) or "none"
            raise ObjectNotFound(f"no pod-bearing object {object_ref!r} in these files (found: {known})")
    return {"version": SCHEMA_VERSION, "kubernetesVersion": str(k8s),
            "problems": the_set.problems, "skipped": the_set.skipped,
            "objects": [describe(site, the_set) for site in sites]}


def _matches(wanted: str, ref: str) -> bool:
    kind, _, name = wanted.partition("/")
    have_kind, _, have_name = ref.partition("/")
    return kind.lower() == have_kind.lower() and name == have_name


def write(value: dict, fmt: str, out: IO[str]) -> None:
    if fmt == "json":
        from podlint.terminal import write_json

        write_json(value, out)
        out.write("\n")
    elif fmt == "svg":
        from podlint.explain.svg import render

        out.write(render(value))
    else:
        from podlint.explain.text import render

        out.write(render(value))


def run_explain(paths: Iterable[str], fmt: str = "text", output: Optional[str] = None,
                k8s: Optional[KubeVersion] = None, object_ref: Optional[str] = None,
                stdin_filename: str = "<stdin>", out: Optional[IO[str]] = None) -> int:
    """Explain and write; 1 when some document could not be read, else 0."""
    value = explanation(paths, k8s, object_ref, stdin_filename)
    if output:
        from podlint.atomic import write_atomically

        write_atomically(output, lambda handle: write(value, fmt, handle))
    else:
        write(value, fmt, out or sys.stdout)
    return 1 if value["problems"] else 0
