"""scripts/bench_check.py's baseline: another revision's code, run on the same archive."""
import importlib.util
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def _bench_check():
    spec = importlib.util.spec_from_file_location("bench_check", ROOT / "scripts/bench_check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_baseline_is_that_revisions_code_compiled_and_checks_with_it(tmp_path):
    bench_check = _bench_check()
    first = subprocess.run(["git", "-C", str(ROOT), "rev-list", "--max-parents=0", "HEAD"],
                           capture_output=True, text=True, check=True).stdout.split()[0]
    source = bench_check.exported(first, tmp_path)
    # the package as that revision had it, not as it is now
    assert source == tmp_path / "src"
    committed = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "-r", "--name-only", first, "src"],
                               capture_output=True, text=True, check=True).stdout.split()
    committed = [name for name in committed if name.endswith(".py")]
    assert sorted(str(p.relative_to(tmp_path)) for p in source.rglob("*.py")) == sorted(committed)
    # compiled once, not at every run, where this Python reads compiled code (this user's cache: scripts/pycache_prefix.sh)
    assert all(Path(importlib.util.cache_from_source(str(p))).is_file() for p in source.rglob("*.py"))
    here = bench_check.exported("HEAD", tmp_path / "head")
    wall, cpu, outcome = bench_check.check(ROOT, here)
    assert outcome.startswith("exit 0") and "检查完毕" in outcome and wall > 0 and cpu > 0


def test_a_locked_archive_is_checked_clean_after_each_edit_with_its_correction(tmp_path):
    """--locked: as a published archive is, and its edits as an editor makes them (a 勘误 each), so every figure is of
    a check that found nothing: an edit without one would time the lock's error instead."""
    folder = tmp_path / "archive"
    run = subprocess.run([sys.executable, str(ROOT / "scripts/bench_check.py"), "--documents", "40", "--locked",
                          "--folder", str(folder)], capture_output=True, text=True, check=True)
    lines = [line for line in run.stdout.splitlines() if "s CPU" in line]
    assert [line.split(":")[0].strip() for line in lines] == ["cold", "unchanged", "1 changed", "10 changed"]
    assert all("exit 0" in line and "0 个错误" in line for line in lines), run.stdout
    assert (folder / "gazette.lock.json").is_file()
    assert run.stdout.count("（本文件已经修订）") == 0 and sum(
        path.read_text(encoding="utf-8").count("（本文件已经修订）")
        for path in (folder / "gazette").rglob("*.md")) == 22  # 1 + 10 edits, each in the body and its 勘误


def test_stages_time_every_stage_a_worker_runs_on_a_file(tmp_path):
    """--stages times the functions the pool's workers call by name: one renamed, or no longer called, would be left
    out of the figures silently (a stage at 0 µs), and the rest would take its time."""
    folder = tmp_path / "archive"
    run = subprocess.run([sys.executable, str(ROOT / "scripts/bench_check.py"), "--documents", "30", "--stages",
                          "--folder", str(folder)], capture_output=True, text=True, check=True)
    lines = run.stdout.splitlines()
    lines = lines[next(n for n, line in enumerate(lines) if " files on one core" in line):]
    assert int(lines[0].split(" files")[0]) > 30  # the documents, their issues and interpretations
    figures = {line.rsplit(None, 2)[0].strip(): float(line.split()[-2]) for line in lines[1:-1]}
    assert [name for name in figures if name.startswith("rule ")] == [
        f"rule {rule.rsplit('.', 1)[-1]}" for rule in _rules()]
    assert {"read and parse", "of which front matter", "entry", "canonical hash", "kept: stamp"} <= set(figures)
    assert all(value > 0 for value in figures.values()), figures
    assert lines[-1].startswith("the least any check does") and "s wall" in lines[-1]


def _rules() -> list[str]:
    from gongbao import rules
    return [rule.__name__ for rule in rules.FILE_RULES]
