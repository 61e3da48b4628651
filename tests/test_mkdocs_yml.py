"""mkdocs.yml: the theme prints its nav titles, site_name and theme values into every page unescaped, and would print
keys the project does not ship (repo_url, site_description…): only the shipped keys, and plain text where printed."""
from __future__ import annotations

import json

import pytest

from conftest import Repo
from gongbao.content import mkdocs_config
from gongbao.publish.build import BuildFailed, build

# the plumbing the project ships (each test below changes one thing of it, or adds to it)
EXTENSIONS = ("markdown_extensions:\n  - attr_list\n  - md_in_html\n  - tables:\n      use_align_attribute: true\n"
              "  - toc:\n      permalink: false\n      marker: \"\"\n      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n")
SHIPPED = ("site_name: x\ndocs_dir: content\nuse_directory_urls: true\ntheme:\n  name: material\n  custom_dir: overrides\n  font: false\n"
           "plugins: []\nhooks:\n  - hooks/gazette.py\n" + EXTENSIONS)
NAV = SHIPPED + "nav:\n  - 首页: index.md\n  - 关于:\n    - {title}: about.md\n"


@pytest.mark.parametrize("title, message", [
    ("政策解读<img src=x onerror=alert(1)>", "标题中不能含有 < 或 >"),
    ("关于<meta http-equiv=refresh content='0;url=https://evil.example'>", "标题中不能含有 < 或 >"),
    ("关于&#60;b&#62;", "标题中不能含有字符引用 &#60;"),
    ("【不予公开】内部", "mkdocs.yml 的 nav 标题中有不予公开标记 【不予公开】"),
    ("【不予公開】內部", "mkdocs.yml 的 nav 标题中有不予公开标记 【不予公開】"),
    ("关于\u202e本站", "mkdocs.yml 的 nav 标题含有"),
    ("〖不予公开〗王某", "“〖不予公开〗”像是不予公开标记"),
])
def test_a_nav_title_is_plain_text(repo: Repo, title, message):
    repo.write("mkdocs.yml", NAV.replace("{title}", f'"{title}"'))
    repo.write("content/about.md", "# 关于\n")
    found = repo.messages()
    assert found and all(m.startswith(f"mkdocs.yml:{SHIPPED.count(chr(10)) + 4}: ") for m in found) and any(message in m for m in found), found


@pytest.mark.parametrize("ref", ["javascript:alert(document.domain)", "JavaScript:alert(1)", " javascript:alert(1)",
                                 "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"])
def test_a_nav_link_is_one_content_may_write(repo: Repo, ref):
    """The theme links a nav entry from every page as written, where no check of a page looks: javascript: was in the
    nav of every page of a build that passed (the policy kept it from running), and data:…<script> failed the build
    with a message about 404.html's inline scripts."""
    repo.write("mkdocs.yml", NAV.replace("{title}: about.md", f"外链: {json.dumps(ref)}"))
    shown = ref.replace("\t", "\\u0009")  # quoted as the project quotes: an invisible character as its escape
    assert [m for m in repo.messages() if m.startswith("mkdocs.yml")] == [
        f"mkdocs.yml:{SHIPPED.count(chr(10)) + 4}: 导航（nav）中的链接“{shown}”使用了不安全的协议 — 只能链接 http、https、mailto、tel 或站内地址"]


def test_a_nav_link_to_another_site_passes(repo: Repo):
    repo.write("mkdocs.yml", NAV.replace("{title}: about.md", "外链: https://www.gov.cn/zhengce/"))
    assert repo.messages() == []


def test_a_plain_nav_title_passes(repo: Repo):
    repo.write("mkdocs.yml", NAV.replace("{title}", "关于本站（依法不予公开的信息不在本站刊登）"))
    repo.write("content/about.md", "# 关于\n")
    assert repo.messages() == []


