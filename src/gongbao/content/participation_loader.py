"""Loading drafts for comment (``drafts/``), their 起草说明 (``explanations/``), their feedback
(``feedback/``) and the decisions catalogue (``decisions/<year>.md``) into the Archive, with one
diagnostic per bad value (gongbao.content.fields).

Each file is read and screened like a document (withholding marks, editors' notes, marks in front
matter: gongbao.content.loader), so nothing withheld reaches a value or a body.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from gongbao.content import redaction
from gongbao.content.diagnostics import Diagnostic
from gongbao.identifiers.chars import quoted
from gongbao.identifiers.docnumber import DocId, parse_reference
from gongbao.content.fields import Fields
# the document loader's screening and reading steps, shared so every kind of content is read alike
from gongbao.content.loader import Loaded, content_files, finish, language, redacted, screened
from gongbao.content.participation import STAGE_STATES, STAGES, DecisionItem, DecisionYear, Draft, Explanation, Feedback
from gongbao.content.settings import Settings, web_url
from gongbao.content.source import read
from gongbao.content.yamlread import described
from gongbao.identifiers.vocabulary import DISCLOSURES, canonical, reason_hint

DRAFTS_DIR, EXPLANATIONS_DIR, FEEDBACK_DIR, DECISIONS_DIR = "drafts", "explanations", "feedback", "decisions"
DRAFT_KEYS = ("title", "id", "consulter", "opens", "closes", "email", "postal", "form_url", "basis", "decision",
              "final", "revises", "disclosure", "disclosure_reason", "language", "corrections")
EXPLANATION_KEYS = ("title", "draft", "disclosure", "disclosure_reason", "language", "corrections")
FEEDBACK_KEYS = ("title", "draft", "published", "comments", "adopted", "channels", "disclosure", "disclosure_reason",
                 "language", "corrections")
DECISION_KEYS = ("year", "title", "published", "items")
ITEM_KEYS = ("id", "title", "responsible", "planned", "stages", "draft", "final")
# An address a reader can write to: no spaces, quotes or angle brackets (it becomes a mailto: link).
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
HTTPS = re.compile(r"https://[^\s\"'<>\\`/]+(?:/[^\s\"'<>\\`]*)?")
ITEM_ID = re.compile(r"[0-9A-Za-z-]{1,32}")


def load(root: Path, settings: Settings, loaded: Loaded) -> None:
    """Adds the participation content of ``root`` to ``loaded`` (its archive and diagnostics)."""
    archive = loaded.archive
    readers = ((DRAFTS_DIR, _draft, archive.drafts), (EXPLANATIONS_DIR, _explanation, archive.explanations),
               (FEEDBACK_DIR, _feedback, archive.feedback), (DECISIONS_DIR, _decisions, archive.decisions))
    for folder, reader, into in readers:
        for rel in content_files(root, folder):
            result = read(root, root / rel)
            loaded.diagnostics += result.diagnostics
            if result.source:
                item = reader(screened(result.source, loaded.diagnostics), settings, loaded.diagnostics)
                if item:
                    into.append(item)
    opening = {d.id: d.opens for d in archive.drafts}  # a 起草说明 is published with its draft
    archive.explanations[:] = [replace(e, published=opening.get(e.draft)) for e in archive.explanations]


def _id(f: Fields, key: str, required: bool, example: str) -> DocId | None:
    value = f.text(key, required, example=example)
    if value is None:
        return None
    try:
        return DocId.parse(value)
    except ValueError as exc:
        f.dropped(key, f"{key}：{exc}", f"改用小写字母、数字和连字符，如 {example}")
        return None


def _disclosure(f: Fields) -> str | None:
    """As for documents: 部分公开 needs marked passages, 主动公开 may have none."""
    disclosure = f.choice("disclosure", DISCLOSURES)
    f.text("disclosure_reason", required=disclosure not in (None, "主动公开"), hint=reason_hint(disclosure))
    marked = redaction.has_marks(f.source.body)
    if disclosure == "部分公开" and not marked:
        f.problem("disclosure", "部分公开，但正文没有标注不予公开的段落", "用【不予公开】……【/不予公开】标出；全文可公开的，改为 主动公开")
    elif disclosure == "主动公开" and marked:
        f.problem("disclosure", "正文标注了不予公开的段落，但公开属性为主动公开", "改为 部分公开 并填写 disclosure_reason")
    return disclosure


def _draft(source, settings: Settings, diagnostics: list[Diagnostic]) -> Draft | None:
    f = Fields(source, "draft")
    disclosure = _disclosure(f)
    source = redacted(source, f)
    title, draft_id = f.text("title", example="《无锡市……办法（征求意见稿）》"), _id(f, "id", True, "2026-zwgk-banfa")
    consulter = f.texts("consulter", required=True, example="无锡市人民政府办公室")
    opens, closes = f.date("opens"), f.date("closes")
    email, postal, form = (f.text(k, False) or "" for k in ("email", "postal", "form_url"))
    if email and not EMAIL.fullmatch(email):
        f.dropped("email", f"email {quoted(email)} 不是电子邮箱地址", "写成 email: zwgk@example.gov.cn（不写 mailto:）")
        email = ""
    if form and not (HTTPS.fullmatch(form) and web_url(form)):  # web_url: no user@ sending the reader elsewhere
        f.dropped("form_url", f"form_url {quoted(form)} 应为 https:// 开头的网址（不含“用户名@”）",
                  "填写外部意见征集系统的 https 网址；本站是静态网站，不收集表单")
        form = ""
    if not (email or postal or form) and "email" not in f.meta and "postal" not in f.meta and "form_url" not in f.meta:
        f.problem(None, "征求意见稿没有写明提出意见的方式", "至少写 email、postal 或 form_url 中的一项")
    final = None
    if f.meta.get("final") not in (None, ""):
        try:
            final = None if (written := f.text("final")) is None else parse_reference(written)  # None: no text, told
        except ValueError as exc:
            f.dropped("final", f"final：{exc}", "填写正式印发文件的文号或 id")
    values = dict(email=email, postal=postal, form_url=form, basis=f.texts("basis", example="锡政办发〔2018〕68号"),
                  decision=f.text("decision", False) or "", final=final,
                  revises=_id(f, "revises", False, "2026-zwgk-banfa"), language=language(f, settings),
                  corrections=f.corrections("corrections"))
    if not finish(f, DRAFT_KEYS, diagnostics, title, draft_id, consulter or None, opens, closes, disclosure):
        return None
    return Draft(source, draft_id, title, consulter, opens, closes, disclosure, **values, unread=frozenset(f.unread))


def _explanation(source, settings: Settings, diagnostics: list[Diagnostic]) -> Explanation | None:
    f = Fields(source, "explanation")
    disclosure = _disclosure(f)
    source = redacted(source, f)
    title = f.text("title", example="关于《……（征求意见稿）》的起草说明")
    draft, lang, corrections = _id(f, "draft", True, "2026-zwgk-banfa"), language(f, settings), f.corrections("corrections")
    if not finish(f, EXPLANATION_KEYS, diagnostics, title, draft, disclosure):
        return None
    return Explanation(source, draft, title, disclosure, lang, corrections, unread=frozenset(f.unread))


def _channels(f: Fields) -> tuple[tuple[str, int], ...]:
    """Each channel and its count; one whose count is no whole number is told and left out, the others kept (the key is
    then unread, as a list fact with an item written wrong: Fields.texts)."""
    value = f.meta.get("channels")
    example = "写成 channels: {电子邮件: 20, 信函: 3, 网上征集系统: 14}"
    if value in (None, "", {}):
        return ()
    if not isinstance(value, dict):
        f.dropped("channels", f"channels 应为 渠道: 条数 的映射，而不是{described(value)}", example)
        return ()
    kept = []
    for name, n in value.items():
        if isinstance(n, int) and not isinstance(n, bool) and n >= 0:
            kept.append((str(name), n))
        else:
            f.dropped("channels", f"channels 中渠道 {described(name)} 的条数应为非负整数，实际为 {described(n)}",
                      example)
    return tuple(kept)


def _feedback(source, settings: Settings, diagnostics: list[Diagnostic]) -> Feedback | None:
    f = Fields(source, "feedback")
    disclosure = _disclosure(f)
    source = redacted(source, f)
    title, draft = f.text("title", example="关于《……（征求意见稿）》意见采纳情况的说明"), _id(f, "draft", True, "2026-zwgk-banfa")
    published, comments, adopted = f.date("published"), f.integer("comments", example="37"), f.integer("adopted", example="12")
    channels, lang, corrections = _channels(f), language(f, settings), f.corrections("corrections")
    if not finish(f, FEEDBACK_KEYS, diagnostics, title, draft, published, comments, adopted, disclosure):
        return None
    return Feedback(source, draft, title, published, comments, adopted, channels, disclosure, lang, corrections,
                    unread=frozenset(f.unread))


def _decisions(source, settings: Settings, diagnostics: list[Diagnostic]) -> DecisionYear | None:
    f = Fields(source, "decisions")
    source = redacted(source, f)
    year, title, published = f.integer("year", example="2026"), f.text("title", example="……年度重大行政决策事项目录"), f.date("published")
    raw = f.meta.get("items")
    if not isinstance(raw, list) or not raw:
        f.problem("items" if "items" in f.meta else None, "决策事项目录没有事项（items）",
                  "写成 items:\n  - {id: 2026-01, title: …, responsible: …, planned: 2026-12-31, stages: {公众参与: 进行中}}")
        raw = []
    items = tuple(i for n, entry in enumerate(raw, 1) if (i := _item(f, n, entry)))
    if not finish(f, DECISION_KEYS, diagnostics, year, title, published):
        return None
    return DecisionYear(source, year, title, published, items)


def _item(f: Fields, n: int, entry) -> DecisionItem | None:
    """One item of the catalogue; its problems are reported at the ``items`` key, naming the item."""
    where = f"items 第 {n} 项"
    if not isinstance(entry, dict):
        f.problem("items", f"{where} 应为映射", "每项写成 - {id: 2026-01, title: …, responsible: …, stages: {…}}")
        return None
    sub = Fields(f.source, "decisions")
    sub.meta, sub._lines = {str(k): v for k, v in entry.items()}, {k: f.line("items") for k in map(str, entry)}
    item_id, title, responsible = sub.text("id", example="2026-01"), sub.text("title"), sub.text("responsible", example="无锡市司法局")
    if item_id and not ITEM_ID.fullmatch(item_id):
        sub.problem("id", f"id {quoted(item_id)} 无效", "用字母、数字和连字符，如 2026-01")
        item_id = None
    planned = sub.date("planned", required=False)
    stages = _stages(sub, entry.get("stages"))
    draft, final = _id(sub, "draft", False, "2026-zwgk-banfa"), None
    if entry.get("final") not in (None, ""):
        try:
            final = None if (written := sub.text("final")) is None else parse_reference(written)  # None: no text, told
        except ValueError as exc:
            sub.problem("final", f"final：{exc}", "填写正式印发文件的文号或 id")
    sub.unknown_keys(ITEM_KEYS)
    for d in sub.diagnostics:  # one item's problems, each naming the item
        f.diagnostics.append(Diagnostic(d.path, f.line("items"), f"{where}：{d.message}", d.hint, rule=d.rule))
    if not (item_id and title and responsible):
        return None
    return DecisionItem(item_id, title, responsible, planned, stages, draft, final, f.line("items"))


def _stages(f: Fields, value) -> tuple[tuple[str, str], ...]:
    value = value if isinstance(value, dict) else {}
    out = []
    for key in value:
        if str(key) not in STAGES:
            f.problem("stages", f"stages 中 {described(key)} 不是决策程序", f"程序为 {'、'.join(STAGES)}")
    for stage in STAGES:
        state = canonical(str(value.get(stage) or "未开始"), STAGE_STATES)
        if state is None:
            f.problem("stages", f"stages 中 {stage} 的状态 {described(value.get(stage))} 无效", f"改为 {'|'.join(STAGE_STATES)} 之一")
            state = "未开始"
        out.append((stage, state))
    return tuple(out)
