"""A city's legacy web archive, for import tests: each document of a synthetic archive of real shape
(gongbao.tools.synthetic, shape="real") as the page its old web site served, and the export of the old
content system as a manifest with Chinese column names.

A page is laid out like the seed (tests/data/000_…txt): site menus, the title, a 发布时间 line, a
``文号 | … |`` table (制发机关, 成文日期, 文件状态), the title again above the text, the text, “（此件公开发布）”
and a 责编 line, then the footer. Traditional documents have Traditional labels; every seventh page
is GBK. Every tenth page went on the web later than the document was published: its 发布时间 is the
posting date, and the manifest's 发布日期 carries the real one. Only what a web site shows becomes a
page: documents withheld in full (不予公开, 依申请公开) were never on it.

Interpretations exist only from ``required_from`` on (the duty, 国办发〔2016〕80号, came in late 2016);
the issues (index.md) are in the repository already, as an editor creates them before importing.
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import io

from gongbao.content import source
from gongbao.tools import synthetic
from gongbao.identifiers.docnumber import DocNumber
from gongbao.identifiers.script import to_traditional

COLUMNS = {"文件": None, "期": None, "标题": "title", "类型": "type", "栏目": "section", "公开属性": "disclosure",
           "不公开理由": "disclosure_reason", "发布日期": None, "施行日期": "effective", "有效期至": "expires",
           "主题分类": "topics", "索引号": "index_number", "依据": "based_on", "修改": "amends", "废止": "repeals"}
ON_THE_WEB = ("主动公开", "部分公开")


def _date(value) -> str:
    return value if isinstance(value, str) else value.isoformat()


def page(meta: dict, body: str, posted: dt.date) -> str:
    hant = meta.get("language") == "zh-Hant"
    label = to_traditional if hant else (lambda text: text)
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in lines)
    rows = [("文号", meta["doc_number"]), ("制发机关", meta["issuer"]),
            ("成文日期", f"{_date(meta['written'])} 10:10:19"), ("文件状态", meta["status"])]
    table = "".join(f"<tr><td>{label(k)}</td><td>{html.escape(label(v) if hant else v)}</td></tr>" for k, v in rows)
    note = f"<p>{label('（此件公开发布）')}</p>" if meta["disclosure"] == "主动公开" else ""
    title = html.escape(meta["title"])
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"<script>var visits = 0;</script><style>p {{ text-indent: 2em }}</style></head><body>"
            f"<div class=\"nav\"><a href=\"/\">{label('首页')}</a> &gt; <a>{label('政务公开')}</a> &gt; <a>{label('政府公报')}</a></div>"
            f"<h1>{title}</h1>"
            f"<div class=\"info\">{label('发布时间')}:{posted.year}年{posted.month:02d}月{posted.day:02d}日 "
            f"{label('文字大小')}: [ {label('大 中 小')} ] {label('浏览次数')}:</div>"
            f"<table>{table}</table><div class=\"content\"><p>{title}</p>\n{paragraphs}{note}"
            f"<p>{label('责编')}:{label('办公室')}</p></div>"
            f"<div class=\"footer\">{label('主办单位')}：{label('无锡市人民政府办公室')}</div></body></html>")


def build(documents: int, required_from: dt.date, seed: int = 1, last: tuple[int, int] = (2019, 12)):
    """(repository files, legacy pages: name → bytes, manifest CSV text, originals: name → (meta, body, issue))."""
    files = synthetic.archive(documents, seed=seed, last=last, shape="real")
    repo = {"gazette.yml": files["gazette.yml"] + f"interpretations_required_from: {required_from.isoformat()}\n"}
    repo |= {p: t for p, t in files.items() if p.startswith("gazette/") and p.endswith("/index.md")}
    published_on: dict[str, str] = {}
    pages, rows, originals = {}, [], {}
    for n, (path, text) in enumerate(sorted(files.items())):
        if not path.startswith("gazette/") or path.endswith("/index.md"):
            continue
        parsed = source.parse(path, text.encode("utf-8")).source
        meta, body = parsed.meta, parsed.body
        published_on[str(DocNumber.parse(meta["doc_number"]))] = _date(meta["published"])
        if meta["disclosure"] not in ON_THE_WEB:
            continue
        late = n % 10 == 0
        published = dt.date.fromisoformat(_date(meta["published"]))
        name = f"{path.split('/')[1]}/{path.rsplit('/', 1)[1][:-3]}.html"
        encoding = "gb18030" if n % 7 == 0 else "utf-8"
        pages[name] = page(meta, body, published + dt.timedelta(days=40) if late else published).encode(encoding)
        row = {"文件": name, "期": "/".join(path.split("/")[1:3]), "发布日期": _date(meta["published"]) if late else ""}
        for column, key in COLUMNS.items():
            if key and meta.get(key) not in (None, ""):
                value = meta[key]
                row[column] = ";".join(value) if isinstance(value, list) else _date(value)
        rows.append(row)
        originals[name] = (meta, body, row["期"])
    for path, text in files.items():
        if path.startswith("interpretations/"):
            interprets = source.parse(path, text.encode("utf-8")).source.meta["interprets"]
            if published_on.get(str(DocNumber.parse(interprets)), "") >= required_from.isoformat():
                repo[path] = text
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return repo, pages, out.getvalue(), originals
