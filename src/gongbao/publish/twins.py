"""Machine-readable twins of the site: open data beside every page.

=========================================  =====================================================
file                                       content (schema in ``schemas/``)
=========================================  =====================================================
``doc/xzbf/2018/68/index.json``            the document: metadata, relations, interpretations,
                                           corrections, canonical text, SHA-256 (document.schema.json)
``doc/xzbf/2018/68/index.txt``             the canonical text itself: ``sha256sum`` checks it
``doc/…/jiedu/<slug>/index.json`` + .txt   the same for an interpretation (interpretation.schema.json)
``catalog/documents.json`` / ``.csv``      every published document, one row each (catalogue.schema.json)
``manifest.json``                          URL, number, title and SHA-256 of every published text, drafts,
                                           起草说明 and feedback included (manifest.schema.json)
=========================================  =====================================================

A page's twins are also published beside each earlier URL that leads to it (gongbao.content.redirects.earlier).

Everything is computed from the *public* archive; dates are ISO 8601, URLs absolute (site.url).
"""
from __future__ import annotations

import csv
import functools
import io
import json
import unicodedata
from collections.abc import Callable

from gongbao.content import integrity, redirects, urls, versions
from gongbao.identifiers.filetypes import TYPES
from gongbao.content.model import Archive, Document, Interpretation, published_attachments
from gongbao.content.participation_links import draft_of
from gongbao.content.relations import reverse
from gongbao.content.settings import Settings

LEGAL_FORCE = {"执行中": "InForce", "已修订": "PartiallyInForce", "尚未施行": "NotInForce", "已废止": "NotInForce",
               "已失效": "NotInForce"}
REVERSE_KEYS = {"based_on": "based_on_by", "amends": "amended_by", "repeals": "repealed_by"}
_FORMULA = frozenset("=+-@\t\r")  # what spreadsheet programs read as the start of a formula, after NFKC (cell)
CATALOGUE_JSON, CATALOGUE_CSV, MANIFEST = "catalog/documents.json", "catalog/documents.csv", "manifest.json"
COLLECTION = (CATALOGUE_JSON, CATALOGUE_CSV, MANIFEST)  # the files made from all the twins, in the order made
CSV_COLUMNS = ("url", "number", "id", "title", "issuers", "type", "status", "written", "published", "effective",
               "expires", "issue", "sha256", "json")


def twin_files(path: str) -> tuple[str, str]:
    """The twin's JSON and its canonical text beside the page at ``path``."""
    return path + "index.json", path + "index.txt"


def absolute(settings: Settings, url: str) -> str:
    return (settings.site_url.rstrip("/") or "") + "/" + url


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _ref(ref, archive: Archive, settings: Settings) -> dict:
    target = archive.document(ref)
    return {"ref": str(ref), "url": absolute(settings, urls.document(target, settings.issuer_codes)) if target else None}


def corrections(item, path: str, settings: Settings) -> list[dict]:
    """Each 勘误 as recorded; under the (last) one that replaced a text, that text (``replaced``: its hash, and its URL
    unless the 勘误 withheld a passage of it) and the passages it really changed (``changed``: ``was`` null where withheld
    now; left out when a later 勘误 withheld a passage it may read), computed from the texts (gongbao.content.versions), not
    taken from the record's words."""
    replaced = versions.replaced(item)
    out = []
    for n, c in enumerate(item.corrections, 1):
        out.append({"date": c.date.isoformat(), "change": c.change, "reason": c.reason})
        if (r := replaced.get(n)) is not None:
            sha = r.version.sha256
            out[-1]["replaced"] = {"sha256": sha,
                                   "text_url": absolute(settings, path + versions.path_of(sha)) if r.published else None}
            if not r.hidden:  # a later 勘误 withheld a passage it may read
                out[-1]["changed"] = [{"was": None if p.withheld else p.was, "now": p.now} for p in r.passages]
    return out


