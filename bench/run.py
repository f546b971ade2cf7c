"""podlint benchmark: medians and ratios against baselines, on a generated corpus.

    python bench/run.py                 # full run (1,000 files; 10,000 for memory)
    python bench/run.py --quick         # fewer repetitions, smaller memory corpus

Baselines (each measured in the same run, on the same files):
  parse      ruamel.yaml's libyaml parser composing every document, building plain values
             and a position map (the floor for a positioned parse in CPython)
  k-v        `kubernetes-validate --strict` on the same files (if installed)
  yamllint   `yamllint` cold start on one small file (if installed)
Read the ratios, not the absolute times: the machine is shared and noisy.

The issue asks for the whole run against the bare parse on one core, so that ratio uses
`--jobs 1`. Throughput against kubernetes-validate is podlint as users run it, with its
default `--jobs` (every core for more than 50 files; parallel checking is one of the
issue's means); the one-core ratio is printed beside it. Every command runs once before
it is timed, with bytecode caching on (PYTHONDONTWRITEBYTECODE is dropped for the
children), as after `pip install`, which compiles the package.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402

PODLINT = [sys.executable, "-m", "podlint"]
# as installed: bytecode cached (pip compiles it; a checkout writes it on first run)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def median_time(run, repeat: int) -> float:
    run()  # warm-up: bytecode written, files in the page cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_cmd(cmd: list[str], ok=(0, 1)) -> None:
    result = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    if result.returncode not in ok:
        raise SystemExit(f"{' '.join(cmd[:4])}... exited {result.returncode}: {result.stderr[-400:]!r}")


def bare_parse(paths: list[Path]) -> int:
    """Compose every document with libyaml and build plain values with positions."""
    from ruamel.yaml.cyaml import CSafeLoader
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    def build(node, positions, path):
        positions[path] = (node.start_mark.line, node.start_mark.column)
        if isinstance(node, MappingNode):
            return {k.value: build(v, positions, path + (k.value,)) for k, v in node.value}
        if isinstance(node, SequenceNode):
            return [build(v, positions, path + (i,)) for i, v in enumerate(node.value)]
        return node.value

    docs = 0
    for path in paths:
        loader = CSafeLoader(path.read_text())
        try:
            while loader.check_node():
                node = loader.get_node()
                if node is not None:
                    build(node, {}, ())
                    docs += 1
        finally:
            loader.dispose()
    return docs


def in_subprocess_bare_parse(folder: Path) -> None:
    code = ("import sys; sys.path.insert(0, %r); from run import bare_parse; from pathlib import Path;"
            "bare_parse(sorted(Path(%r).glob('*.yaml')))" % (str(Path(__file__).parent), str(folder)))
    run_cmd([sys.executable, "-c", code], ok=(0,))


def peak_rss_mib(cmd: list[str]) -> float:
    """Peak resident memory of `cmd`, in MiB, measured by a fresh parent (ru_maxrss is KiB)."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL);"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True,
                         env=ENV)
    return int(out.stdout.strip()) / 1024


def which(name: str) -> str | None:
    """A tool on PATH or beside this interpreter (a virtualenv's bin)."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="3 repetitions and 2,000 files for memory")
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=None,
                        help="--jobs for the default row (default: podlint's own, every core here)")
    args = parser.parse_args()
    repeat = 3 if args.quick else 7
    work = Path(tempfile.mkdtemp(prefix="podlint-bench-"))
    try:
        corpus = work / "corpus"
        paths = generate(corpus, args.files)
        small = paths[0]
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
              f"{platform.system()} {platform.release()}")
        print(f"corpus: {len(paths)} files, {sum(p.stat().st_size for p in paths) // 1024} KiB; "
              f"median of {repeat} runs\n")
        rows = []
        t_parse = median_time(lambda: in_subprocess_bare_parse(corpus), repeat)
        rows.append(("bare positioned parse (libyaml compose + values)", t_parse))
        t_run = median_time(lambda: run_cmd([*PODLINT, "check", str(corpus), "-f", "json", "--jobs", "1"]),
                            repeat)
        rows.append(("podlint check, whole run, one process (--jobs 1)", t_run))
        jobs = [] if args.jobs is None else ["--jobs", str(args.jobs)]
        workers = f"--jobs {args.jobs}" if jobs else f"default --jobs ({os.cpu_count()} cores)"
        t_par = median_time(lambda: run_cmd([*PODLINT, "check", str(corpus), "-f", "json", *jobs]), repeat)
        rows.append((f"podlint check, whole run, {workers}", t_par))
        kv = which("kubernetes-validate")
        t_kv = None
        if kv:
            t_kv = median_time(lambda: run_cmd([kv, "--strict", "--quiet", *map(str, paths)], ok=(0, 1, 2)),
                               max(1, repeat // 3))
            rows.append(("kubernetes-validate --strict", t_kv))
        t_cold = median_time(lambda: run_cmd([*PODLINT, "check", str(small)]), repeat * 3)
        rows.append(("podlint cold start, one small file", t_cold))
        yl = which("yamllint")
        t_yl = None
        if yl:
            t_yl = median_time(lambda: run_cmd([yl, "-d", "relaxed", str(small)], ok=(0, 1)), repeat * 3)
            rows.append(("yamllint cold start, same file", t_yl))
        for name, seconds in rows:
            print(f"  {name:<52} {seconds * 1000:9.0f} ms")
        docs = 1.25 * len(paths)
        print(f"\n  podlint throughput: {docs / t_run:,.0f} documents/s on one core (whole run, startup included)")
        print(f"                      {docs / t_par:,.0f} documents/s with {workers} "
              f"({t_run / t_par:.2f}x one core)")
        print("\nratios (targets from issue 6):")
        print(f"  whole run / bare parse           {t_run / t_parse:5.2f}x   (target <= 2.0)")
        if t_kv:
            print(f"  kubernetes-validate / podlint    {t_kv / t_par:5.1f}x   (target >= 20; {workers})")
            print(f"  kubernetes-validate / podlint    {t_kv / t_run:5.1f}x   (one core, for scale)")
        else:
            print("  kubernetes-validate / podlint      n/a    (pip install kubernetes-validate)")
        if t_yl:
            print(f"  cold start / yamllint            {t_cold / t_yl:5.2f}x   (target <= 1.2)")
        else:
            print("  cold start / yamllint              n/a    (pip install yamllint)")
        many = 2000 if args.quick else 10000
        big = work / "many"
        generate(big, many, seed=7)
        rss_small = peak_rss_mib([*PODLINT, "check", str(small)])
        rss_many = peak_rss_mib([*PODLINT, "check", str(big), "-f", "json", "-o", str(work / "out.json"),
                                 "--jobs", "1"])
        print(f"\npeak memory: one file {rss_small:.0f} MiB; {many:,} files {rss_many:.0f} MiB, one process "
              "(target < 100 MiB)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
