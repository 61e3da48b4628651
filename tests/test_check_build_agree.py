"""Anything the build refuses, ``check`` refuses first, at the source file and line.

Each bad input goes through both. ``check`` must report it in Chinese at the file and line the editor
wrote; and MkDocs, run with the rules that find it switched off (a hook placed before ours), must refuse
it on its own in strict mode: so the input is one the build really refuses, not one only our rule dislikes.
Builds run quiet, as ``gongbao serve`` runs them: a quiet build must refuse what a loud one refuses.
"""
from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, Repo, minimal_files
from gongbao.publish.build import BuildFailed, build

DOC = "gazette/2018/06/xzbf-68.md"
JD = "interpretations/xzbf-68-jd.md"
SHIM = '''"""Test shim: the build without what makes check agree with MkDocs."""
import dataclasses

import gongbao.content.handwritten as handwritten
import gongbao.rules as rules

_all, _load = rules.all_rules, handwritten.load
rules.all_rules = lambda: tuple(r for r in _all() if r.ID not in ("links", "site-files"))
rules.FILE_RULES = tuple(r for r in rules.FILE_RULES if r.__name__ != "gongbao.rules.html_safety")  # it refuses an href an
# attribute list sets
handwritten.load = lambda root, *images: dataclasses.replace(_load(root, *images), diagnostics=())
'''


def _append(rel: str, text: str):
    def change(repo: Repo):
        path = repo.path / rel
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return change


def _remove(rel: str):
    return lambda repo: (repo.path / rel).unlink()


def _write(rel: str, text: str):
    return lambda repo: repo.write(rel, text)


NAV_ABOUT = next(n for n, line in enumerate((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\n"), 1)
                 if line.strip().endswith(": about.md"))

# name: (change, the diagnostic's path:line)
BAD = {
    "image missing beside a document": (_append(DOC, "\n![图表](chart.png)\n"), f"{DOC}:15"),
    "attachment in a table": (_append(DOC, "\n| 附件 |\n|---|\n| [下载](fujian.pdf) |\n"), f"{DOC}:17"),
    "reference definition in a quote": (_append(DOC, "\n> 见[附件][a]\n>\n> [a]: fujian.pdf\n"), f"{DOC}:17"),
    "attribute list sets href": (_append(DOC, '\n[附件](../../../../gazette/){: href="fujian.pdf" }\n'), f"{DOC}:15"),
    "image missing beside an interpretation": (_append(JD, "\n![图解](tujie.png)\n"), f"{JD}:17"),
    "hand-written page links a missing page": (_append("content/about.md", "\n[联系我们](contact.md)\n"),
                                               "content/about.md:10"),
    "nav names a missing page": (_remove("content/about.md"), f"mkdocs.yml:{NAV_ABOUT}"),
    "README beside index": (_write("content/README.md", "# 说明\n"), "content/README.md:1"),
    "hand-written page in GBK": (_write("content/about.md", "# 关于本站\n".encode("gbk")), "content/about.md:1"),
}


def make_repo(path, shim: bool) -> Repo:
    repo = Repo(path)
    for rel, text in minimal_files().items():
        repo.write(rel, text)
    for name in ("content", "hooks", "overrides"):
        shutil.copytree(ROOT / name, path / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if shim:
        repo.write("hooks/shim.py", SHIM)
        config = config.replace("hooks:\n  - hooks/gazette.py\n  - hooks/parallel_pages.py",
                                "hooks: [hooks/shim.py,\n        hooks/gazette.py,\n        hooks/parallel_pages.py]")
    assert config.count("\n") == (ROOT / "mkdocs.yml").read_text(encoding="utf-8").count("\n")  # nav lines stay
    repo.write("mkdocs.yml", config)
    return repo


@pytest.mark.parametrize("change, where", BAD.values(), ids=BAD.keys())
def test_check_refuses_first_what_mkdocs_refuses(tmp_path, capfd, change, where):
    repo = make_repo(tmp_path / "repo", shim=True)
    change(repo)
    errors = [str(d) for d in repo.check().diagnostics if d.is_error]
    assert [e for e in errors if e.startswith(where + ":")], errors
    with pytest.raises(BuildFailed):
        build(repo.path, tmp_path / "site", search_index=False, quiet=True)
    log = capfd.readouterr().err
    assert "个错误，未发布" not in log  # not our refusal, but MkDocs' own: strict mode, or a page it cannot read
    assert "Aborted with" in log and "in strict mode" in log or "UnicodeDecodeError" in log
    assert not (tmp_path / "site").exists()


def test_without_the_bad_input_the_same_build_succeeds(tmp_path):
    repo = make_repo(tmp_path / "repo", shim=True)
    assert repo.check().ok
    build(repo.path, tmp_path / "site", search_index=False, quiet=True)
    assert (tmp_path / "site/doc/xzbf/2018/68/index.html").exists()


def test_the_real_build_stops_at_check_with_the_chinese_message(tmp_path, capfd):
    repo = make_repo(tmp_path / "repo", shim=False)
    _append(DOC, "\n![图表](chart.png)\n")(repo)
    with pytest.raises(BuildFailed):
        build(repo.path, tmp_path / "site", search_index=False, quiet=True)
    log = capfd.readouterr().err
    assert f"{DOC}:15: 链接指向不存在的页面或文件：chart.png" in log
    assert "Doc file" not in log  # never MkDocs' English message about a generated file


def test_a_warning_passes_check_and_build_alike(tmp_path):
    """A missing aspect heading is a warning (gazette.yml strict: false): MkDocs' strict mode must not turn it
    into a failed build that check had passed."""
    repo = make_repo(tmp_path / "repo", shim=False)
    repo.replace(JD, "## 九、新旧政策差异\n", "")
    checked = repo.check()
    assert checked.ok and [d for d in checked.diagnostics if not d.is_error]
    build(repo.path, tmp_path / "site", search_index=False, quiet=True)
    assert (tmp_path / "site/doc/xzbf/2018/68/index.html").exists()
