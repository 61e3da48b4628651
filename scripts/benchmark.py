#!/usr/bin/env python3
"""Build-time benchmark on synthetic archives of real shape, all figures from one run.

    .venv/bin/python scripts/benchmark.py --sizes 1000 10000            # --shape short: the old archive
    .venv/bin/python scripts/benchmark.py --sizes 1000 --markup 0.3     # tables and links in 30 % of documents

For each size N: generate an archive of N documents (scripts/generate_archive.py), then measure
  check      ``gongbao check`` (load + every rule)
  full       ``mkdocs build --strict`` with the gazette hooks (what ``gongbao build`` runs): its pages' Markdown rendered
             on two cores (hooks/parallel_pages.py), so its CPU time is more than its wall time
  plain      ``mkdocs build`` of the same pages written as plain .md files: for each page the Markdown
             MkDocs renders in the full build (a document's: its title and body), and for an issue's print view
             the bodies it shows (the full build takes them from the documents' pages; plain MkDocs would render
             them again, as the full build did before 993461b), same theme and Markdown extensions, no hooks and
             no theme overrides
  once       the same without the print views' bodies: plain MkDocs rendering each body once, as the issue's
             "plain MkDocs on the same Markdown" did (its print views are left empty: not the site's pages)
  ratio      full / plain
  search     the search index (gongbao.publish.searchindex) over the full build's output
  with index (full + search) / plain: the whole build as ``gongbao build`` makes it, site and search index
             (target: ≤ 1.5; the plain build has no search index: MkDocs' own finds nothing in Chinese); and
             (full + search) / once
  site       size (bytes of the files, and KB on disk per published document or interpretation) and
             file count (per published document or interpretation) of the full build's output
  doc page   median HTML size of a document page, and its median overhead (HTML minus the bytes of
             the document's own Markdown): the overhead must not grow with N
With ``--repeat K`` the three builds run K times in turn (full, plain, index; each into a folder of its own, as
deleting a site just before a build inflates its system time): the table gives each figure's median and each ratio's
median over the rounds, a ratio taken within one round; every round's ratio is printed below the table.
Time is wall-clock, with the CPU time (user + system) of the process tree in parentheses: on a
shared machine the CPU figures are the steadier ones. Peak memory is the maximum resident set of the measured process tree
(``RUSAGE_CHILDREN`` of a small wrapper process around each command).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

from gongbao.tools import synthetic
from gongbao.publish.check import check
from gongbao.publish.render import listings, parts, site as site_pages

PROJECT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def measure(command: list[str], cwd: Path) -> dict:
    """Run ``command`` in a wrapper process so that its RUSAGE_CHILDREN is this command's tree only."""
    wrapper = ("import json, resource, subprocess, sys, time\n"
               "start = time.perf_counter()\n"
               "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
               "seconds = time.perf_counter() - start\n"
               "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
               "print(json.dumps({'code': done.returncode, 'seconds': seconds, 'cpu': usage.ru_utime + usage.ru_stime,\n"
               "                  'peak_mb': usage.ru_maxrss / 1024, 'tail': (done.stdout + done.stderr)[-3000:]}))\n")
    done = subprocess.run([sys.executable, "-c", wrapper, *command], cwd=cwd, env=ENV, capture_output=True, text=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result.pop("code") != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result['tail']}")
    del result["tail"]
    return result


def plain_project(root: Path, target: Path, bodies_once: bool = False) -> None:
    """The same pages as plain Markdown files, built by MkDocs with the same theme and no hooks."""
    checked = check(root)
    docs = target / "docs"
    shutil.copytree(root / "content", docs)
    home = (docs / "index.md").read_text(encoding="utf-8")
    (docs / "index.md").write_text(home.rstrip() + "\n\n" + listings.home_blocks(
        checked.archive.public(), checked.settings), encoding="utf-8")
    for url, page in site_pages.pages(checked.archive, checked.settings, checked.today).items():
        path = docs / f"{url}index.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        shown = "" if bodies_once or isinstance(page, str) else "".join(f"\n{b.authored.inserted}\n" for b in page.borrowed())
        path.write_text(parts.source(page) + shown, encoding="utf-8")
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_PermissiveLoader)
    config.pop("hooks", None)
    config["theme"].pop("custom_dir", None)
    config["theme"].pop("icon", None)  # ours (overrides/.icons/gb/), with custom_dir
    config.update(docs_dir="docs", site_dir="site", strict=False)
    config["extra_css"] = [p for p in config.get("extra_css", []) if (docs / p).exists()]
    config["extra_javascript"] = [p for p in config.get("extra_javascript", []) if (docs / str(p)).exists()]
    text = yaml.dump(config, allow_unicode=True, sort_keys=False)
    # the slugify function object cannot round-trip through yaml.dump: write MkDocs' tag back
    text = text.replace("slugify: null", "slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}")
    (target / "mkdocs.yml").write_text(text, encoding="utf-8")


