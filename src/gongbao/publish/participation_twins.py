"""Machine-readable files of public participation, from the *public* archive only.

=============================================  ==================================================
file                                           content (schema in ``schemas/``)
=============================================  ==================================================
``draft/<id>/index.json`` + ``index.txt``      a draft: period, channels, links, canonical text,
                                               SHA-256 (draft.schema.json)
``draft/<id>/explanation/index.json`` + .txt   its 起草说明: text, SHA-256 (explanation.schema.json)
``draft/<id>/feedback/index.json`` + .txt      its feedback: counts, channels (feedback.schema.json)
``decisions/<year>/decisions.json`` / ``.csv`` the year's decisions catalogue (decisions.schema.json)
``feeds/consultations.xml``                    Atom: drafts by opening date, with their period
=============================================  ==================================================
"""
from __future__ import annotations

import csv
from collections.abc import Callable
from functools import cache, partial
import io
import json

from gongbao.content import integrity, urls
from gongbao.publish.feeds import FEED_SIZE, entry, feed
from gongbao.content.model import Archive
from gongbao.content.participation import Draft, Explanation, Feedback
from gongbao.publish.render import ui
from gongbao.content.participation_links import final_of
from gongbao.publish.render.decisions import OPEN_DATA, draft_of_item, final_of_item
from gongbao.content.settings import Settings
from gongbao.publish import twins
from gongbao.publish.twins import absolute, cell, twin_files

FEED = "feeds/consultations.xml"
DECISION_COLUMNS = ("id", "title", "responsible", "planned", "公众参与", "专家论证", "合法性审查", "风险评估", "集体讨论决定",
                    "draft", "feedback", "final")


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _url_of(settings: Settings, path: str | None) -> str | None:
    return absolute(settings, path) if path else None


def _text(item, path: str, settings: Settings) -> dict:
    return {"corrections": twins.corrections(item, path, settings),
            "text": integrity.canonical_text(item), "sha256": integrity.sha256(item),
            "text_url": absolute(settings, twin_files(path)[1])}


def draft(item: Draft, archive: Archive, settings: Settings) -> dict:
    path, final, feedback = urls.draft(item), final_of(item, archive), archive.feedback_of(item)
    explanation = archive.explanation_of(item)
    return {
        "kind": "draft", "url": absolute(settings, path), "id": str(item.id), "title": item.title,
        "consulter": list(item.consulter), "opens": item.opens.isoformat(), "closes": item.closes.isoformat(),
        "channels": {"email": item.email or None, "postal": item.postal or None, "form_url": item.form_url or None},
        "basis": list(item.basis), "decision": item.decision or None, "language": item.language,
        "disclosure": item.disclosure,
        "revises": _url_of(settings, urls.draft(archive.draft(item.revises)) if item.revises and archive.draft(item.revises) else None),
        "final": _url_of(settings, urls.document(final, settings.issuer_codes) if final else None),
        "feedback": _url_of(settings, urls.feedback(feedback) if feedback else None),
        "explanation": _url_of(settings, urls.explanation(explanation) if explanation else None),
        **_text(item, path, settings),
    }


def explanation(item: Explanation, archive: Archive, settings: Settings) -> dict:
    path = urls.explanation(item)
    return {
        "kind": "explanation", "url": absolute(settings, path), "title": item.title,
        "draft": absolute(settings, urls.draft(archive.draft(item.draft))), "language": item.language,
        **_text(item, path, settings),
    }


def feedback(item: Feedback, archive: Archive, settings: Settings) -> dict:
    path = urls.feedback(item)
    return {
        "kind": "feedback", "url": absolute(settings, path), "title": item.title, "published": item.published.isoformat(),
        "draft": absolute(settings, urls.draft(archive.draft(item.draft))), "comments": item.comments,
        "adopted": item.adopted, "channels": dict(item.channels), "language": item.language,
        **_text(item, path, settings),
    }


def decision_rows(year, archive: Archive, settings: Settings) -> list[dict]:
    rows = []
    for item in year.items:
        draft_ = draft_of_item(item, archive)
        feedback_ = archive.feedback_of(draft_) if draft_ else None
        final = final_of_item(item, archive)
        rows.append({"id": item.id, "title": item.title, "responsible": item.responsible,
                     "planned": item.planned.isoformat() if item.planned else None, **dict(item.stages),
                     "draft": _url_of(settings, urls.draft(draft_) if draft_ else None),
                     "feedback": _url_of(settings, urls.feedback(feedback_) if feedback_ else None),
                     "final": _url_of(settings, urls.document(final, settings.issuer_codes) if final else None)})
    return rows


def decisions_csv(rows: list[dict]) -> str:
    """As the documents catalogue: UTF-8 with a BOM, formula-looking cells quoted with '."""
    out = io.StringIO()
    writer = csv.DictWriter(out, DECISION_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: cell("" if v is None else v) for k, v in row.items()})
    return "\ufeff" + out.getvalue()


def files(public: Archive, settings: Settings) -> dict[str, str]:
    """Generator for ``render.site``."""
    return {path: make() for path, make in _planned(public, settings).items()}


def paths(public: Archive, settings: Settings) -> list[str]:
    """The files ``files`` makes, listed without making them (a check asking whether a link's target exists)."""
    return list(_planned(public, settings))


def _planned(public: Archive, settings: Settings) -> dict[str, Callable[[], str]]:
    """Each file's path → the function making it."""
    out = {}
    for item, path in urls.participation_texts(public):
        json_file, text_file = twin_files(path)
        out[json_file] = partial(_twin_json, item, public, settings)
        out[text_file] = partial(integrity.canonical_text, item)
    for year in public.decisions:
        rows = cache(partial(decision_rows, year, public, settings))  # for both files, made once
        path = urls.decisions_year(year.year)
        out[path + OPEN_DATA[0]] = partial(_decisions_json, year, rows)
        out[path + OPEN_DATA[1]] = partial(_decisions_csv, rows)
    if settings.site_url and public.drafts:
        out[FEED] = partial(consultations_feed, public, settings)
    return out


_TWINS = {Draft: draft, Explanation: explanation, Feedback: feedback}


def _twin_json(item, public: Archive, settings: Settings) -> str:
    return _dump(_TWINS[type(item)](item, public, settings))


def _decisions_json(year, rows: Callable[[], list[dict]]) -> str:
    return _dump({"year": year.year, "title": year.title, "published": year.published.isoformat(), "items": rows()})


def _decisions_csv(rows: Callable[[], list[dict]]) -> str:
    return decisions_csv(rows())


def consultations_feed(public: Archive, settings: Settings) -> str:
    base = settings.site_url.rstrip("/") + "/"
    drafts = sorted(public.drafts, key=lambda d: (d.opens, str(d.id)), reverse=True)[:FEED_SIZE]
    entries = []
    for d in drafts:
        summary = f"{ui.t('征求意见期限')}：{d.opens.isoformat()} — {d.closes.isoformat()}｜{'、'.join(d.consulter)}"
        entries.append(entry(base + urls.draft(d), d.title, d, d.consulter, summary, ui.t("征求意见稿")))
    return feed(base, FEED, f"{settings.site_name}：{ui.t('征求意见')}", settings, entries)