def document(doc: Document, archive: Archive, settings: Settings, rev: dict) -> dict:
    """The JSON twin of a document of the public ``archive``."""
    codes = settings.issuer_codes
    path = urls.document(doc, codes)
    issue = archive.issue(doc.issue)
    relations = {key: [_ref(r, archive, settings) for r in getattr(doc, key)] for key in REVERSE_KEYS}
    for key, name in REVERSE_KEYS.items():
        relations[name] = [_ref(o.ref, archive, settings) for o in rev.get(doc.ref, {}).get(key, [])]
    return {
        "kind": "document",
        "url": absolute(settings, path),
        "title": doc.title,
        "number": str(doc.number) if doc.number else None,
        "id": str(doc.id) if doc.id else None,
        "issuers": list(doc.issuers),
        "type": doc.type,
        "status": doc.status,
        "legal_force": LEGAL_FORCE[doc.status],
        "status_basis": doc.status_basis or None,
        "disclosure": doc.disclosure,
        "written": doc.written.isoformat(),
        "published": doc.published.isoformat(),
        "effective": _iso(doc.effective),
        "expires": _iso(doc.expires),
        "language": doc.language,
        "section": doc.section,
        "topics": list(doc.topics),
        "index_number": doc.index_number or None,
        "issue": {"label": issue.label if issue else str(doc.issue), "year": doc.issue.year, "number": doc.issue.number,
                  "url": absolute(settings, urls.issue(doc.issue))},
        "relations": relations,
        "interpretations": [{"title": i.title, "kind": i.kind, "published": i.published.isoformat(),
                             "url": absolute(settings, urls.interpretation(i, codes)),
                             "json": absolute(settings, twin_files(urls.interpretation(i, codes))[0])}
                            for i in archive.interpretations_of(doc)],
        **_consultation(doc, archive, settings),
        **_text(doc, path, settings),
    }


def _consultation(doc: Document, archive: Archive, settings: Settings) -> dict:
    """The 征求意见稿 the document was consulted on and its 意见采纳情况, when published (else null)."""
    draft = draft_of(doc, archive)
    feedback = archive.feedback_of(draft) if draft else None
    return {"draft": absolute(settings, urls.draft(draft)) if draft else None,
            "feedback": absolute(settings, urls.feedback(feedback)) if feedback else None}


def interpretation(item: Interpretation, archive: Archive, settings: Settings) -> dict:
    codes = settings.issuer_codes
    path = urls.interpretation(item, codes)
    doc = archive.document(item.interprets)
    return {
        "kind": "interpretation",
        "url": absolute(settings, path),
        "title": item.title,
        "form": item.kind,
        "published": item.published.isoformat(),
        "author": item.author or None,
        "language": item.language,
        "interprets": {"ref": str(item.interprets), "title": doc.title,
                       "url": absolute(settings, urls.document(doc, codes)),
                       "json": absolute(settings, twin_files(urls.document(doc, codes))[0])},
        **_text(item, path, settings),
    }


def _text(item: Document | Interpretation, path: str, settings: Settings) -> dict:
    """The published text, its hash, corrections and files: what a copy is checked against."""
    return {"corrections": corrections(item, path, settings), "text": integrity.canonical_text(item),
            "sha256": integrity.sha256(item), "text_url": absolute(settings, twin_files(path)[1]),
            "attachments": [{"title": a.title, "name": a.name, "url": absolute(settings, urls.attachment(path, a)),
                             "type": TYPES[a.suffix].mime, "bytes": a.size, "sha256": a.sha256}
                            for a in published_attachments(item)]}


def json_ld(doc: Document, archive: Archive, settings: Settings) -> dict:
    """schema.org ``Legislation`` for the document page."""
    codes = settings.issuer_codes
    issue = archive.issue(doc.issue)
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": doc.title,
        "legislationIdentifier": str(doc.ref),
        "legislationType": doc.type,
        "legislationDate": doc.written.isoformat(),
        "datePublished": doc.published.isoformat(),
        "legislationLegalForce": LEGAL_FORCE[doc.status],
        "legislationPassedBy": [{"@type": "GovernmentOrganization", "name": i} for i in doc.issuers],
        "inLanguage": doc.language,
        "url": absolute(settings, urls.document(doc, codes)),
    }
    if doc.effective:
        data["legislationDateOfApplicability"] = doc.effective.isoformat()
    if doc.expires:
        data["expires"] = doc.expires.isoformat()
    changed = [archive.document(r) for r in (*doc.amends, *doc.repeals)]
    if any(changed):
        data["legislationChanges"] = [absolute(settings, urls.document(t, codes)) for t in changed if t]
    if issue:
        data["isPartOf"] = {"@type": "PublicationIssue", "name": f"{settings.site_name} {issue.label}",
                            "issueNumber": str(issue.key.number), "url": absolute(settings, urls.issue(issue.key))}
    return data