class _PermissiveLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's ``!!python/…`` tags as null; ``plain_project`` writes them back."""


_PermissiveLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_PermissiveLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def tree_size(folder: Path) -> tuple[int, int, int]:
    """Bytes of the files, bytes they take on disk (whole blocks, as ``du`` counts), and their number."""
    stats = [p.stat() for p in folder.rglob("*") if p.is_file()]
    return sum(s.st_size for s in stats), sum(s.st_blocks * 512 for s in stats), len(stats)


def document_pages(root: Path, built: Path) -> tuple[float, float]:
    """Median HTML size of document pages and median overhead over their Markdown body, in bytes."""
    checked = check(root)
    sizes, overheads = [], []
    for doc in checked.archive.public().documents:
        html = built / site_pages.urls.document(doc, checked.settings.issuer_codes) / "index.html"
        size = html.stat().st_size
        sizes.append(size)
        overheads.append(size - len(doc.source.body.encode("utf-8")))
    return statistics.median(sizes), statistics.median(overheads)


def run(n: int, work: Path, seed: int, with_search: bool, shape: str, repeat: int = 1, markup: float = 0.0) -> dict:
    root = work / f"archive-{n}"
    shutil.rmtree(root, ignore_errors=True)
    start = time.perf_counter()
    files = synthetic.archive(n, seed=seed, shape=shape)
    files = synthetic.marked_up(files, markup, seed) if markup else files
    synthetic.write(root, files, PROJECT)
    generated = time.perf_counter() - start
    interpretations = sum(1 for p in files if p.startswith("interpretations/"))
    python = sys.executable
    gongbao = str(Path(python).with_name("gongbao"))
    row = {"documents": n, "interpretations": interpretations, "generate_s": generated}
    row["check"] = measure([gongbao, "check", "--root", str(root)], root)
    plain, once = work / f"plain-{n}", work / f"once-{n}"
    for folder, bodies_once in ((plain, False), (once, True)):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        plain_project(root, folder, bodies_once)
    rounds = []
    for i in range(repeat):  # full, plain and index in turn, each build into a folder of its own (see the docstring)
        suffix = "" if i == 0 else f"-{i + 1}"
        out, plain_site, once_site = work / f"site-{n}{suffix}", plain / f"site{suffix}", once / f"site{suffix}"
        for folder in (out, plain_site, once_site):
            shutil.rmtree(folder, ignore_errors=True)
        measured = {"full": measure([python, "-m", "mkdocs", "build", "--strict", "--clean", "-q", "-f",
                                     str(root / "mkdocs.yml"), "-d", str(out)], root),
                    "plain": measure([python, "-m", "mkdocs", "build", "--clean", "-q", "-f", str(plain / "mkdocs.yml"),
                                      "-d", str(plain_site)], plain),
                    "once": measure([python, "-m", "mkdocs", "build", "--clean", "-q", "-f", str(once / "mkdocs.yml"),
                                     "-d", str(once_site)], once)}
        if with_search:
            measured["search"] = measure([python, "-c", "from pathlib import Path; from gongbao.publish import searchindex; "
                                          f"searchindex.index(Path({str(out)!r}), quiet=True)"], root)
        rounds.append(measured)
    for extra in range(2, repeat + 1):  # the first round's site is measured below
        shutil.rmtree(work / f"site-{n}-{extra}", ignore_errors=True)
        shutil.rmtree(plain / f"site-{extra}", ignore_errors=True)
        shutil.rmtree(once / f"site-{extra}", ignore_errors=True)
    row["rounds"] = rounds
    for step in rounds[0]:
        row[step] = {key: statistics.median(r[step][key] for r in rounds) for key in rounds[0][step]}
    row["ratio"] = statistics.median(_full(r, "seconds") for r in rounds)
    row["cpu_ratio"] = statistics.median(_full(r, "cpu") for r in rounds)
    if with_search:
        row["indexed_ratio"] = statistics.median(_indexed(r, "seconds") for r in rounds)
        row["indexed_cpu_ratio"] = statistics.median(_indexed(r, "cpu") for r in rounds)
        row["once_ratio"] = statistics.median(_indexed(r, "seconds", "once") for r in rounds)
        row["once_cpu_ratio"] = statistics.median(_indexed(r, "cpu", "once") for r in rounds)
    out = work / f"site-{n}"
    row["site_bytes"], row["site_disk"], row["site_files"] = tree_size(out)
    public = check(root).archive.public()
    row["published"] = len(public.documents) + len(public.interpretations)
    row["plain_pages"] = sum(1 for _ in (plain / "site").rglob("index.html"))
    row["doc_html"], row["doc_overhead"] = document_pages(root, out)
    return row


