"""主题分类 from the configured taxonomy, 索引号 in the site's format."""
import random
from types import SimpleNamespace

import pytest

from conftest import Repo
from deadline import within
from gongbao.content.settings import Settings
from gongbao.content.source import Source
from gongbao.identifiers.taxonomy import DEFAULT_TOPICS, Taxonomy
from gongbao.rules import topics

DOC = "gazette/2018/06/xzbf-68.md"


def test_default_taxonomy_is_the_22_national_classes_with_other_last():
    assert len(DEFAULT_TOPICS) == 22
    assert list(DEFAULT_TOPICS)[:2] == ["国务院组织机构", "综合政务"]
    assert list(DEFAULT_TOPICS)[-1] == "其他"
    assert len(set(DEFAULT_TOPICS.values())) == 22


def test_a_topic_is_matched_in_either_script():
    assert Taxonomy.of({}).canonical("財政、金融、審計") == "财政、金融、审计"


def test_known_topic_is_clean(repo: Repo):
    repo.replace(DOC, "section:", "topics: [综合政务, 财政、金融、审计]\nsection:")
    assert repo.messages() == []
    assert repo.check().archive.documents[0].topics == ("综合政务", "财政、金融、审计")


def test_unknown_topic_names_the_class_it_belongs_to(repo: Repo):
    repo.replace(DOC, "section:", "topics: [财政]\nsection:")
    assert repo.messages() == [
        f'{DOC}:10: 主题分类“财政”不在分类表中（是否应为 财政、金融、审计？） — '
        "改为分类表中的类目（如 财政、金融、审计），或在 gazette.yml 的 topics 下加入该类目"
    ]


def test_a_site_may_configure_its_own_taxonomy(repo: Repo):
    repo.replace("gazette.yml", "issuers:", "topics: {政务公开: zwgk, 其他: qt}\nissuers:")
    repo.replace(DOC, "section:", "topics: [政务公开]\nsection:")
    assert repo.messages() == []
    repo.replace(DOC, "topics: [政务公开]", "topics: [综合政务]")
    assert [m.split(" — ")[0] for m in repo.messages()] == [
        f'{DOC}:10: 主题分类“综合政务”不在分类表中（是否应为 政务公开？）']


def test_bad_topic_slugs_are_configuration_errors(repo: Repo):
    repo.replace("gazette.yml", "issuers:", "topics: {政务公开: 政务, 其他: qt, 国防: qt}\nissuers:")
    assert [m.split(" — ")[0] for m in repo.messages()] == [
        "gazette.yml:2: topics 中 “政务公开” 的代码 “政务” 无效",
        "gazette.yml:2: topics 中代码 “qt” 被多个主题分类使用",
    ]


def test_index_number_must_match_the_configured_format(repo: Repo):
    repo.replace("gazette.yml", "issuers:", "index_number_pattern: '\\d{9}/\\d{4}-\\d{5}'\nissuers:")
    repo.replace(DOC, "section:", "index_number: 014000000/2018-00068\nsection:")
    assert repo.messages() == []
    repo.replace(DOC, "014000000/2018-00068", "014000000-2018-68")
    assert repo.messages() == [
        f'{DOC}:10: 索引号“014000000-2018-68”不符合本站格式 \\d{{9}}/\\d{{4}}-\\d{{5}} — '
        "按 gazette.yml 的 index_number_pattern 填写，或删去 index_number"
    ]


def test_without_a_format_any_index_number_is_accepted(repo: Repo):
    repo.replace(DOC, "section:", "index_number: 随便写\nsection:")
    assert repo.messages() == []


def test_a_broken_format_is_a_configuration_error(repo: Repo):
    repo.replace("gazette.yml", "issuers:", "index_number_pattern: '(\\d'\nissuers:")
    assert repo.messages()[0].startswith("gazette.yml:2: index_number_pattern 不是有效的正则表达式")


@pytest.mark.parametrize("pattern, why", [
    (r"^(\d+)+$", "在重复中又有重复"), (r"^(?:\d+-){2,}\d+$", "在重复中又有重复"), (r"(?>\d+)*", "在重复中又有重复"),
    (r"(?=(a+)+)", "在重复中又有重复"), (r"^(\d|\d\d)*$", "在重复中有“或”分支"), (r"(\d+)-\1", "引用了前面的分组"),
    ("\\d" * 101, "超过 200 个字符")])
def test_a_format_that_could_backtrack_for_ever_is_refused_at_once(repo: Repo, pattern, why):
    repo.replace("gazette.yml", "issuers:", f"index_number_pattern: '{pattern}'\nissuers:")
    repo.replace(DOC, "section:", "index_number: " + "1" * 40 + "x\nsection:")  # what would make (\d+)+ run for ages
    with within(5):
        messages = repo.messages()
    assert messages[0] == (f"gazette.yml:2: index_number_pattern {why}，匹配时间可能呈指数增长，检查会停不下来 — "
                           r"索引号格式用简单的写法，例如 ^\d{9}/\d{4}-\d{5}$")