def test_site_name_and_theme_values_are_plain_text(repo: Repo):
    repo.write("mkdocs.yml", SHIPPED.replace("site_name: x", "site_name: 公报<b>x</b>").replace(
        "  custom_dir: overrides\n", "  custom_dir: overrides\n  palette:\n    - primary: 'custom\" onmouseover=\"alert(1)'\n"))
    assert repo.messages() == [
        "mkdocs.yml:1: 标题中不能含有 < 或 > — 书名号请用《》，不要写 HTML",
        "mkdocs.yml:8: theme 的设置值“custom\" onmouseover=\"alert(1)”不是名称、颜色或路径 — "
        "只写字母、数字和 . _ - / : #（如 material、zh、gb/menu）",
    ]


@pytest.mark.parametrize("key", ["repo_url", "repo_name", "site_description", "site_author", "copyright", "extra",
                                 "edit_uri", "INHERIT"])
def test_a_key_the_project_does_not_ship_is_refused(repo: Repo, key):
    repo.write("mkdocs.yml", f"{SHIPPED}{key}: x\n")
    assert [m.split(" — ")[0] for m in repo.messages()] == [
        f"mkdocs.yml:{SHIPPED.count(chr(10)) + 1}: mkdocs.yml 不能有 {key}（主题会把它原样印进每个页面，或它不属于本项目的构建设置）"]


def test_the_shipped_mkdocs_yml_passes(site_repo: Repo):
    assert not [m for m in site_repo.messages() if m.startswith("mkdocs.yml")]


def test_the_build_publishes_no_page_with_a_nav_title_holding_markup(site_repo: Repo):
    text = (site_repo.path / "mkdocs.yml").read_text(encoding="utf-8")
    site_repo.write("mkdocs.yml", text.replace("  - 关于: about.md", '  - "关于<img src=x onerror=alert(1)>": about.md'))
    with pytest.raises(BuildFailed):
        build(site_repo.path, site_repo.path / "site", search_index=False, quiet=True)
    assert not (site_repo.path / "site").exists()


@pytest.mark.parametrize("old, new, line, message", [
    ("docs_dir: content", "docs_dir: other", 2, "docs_dir 应为 content，而不是“other”"),
    ("docs_dir: content\n", "", 1, "mkdocs.yml 没有写 docs_dir: content"),
    ("custom_dir: overrides", "custom_dir: theme", 6, "theme 的 custom_dir 应为 overrides，而不是“theme”"),
    ("  - hooks/gazette.py\n", "  - hooks/other.py\n", 9, "hooks 中没有 hooks/gazette.py"),
    ("use_directory_urls: true", "use_directory_urls: false", 3, "use_directory_urls 应为 true"),
    ("plugins: []", "plugins:\n  - search", 8, "mkdocs.yml 应写 plugins: []"),
    ("plugins: []\n", "", 1, "mkdocs.yml 应写 plugins: []"),
    ("  - md_in_html\n", "  - md_in_html\n  - pymdownx.snippets:\n      base_path: /\n", 14,
     "markdown_extensions 中的“pymdownx.snippets”不是本项目的检查所针对的扩展"),
    ("  - md_in_html\n", "  - md_in_html\n  - nl2br\n", 14,
     "markdown_extensions 中的“nl2br”不是本项目的检查所针对的扩展"),
    ("hooks:\n  - hooks/gazette.py\n", "", 1, "hooks 中没有 hooks/gazette.py"),
])
def test_the_build_reads_only_what_the_check_read(repo: Repo, old, new, line, message):
    """Another docs_dir (or MkDocs' default, docs/) was published unchecked, a script page and a link to a host file
    included; another theme folder was not looked at; without the project's hook no check ran in the build at all."""
    repo.write("mkdocs.yml", SHIPPED.replace(old, new))
    expected = [m for m in (str(d) for d in mkdocs_config.problems(repo.path))]
    assert len(expected) == 1 and expected[0].startswith(f"mkdocs.yml:{line}: {message}"), expected
    assert expected[0] in repo.messages()