def script_block(data: dict) -> str:
    """JSON inside ``<script type="application/ld+json">``: ``<``, ``>`` and ``&`` escaped, so no
    value (a title with ``</script>``) can end the block or start markup."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>\n'


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _dump_lists(data: dict) -> str:
    """``_dump`` of a dict of plain values and of lists of entries each already laid out (``_laid_out``): the
    catalogue and the manifest, whose entries the preview keeps between edits (``makers``)."""
    def member(key: str) -> str:
        value = data[key]
        value = "[\n" + ",\n".join(value) + "\n  ]" if isinstance(value, list) and value else json.dumps(value, ensure_ascii=False)
        return f"  {json.dumps(key, ensure_ascii=False)}: {value}"
    return "{\n" + ",\n".join(member(key) for key in sorted(data)) + "\n}\n"


def _laid_out(entry: dict) -> str:
    """An entry of a list in ``_dump``'s layout: four spaces in."""
    return "    " + json.dumps(entry, ensure_ascii=False, indent=2, sort_keys=True).replace("\n", "\n    ")


def catalogue_row(doc: Document, settings: Settings, digest=integrity.sha256) -> dict:
    path = urls.document(doc, settings.issuer_codes)
    return {
        "url": absolute(settings, path), "number": str(doc.number) if doc.number else None,
        "id": str(doc.id) if doc.id else None, "title": doc.title, "issuers": list(doc.issuers), "type": doc.type,
        "status": doc.status, "written": doc.written.isoformat(), "published": doc.published.isoformat(),
        "effective": _iso(doc.effective), "expires": _iso(doc.expires), "issue": str(doc.issue),
        "sha256": digest(doc), "json": absolute(settings, twin_files(path)[0]),
    }


def catalogue_csv(lines) -> str:
    """The catalogue's CSV from its rows' lines (``csv_line``): UTF-8 with a BOM (spreadsheet programs need it to
    read Chinese)."""
    return "\ufeff" + ",".join(CSV_COLUMNS) + "\r\n" + "".join(lines)


def csv_line(row: dict) -> str:
    """Issuers joined by 、. A value a spreadsheet would run as a formula (a title =HYPERLINK(…)) starts with '
    there; the JSON keeps it as is."""
    out = io.StringIO()
    csv.DictWriter(out, CSV_COLUMNS, lineterminator="\r\n").writerow(
        {k: cell("、".join(v) if isinstance(v, list) else ("" if v is None else v)) for k, v in row.items()})
    return out.getvalue()


def cell(value):
    """A formula-looking cell quoted with '; its first character folded by NFKC, so every width and compatibility form
    of = + - @ is one (＝, and the small ﹦ ﹢ ﹣ ﹫ a full-width list missed)."""
    return f"'{value}" if isinstance(value, str) and unicodedata.normalize("NFKC", value[:1])[:1] in _FORMULA else value


# The manifest: every published text of the *public* archive with its URL and hash: documents and interpretations,
# drafts, their 起草说明 and feedback (each named by its draft's id, as an interpretation by its document's number).
MANIFEST_HEAD = {
    "algorithm": "sha256",
    "canonical_text": "version 4: title, LF, number or id, LF, then each fact of the page's record as "
                      "'label：value' LF (dates 年-月-日, lists as JSON arrays), LF, then each body line NFC-normalised without "
                      "trailing spaces and tabs (a hard break keeps two), blank lines kept except at the start "
                      "and end, each ending in LF, a withheld passage one placeholder with none of its line breaks; "
                      "published as index.txt beside each page",
}


def manifest_entry(item, settings: Settings, path: str, number, digest=integrity.sha256) -> dict:
    return {"url": absolute(settings, path), "number": str(number), "title": item.title, "sha256": digest(item)}


