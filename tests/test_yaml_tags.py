"""A YAML type tag or a value of a kind no reader takes, on every setting of gazette.yml and every key of front matter:
an error at its line in the form of the others (what is wrong, how to fix it), never a Python repr ({'a'}, b'…',
datetime.date(…), True, None, inf), a traceback, or a set or bytes taken as text (yamlread)."""
import datetime as dt
import re

import pytest

from conftest import Repo, minimal_files
from test_participation import prepo  # noqa: F401 — the minimal repository with drafts, 起草说明, feedback and decisions
from test_settings import BLOCK
from gongbao.content import loader, participation_loader, settings
from gongbao.content.yamlread import Written

REFUSED = {  # a tag that makes a value of no kind the readers take: the file's one YAML error, at its line
    "!!set": "!!set {锡政发, 锡政办发}", "!!omap": "!!omap [a: 1, b: 2]", "!!pairs": "!!pairs [a: 1, a: 2]",
    "!!binary": "!!binary aGVsbG8=", "!!float": "!!float 1.5", "!foo": "!foo x", "!!python/name:os.system": "!!python/name:os.system",
}
READ = [  # read as text, a whole number, true or false, nothing, a list or a mapping, and each reader's checks say the rest
    "!!timestamp 2018-06-05", "!!timestamp 2018-06-05T10:00:00Z", "!!timestamp 2024-02-30", "1.5", ".inf", "-.nan", "1e3",
    "=", "yes", "!!bool no", "!!null ''", "", "[a, 1]", "[yes]", "{a: 1}", "!!str 5", "0128",
]
# What Python, not the editor, writes: a set, bytes, a date or datetime, a tuple, a list or dict repr, True, None, a float's
# inf and nan, a traceback, PyYAML's English
PYTHON = re.compile(r"\{'|\['|\('|\bb'|datetime|\bset\(|\bNone\b|\bTrue\b|\bFalse\b|(?<![.\w])(?:inf|nan)\b|Traceback|object at"
                    r"|could not|expected a|found |invalid literal|for int\(\)")
BLOCK_SET = "issuer_codes: !!set\n  ? 锡政发\n  ? 锡政办发\n"
HINT = "删去 !!set，直接写出值：文字、整数、true 或 false、列表，或 key: value"


def test_a_set_of_issuer_codes_is_told_at_its_line_as_a_setting_is(repo: Repo):
    for written in ("issuer_codes: !!set {锡政发, 锡政办发}\n", BLOCK_SET):
        repo.write("gazette.yml", minimal_files()["gazette.yml"].replace(
            "issuer_codes: {锡政办发: xzbf, 锡政发: xzf, 无锡市人民政府令: wxzfl}\n", written))
        assert repo.messages() == [f"gazette.yml:3: 配置文件无法解析：值前的 !!set 是 YAML 的类型标签，这里不能用 — {HINT}"]
    # written as the hint says, what is still missing is told entry by entry
    repo.write("gazette.yml", minimal_files()["gazette.yml"].replace(
        "issuer_codes: {锡政办发: xzbf, 锡政发: xzf, 无锡市人民政府令: wxzfl}\n", "issuer_codes:\n  锡政发:\n  锡政办发:\n"))
    assert [m for m in repo.messages() if m.startswith("gazette.yml")] == [
        "gazette.yml:4: issuer_codes 中 “锡政发” 的值应为一段文字，而不是空值 — 写成 锡政发: 值",
        "gazette.yml:5: issuer_codes 中 “锡政办发” 的值应为一段文字，而不是空值 — 写成 锡政办发: 值"]


# Every setting, in test_settings' gazette.yml of one line an entry
SETTINGS_KEYS = [key for key in settings.KEYS if key not in settings.SECTIONS] + [
    *settings.SITE_KEYS, "issuers.无锡市人民政府", "issuer_codes.锡政发", "footer.host", "topics.综合政务"]


def _with(key: str, value: str) -> tuple[str, int]:
    """BLOCK with ``key`` (section.name for an entry) set to ``value``, and the line it is on."""
    section, _, name = key.rpartition(".")
    lines = [line for line in BLOCK.splitlines() if section or not line.startswith(f"{key}:")]
    if not section:
        return "\n".join(lines + [f"{key}: {value}"]) + "\n", len(lines) + 1
    if f"{section}:" not in lines:
        lines.append(f"{section}:")
    start = lines.index(f"{section}:")
    at = next((n for n, line in enumerate(lines) if n > start and line.startswith(f"  {name}:")), None)
    if at is None:  # an entry the file has not: the section's first
        at = start + 1
        lines.insert(at, "")
    lines[at] = f"  {name}: {value}"
    return "\n".join(lines) + "\n", at + 1