@pytest.mark.parametrize("hook", ["/tmp/evil.py", "../evil.py", "hooks/../../evil.py", "~/.cache/evil.py", "hooks/sub/x.py",
                                  "hooks/.x.py", "C:/evil.py"])
def test_a_hook_is_a_file_of_the_repositorys_hooks_folder(repo: Repo, hook):
    """A hook is code the build runs, reviewed as code: one outside the repository ran code no commit shows."""
    repo.write("mkdocs.yml", SHIPPED.replace("  - hooks/gazette.py\n", f"  - hooks/gazette.py\n  - {hook}\n"))
    expected = [str(d) for d in mkdocs_config.problems(repo.path)]
    assert expected == [f"mkdocs.yml:11: hooks 中的“{hook}”不是本仓库 hooks/ 文件夹中的文件（其代码不在仓库中，无从审查）"
                        " — 把钩子放进 hooks/，写成 hooks/<名称>.py"]
    assert expected[0] in repo.messages()


UNLISTED = ("不是 mkdocs.yml 列出的钩子：生成网站时 hooks/ 排在 sys.path 最前，它可能代替同名的库被导入（如 yaml.py、markdown.py），"
            "审查时却像一个无用的文件 — 删除它；钩子要在 mkdocs.yml 的 hooks 中列出")


def test_a_file_of_hooks_that_mkdocs_yml_does_not_list_is_refused(repo: Repo):
    """MkDocs puts hooks/ first on sys.path while a hook runs: hooks/opencc.py, hooks/markdown.py or hooks/yaml.py,
    Python source no hook names, was imported in place of the library the hook's package imports."""
    repo.write("mkdocs.yml", SHIPPED)
    for name in ("gazette.py", "opencc.py", "markdown.py", "notes.py"):
        repo.write(f"hooks/{name}", "x = 1\n")
    expected = [str(d) for d in mkdocs_config.problems(repo.path)]
    assert expected == [f"hooks/{name}: hooks/{name} {UNLISTED}" for name in ("markdown.py", "notes.py", "opencc.py")]
    assert set(expected) <= set(repo.messages())


@pytest.mark.parametrize("name", ["yaml", "json", "gongbao", "opencc", "babel", "difflib", "sys"])
def test_a_hook_named_as_a_module_is_refused(repo: Repo, name):
    """Listed, such a hook is still found by every import of that name first made while a hook runs."""
    repo.write("mkdocs.yml", SHIPPED.replace("  - hooks/gazette.py\n", f"  - hooks/gazette.py\n  - hooks/{name}.py\n"))
    repo.write("hooks/gazette.py", "")
    repo.write(f"hooks/{name}.py", "")
    assert [str(d) for d in mkdocs_config.problems(repo.path)] == [
        f"mkdocs.yml:11: 钩子 hooks/{name}.py 与 Python 模块 {name} 同名：生成网站时 hooks/ 排在 sys.path 最前，导入 {name} 的代码会"
        f"得到这个文件，而不是那个模块 — 给钩子换一个不与任何模块同名的名称，如 hooks/gb_{name}.py"]


def test_a_hook_named_as_a_folder_of_the_repository_is_no_module(repo: Repo, monkeypatch):
    """hooks/gazette.py beside gazette/: the repository's top is on sys.path when Python is started there, and its
    gazette/ found as a namespace package, but MkDocs runs without it (PYTHONSAFEPATH)."""
    repo.write("mkdocs.yml", SHIPPED.replace("  - hooks/gazette.py\n", "  - hooks/gazette.py\n  - hooks/gb-x.py\n"))
    repo.write("hooks/gazette.py", "")
    repo.write("hooks/gb-x.py", "")
    monkeypatch.syspath_prepend(str(repo.path))
    monkeypatch.chdir(repo.path)
    assert mkdocs_config.problems(repo.path) == []


