"""What a commit can slip in that the build runs or publishes and review does not read (gongbao.content.unreviewed):
compiled code and .gitattributes. The check and the build refuse a repository tracking them, and the processes the
build starts never read compiled code."""
from __future__ import annotations

import argparse
import os
import py_compile
import re
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, Repo
from gongbao.commands import check
from gongbao.content import unreviewed
from gongbao.publish.build import BuildFailed, build

RUNS = ["src/gongbao/__pycache__/cli.cpython-311.pyc", "src/gongbao/__PYCACHE__/cli.cpython-311.pyc",
        "src/gongbao/cli.PYC", "hooks/yaml.cpython-311-x86_64-linux-gnu.so", "mkdocs.pyc", "x.pyo", "content/x.pth",
        "sitecustomize.py", "src/UserCustomize.py", "tests/__pycache__/notes.txt", "content/assets/a.pyd"]
SOURCE = ["src/gongbao/cli.py", "hooks/gazette.py", "content/pycache.md", "content/a.pth.md", "docs/__pycache__.md"]


def git(root, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def tracked(root, names: list[str]) -> None:
    git(root, "init", "-q")
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"\x00")
    git(root, "add", "-f", "--", *names)


def test_each_compiled_or_start_up_file_git_tracks_is_an_error(tmp_path):
    """Any case, any folder: a checkout on macOS or Windows imports CLI.PYC as cli.pyc."""
    tracked(tmp_path, RUNS + SOURCE)
    found = unreviewed.problems(tmp_path)
    assert sorted(d.path for d in found) == sorted(RUNS) and all(d.is_error and d.line == 0 for d in found)
    assert {d.rule for d in found} == {"compiled-code"}


@pytest.mark.parametrize("name", [".gitattributes", "hooks/.gitattributes", "content/.GitAttributes"])
def test_a_gitattributes_git_tracks_is_an_error(tmp_path, name):
    """``hooks/*.py -diff`` showed a change to the hook as "Binary files differ" in git diff and git show (and so in
    review), and working-tree-encoding wrote a UTF-16 hooks/gazette.py on disk from the UTF-8 one review read."""
    git(tmp_path, "init", "-q")
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks/gazette.py").write_text("x = 1\n", encoding="utf-8")
    git(tmp_path, "add", "hooks/gazette.py")
    git(tmp_path, "-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qm", "hook")
    (tmp_path / "hooks/gazette.py").write_text("import os\n", encoding="utf-8")
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text("*.py -diff\n", encoding="utf-8")
    git(tmp_path, "add", "-f", "--", name, "hooks/gazette.py")
    shown = subprocess.run(["git", "-C", str(tmp_path), "diff", "--cached", "--", "hooks/gazette.py"], capture_output=True,
                           text=True, check=True).stdout
    assert ("Binary files" in shown) == (name != "content/.GitAttributes")  # a case-insensitive host reads it too
    found = unreviewed.problems(tmp_path)
    assert [(d.path, d.rule) for d in found] == [(name, "gitattributes")]


def attributes(root, text: str | bytes) -> None:
    git(root, "init", "-q")
    (root / ".gitattributes").write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    git(root, "add", "-f", ".gitattributes")


def check_attr(root, path: str) -> str:
    """What git itself makes of the file's diff attribute: set, unset or unspecified."""
    shown = subprocess.run(["git", "-C", str(root), "check-attr", "-z", "diff", "--", path], capture_output=True,
                           check=True).stdout.split(b"\0")
    return shown[2].decode()


ATTACHMENTS_ONLY = ("# 附件不看 diff，扫描件放在 Git LFS\n\n*.pdf binary\n  *.PDF -diff\n"
                    "gazette/**/*.docx filter=lfs diff=lfs merge=lfs -text\n*.xlsx -text\n*.png\t-diff\r\n*.jpg -diff\n"
                    "*.jpeg -diff\n")


def test_attributes_given_to_attachments_alone_pass(tmp_path):
    """An office keeping its scans in Git LFS, or out of diffs, writes these: they touch no file review reads."""
    attributes(tmp_path, ATTACHMENTS_ONLY)
    assert unreviewed.problems(tmp_path) == []
    assert [check_attr(tmp_path, p) for p in ("a.PDF", "a.png", "hooks/gazette.py", "gazette/2018/06/x.md")] == [
        "unset", "unset", "unspecified", "unspecified"]


