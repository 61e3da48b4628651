"""No file of the build machine reaches the site: every link the build would read is checked, with
lstat, before anything is read; FIFOs and devices are never opened (gongbao.content.tree).

Hard links are not links to the file system: a hard-linked file *is* a file of the folder. Its other
name may be anywhere on the same file system (``.git/config``, a file in /etc), and git never checks
one out, so a regular file with more than one link is refused too.
"""
from __future__ import annotations

import os
import py_compile
import socket
import subprocess
import sys
from pathlib import Path

import pathspec
import pytest
import yaml

from conftest import ROOT, Repo
from deadline import within
from gongbao.content import loader, tree
from gongbao.publish.build import BuildFailed, build

FOLDERS = ["content", "overrides", "gazette/2018/06", "interpretations", "versions"]
OUTSIDE = "符号链接指向仓库之外 — 把文件本身放进仓库，不要用链接"
PRIVATE = "符号链接指向仓库的隐藏文件或配置文件 — 把文件本身放进仓库，不要用链接"
NOT_REGULAR = "不是普通文件（管道、套接字或设备），生成网站时不会读取 — 删除它，换成普通文件"


def messages(repo: Repo) -> list[str]:
    with within(5):
        return repo.messages()


def link(repo: Repo, rel: str, target) -> None:
    path = repo.path / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)