def test_the_build_never_imports_an_unlisted_file_of_hooks(site_repo: Repo, tmp_path):
    """hooks/opencc.py ran while hooks/gazette.py was imported (its package imports opencc then): the marker was written."""
    marker = tmp_path / "ran"
    site_repo.write("hooks/opencc.py", f"open({str(marker)!r}, 'w').close()\n")
    with pytest.raises(BuildFailed, match="hooks/opencc.py 不是 mkdocs.yml 列出的钩子"):
        build(site_repo.path, site_repo.path / "site", search_index=False, quiet=True)
    assert not marker.exists() and not (site_repo.path / "site").exists()


@pytest.mark.parametrize("old, new, line, message", [
    ("{case: lower}", "{case: lower, percent_encode: true}", 16, "markdown_extensions 中 toc 的设置与本项目的不同"),
    ("      permalink: false\n", "      permalink: false\n      baselevel: 2\n", 16, "markdown_extensions 中 toc 的设置与本项目的不同"),
    ("use_align_attribute: true", "use_align_attribute: false", 14, "markdown_extensions 中 tables 的设置与本项目的不同"),
    ("  - tables:\n      use_align_attribute: true\n", "  - tables\n", 14, "markdown_extensions 中 tables 的设置与本项目的不同"),
    ("  - toc:\n      permalink: false\n      marker: \"\"\n      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n",
     "", 11, "markdown_extensions 中缺少 toc"),
    # a paragraph [TOC] would be replaced by a copy of every heading: 20,000 of them, gigabytes of page
    ("      marker: \"\"\n", "", 16, "markdown_extensions 中 toc 的设置与本项目的不同"),
    ("  - attr_list\n", "", 11, "markdown_extensions 中缺少 attr_list"),
    (EXTENSIONS, "", 1, "mkdocs.yml 没有写 markdown_extensions"),
])
def test_the_markdown_extensions_are_the_ones_every_locked_page_was_rendered_with(repo: Repo, old, new, line, message):
    """A locked page's hash covers its Markdown, not how it is rendered: another slugify moved the anchors of its
    headings (#问为什么要出台… became #%E9%97%AE…), align attributes became inline styles the CSP drops, a missing
    toc (MkDocs then adds its own, ASCII-only) or attr_list changed every page, and the build published them all."""
    repo.write("mkdocs.yml", SHIPPED.replace(old, new))
    expected = [str(d) for d in mkdocs_config.problems(repo.path)]
    assert len(expected) == 1 and expected[0].startswith(f"mkdocs.yml:{line}: {message}"), expected
    assert expected[0] in repo.messages()


def test_the_shipped_plumbing_passes(repo: Repo):
    repo.write("mkdocs.yml", SHIPPED)
    assert mkdocs_config.problems(repo.path) == [] and not any(m.startswith("mkdocs.yml") for m in repo.messages())


