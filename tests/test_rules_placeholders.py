"""rules/placeholders.py: a scaffold's TODO values and TODO lines are never published."""
import pytest

from conftest import ROOT, Repo

DOC = "gazette/2018/06/xzbf-68.md"
JD = "interpretations/xzbf-68-jd.md"


def test_todo_in_free_text_values(repo: Repo):
    repo.replace(DOC, "title: 关于印发示例办法的通知", "title: TODO：文件完整标题")
    repo.replace(JD, "kind: 文字解读", "kind: 文字解读\nauthor: TODO：解读机关")
    assert repo.messages() == [
        f"{DOC}:2: title 尚未填写（TODO：文件完整标题） — 按提示填写 title，并删去 TODO",
        f"{JD}:6: author 尚未填写（TODO：解读机关） — 按提示填写 author，并删去 TODO",
    ]


def test_todo_in_a_list_and_in_the_body(repo: Repo):
    repo.replace(DOC, "section: 市政府办公室文件", "section: 市政府办公室文件\ntopics: [TODO：主题分类]")
    repo.replace(DOC, "（一）加强统筹。各地各部门要加强统筹。", "  TODO：粘贴正文")
    messages = repo.messages()
    assert f"{DOC}:11: topics 尚未填写（TODO：主题分类） — 按提示填写 topics，并删去 TODO" in messages
    assert f"{DOC}:14: 正文尚未填写（TODO：粘贴正文） — 写好这一处，并删去 TODO 提示；只给编辑看的话写成 <!-- 注释 -->" in messages


BODY_HINT = "写好这一处，并删去 TODO 提示；只给编辑看的话写成 <!-- 注释 -->"


@pytest.mark.parametrize("line", [
    "（一）加强统筹。各部门要在 TODO 日内报送。",     # in the middle of a line
    "（一）加强统筹。期限 todo：待定",               # lower case
    "（一）加强统筹。【TODO】补充期限",              # bracketed
    "（一）加强统筹。[Todo] 补充期限",
    "（一）加强统筹。ＴＯＤＯ补充期限",               # full-width letters
    "（一）加强统筹。T\u200bODO补充期限",            # a zero-width space inside the word
    "- 第一项 TODO",                              # list item
    "> 引用 TODO 核对",                             # block quote
    "| 项目 | TODO |",                             # table cell
    "（一）加强统筹。{: title=\"TODO\" }",          # attribute list
])
def test_todo_anywhere_in_a_body_line(repo: Repo, line):
    line = line.replace("\\u200b", "\u200b")
    repo.replace(DOC, "（一）加强统筹。各地各部门要加强统筹。", line)
    assert repo.messages() == [f"{DOC}:13: 正文尚未填写（{line.strip()}） — {BODY_HINT}"]


@pytest.mark.parametrize("title", ["关于TODO清单的通知", "关于印发示例办法的通知【todo】", "关于印发示例办法的通知（ｔｏｄｏ）"])
def test_todo_anywhere_in_a_value(repo: Repo, title):
    repo.replace(DOC, "title: 关于印发示例办法的通知", f"title: {title}")
    assert repo.messages() == [f"{DOC}:2: title 尚未填写（{title}） — 按提示填写 title，并删去 TODO"]


def test_todo_in_a_correction_record(repo: Repo):
    repo.replace(DOC, "section: 市政府办公室文件", "section: 市政府办公室文件\n"
                 "corrections:\n  - {date: 2018-07-02, change: 第三条 TODO, reason: 排版错误}")
    assert [m for m in repo.messages() if "TODO" in m] == [
        f"{DOC}:11: corrections 尚未填写（第三条 TODO） — 按提示填写 corrections，并删去 TODO"]


def test_todo_in_an_interpretation_and_an_issue_note(repo: Repo):
    repo.replace(JD, "## 一、背景依据", "## 一、背景依据\n\n本节 todo")
    repo.write("gazette/2018/06/index.md", (repo.path / "gazette/2018/06/index.md").read_text(encoding="utf-8") + "本期 TODO\n")
    assert repo.messages() == [
        f"gazette/2018/06/index.md:8: 正文尚未填写（本期 TODO） — {BODY_HINT}",
        f"{JD}:9: 正文尚未填写（本节 todo） — {BODY_HINT}",
    ]


def test_todo_in_a_hand_written_page(repo: Repo):
    repo.write("mkdocs.yml", "site_name: 测试\ndocs_dir: content\nplugins: []\nhooks:\n  - hooks/gazette.py\nnav:\n  - about.md\n"
               + (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nmarkdown_extensions:", 1)[1].split("\n\n")[0]
               .join(("markdown_extensions:", "\n")))
    repo.write("content/about.md", "# 关于本站\n\n联系电话：【TODO】\n")
    assert repo.messages() == ["content/about.md:3: 手写页面尚未填写（联系电话：【TODO】） — 写好这一处，并删去 TODO 提示"]


def test_todo_in_an_editors_note_is_not_published_and_is_fine(repo: Repo):
    repo.replace(DOC, "（一）加强统筹。", "（一）加强统筹。<!-- TODO 核对期限 -->")
    assert repo.messages() == []


@pytest.mark.parametrize("word", ["Mastodon", "todos", "photodocument", "TOD", "ODO"])
def test_latin_words_holding_the_letters_are_not_placeholders(repo: Repo, word):
    repo.replace(DOC, "（一）加强统筹。", f"（一）加强统筹。{word}")
    assert repo.messages() == []


CONFLICT = "<<<<<<< HEAD\n（一）加强统筹。各地各部门要加强统筹。\n=======\n（一）统筹推进。各地各部门要统筹推进。\n>>>>>>> 编辑乙\n"


def test_a_merge_conflict_left_in_a_body_is_never_published(repo: Repo):
    """It is no Markdown error: both versions would be published, the line above ======= as a heading."""
    repo.replace(DOC, "（一）加强统筹。各地各部门要加强统筹。\n", CONFLICT)
    hint = "保留要的版本，删去另一个，以及 <<<<<<<、=======、>>>>>>> 三行标记"
    assert repo.messages() == [f"{DOC}:{line}: 正文中有未解决的 git 合并冲突（<<<<<<< 与 >>>>>>> 之间是两个版本） — {hint}"
                               for line in (13, 17)]


def test_a_merge_conflict_in_front_matter_is_named_at_its_mark(repo: Repo):
    repo.replace(DOC, "status: 执行中\n", "<<<<<<< HEAD\nstatus: 执行中\n=======\nstatus: 已废止\n>>>>>>> 编辑乙\n")
    assert [m.split(" — ")[0] for m in repo.messages()] == [
        f"{DOC}:8: front matter 不是合法的 YAML：有未解决的 git 合并冲突（<<<<<<< 与 >>>>>>> 之间是两个版本）："
        "保留要的版本，删去另一个，以及 <<<<<<<、=======、>>>>>>> 三行标记"]
