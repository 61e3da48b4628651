"""Benchmark: ``gongbao check`` on a synthetic archive, cold and with its cache (targets at 10,000 documents:
≤ 3 s cold, ≤ 1 s when few files changed).

    .venv/bin/python scripts/bench_check.py [--documents 10000] [--runs 1] [--folder /tmp/gongbao-bench-real-10000]
                                            [--baseline [REV]]

The archive comes from ``gongbao.tools.synthetic`` (same seed, same bytes) and is generated once into the
folder. Each run is the real command an editor or pre-commit runs, interpreter start-up included, and prints the
CPU seconds of that process (user + system, the figure the targets are judged by: the machine is shared) and its
wall seconds:

- **cold**: no cache (``.cache/gongbao`` removed), everything read and checked;
- **unchanged**: again, nothing changed (the whole result is reused);
- **1 changed**, **10 changed**: that many documents edited (a line added to each body) right before the run, as
  an editor saves and checks; the other files' entries come from the per-file cache (gongbao.publish.filecache).

Before the cold run the benchmark waits out the check's "racy" window (gongbao.publish.checkcache.RACY_NS): the
check does not trust what it records of a file changed within that window, so right after the archive is
generated or copied (``cp -a`` sets every change time to now) every file would be read again at the next check —
what no editor meets, whose archive was checked out long before.

``--baseline REV``: each cold run is also timed with the code of revision REV (its ``src`` exported by ``git archive``,
its bytecode compiled, run by this interpreter), right before the cold run of this code, and the ratio printed. The
machine's speed varies threefold from hour to hour, so a target in seconds is judged as a share of a baseline timed in
the same minutes: issue 12 measured ``gongbao check`` at ``ISSUE_BASELINE`` (2.2 s on 3,352 real documents, about
6.5 s at 10,000) and asks for ≤ 3 s cold at 10,000, that is ≤ ``ISSUE_SHARE`` of that code's time on the same archive.

``--markup SHARE``: a table and a link in that share of documents and a link in every interpretation
(``synthetic.marked_up``): what the rules that read tables and links cost, which the real set (7 tables in 3,352 texts)
hardly shows and a municipal gazette's lists of projects, subsidies and names do.

``--locked``: the archive locked (``gongbao lock --write``), as a published one is, and each edit a sentence with its
勘误: the lock's rule compares every page, and a cold check hashes every text (not with ``--baseline``).

``--stages``: where a cold check's processor time goes, for the pool's work on each file (gongbao.publish.parallel),
run here on one core: the time of each stage a worker runs (reading and parsing, the entry, each per-file rule, the
canonical hash, what the cache keeps) in microseconds a file, the rest (pickling, bounds, loops) by difference; then
the least any check does with each file (read, hash, decode, front matter, a hash of the body) on two cores, what
no rule or entry adds to.

``--live``: the preview's in-memory check instead (gongbao.publish.livecheck.Checker), in this process: CPU seconds
(``time.process_time``) of the first check, then of one after 1 and after 10 edited documents, the collector paused
during each as the preview's worker pauses it.
"""
from __future__ import annotations

import argparse
import compileall
import gc
import hashlib
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gongbao import rules
from gongbao.content import loader, lock, plainyaml, settings as settings_module, tree
from gongbao.content.clock import build_date
from gongbao.publish import checkcache, crosskept, filestamp, livecheck, parallel, quickcheck
from gongbao.tools import synthetic

GONGBAO = Path(sys.executable).with_name("gongbao")
ROOT = Path(__file__).resolve().parent.parent
# main when issue 12 was written (main from 2026-11-29 until the next landing, on 2026-12-01): its figures are of this
# code, which had fewer rules than today (issue 11's and 15's came after: b23241d checks about twice as slowly)
ISSUE_BASELINE = "2f74211"
ISSUE_SHARE = 3 / 6.5       # issue 12: ≤ 3 s cold at 10,000 documents, where this code took about 6.5 s