@pytest.mark.parametrize("pattern,reaches", [
    ("*", "hooks/gazette.py"), ("*.py", "hooks/gazette.py"), ("*.md", "gazette/x.md"), ("hooks/**", "hooks/gazette.py"),
    ("*.pdf*", "a.pdf.md"), ("*.pdf/", None), ("*.pdf\u3000x.md", "a.pdf\u3000x.md"), ("*.pdf\fx.md", "a.pdf\fx.md"),
    ("*.pdf\x1cx.md", "a.pdf\x1cx.md"), ('"*.py"', "a.py"), ("[attr]x.pdf", None)])
def test_each_line_giving_attributes_to_more_than_attachments_is_an_error(tmp_path, pattern, reaches):
    """At its line, whatever else the file holds. The white space git does not end a pattern at (U+3000, a form feed,
    U+001C, which Python's str.split and splitlines would) leaves one pattern, of a Markdown file: git says so here."""
    attributes(tmp_path, ATTACHMENTS_ONLY + f"{pattern} -diff\n*.pdf -diff\n")
    found = unreviewed.problems(tmp_path)
    assert [(d.path, d.line, d.rule) for d in found] == [(".gitattributes", ATTACHMENTS_ONLY.count("\n") + 1, "gitattributes")]
    assert found[0].is_error and "删去这一行" in found[0].hint
    if reaches:
        assert check_attr(tmp_path, reaches) == "unset"


@pytest.mark.parametrize("made", ["link", "not utf-8", "too large"])
def test_a_gitattributes_not_read_as_text_is_an_error(tmp_path, made):
    git(tmp_path, "init", "-q")
    target = tmp_path / ".gitattributes"
    if made == "link":  # git itself refuses to read a linked .gitattributes in the tree: a link is no hand-written file
        (tmp_path / "elsewhere").write_text("*.pdf -diff\n", encoding="utf-8")
        target.symlink_to(tmp_path / "elsewhere")
    else:
        target.write_bytes(b"*.pdf -diff \xff\n" if made == "not utf-8" else b"*.pdf -diff\n" * 6000)
    git(tmp_path, "add", "-f", ".gitattributes")
    found = unreviewed.problems(tmp_path)
    assert [(d.path, d.rule) for d in found] == [(".gitattributes", "gitattributes")] and found[0].is_error


def test_python_s_own_cache_beside_the_sources_is_not_git_s(tmp_path):
    """What Python writes in an editor's clone is no commit's: only what git tracks is refused."""
    tracked(tmp_path, SOURCE)
    (tmp_path / "src/gongbao/__pycache__").mkdir()
    (tmp_path / "src/gongbao/__pycache__/cli.cpython-311.pyc").write_bytes(b"\x00")
    assert unreviewed.problems(tmp_path) == [] and unreviewed.problems(tmp_path / "src") == []


def test_gongbao_check_fails_on_a_tracked_pyc(repo: Repo, capsys):
    tracked(repo.path, ["src/gongbao/__pycache__/cli.cpython-311.pyc"])
    git(repo.path, "add", ".")
    args = argparse.Namespace(root=repo.path, base=None, against_lock=None, locked=False, format="text")
    assert check.run(args) == 1
    assert "src/gongbao/__pycache__/cli.cpython-311.pyc: 仓库中有编译后的 Python 代码" in capsys.readouterr().out


def test_the_build_refuses_a_tracked_pyc_before_mkdocs_runs(site_repo: Repo, tmp_path):
    tracked(site_repo.path, ["hooks/__pycache__/gazette.cpython-311.pyc"])
    with pytest.raises(BuildFailed, match="hooks/__pycache__/gazette.cpython-311.pyc"):
        build(site_repo.path, tmp_path / "site", search_index=False, quiet=True)
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("name", ["mkdocs", "yaml"])
def test_a_module_at_the_top_of_the_repository_is_not_imported_by_mkdocs(site_repo: Repo, tmp_path, name):
    """``python -m mkdocs`` started in the repository put it first on sys.path: a mkdocs.pyc there (no source needed;
    .gitignore names no .pyc outside __pycache__/) ran in place of MkDocs, a yaml.pyc in place of PyYAML. Not
    committed here: a build of a clone that is not git's (an unpacked archive) is not refused by git's list."""
    marker = tmp_path / "ran"
    evil = tmp_path / f"{name}.py"
    evil.write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    py_compile.compile(str(evil), cfile=str(site_repo.path / f"{name}.pyc"), doraise=True)
    build(site_repo.path, tmp_path / "site", search_index=False, quiet=True)
    assert (tmp_path / "site/index.html").is_file() and not marker.exists()


