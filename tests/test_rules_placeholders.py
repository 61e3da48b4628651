"""rules/placeholders.py: a scaffold's TODO values and TODO lines are never published."""
from conftest import Repo

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
    assert f"{DOC}:14: 正文尚未填写（TODO：粘贴正文） — 写好这一段，并删去 TODO 提示行" in messages


def test_the_word_todo_inside_text_is_not_a_placeholder(repo: Repo):
    repo.replace(DOC, "title: 关于印发示例办法的通知", "title: 关于TODO清单的通知")
    repo.replace(DOC, "（一）加强统筹。", "（一）本条不含 TODO 占位。")
    assert repo.messages() == []