def _indexed(measured: dict, key: str, plain: str = "plain") -> float:
    """(full + search) / plain (or once) of one round."""
    return (measured["full"][key] + measured["search"][key]) / measured[plain][key]


def _full(measured: dict, key: str) -> float:
    """full / plain of one round."""
    return measured["full"][key] / measured["plain"][key]


def _round_ratios(row: dict) -> str:
    if "search" not in row:
        return "full/plain (cpu): " + ", ".join(f"{_full(r, 'seconds'):.2f} ({_full(r, 'cpu'):.2f})" for r in row["rounds"])
    return ("with index/plain (cpu): " + ", ".join(f"{_indexed(r, 'seconds'):.2f} ({_indexed(r, 'cpu'):.2f})" for r in row["rounds"])
            + "; with index/once (cpu): "
            + ", ".join(f"{_indexed(r, 'seconds', 'once'):.2f} ({_indexed(r, 'cpu', 'once'):.2f})" for r in row["rounds"]))


def table(rows: list[dict]) -> str:
    head = ("N docs", "interp.", "check s (cpu)", "full s (cpu)", "full MB", "plain s (cpu)", "plain MB", "full/plain (cpu)",
            "search s (cpu)", "with index/plain (cpu)", "once s (cpu)", "with index/once (cpu)", "site MB", "files", "files/page", "KB on disk/page", "doc page KB", "overhead KB")
    lines = [" | ".join(head), " | ".join("---" for _ in head)]
    for r in rows:
        lines.append(" | ".join(str(v) for v in (
            f"{r['documents']:,}", f"{r['interpretations']:,}", f"{r['check']['seconds']:.1f} ({r['check']['cpu']:.1f})",
            f"{r['full']['seconds']:.1f} ({r['full']['cpu']:.1f})", f"{r['full']['peak_mb']:.0f}",
            f"{r['plain']['seconds']:.1f} ({r['plain']['cpu']:.1f})", f"{r['plain']['peak_mb']:.0f}",
            f"{r['ratio']:.2f} ({r['cpu_ratio']:.2f})",
            f"{r['search']['seconds']:.1f} ({r['search']['cpu']:.1f})" if "search" in r else "-",
            f"{r['indexed_ratio']:.2f} ({r['indexed_cpu_ratio']:.2f})" if "search" in r else "-",
            f"{r['once']['seconds']:.1f} ({r['once']['cpu']:.1f})",
            f"{r['once_ratio']:.2f} ({r['once_cpu_ratio']:.2f})" if "search" in r else "-",
            f"{r['site_bytes'] / 1e6:.1f}", f"{r['site_files']:,}", f"{r['site_files'] / r['published']:.1f}",
            f"{r['site_disk'] / 1024 / r['published']:.1f}", f"{r['doc_html'] / 1024:.1f}",
            f"{r['doc_overhead'] / 1024:.1f}")))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="gazette build benchmark on synthetic archives")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="document counts (default 1000 10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/gongbao-bench"), help="scratch folder")
    parser.add_argument("--no-search", action="store_true", help="skip the search index")
    parser.add_argument("--shape", choices=("real", "short"), default="real", help="bodies of real shape (default) or short")
    parser.add_argument("--markup", type=float, metavar="SHARE", default=0.0,
                        help="a table and a link in this share of documents, a link in every interpretation "
                             "(gongbao.tools.synthetic.marked_up; default none)")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of full, plain and index builds (default 1)")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in args.sizes:
        print(f"… {n} documents", file=sys.stderr, flush=True)
        rows.append(run(n, args.work, args.seed, not args.no_search, args.shape, args.repeat, args.markup))
        print(table(rows[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
    print(f"cpu count {os.cpu_count()}, load average {os.getloadavg()[0]:.1f} at the end")
    print(table(rows))
    for row in rows:
        print(f"{row['documents']:,} documents, each round's " + _round_ratios(row))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
