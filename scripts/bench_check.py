"""Benchmark: wall-clock time of ``gongbao check`` on a synthetic archive (target: ≤ 3 s for 10,000 documents).

    .venv/bin/python scripts/bench_check.py [--documents 10000] [--runs 3] [--folder /tmp/gongbao-bench-10000]

The archive comes from ``gongbao.tools.synthetic`` (same seed, same bytes) and is generated once into the
folder. Each run is the real command an editor or pre-commit runs, interpreter start-up included.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from gongbao.tools import synthetic

GONGBAO = Path(sys.executable).with_name("gongbao")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--folder", type=Path)
    parser.add_argument("--shape", choices=("real", "short"), default="real", help="body shape (gongbao.tools.synthetic)")
    args = parser.parse_args()
    folder = args.folder or Path(f"/tmp/gongbao-bench-{args.shape}-{args.documents}")
    if not (folder / "gazette.yml").exists():
        started = time.perf_counter()
        synthetic.write(folder, synthetic.archive(args.documents, shape=args.shape))
        print(f"generated {args.documents} documents in {folder} ({time.perf_counter() - started:.1f} s)")
    times, cpu = [], []
    for _ in range(args.runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        result = subprocess.run([str(GONGBAO), "check", "--root", str(folder)], capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        print(f"gongbao check: {times[-1]:.2f} s wall, {cpu[-1]:.2f} s CPU, exit {result.returncode}; "
              f"{result.stderr.strip().splitlines()[-1]}")
    # Wall time on a shared machine varies with its load; the best run and the CPU time vary less.
    print(f"{args.runs} runs: wall best {min(times):.2f} s, median {statistics.median(times):.2f} s; "
          f"CPU median {statistics.median(cpu):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