def test_ci_runs_python_with_its_cache_outside_the_checkout_and_pre_commit_runs_the_check():
    """CI's `gongbao check` is the process a committed src/gongbao/__pycache__/*.pyc would run in: with the prefix set
    before Python first runs, it reads compiled code from the runner's temporary folder only."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    steps = [s.get("run", "") for s in workflow["jobs"]["build"]["steps"]]
    prefix = next(i for i, s in enumerate(steps) if 'PYTHONPYCACHEPREFIX=$RUNNER_TEMP/' in s and "GITHUB_ENV" in s)
    assert prefix < min(i for i, s in enumerate(steps) if "python" in s or ".venv" in s)
    assert "export PYTHONPYCACHEPREFIX=" in (ROOT / "scripts/test.sh").read_text(encoding="utf-8")
    hook = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"][0]
    assert all(re.search(hook["files"], name) for name in [*RUNS, ".gitattributes", "hooks/.GitAttributes"])
    assert not any(re.search(hook["files"], name) for name in ("src/gongbao/cli.py", "hooks/gazette.py", "README.md"))


def _planted(folder, marker) -> None:
    """planted.py, with a compiled planted.cpython-311.pyc beside it (an unchecked hash, run whatever the source says)
    that writes ``marker``."""
    (folder / "planted.py").write_text("x = 1\n", encoding="utf-8")
    evil = folder / "evil.py"
    evil.write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    py_compile.compile(str(evil), cfile=str(folder / "__pycache__/planted.cpython-311.pyc"), doraise=True,
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)


@pytest.mark.parametrize("given", [{}, {"PYTHONPYCACHEPREFIX": ""}])
def test_the_python_setup_sh_prepares_reads_no_compiled_code_beside_a_source(tmp_path, given):
    """.venv/bin/gongbao run by hand, with no script to set PYTHONPYCACHEPREFIX, read src/gongbao/__pycache__/cli.*.pyc
    a commit held before any check could refuse it: the .pth scripts/setup.sh writes into the environment sets the
    prefix before the first import (the control: without it, the planted code runs)."""
    env = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    python = str(env / "bin/python")
    code = tmp_path / "code"
    code.mkdir()
    marker = tmp_path / "ran"
    _planted(code, marker)
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")} | given | {
        "XDG_CACHE_HOME": str(tmp_path / "cache")}
    run = [python, "-c", f"import sys; sys.path.insert(0, {str(code)!r}); import planted"]
    subprocess.run(run, env=environ, check=True)
    assert marker.exists()  # the plant works
    marker.unlink()
    subprocess.run(["bash", str(ROOT / "scripts/pycache_prefix.sh"), python], env=environ, check=True)
    subprocess.run(run, env=environ, check=True)
    assert not marker.exists()
    assert list((tmp_path / "cache/gongbao/pycache").rglob("planted.cpython-311.pyc"))


def test_the_scripts_set_the_prefix_before_python_runs():
    """Exported before the first command that runs Python: setup.sh's pip and compileall, serve.sh's gongbao serve."""
    for script in ("setup.sh", "serve.sh", "test.sh"):
        commands = [line for line in (ROOT / "scripts" / script).read_text(encoding="utf-8").splitlines()
                    if line.strip() and not line.lstrip().startswith("#")]
        first = next(i for i, line in enumerate(commands) if not line.startswith(("set ", "cd ", "export ")))
        assert 'export PYTHONPYCACHEPREFIX="${XDG_CACHE_HOME:-$HOME/.cache}/gongbao/pycache"' in commands[:first], script
    assert "bash scripts/pycache_prefix.sh .venv/bin/python" in (ROOT / "scripts/setup.sh").read_text(encoding="utf-8")


def test_every_module_a_check_imports_has_its_bytecode_in_the_cache_python_reads():
    """Once the cache prefix is set, Python reads no bytecode beside the standard library's or the packages' sources:
    setup.sh compiles theirs into the cache too. Where bytecode is not written at run time (PYTHONDONTWRITEBYTECODE),
    113 modules were compiled again at every check: 0.18 s of an unchanged archive's 0.35 s at 10,000 documents."""
    missing = subprocess.run(
        [sys.executable, "-c", "import os, sys, gongbao.commands.check; print(sorted(name for name, m in list("
         "sys.modules.items()) if getattr(m, '__cached__', None) and not os.path.exists(m.__cached__)))"],
        capture_output=True, text=True, check=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}).stdout
    assert missing == "[]\n"