def test_the_build_refuses_another_docs_dir_before_mkdocs_runs(site_repo: Repo):
    (site_repo.path / "other").mkdir()
    (site_repo.path / "other" / "evil.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    site_repo.replace("mkdocs.yml", "docs_dir: content", "docs_dir: other")
    with pytest.raises(BuildFailed, match="docs_dir 应为 content"):
        build(site_repo.path, site_repo.path / "site", search_index=False, quiet=True)
    assert not (site_repo.path / "site").exists()


EXCLUDED = "  gazette.lock.json\n"  # the last line of the shipped exclude_docs (line 12)
NOT_EXCLUDED = "会把 MkDocs 排除的隐藏文件或 templates/ 重新发布，而检查不读它们"


@pytest.mark.parametrize("new, line, message", [
    (EXCLUDED + "  !.*\n", 13, f"exclude_docs 中的“!.*”{NOT_EXCLUDED}"),
    (EXCLUDED + "  !/templates/\n", 13, f"exclude_docs 中的“!/templates/”{NOT_EXCLUDED}"),
    (EXCLUDED + "  *.pdf\n  ! .x\n", 14, f"exclude_docs 中的“! .x”{NOT_EXCLUDED}"),
])
def test_exclude_docs_cannot_put_back_what_mkdocs_and_the_check_leave_out(site_repo: Repo, new, line, message):
    """MkDocs and the check leave out content/'s hidden files and content/templates/; a negation in exclude_docs made
    MkDocs publish them, unread by the check: content/.x/evil.html, script and all, and content/.env."""
    site_repo.replace("mkdocs.yml", EXCLUDED, new)
    assert [m for m in site_repo.messages() if m.startswith("mkdocs.yml")] == [
        f"mkdocs.yml:{line}: {message} — 删去以 ! 开头的这一行：exclude_docs 只能再排除文件，不能取消排除"]


@pytest.mark.parametrize("value", ['"gazette.yml\\u2028!.*"', '!ENV [GB_EXCLUDE, "gazette.yml"]'])
def test_exclude_docs_is_text_read_as_mkdocs_splits_it(repo: Repo, value):
    """MkDocs splits exclude_docs with str.splitlines (U+2028 ends a line), and !ENV reads it from the environment."""
    repo.write("mkdocs.yml", SHIPPED + f"exclude_docs: {value}\n")
    assert [d.line for d in mkdocs_config.problems(repo.path)] == [SHIPPED.count("\n") + 1]


def test_the_build_publishes_no_hidden_file_of_content(site_repo: Repo):
    site_repo.write("content/.x/evil.html", "<script>alert(1)</script>")
    site_repo.write("content/templates/evil.html", "<script>alert(1)</script>")
    site_repo.replace("mkdocs.yml", EXCLUDED, EXCLUDED + "  !.*\n  !/templates/\n")
    with pytest.raises(BuildFailed, match="exclude_docs"):
        build(site_repo.path, site_repo.path / "site", search_index=False, quiet=True)
    assert not (site_repo.path / "site").exists()


@pytest.mark.parametrize("encode, line, message", [
    pytest.param(lambda text: text.encode("gbk"), 2, "文件不是 UTF-8 编码（可能是 GBK）", id="gbk"),  # line 2: site_name
    pytest.param(lambda text: text.encode("utf-16"), 1, "文件是 UTF-16 编码，不是 UTF-8", id="utf16-bom"),  # MkDocs reads it
    pytest.param(lambda text: text.encode().replace(b"# Never published", b"# Never \xff published"), 6,
                 "文件不是 UTF-8 编码（可能是 GBK）", id="byte-in-comment"),
])
def test_a_mkdocs_yml_not_in_utf8_is_one_problem_at_its_line(site_repo: Repo, encode, line, message):
    """Read as nothing, it listed none of content/'s stylesheets and scripts: each was "published unchecked", nine
    errors none of which named mkdocs.yml; and a UTF-16 mkdocs.yml (which MkDocs reads) was built unchecked."""
    site_repo.write("mkdocs.yml", encode((site_repo.path / "mkdocs.yml").read_text(encoding="utf-8")))
    expected = f"mkdocs.yml:{line}: {message} — 用编辑器以 UTF-8 编码重新保存该文件"
    assert [str(d) for d in mkdocs_config.problems(site_repo.path)] == [expected]
    assert [m for m in site_repo.messages() if "[警告]" not in m] == [expected]


@pytest.mark.parametrize("old, new, line, shown", [
    ("  name: material\n", "  name: materail\n", 5, "“materail”"),
    ("theme:\n  name: material\n  custom_dir: overrides\n  font: false\n", "theme: readthedocs\n", 4, "“readthedocs”"),
])
def test_a_theme_other_than_material_is_refused_before_mkdocs_refuses_it_in_english(repo: Repo, old, new, line, shown):
    repo.write("mkdocs.yml", SHIPPED.replace(old, new))
    assert repo.messages() == [f"mkdocs.yml:{line}: theme 的 name 应为 material，而不是{shown}（{'overrides'}/ 的模板只适用于 Material 主题）"
                               " — 改为 name: material"]


FONT = "theme 的 font 应为 false：否则每个页面都从 Google 的服务器（fonts.googleapis.com）加载字体，而本站不连接其他网站 — 写成 font: false"


@pytest.mark.parametrize("old, new, message", [
    ("  font: false            #", "  font: Arial            #", f"mkdocs.yml:19: {FONT}"),
    ("  font: false            #", "  fonts: false            #", f"mkdocs.yml:15: {FONT}"),  # Material's default: Roboto
    ("site_name: 政府公报\n", "site_name:\n",
     "mkdocs.yml:2: mkdocs.yml 要写 site_name（MkDocs 缺了它就不生成；网站显示的名称取自 gazette.yml 的 site.name） — 写成 site_name: 政府公报"),
])
def test_what_mkdocs_would_refuse_or_fetch_from_elsewhere_is_refused_by_the_check(site_repo: Repo, old, new, message):
    """Each passed the check: an empty site_name failed the build in MkDocs' English, a font loaded Google's on every page."""
    path = site_repo.path / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert [m for m in site_repo.messages() if "[警告]" not in m] == [message]


@pytest.mark.parametrize("value", ["https://cdn.example.com/favicon.ico", "//cdn.example.com/favicon.ico", "HTTP://x/y.png"])
def test_a_theme_value_that_leads_to_another_host_is_refused(repo: Repo, value):
    """theme.favicon: https://… passed the check, and every page linked its icon from that host."""
    repo.write("mkdocs.yml", SHIPPED.replace("  custom_dir: overrides\n", f"  custom_dir: overrides\n  favicon: {value}\n"))
    assert repo.messages() == [f"mkdocs.yml:7: theme 的设置值“{value}”指向其他网站，每个页面都会从那里加载它，而本站不连接其他网站"
                               " — 把文件放进 content/，写它在其中的路径（如 assets/favicon.png）"]


def test_a_deleted_mkdocs_yml_is_one_problem_not_each_stylesheet_unlisted(site_repo: Repo):
    (site_repo.path / "mkdocs.yml").unlink()
    (found,) = [m for m in site_repo.messages() if "[警告]" not in m]
    assert found.startswith("mkdocs.yml: 没有 mkdocs.yml，content/ 中的样式、脚本等 ")
    assert found.endswith(" 个文件无人列出 — 用 git 恢复 mkdocs.yml（git checkout -- mkdocs.yml）：生成网站需要它")


def test_a_mkdocs_yml_that_is_not_yaml_is_one_problem_at_its_line(site_repo: Repo):
    """Read as nothing, it listed none of content/'s stylesheets and scripts: nine errors, none naming mkdocs.yml (the
    build refused in MkDocs' English)."""
    path = site_repo.path / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("docs_dir: content", "docs_dir: [content"), encoding="utf-8")
    line = text.split("\n").index("docs_dir: content") + 1  # its own line, not the next, where PyYAML notices it
    (found,) = [m for m in site_repo.messages() if "[警告]" not in m]
    assert found.startswith(f"mkdocs.yml:{line}: mkdocs.yml 无法解析："), found
    assert found.endswith(" — 检查这一行的 YAML 语法（缩进、冒号、引号）")
    assert [str(d) for d in mkdocs_config.problems(site_repo.path)] == [found]


def test_the_build_refuses_a_mkdocs_yml_not_in_utf8_in_our_words(site_repo: Repo):
    site_repo.write("mkdocs.yml", (site_repo.path / "mkdocs.yml").read_text(encoding="utf-8").encode("utf-16"))
    with pytest.raises(BuildFailed, match="mkdocs.yml:1: 文件是 UTF-16 编码，不是 UTF-8"):
        build(site_repo.path, site_repo.path / "site", search_index=False, quiet=True)
    assert not (site_repo.path / "site").exists()