def makers(archive: Archive, settings: Settings) -> tuple[list, Callable[[dict], dict]]:
    """Every twin, the catalogue and the manifest, for ``render.site``, in parts, so that the preview remakes only the
    twins an edit reaches (gongbao.publish.regenerate): functions → {path: content}, one per document and
    interpretation, and the function making the catalogue and the manifest from the twins' canonical texts (their
    SHA-256), which those made."""
    rev = reverse(archive)
    path = _pages(archive, settings)

    def of_document(doc):
        return dict(zip(twin_files(path[id(doc)]), (_dump(document(doc, archive, settings, rev)),
                                                    integrity.canonical_text(doc))))

    def of_interpretation(item):
        return dict(zip(twin_files(path[id(item)]), (_dump(interpretation(item, archive, settings)),
                                                     integrity.canonical_text(item))))

    # by twin: its JSON and the item's entries in the catalogue and the manifest, kept while the preview keeps these
    # makers: an entry is laid out again only when its twin changed, which shows all it shows (URL, number, title,
    # dates, SHA-256…)
    kept: dict[str, tuple] = {}

    def of_collection(twins: dict) -> dict:
        hashed: dict[str, str] = {}

        def digest(item):  # called only for an entry laid out again: its twin's text is hashed again then only, once
            text = twin_files(path[id(item)])[1]  # for its catalogue row and its manifest entry
            if text not in hashed:
                hashed[text] = integrity.text_sha256(twins[text])
            return hashed[text]

        def entries(item, make) -> tuple:
            twin = twins[twin_files(path[id(item)])[0]]
            last = kept.get(path[id(item)])
            if last is None or last[0] != twin:
                last = kept[path[id(item)]] = (twin, make(item))
            return last[1]

        def of_doc(doc) -> tuple:  # (catalogue order, manifest order, catalogue row as JSON and CSV, manifest entry)
            row = catalogue_row(doc, settings, digest)
            return ((doc.published, str(doc.ref)), str(doc.ref), _laid_out(row), csv_line(row),
                    _laid_out(manifest_entry(doc, settings, path[id(doc)], doc.ref, digest)))

        def of_interpretation(item) -> tuple:
            return path[id(item)], _laid_out(manifest_entry(item, settings, path[id(item)], item.interprets, digest))

        docs = [entries(doc, of_doc) for doc in archive.documents]
        rows = sorted(docs, key=lambda e: e[0])
        lists = {"documents": [e[4] for e in sorted(docs, key=lambda e: e[1])],
                 "interpretations": [e[1] for e in sorted((entries(i, of_interpretation) for i in archive.interpretations),
                                                          key=lambda e: e[0])]}
        for name, url, number in (("drafts", urls.draft, "id"), ("explanations", urls.explanation, "draft"),
                                  ("feedback", urls.feedback, "draft")):  # their twins: participation_twins
            made = [manifest_entry(i, settings, url(i), getattr(i, number)) for i in getattr(archive, name)]
            lists[name] = [_laid_out(e) for e in sorted(made, key=lambda e: e["url"])]
        moved = {old: twins[new] for url, target in redirects.earlier(archive, settings.issuer_codes).items()
                 for old, new in zip(twin_files(url), twin_files(target))}
        return dict(zip(COLLECTION, (_dump_lists({"documents": [e[2] for e in rows]}), catalogue_csv(e[3] for e in rows),
                                     _dump_lists(MANIFEST_HEAD | lists)))) | moved

    return ([functools.partial(of_document, doc) for doc in archive.documents]
            + [functools.partial(of_interpretation, item) for item in archive.interpretations]), of_collection


def paths(archive: Archive, settings: Settings) -> list[str]:
    """The files ``makers`` make, listed without making them: rendering and hashing every text to learn where
    they go would cost a check that asks whether a link's target exists seconds at 10,000 documents."""
    return ([file for page in _pages(archive, settings).values() for file in twin_files(page)] + list(COLLECTION)
            + [file for url in redirects.earlier(archive, settings.issuer_codes) for file in twin_files(url)])


def _pages(archive: Archive, settings: Settings) -> dict[int, str]:
    """By ``id`` of each document and interpretation: the URL of its page, beside which its twin is."""
    codes = settings.issuer_codes
    return ({id(d): urls.document(d, codes) for d in archive.documents}
            | {id(i): urls.interpretation(i, codes) for i in archive.interpretations})