@pytest.mark.parametrize("pattern", [r"^\d{9}/\d{4}-\d{5}$", r"^(?:\d{3}-)*\d+$", r"^[0-9A-Z]{9}/\d{4}-(?:\d{5}|\d{6})$"])
def test_ordinary_formats_are_accepted(repo: Repo, pattern):
    repo.replace("gazette.yml", "issuers:", f"index_number_pattern: '{pattern}'\nissuers:")
    assert not [m for m in repo.messages() if m.startswith("gazette.yml")]


def _plain_topics(ctx):
    """rules/topics.py's definition: each topic of each document looked up in the taxonomy."""
    taxonomy = Taxonomy.of(ctx.settings.topics)
    for doc in ctx.archive.documents:
        for topic in doc.topics:
            if taxonomy.canonical(topic) is None:
                guess = taxonomy.suggest(topic)
                yield doc.source.path, doc.source.line_of("topics"), topic, guess


@pytest.mark.parametrize("seed", range(5))
def test_each_topic_is_judged_as_looked_up_alone(seed):
    """The rule looks each distinct value up once: what it finds is what looking up every topic finds."""
    rng = random.Random(seed)
    values = [*DEFAULT_TOPICS, "財政、金融、審計", " 其他 ", "财政", "教育", "政务公开", ""]
    documents = [SimpleNamespace(topics=tuple(rng.choice(values) for _ in range(rng.randrange(4))),
                                 source=Source(f"gazette/{n}.md", {}, {"topics": rng.randrange(2, 20)}, "", 20))
                 for n in range(300)]
    ctx = SimpleNamespace(archive=SimpleNamespace(documents=documents),
                          settings=Settings(topics=rng.choice([None, {"政务公开": "zwgk", "其他": "qt"}])))
    found = list(topics.check(ctx))
    plain = list(_plain_topics(ctx))
    assert plain and [(d.path, d.line) for d in found] == [(path, line) for path, line, _, _ in plain]
    assert all(f'“{topic}”' in d.message and (guess or "") in d.message for d, (_, _, topic, guess) in zip(found, plain))


@pytest.mark.parametrize("written, meant", [
    ("０14000000/2018-00068", "014000000/2018-00068"),  # a full-width digit, as an IME gives it
    ("014000000/２０１８-０００６８", "014000000/2018-00068"),
    ("014000000/2018-٠٠٠٦٨", "014000000/2018-00068"),  # Arabic-Indic
    ("०१४000000/2018-00068", "014000000/2018-00068"),  # Devanagari
])
def test_an_index_number_with_other_digits_is_not_of_the_format(repo: Repo, written, meant):
    """\\d in the format is an ASCII digit, as an office writing it means (re's own \\d takes any script's digits)."""
    repo.replace("gazette.yml", "issuers:", "index_number_pattern: '\\d{9}/\\d{4}-\\d{5}'\nissuers:")
    repo.replace(DOC, "section:", f"index_number: {written}\nsection:")
    assert repo.messages() == [
        f'{DOC}:10: 索引号“{written}”不符合本站格式 \\d{{9}}/\\d{{4}}-\\d{{5}}（含全角或其他文字的数字，是否应为 {meant}？） — '
        "按 gazette.yml 的 index_number_pattern 填写，或删去 index_number"]


def test_a_format_with_chinese_words_and_ascii_classes_matches_as_written(repo: Repo):
    repo.replace("gazette.yml", "issuers:", "index_number_pattern: '锡政\\w{2}〔\\d{4}〕\\s?第\\d+号'\nissuers:")
    repo.replace(DOC, "section:", "index_number: 锡政ab〔2018〕 第68号\nsection:")
    assert repo.messages() == []
    repo.replace(DOC, "锡政ab〔2018〕 第68号", "锡政办发〔2018〕\u3000第68号")  # \w and \s are ASCII too: 办发, U+3000
    assert [m.split(" — ")[0] for m in repo.messages()] == [f'{DOC}:10: 索引号“锡政办发〔2018〕\\u3000第68号”不符合本站格式 锡政\\w{{2}}〔\\d{{4}}〕\\s?第\\d+号']


@pytest.mark.parametrize("flag", ["(?u)", "(?L)"])  # Unicode classes, which re.ASCII refuses; a locale, which text refuses
def test_a_format_asking_for_other_classes_is_a_configuration_error(repo: Repo, flag):
    repo.replace("gazette.yml", "issuers:", f"index_number_pattern: '{flag}\\d{{9}}'\nissuers:")
    assert repo.messages()[0].startswith("gazette.yml:2: index_number_pattern 不是有效的正则表达式")