@pytest.mark.parametrize("key", SETTINGS_KEYS)
def test_every_setting_with_a_refused_tag_is_one_error_at_its_line(repo: Repo, key):
    for tag, value in REFUSED.items():
        text, line = _with(key, value)
        repo.write("gazette.yml", text)
        assert [m for m in repo.messages() if m.startswith("gazette.yml")] == [
            f"gazette.yml:{line}: 配置文件无法解析：值前的 {tag} 是 YAML 的类型标签，这里不能用 — "
            f"删去 {tag}，直接写出值：文字、整数、true 或 false、列表，或 key: value"]


@pytest.mark.parametrize("key", SETTINGS_KEYS)
def test_every_setting_with_a_value_of_another_kind_is_told_without_a_python_repr(repo: Repo, key):
    for value in READ:
        repo.write("gazette.yml", _with(key, value)[0])
        told = [m for m in repo.messages() if m.startswith("gazette.yml")]
        assert not [m for m in told if PYTHON.search(m) or "'" in m], (value, told)
        read, _ = settings.read(repo.path)
        assert all(isinstance(name, str) and isinstance(code, str) and code not in ("None", "True", "False")
                   for section in (read.issuers, read.issuer_codes, read.footer, read.topics) for name, code in section.items())
        assert all(type(day) in (type(None), dt.date) for day in (read.build_date, read.interpretations_required_from))
        assert all(type(days) in (int, Written) for days in (read.grace_days, read.feedback_warn_days, read.feedback_refuse_days))
        assert isinstance(read.strict, bool) and all(isinstance(name, str) for name in (
            read.site_name, read.site_url, read.index_number_pattern, *read.consultation_types, *read.consultation_topics))


FRONT = {"gazette/2018/06/xzbf-68.md": loader.DOCUMENT_KEYS, "interpretations/xzbf-68-jd.md": loader.INTERPRETATION_KEYS,
         "gazette/2018/06/index.md": loader.ISSUE_KEYS, "drafts/open.md": participation_loader.DRAFT_KEYS,
         "explanations/open.md": participation_loader.EXPLANATION_KEYS, "feedback/closed.md": participation_loader.FEEDBACK_KEYS,
         "decisions/2018.md": participation_loader.DECISION_KEYS}


def _front(repo: Repo, path: str, key: str, value: str) -> int:
    """``key: value`` as the last line of the front matter of ``path`` (its own line of it left out); that line."""
    head, body = (repo.path / path).read_text(encoding="utf-8").split("\n---\n", 1)
    kept = re.sub(rf"\n{re.escape(key)}:.*(?:\n(?:  |- ).*)*", "", head)
    repo.write(path, f"{kept}\n{key}: {value}\n---\n{body}")
    return kept.count("\n") + 2


PAGE = "content/about.md"  # a page of content/: its own front matter's reader (rules/handwritten_pages.py)
FRONT[PAGE] = ("title", "hide")


@pytest.fixture
def texts(prepo: Repo) -> Repo:  # noqa: F811 — the fixture imported above
    prepo.write(PAGE, "---\ntitle: 关于本站\n---\n# 关于本站\n")
    return prepo


@pytest.mark.parametrize("path", FRONT)
def test_front_matter_with_a_refused_tag_is_one_error_at_its_line(texts: Repo, path):
    for tag, value in REFUSED.items():
        line = _front(texts, path, "title", value)
        invalid = "不是有效的" if path == PAGE else "不是合法的"
        assert [m for m in texts.messages() if m.startswith(path)] == [
            f"{path}:{line}: front matter {invalid} YAML：值前的 {tag} 是 YAML 的类型标签，这里不能用 — "
            f"删去 {tag}，直接写出值：文字、整数、true 或 false、列表，或 key: value"]


@pytest.mark.parametrize("path, key", [(path, key) for path, keys in FRONT.items() for key in keys])
def test_every_front_matter_key_with_a_value_of_another_kind_is_told_without_a_python_repr(texts: Repo, path, key):
    for value in READ:
        _front(texts, path, key, value)
        assert not [m for m in texts.messages() if PYTHON.search(m)], value


@pytest.mark.parametrize("stages", ["{公众参与: [a]}", "{公众参与: {a: 1}}", "{公众参与: yes}", "{yes: 进行中}",
                                    "{公众参与: !!timestamp 2018-06-05}"])
def test_a_decision_items_stages_of_another_kind_are_told_without_a_python_repr(texts: Repo, stages):
    texts.replace("decisions/2018.md", "stages: {公众参与: 已完成, 专家论证: 已完成, 合法性审查: 进行中}", f"stages: {stages}")
    told = [m for m in texts.messages() if m.startswith("decisions/2018.md")]
    assert told and not [m for m in told if PYTHON.search(m) or "'" in m], told