def exported(revision: str, into: Path) -> Path:
    """The ``src`` folder of ``revision`` of this repository, written under ``into`` and compiled (as scripts/setup.sh
    compiles the project's: without bytecode every run would compile its imports again)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", revision, "src"],
                             capture_output=True, check=True).stdout
    into.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    compileall.compile_dir(into / "src", quiet=1)
    return into / "src"


def check(folder: Path, source: Path | None = None) -> tuple[float, float, str]:
    """Wall and CPU seconds of one ``gongbao check``, and its last line; ``source``: the package of that folder instead
    of the installed one."""
    command, env = [str(GONGBAO)], None
    if source is not None:
        command, env = [sys.executable, "-m", "gongbao"], {**os.environ, "PYTHONPATH": str(source)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run([*command, "check", "--root", str(folder)], capture_output=True, text=True, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, f"exit {result.returncode}; {(result.stderr.strip().splitlines() or [''])[-1]}"


def edit(folder: Path, count: int, locked: bool = False) -> None:
    """Add a paragraph to ``count`` documents spread over the archive; ``locked``: a sentence, with its 勘误."""
    documents = sorted(p for p in (folder / "gazette").rglob("*.md") if p.name != "index.md")
    for path in documents[::max(1, len(documents) // count)][:count]:
        if locked:
            path.write_text(synthetic.corrected(path.read_text(encoding="utf-8"), "（本文件已经修订）", build_date()),
                            encoding="utf-8")
            continue
        with path.open("a", encoding="utf-8") as out:
            out.write("\n本文件已经修订。\n")


def live(folder: Path, locked: bool) -> None:
    checker = livecheck.Checker()
    for name, changed in (("first", 0), ("1 changed", 1), ("10 changed", 10)):
        if changed:
            edit(folder, changed, locked)
            gc.disable()
        started = time.process_time()
        checked = checker.check(folder)
        cpu = time.process_time() - started
        gc.enable()
        print(f"{name:>10}: {cpu:6.2f} s CPU in process, {len(checked.diagnostics)} problems, "
              f"{checker.last.recalled} files as kept")


def stages(folder: Path) -> None:
    """``--stages``: each stage's time a file, timed around the functions the pool's workers call, in wall seconds of
    this one process (``process_time`` is a system call, as long as a small stage): read them on a quiet machine."""
    spent: dict[str, float] = {}

    def timed(owner, name: str, label: str, whole=lambda found: found) -> None:
        function = getattr(owner, name)
        spent[label] = 0.0  # printed in this order

        def measured(*args):
            started = time.perf_counter()
            try:
                return whole(function(*args))  # ``whole``: a rule's findings come as a generator
            finally:
                spent[label] += time.perf_counter() - started
        setattr(owner, name, measured)

    root = folder.resolve()
    site, _ = settings_module.read(root)
    jobs: list = []  # each file as the loader hands it to the pool (a document's with its issue's key)

    def listed(at: Path, settings, made: list) -> list:
        jobs.extend(made)
        return loader.made_here(at, settings, made)
    loader.load(root, site, None, tree.scan(root), listed)
    timed(loader, "read_at", "read and parse")
    timed(plainyaml, "read", "  of which front matter")
    timed(loader, "_entry_of", "entry")
    timed(loader, "screened", "  of which notes and marks")
    for rule in rules.FILE_RULES:
        timed(rule, "in_file", f"rule {rule.__name__.rsplit('.', 1)[-1]}", list)
    timed(rules, "body_links", "links")
    timed(rules, "body_sha256", "canonical hash")
    timed(crosskept, "shown", "kept: what the cross-document rules read")
    timed(quickcheck, "own_record", "kept: record")
    timed(filestamp, "of", "kept: stamp")
    gc.disable()  # as in a worker (parallel: gc.disable)
    started, cpu = time.perf_counter(), time.process_time()
    for start in range(0, len(jobs), parallel.CHUNK):
        parallel._made(root, site, True, True, True, jobs[start:start + parallel.CHUNK])
    total, cpu = time.perf_counter() - started, time.process_time() - cpu
    gc.enable()
    print(f"{len(jobs)} files on one core: {total:.2f} s wall, {cpu:.2f} s CPU, {total / len(jobs) * 1e6:.0f} µs a file "
          "(wall: on a busy machine the stages below grow with it):")
    for label, seconds in spent.items():
        print(f"  {label:44} {seconds / len(jobs) * 1e6:6.1f} µs")
    rest = total - sum(seconds for label, seconds in spent.items() if not label.startswith("  "))
    print(f"  {'rest: pickling, bounds, loops':44} {rest / len(jobs) * 1e6:6.1f} µs")
    paths = [str(root / rel) for rel, _, _ in jobs]
    started, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_least, [paths[n:n + parallel.CHUNK] for n in range(0, len(paths), parallel.CHUNK)])
    wall, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"the least any check does (read, hash, decode, front matter, hash of the body), two cores: {wall:.2f} s wall, "
          f"{after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime:.2f} s CPU")


def _least(paths: list[str]) -> None:
    for path in paths:
        with open(path, "rb") as opened:
            data = opened.read()
        hashlib.sha256(data).hexdigest()
        front, _, body = data.decode("utf-8", "replace").partition("---\n")[2].partition("\n---\n")
        plainyaml.read(front + "\n")
        hashlib.sha256(body.encode("utf-8")).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=1, help="times the whole sequence runs")
    parser.add_argument("--folder", type=Path)
    parser.add_argument("--live", action="store_true", help="the preview's in-memory check, in this process")
    parser.add_argument("--stages", action="store_true", help="where a cold check's CPU goes, a file's each stage")
    parser.add_argument("--shape", choices=("real", "short"), default="real", help="body shape (gongbao.tools.synthetic)")
    parser.add_argument("--markup", type=float, metavar="SHARE", default=0.0,
                        help="a table and a link in this share of documents, a link in every interpretation "
                             "(gongbao.tools.synthetic.marked_up)")
    parser.add_argument("--baseline", metavar="REV", nargs="?", const=ISSUE_BASELINE,
                        help=f"also time each cold run with revision REV's code (default {ISSUE_BASELINE}, issue 12's)")
    parser.add_argument("--locked", action="store_true",
                        help="the archive locked (gongbao lock --write), as a published one is; each edit with its 勘误")
    args = parser.parse_args()
    if args.locked and args.baseline:
        parser.error("--locked with --baseline: the baseline's code does not read today's lock")
    with tempfile.TemporaryDirectory(prefix="bench-check-baseline-") as work:
        baseline = exported(args.baseline, Path(work)) if args.baseline else None
        return run(args, baseline)


def run(args: argparse.Namespace, baseline: Path | None) -> int:
    folder = args.folder or Path(f"/tmp/gongbao-bench-{args.shape}-{args.documents}{'-locked' * args.locked}"
                                 f"{f'-markup{args.markup:g}' * bool(args.markup)}")
    if not (folder / "gazette.yml").exists():
        started = time.perf_counter()
        files = synthetic.archive(args.documents, shape=args.shape)
        synthetic.write(folder, synthetic.marked_up(files, args.markup) if args.markup else files)
        print(f"generated {args.documents} documents in {folder} ({time.perf_counter() - started:.1f} s)")
    if args.locked and not (folder / lock.FILENAME).exists():
        subprocess.run([str(GONGBAO), "lock", "--write", "--root", str(folder)], check=True, stdout=subprocess.DEVNULL)
    if args.stages:
        stages(folder)
        return 0
    for _ in range(args.runs):
        if args.live:
            live(folder, args.locked)
            continue
        print(f"gongbao check --root {folder}; CPU = user + system seconds of the process (wall varies with the load)")
        shutil.rmtree(folder / ".cache", ignore_errors=True)
        time.sleep(checkcache.RACY_NS / 1e9 + 0.1)  # files generated or copied just now are not trusted until then
        if baseline is not None:
            base_wall, base_cpu, outcome = check(folder, baseline)
            print(f"{'baseline':>10}: {base_cpu:6.2f} s CPU, {base_wall:6.2f} s wall, {outcome} ({args.baseline}, cold)")
            shutil.rmtree(folder / ".cache", ignore_errors=True)
        for name, changed in (("cold", 0), ("unchanged", 0), ("1 changed", 1), ("10 changed", 10)):
            if changed:
                edit(folder, changed, args.locked)
            wall, cpu, outcome = check(folder)
            print(f"{name:>10}: {cpu:6.2f} s CPU, {wall:6.2f} s wall, {outcome}")
            if baseline is not None and name == "cold":
                print(f"{'':>10}  cold / baseline: {cpu / base_cpu:.2f} CPU, {wall / base_wall:.2f} wall "
                      f"(issue 12's target, against {ISSUE_BASELINE}: ≤ {ISSUE_SHARE:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