@pytest.mark.parametrize("folder", FOLDERS)
@pytest.mark.parametrize("target", ["/etc/hostname", "/proc/self/environ", "/etc", "/proc/self", "/"])
def test_link_to_an_absolute_host_path(repo: Repo, folder, target):
    link(repo, f"{folder}/leak.md", target)
    assert messages(repo) == [f"{folder}/leak.md: {OUTSIDE}"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_relative_link_out_of_the_repository(repo: Repo, folder, tmp_path):
    (tmp_path / "secret.txt").write_text("SECRET", encoding="utf-8")
    depth = folder.count("/") + 2
    link(repo, f"{folder}/secret.txt", "../" * depth + "secret.txt")
    assert messages(repo) == [f"{folder}/secret.txt: {OUTSIDE}"]


@pytest.mark.parametrize("folder", FOLDERS)
@pytest.mark.parametrize("target", [".git/config", ".env", "gazette.yml", "withdrawn.yml", "mkdocs.yml", ".git"])
def test_link_to_the_repository_s_own_private_files(repo: Repo, folder, target):
    (repo.path / ".git").mkdir()
    for name in (".git/config", ".env", "withdrawn.yml", "mkdocs.yml"):
        (repo.path / name).write_text("[]\n", encoding="utf-8")
    link(repo, f"{folder}/x.txt", repo.path / target)
    assert f"{folder}/x.txt: {PRIVATE}" in messages(repo)


@pytest.mark.parametrize("folder", FOLDERS)
def test_dangling_link_inside(repo: Repo, folder):
    link(repo, f"{folder}/gone.md", repo.path / "nowhere.md")
    assert messages(repo) == [f"{folder}/gone.md: 符号链接指向不存在的文件 — 删除该链接，或恢复它指向的文件"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_loop_of_links(repo: Repo, folder):
    link(repo, f"{folder}/a.md", "b.md")
    link(repo, f"{folder}/b.md", "a.md")
    assert messages(repo) == [f"{folder}/a.md: 符号链接构成循环 — 删除该链接", f"{folder}/b.md: 符号链接构成循环 — 删除该链接"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_link_to_a_parent_folder_is_walked_once(repo: Repo, folder):
    link(repo, f"{folder}/up", repo.path / folder)
    assert messages(repo) == []


@pytest.mark.parametrize("folder", FOLDERS)
def test_linked_folder_inside_leading_out_is_followed(repo: Repo, folder, tmp_path):
    """A link inside the repository to a folder that itself holds a link out."""
    (repo.path / "drafts").mkdir()
    os.symlink("/etc/hostname", repo.path / "drafts/host.txt")
    link(repo, f"{folder}/drafts", repo.path / "drafts")
    assert messages(repo) == [f"{folder}/drafts/host.txt: {OUTSIDE}"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_fifo_never_hangs(repo: Repo, folder):
    (repo.path / folder).mkdir(parents=True, exist_ok=True)
    os.mkfifo(repo.path / folder / "pipe.md")
    assert messages(repo) == [f"{folder}/pipe.md: {NOT_REGULAR}"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_link_to_a_fifo_inside_never_hangs(repo: Repo, folder):
    os.mkfifo(repo.path / "pipe")
    link(repo, f"{folder}/pipe.md", repo.path / "pipe")
    assert messages(repo) == [f"{folder}/pipe.md: {NOT_REGULAR}"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_socket(repo: Repo, folder, tmp_path):
    (repo.path / folder).mkdir(parents=True, exist_ok=True)
    here = os.getcwd()
    os.chdir(repo.path / folder)  # a socket's path is limited to 108 bytes: bind a short relative one
    try:
        with socket.socket(socket.AF_UNIX) as server:
            server.bind("s.md")
            assert messages(repo) == [f"{folder}/s.md: {NOT_REGULAR}"]
    finally:
        os.chdir(here)


@pytest.mark.parametrize("folder", FOLDERS)
def test_link_to_a_device(repo: Repo, folder):
    link(repo, f"{folder}/zero.md", "/dev/zero")
    assert messages(repo) == [f"{folder}/zero.md: {OUTSIDE}"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_hard_link_is_refused(repo: Repo, folder, tmp_path):
    (tmp_path / "config").write_text("[remote]\n", encoding="utf-8")
    (repo.path / folder).mkdir(parents=True, exist_ok=True)
    os.link(tmp_path / "config", repo.path / folder / "config.txt")
    assert messages(repo) == [f"{folder}/config.txt: 文件有 2 个硬链接，另一个名字可能在仓库之外 — 复制一份普通文件代替硬链接（cp 而不是 ln）"]


@pytest.mark.parametrize("name", ["gazette.yml", "withdrawn.yml", "mkdocs.yml", "gazette.lock.json"])
def test_configuration_that_is_a_link_out(repo: Repo, name, tmp_path):
    if (repo.path / name).exists():
        (repo.path / name).unlink()
    os.symlink("/proc/self/environ", repo.path / name)
    assert messages(repo) == [f"{name}: {OUTSIDE}"]


@pytest.mark.parametrize("name", ["gazette.yml", "withdrawn.yml", "gazette.lock.json"])
def test_configuration_that_is_a_fifo(repo: Repo, name):
    if (repo.path / name).exists():
        (repo.path / name).unlink()
    os.mkfifo(repo.path / name)
    assert messages(repo) == [f"{name}: {NOT_REGULAR}"]


# A folder in a configuration file's place: gazette.yml ended the check in IsADirectoryError's traceback; a lock or a
# withdrawn.yml was taken for absent, check passing with nothing locked or withdrawn.
@pytest.mark.parametrize("name", ["gazette.yml", "withdrawn.yml", "mkdocs.yml", "gazette.lock.json"])
def test_configuration_that_is_a_folder(repo: Repo, name):
    if (repo.path / name).exists():
        (repo.path / name).unlink()
    (repo.path / name).mkdir()
    (repo.path / name / "x.md").write_text("x", encoding="utf-8")
    assert messages(repo) == [f"{name}: {name} 是文件夹，应为文件 — 删除或改名这个文件夹：{name} 只能是文件"]


@pytest.mark.parametrize("folder", ["content", "overrides", "content/assets", "overrides/partials"])
@pytest.mark.parametrize("name", ["gazette.yml", "mkdocs.yml", "withdrawn.yml", "gazette.lock.json"])
def test_configuration_names_are_not_published(repo: Repo, folder, name):
    repo.write(f"{folder}/{name}", "site: {}\n")
    assert messages(repo) == [f"{folder}/{name}: {name} 是仓库的配置文件名，放在这里会被原样发布 — 删除它或改名"]


@pytest.mark.parametrize("raw, shown", [(b"\xff\xfe.md", "\\xff\\xfe.md"), (b"a\nb.md", "a\\u000ab.md"),
                                        (b"\xed\xa0\x80.md", "\\xed\\xa0\\x80.md"), (b"\x1b[31m.md", "\\u001b[31m.md")])
def test_file_names_that_cannot_be_printed(repo: Repo, raw, shown):
    (repo.path / "gazette/2018/06" / os.fsdecode(raw)).write_text("x", encoding="utf-8")
    assert messages(repo) == [f"gazette/2018/06/{shown}: 文件名不是 UTF-8 或含有控制字符 — 用普通的中文、字母和数字重新命名"]


def test_links_inside_the_repository_still_work(repo: Repo):
    (repo.path / "pages").mkdir()  # a folder of the repository that is not content (drafts/ is: 征求意见稿)
    (repo.path / "pages/note.md").write_text("# note\n", encoding="utf-8")  # a page: content/ publishes no other file
    link(repo, "content/note.md", repo.path / "pages/note.md")
    link(repo, "content/pages", "../pages")
    assert messages(repo) == []


def test_every_problem_at_once_and_nothing_else_is_read(repo: Repo, tmp_path):
    link(repo, "content/a.txt", "/etc/hostname")
    os.mkfifo(repo.path / "interpretations/b.md")
    repo.write("gazette/2018/06/broken.md", "---\ntitle: [\n---\n")  # not read: would be a YAML error
    assert messages(repo) == [f"content/a.txt: {OUTSIDE}", f"interpretations/b.md: {NOT_REGULAR}"]


def test_mkdocs_never_publishes_configuration_from_content():
    """Defence in depth below the check: mkdocs.yml's exclude_docs names every configuration file."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    spec = pathspec.GitIgnoreSpec.from_lines(config["exclude_docs"].splitlines())
    for name in tree.CONFIGURATION:
        assert spec.match_file(name) and spec.match_file(f"assets/{name}"), name


def test_the_build_refuses_before_mkdocs_runs(site_repo: Repo, tmp_path):
    os.symlink("/proc/self/environ", site_repo.path / "content/environ.txt")
    target = tmp_path / "site"
    with within(30), pytest.raises(BuildFailed) as caught:
        build(site_repo.path, target, search_index=False, quiet=True)
    assert f"content/environ.txt: {OUTSIDE}" in str(caught.value)
    assert not target.exists()


def test_mkdocs_alone_refuses_too(site_repo: Repo, tmp_path):
    """Run without gongbao build, the hook refuses in on_config, before MkDocs lists content/."""
    os.symlink("/etc/hostname", site_repo.path / "overrides/hostname.txt")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "out")],
                         cwd=site_repo.path, capture_output=True, text=True, timeout=120)
    assert run.returncode != 0 and f"overrides/hostname.txt: {OUTSIDE}" in run.stderr
    assert not (tmp_path / "out").exists()


def test_dotfiles_and_git_never_reach_the_site(site_repo: Repo, tmp_path):
    for folder in ("content", "content/assets", "overrides", "overrides/partials"):
        site_repo.write(f"{folder}/.git/config", "[remote \"origin\"]\n  url = https://token@example.com/\n")
        site_repo.write(f"{folder}/.gitignore", "site/\n")
        site_repo.write(f"{folder}/.env", "SECRET=1\n")
    target = tmp_path / "site"
    build(site_repo.path, target, search_index=False, quiet=True)
    published = [p.relative_to(target).as_posix() for p in target.rglob("*")]
    leaked = [p for p in published if any(part.startswith(".") for part in p.split("/"))
              or Path(p).name in tree.CONFIGURATION]
    # the one exception: the build publishes the lock itself, as the state the next build may not weaken
    assert published and leaked == ["gazette.lock.json"]
    assert (target / "gazette.lock.json").read_bytes() == (site_repo.path / "gazette.lock.json").read_bytes()
    assert not any("token@example.com" in p.read_text(errors="ignore") for p in target.rglob("*") if p.is_file())


@pytest.mark.parametrize("command", [["check"], ["new", "issue", "--year", "2018", "--number", "7", "--total", "390",
                                                 "--published", "2018-07-31"]])
def test_the_command_line_refuses_a_fifo_without_hanging(repo: Repo, command):
    from test_cli import run

    (repo.path / "gazette.yml").unlink()
    os.mkfifo(repo.path / "gazette.yml")
    result = run(repo, *command)
    assert result.returncode == 1 and f"gazette.yml: {NOT_REGULAR}" in result.stdout + result.stderr


def test_the_walk_lists_files_in_the_loader_s_path_order(repo: Repo):
    """Scan.listed keeps the walk's order, which must be the loader's (its files sorted by path components)."""
    for rel in ("gazette/a.md", "gazette/a/b.md", "gazette/a-b.md", "gazette/a-b/c.md", "gazette/A/z.md", "gazette/aa.md",
                "gazette/a/b/c.md", "gazette/a/b.md.md", "gazette/2018/10/x.md", "gazette/2018/9/x.md", "gazette/文/一.md"):
        repo.write(rel, "---\n---\n")
    scanned = tree.scan(repo.path)
    for folder in ("gazette", "interpretations"):
        assert scanned.listed(folder, ".md") == loader.content_files(repo.path, folder)
    assert len(scanned.listed("gazette", ".md")) > 11


# Where the build loads code or templates from: each folder itself, and a file in it, linked out of the repository.
CODE_AND_TEMPLATES = ["hooks", "hooks/gazette.py", "hooks/x.py", "overrides", "overrides/main.html", "content/assets"]


@pytest.mark.parametrize("rel", CODE_AND_TEMPLATES)
def test_code_and_templates_linked_out_of_the_repository(repo: Repo, rel, tmp_path):
    """hooks/ was not walked: hooks/gazette.py linked to a file outside ran code that no commit shows."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "gazette.py").write_text("open('/tmp/pwned', 'w')\n", encoding="utf-8")
    link(repo, rel, outside if "." not in rel else outside / "gazette.py")
    assert messages(repo) == [f"{rel}: {OUTSIDE}"]


def test_a_fifo_and_a_hard_link_in_hooks(repo: Repo, tmp_path):
    (tmp_path / "x.py").write_text("", encoding="utf-8")
    (repo.path / "hooks").mkdir()
    os.link(tmp_path / "x.py", repo.path / "hooks/x.py")
    os.mkfifo(repo.path / "hooks/pipe.py")
    assert messages(repo) == ["hooks/pipe.py: " + NOT_REGULAR,
                              "hooks/x.py: 文件有 2 个硬链接，另一个名字可能在仓库之外 — 复制一份普通文件代替硬链接（cp 而不是 ln）"]


NOT_SOURCE = "hooks/ 中只能有钩子的 Python 源文件（.pyc、.so 等会代替仓库里的代码被导入，其内容无从审查） — 删除它：钩子写成 hooks/<名称>.py，名称只用字母、数字、_ . -"
NOT_A_FOLDER = "hooks/ 中不能有文件夹（生成网站时会从中导入模块，代替仓库里的代码） — 删除这个文件夹：钩子写成 hooks/<名称>.py"


@pytest.mark.parametrize("name", ["gongbao.pyc", "yaml.cpython-311-x86_64-linux-gnu.so", "gongbao.pyw", "x.pth",
                                  "gazette.py.pyc", ".x.py", "gazetteа.py", "GAZETTE.PY", "gazette.py\u00a0"])
def test_hooks_holds_python_source_only(repo: Repo, name):
    """MkDocs puts hooks/ first on sys.path while it runs a hook: hooks/gongbao.pyc was imported instead of the package,
    code no review can read; a name in another script (Cyrillic а) or case is one mkdocs.yml could not name either."""
    repo.write(f"hooks/{name}", b"\x00")
    assert messages(repo) == [f"hooks/{name}: {NOT_SOURCE}"]


@pytest.mark.parametrize("folder", ["gongbao", "gongbao.py", "x/__pycache__"])
def test_hooks_holds_no_package(repo: Repo, folder):
    repo.write(f"hooks/{folder}/__init__.py", "")
    assert messages(repo) == [f"hooks/{folder.split('/')[0]}: {NOT_A_FOLDER}"]


def test_hooks_may_hold_python_s_cache(repo: Repo):
    repo.write("hooks/gazette.py", "")
    repo.write("hooks/__pycache__/gazette.cpython-311.pyc", b"\x00")
    assert messages(repo) == []
    link(repo, "hooks/__pycache__/x.pyc", "/etc/hostname")
    assert messages(repo) == [f"hooks/__pycache__/x.pyc: {OUTSIDE}"]


def test_hooks_linked_to_a_folder_already_walked_is_walked_as_code(repo: Repo):
    repo.write("content/assets/gongbao.pyc", b"\x00")
    link(repo, "hooks", repo.path / "content/assets")
    assert f"hooks/gongbao.pyc: {NOT_SOURCE}" in messages(repo)


def test_a_compiled_hook_committed_beside_its_source_never_runs(site_repo: Repo, tmp_path):
    """hooks/__pycache__/gazette.cpython-311.pyc, compiled as an unchecked hash (never compared with the source), was
    run by the build in place of hooks/gazette.py: code no review reads, committed with git add -f."""
    marker = tmp_path / "ran"
    hook = site_repo.path / "hooks/gazette.py"
    evil = tmp_path / "evil.py"
    evil.write_text(hook.read_text(encoding="utf-8") + f"\nopen({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    # beside the source, where a commit puts it (cache_from_source would name this user's cache when a prefix is set)
    beside = hook.parent / "__pycache__" / f"gazette.{sys.implementation.cache_tag}.pyc"
    py_compile.compile(str(evil), cfile=str(beside), doraise=True,
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    build(site_repo.path, tmp_path / "site", search_index=False, quiet=True)
    assert (tmp_path / "site/index.html").is_file() and not marker.exists()
