"""rules/aspects.py: a comprehensive interpretation covers the nine aspects (warning; error with strict: true)."""
import pytest

from conftest import INTERPRETATION, SETTINGS, Repo

JD = "interpretations/xzbf-68-jd.md"
HINT = "为每个方面加一个标题，如 ## 一、背景依据"


def test_missing_aspect_is_a_warning(repo: Repo):
    repo.replace(JD, "## 七、关键词诠释\n", "")
    assert repo.messages() == [f"{JD}:7: [警告] 文字解读缺少以下方面的标题：关键词诠释 — {HINT}"]
    assert repo.check().ok


def test_missing_aspects_are_an_error_in_strict_mode(repo: Repo):
    repo.write("gazette.yml", SETTINGS + "strict: true\n")
    repo.replace(JD, "## 七、关键词诠释\n## 八、惠民利民举措\n", "")
    assert repo.messages() == [f"{JD}:7: 文字解读缺少以下方面的标题：关键词诠释、惠民利民举措 — {HINT}"]
    assert not repo.check().ok


def test_expert_interpretation_is_held_to_the_nine_aspects(repo: Repo):
    repo.write(JD, INTERPRETATION.replace("文字解读", "专家解读").replace("## 九、新旧政策差异\n", ""))
    assert repo.messages() == [f"{JD}:7: [警告] 专家解读缺少以下方面的标题：新旧政策差异 — {HINT}"]


@pytest.mark.parametrize("kind", ["问答", "图解", "媒体解读", "视频解读"])
def test_partial_kinds_are_not_held_to_it(repo: Repo, kind):
    repo.write("interpretations/more.md", f"---\ntitle: 问与答\ninterprets: 锡政办发〔2018〕68号\npublished: 2018-06-05\nkind: {kind}\n---\n问：什么？\n")
    assert repo.messages() == []


def test_aspects_as_plain_official_headings_and_traditional_script(repo: Repo):
    body = "一、背景依據\n二、目標任務\n三、主要內容\n四、涉及範圍\n五、執行標準\n六、注意事項\n七、關鍵詞詮釋\n八、惠民利民舉措\n九、新舊政策差異\n"
    repo.write(JD, INTERPRETATION.split("## 一")[0] + body)
    assert repo.messages() == []


def test_aspect_words_in_a_paragraph_do_not_count(repo: Repo):
    repo.write(JD, INTERPRETATION.split("## 一")[0] + "本解读介绍背景依据、目标任务、主要内容、涉及范围、执行标准、注意事项、关键词诠释、惠民利民举措和新旧政策差异。\n")
    assert repo.messages() == [
        f"{JD}:7: [警告] 文字解读缺少以下方面的标题：背景依据、目标任务、主要内容、涉及范围、执行标准、注意事项、关键词诠释、惠民利民举措、新旧政策差异 — {HINT}"]
