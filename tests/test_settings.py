"""gazette.yml: every unusable setting is reported at once, before any content is read."""
import pytest

from conftest import Repo


def problems(repo: Repo, old: str, new: str) -> list[str]:
    repo.replace("gazette.yml", old, new)
    return repo.messages()


def test_the_minimal_settings_are_valid(repo: Repo):
    assert repo.messages() == []


@pytest.mark.parametrize("code, message", [
    ("XZBF", "gazette.yml: issuer_codes 中 锡政办发 的代码 'XZBF' 无效 — 用小写字母开头的小写字母和数字，如 xzbf"),
    ("xz-bf", "gazette.yml: issuer_codes 中 锡政办发 的代码 'xz-bf' 无效 — 用小写字母开头的小写字母和数字，如 xzbf"),
    ("2018", "gazette.yml: issuer_codes 中 锡政办发 的代码 '2018' 无效 — 用小写字母开头的小写字母和数字，如 xzbf"),
    ("id", "gazette.yml: issuer_codes 中 锡政办发 的代码不能是 id — doc/id/ 留给没有文号的文件，换一个代码，如 xzbf"),
])
def test_issuer_code_must_make_a_usable_url(repo: Repo, code, message):
    assert problems(repo, "锡政办发: xzbf", f"锡政办发: '{code}'") == [message]


def test_issuer_code_used_twice(repo: Repo):
    assert problems(repo, "锡政发: xzf", "锡政发: xzbf") == [
        "gazette.yml: issuer_codes 中代码 xzbf 被多个机关代字使用 — 每个机关代字用不同代码"]


def test_issuer_slug_must_make_a_usable_url(repo: Repo):
    assert problems(repo, "无锡市人民政府办公室: wxszfbgs", "无锡市人民政府办公室: 办公室") == [
        "gazette.yml: issuers 中 无锡市人民政府办公室 的代码 '办公室' 无效 — 用小写字母、数字和连字符，如 wxszf"]


def test_every_problem_at_once(repo: Repo):
    repo.replace("gazette.yml", "锡政办发: xzbf", "锡政办发: id")
    assert len(problems(repo, "无锡市人民政府办公室: wxszfbgs", "无锡市人民政府办公室: 办公室")) == 2
