"""Import of the legacy archive: old web pages saved as text, and plain files with a manifest.

A legacy page looks like the seed: a header block (发布时间 line, then ``文号 | … |`` table rows:
制发机关, 成文日期, 文件状态), the text, the “（此件公开发布）” note and a closing 责编 line. Every
header value is recovered; the note becomes ``disclosure: 主动公开`` and, like the 责编 line
(``editor``), leaves the body. Values that are vocabulary or identifiers (文号, 制发机关, 文件状态,
责编) are stored in Simplified script, the form gazette.yml lists; the text and title stay in the
script they were written in.

The title, in order of preference: the manifest's ``title``; a 标题 header row; for a 印发 notice
(its text says “《X》……印发给你们”) the notice's own title, formed the way such notices are titled:
制发机关 + 关于印发 + X + 的通知 (the seed: 無錫市人民政府辦公室關於印發無錫市全面推進政務公開工作
實施辦法的通知); else a first line that reads as a title (short, no sentence punctuation), which then
leaves the body. Nothing else is guessed: a value that cannot be recovered is written as a
``TODO：`` placeholder, which ``gongbao check`` rejects, and is listed in the summary.

An ``.html`` page is first turned into such text (gongbao.tools.legacyhtml); its lines before the header
block and after the 责编 line (menus, footer) are left out, and the summary says how many.

A manifest (CSV with a header row, or YAML: a list of mappings) gives any front-matter key per
``file`` (文件), and the ``issue`` (期, ``2018/06``) it goes into, so a whole archive imports in one run;
column names may be Chinese (文件, 标题, 文号, 发布日期 …). Its values win over what the page says; a
title is not kept again as the first line of the text; a type the manifest does not give is inferred
from the number and said so. Nothing is dropped silently: every file of the folder is either
imported or listed as skipped, with the reason. A second run adds nothing: a file whose document is
already where the import would put it counts as imported before.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from gongbao.tools import legacyhtml, scaffold
from gongbao.content import loader, source, tree
from gongbao.identifiers.docnumber import DocId, DocNumber, DocRef
from gongbao.content.model import Archive, Issue, IssueKey
from gongbao.rules.pairing import predates_duty
from gongbao.identifiers.script import guess_script, to_simplified
from gongbao.content.diagnostics import ContentError
from gongbao.content.fields import KEY_ALIASES
from gongbao.content.settings import Settings, load as load_settings
from gongbao.identifiers.vocabulary import MUST_BE_INTERPRETED, STATUSES, TYPES, canonical
from gongbao.content.yamlread import load_yaml

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
PAGE_SUFFIXES = (".htm", ".html")
LIST_KEYS = ("issuer", "topics", "based_on", "amends", "repeals")
# Header labels (in Simplified) → front-matter key.
HEADER_LABELS = {
    "文号": "doc_number", "发文字号": "doc_number", "制发机关": "issuer", "发文机关": "issuer", "发布机构": "issuer",
    "成文日期": "written", "发布时间": "published", "发布日期": "published", "文件状态": "status", "效力状态": "status",
    "施行日期": "effective", "有效期至": "expires", "索引号": "index_number", "主题分类": "topics", "标题": "title",
}
DATE_KEYS = ("written", "published", "effective", "expires")
_LABEL = "|".join(sorted(HEADER_LABELS, key=len, reverse=True))
_COLON_ROW = re.compile(rf"^\s*({_LABEL})\s*[:：]\s*(.*)$")
_SEPARATOR = re.compile(r"^[\s|:\-]+$")
_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_NOTE = re.compile(r"^[（(]\s*此件公开发布\s*[）)]$")
_EDITOR = re.compile(r"^责(?:任)?编(?:辑)?\s*[:：]\s*(.+)$")
_TRANSMITTED = re.compile(r"《(?P<title>[^》]+)》[^。]*印发给你们")
_SENTENCE = re.compile(r"[。，,：:；;！？!?]")
_TITLE_MAX = 60
_SPACES = re.compile(r"\s+")
# Manifest columns besides the front-matter keys (and their Chinese names, fields.KEY_ALIASES).
COLUMNS = {"文件": "file", "文件名": "file", "期": "issue", "所属期": "issue", "公报期": "issue"}
SCRIPT_SAMPLE = 2000  # characters enough to tell the script of a text
TYPE_GUESSED = "据文号推定，请核对"  # the comment after a guessed type, where the editor sees it
LISTED = 50  # a longer list of imported files is summed up per issue


class ImportFailed(Exception):
    """The import cannot start (no such folder, issue, manifest); the message says what to do."""


@dataclass
class Legacy:
    """What a legacy page says about itself; values as written (original script)."""

    header: dict[str, str] = field(default_factory=dict)
    body: list[str] = field(default_factory=list)
    disclosed: bool = False
    editor: str = ""


def parse_legacy(text: str) -> Legacy:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    page = Legacy()
    start = 0
    for start, line in enumerate(lines):
        pairs = _header_pairs(line)
        if pairs is None:
            break
        for label, value in pairs:
            page.header.setdefault(HEADER_LABELS[label], value)
    else:
        start = len(lines)
    for line in lines[start:]:
        plain = _closing(line)
        editor = _EDITOR.match(plain)
        if _NOTE.match(plain):
            page.disclosed = True
        elif editor:
            page.editor = editor[1].strip()
        else:
            page.body.append(line.rstrip())
    while page.body and not page.body[0].strip():
        page.body.pop(0)
    while page.body and not page.body[-1].strip():
        page.body.pop()
    return page


def _closing(line: str) -> str:
    """The line in Simplified if it may be the note or the 责编 line, else "": converting every line of
    thousands of pages would cost more than the rest of the import."""
    text = line.strip()
    return to_simplified(text) if text[:1] in "责責" or "此件" in text else ""


def _header_pairs(line: str) -> list[tuple[str, str]] | None:
    """The (label, value) pairs of a header line; [] for a blank or separator line; None for text."""
    plain = to_simplified(line)
    if not plain.strip() or _SEPARATOR.match(plain):
        return []
    if "|" in plain:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        labels = [to_simplified(c) for c in cells[0::2]]
        if labels and all(label in HEADER_LABELS for label in labels):
            return [(label, value) for label, value in zip(labels, cells[1::2]) if value]
        return None
    match = _COLON_ROW.match(plain)
    if match:
        return [(match[1], line[match.start(2):].strip())]  # the value as written, not folded
    return None


def parse_date(text: str) -> str | None:
    match = _DATE.search(str(text))
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return None


@dataclass
class Report:
    imported: list[tuple[str, str]] = field(default_factory=list)        # (source file, new file)
    skipped: list[tuple[str, str]] = field(default_factory=list)         # (source file, reason)
    unfilled: list[tuple[str, list[str]]] = field(default_factory=list)  # (new file, keys left TODO)
    notes: list[tuple[str, str]] = field(default_factory=list)           # (source file, what was done)
    uninterpreted: list[tuple[str, str]] = field(default_factory=list)   # (new file, document number)
    before: list[tuple[str, str]] = field(default_factory=list)          # (source file, file imported by an earlier run)
    late: list[tuple[str, str]] = field(default_factory=list)            # (new file, why its date contradicts its issue)

    def summary(self) -> str:
        again = f"，此前已导入 {len(self.before)} 份（未改动）" if self.before else ""
        out = [f"导入完毕：已导入 {len(self.imported)} 份{again}，跳过 {len(self.skipped)} 份。"]
        sections = (
            ("已导入：", _listed(self.imported)),
            ("跳过（未导入）：", [f"{src}：{reason}" for src, reason in self.skipped]),
            ("说明：", _grouped(self.notes)),
            ("发布日期与所属期不符（gongbao check 会报错）：", [f"{dest}：{why}" for dest, why in self.late]),
            ("待填写（TODO，gongbao check 会报错）：", [f"{dest}：{'、'.join(keys)}" for dest, keys in self.unfilled]),
            ("缺少政策解读（gongbao check 会报错）：",
             [f"{dest}（{ref}）— 运行 gongbao new interpretation --of {ref}" for dest, ref in self.uninterpreted]),
        )
        for heading, items in sections:
            if items:
                out.append(heading)
                out += [f"  {item}" for item in items]
        return "\n".join(out)


def _listed(imported: list[tuple[str, str]]) -> list[str]:
    if len(imported) <= LISTED:
        return [f"{src} → {dest}" for src, dest in imported]
    folders = Counter(dest.rsplit("/", 1)[0] for _, dest in imported)
    return [f"{folder}/：{n} 份" for folder, n in sorted(folders.items())]


def _grouped(notes: list[tuple[str, str]]) -> list[str]:
    """A note many files share (a web site's menus, the same on every page) is said once, with a count."""
    counts = Counter(note for _, note in notes)
    out = [f"{src}：{note}" for src, note in notes if counts[note] <= 3]
    return out + [f"（{n} 份文件）{note}" for note, n in counts.items() if n > 3]


def _column(name) -> str:
    name = to_simplified(str(name).strip())
    return COLUMNS.get(name) or KEY_ALIASES.get(name) or HEADER_LABELS.get(name) or name


# A row is a file's name and a few facts, 0.1-1 KB: 16 MB is tens of thousands of files, more than one import holds.
MAX_MANIFEST_BYTES = 16 * 1024 * 1024


def read_manifest(path: Path) -> dict[str, dict]:
    """file name → metadata. CSV: one row per file, empty cells ignored; YAML: a list of mappings."""
    if not path.is_file():
        raise ImportFailed(f"找不到清单 {path}")
    with path.open("rb") as file:  # never more than the limit and a byte: a manifest of gigabytes was read whole
        data = file.read(MAX_MANIFEST_BYTES + 1)
    if len(data) > MAX_MANIFEST_BYTES:
        raise ImportFailed(f"清单 {path} 过大（超过 {MAX_MANIFEST_BYTES >> 20} MB）— 清单每个文件一行，"
                           "把导入目录分成几批，每批一份清单")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(f"清单 {path} 不是 UTF-8 编码 — 用 UTF-8 重新保存") from None
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(text.splitlines())
        try:
            rows = list(reader)
        except csv.Error as exc:  # a cell past the csv module's limit (128 KB) or a NUL: a traceback before
            raise ImportFailed(f"清单 {path} 第 {reader.reader.line_num} 行无法读取：{exc} — 检查这一行的引号和分隔符") from None
    elif path.suffix.lower() in (".yml", ".yaml"):
        try:
            rows = load_yaml(text)[1] or []
        except yaml.YAMLError as exc:
            raise ImportFailed(f"清单 {path} 不是合法的 YAML：{exc}") from None
    else:
        raise ImportFailed(f"清单 {path} 应为 .csv 或 .yaml 文件")
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ImportFailed(f"清单 {path} 应为表格（CSV）或映射的列表（YAML）")
    rows = [{_column(k): v for k, v in row.items() if k} for row in rows]
    if not all(row.get("file") for row in rows):
        raise ImportFailed(f"清单 {path} 的每一行都要有 file（文件）列：文件名，相对于导入目录")
    out = {}
    for row in rows:
        meta = {k: v for k, v in row.items() if k != "file" and v not in (None, "")}
        for key in LIST_KEYS:
            if isinstance(meta.get(key), str):
                meta[key] = [v.strip() for v in re.split(r"[;；]", meta[key]) if v.strip()]
        out[str(row["file"]).strip()] = meta
    return out


def decode(data: bytes) -> tuple[str | None, str]:
    """Text and a note on its encoding; legacy Chinese files are often GBK (a subset of GB18030)."""
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "原文件为 GBK/GB18030 编码，已转为 UTF-8"
    except UnicodeDecodeError:
        return None, ""


def run(root: Path, folder: Path, key: IssueKey | None, *, manifest: Path | None = None, section: str | None = None,
        progress: Callable[[int, int], None] | None = None) -> Report:
    """Import every file of ``folder`` into ``key``, or into the issue its manifest row names;
    ``progress(done, total)`` after each file."""
    if not folder.is_dir():
        raise ImportFailed(f"找不到导入目录 {folder}")
    unreadable = tree.problems(root)  # a FIFO would block the reader, a link could lead anywhere
    if unreadable:
        raise ImportFailed(str(ContentError(unreadable)))
    try:
        settings = load_settings(root)
    except ContentError as exc:
        raise ImportFailed(str(exc)) from None
    archive = loader.load(root, settings).archive
    if key is not None:
        issue = archive.issue(key)
        if issue is None:
            raise ImportFailed(f"{key} 还不存在 — 先运行 gongbao new issue --year {key.year} --number {key.number}")
        if section and section not in issue.sections:
            raise ImportFailed(f"栏目 {section} 不在 {key} 的 sections 中 — 应为 {'、'.join(issue.sections)} 之一")
    rows = read_manifest(manifest) if manifest else {}
    report = Report()
    taken: dict[DocRef, str] = {d.ref: d.source.path for d in archive.documents}
    # a link is listed to be skipped, never read: unpacked from a legacy archive, it may lead to any file of this
    # machine (~/.ssh/id_rsa), whose text the manifest's row made a document's
    files = sorted(p for p in folder.rglob("*") if (p.is_symlink() or p.is_file()) and not p.name.startswith(".")
                   and (manifest is None or p.resolve() != manifest.resolve()))
    names = {p.relative_to(folder).as_posix() for p in files}
    for name in sorted(set(rows) - names):
        report.skipped.append((name, "清单中列出，但导入目录中没有这个文件"))
    for done, path in enumerate(files, 1):
        name = path.relative_to(folder).as_posix()
        row = dict(rows.get(name, {}))
        target = _issue(archive, row.pop("issue", None), key)
        if path.is_symlink():
            report.skipped.append((name, "是符号链接，未导入（它可能指向本机的任何文件）— 把文件本身复制到导入目录"))
        elif path.suffix.lower() not in TEXT_SUFFIXES + PAGE_SUFFIXES:
            report.skipped.append((name, f"不支持的文件类型 {path.suffix or '（无扩展名）'}：只导入 .txt、.md 和 .html"))
        elif isinstance(target, str):
            report.skipped.append((name, target))
        else:
            _import_one(root, path, name, row, archive, settings, target, section, taken, report)
        if progress:
            progress(done, len(files))
    return report


def _issue(archive: Archive, named, default: IssueKey | None) -> Issue | str:
    """The issue a file goes into, or why it cannot be imported."""
    if named in (None, ""):
        if default is None:
            return "没有指定所属的期 — 在清单的 期（issue）列写明，如 2018/06，或用 --issue 指定"
        return archive.issue(default)
    try:
        key = scaffold.parse_issue(str(named))
    except scaffold.ScaffoldError as exc:
        return str(exc)
    return archive.issue(key) or f"{key} 还不存在 — 先运行 gongbao new issue --year {key.year} --number {key.number}"


def _import_one(root, path, name, row, archive: Archive, settings: Settings, issue: Issue, section, taken, report) -> None:
    with path.open("rb") as file:  # never more than the loader reads of a document: a 5 GB file was read whole
        data = file.read(source.MAX_BYTES + 1)
    if len(data) > source.MAX_BYTES:
        report.skipped.append((name, f"文件过大（超过 {source.MAX_BYTES // 1024} KB，公报文件的上限）— 只保留文件的正文后重新导入"))
        return
    text, note = decode(data)
    if text is None:
        report.skipped.append((name, "无法识别的编码（既不是 UTF-8 也不是 GB18030）— 转为 UTF-8 后重新导入"))
        return
    if note:
        report.notes.append((name, note))
    if "\f" in text or "\v" in text:  # page breaks and Word's line breaks in exported text: the loader refuses them
        text = text.replace("\f", "\n").replace("\v", "\n")
        report.notes.append((name, "原文件中的分页符、手动换行符已换成换行"))
    if path.suffix.lower() in PAGE_SUFFIXES:
        text = _document_part(legacyhtml.page_lines(text), name, report)
    # The text is text, never front matter (it follows the front matter written here): a page whose text began with
    # --- was read as its own, and set any key the manifest did not (disclosure, previous_urls, attachments…)
    page = parse_legacy(text)
    meta = _metadata(page, row, settings, section)
    ref, reason = _reference(meta)
    if ref is None:
        report.skipped.append((name, reason))
        return
    try:
        stem = scaffold.file_stem(ref, settings.issuer_codes)
    except scaffold.ScaffoldError as exc:
        report.skipped.append((name, str(exc)))
        return
    dest = f"{scaffold.issue_folder(issue.key)}/{stem}.md"
    if taken.get(ref) == dest:
        report.before.append((name, dest))
        return
    if ref in taken:
        report.skipped.append((name, f"{ref} 与 {taken[ref]} 重复（已在公报中或本次已导入）"))
        return
    if (root / dest).exists():
        report.skipped.append((name, f"目标文件 {dest} 已存在 — 核对后删除或改名再导入"))
        return
    _drop_repeated_title(page, str(meta["title"]))
    body = "\n\n".join(line.lstrip(" \t") for line in page.body if line.strip())
    guessed = not row.get("type")
    comments = {"type": TYPE_GUESSED} if guessed else {}
    (root / dest).write_text(scaffold.front_matter(meta, comments) + "\n" + body + "\n", encoding="utf-8")
    taken[ref] = dest
    report.imported.append((name, dest))
    if not any(m.get("title") for m in (row, page.header)) and not meta["title"].startswith(scaffold.TODO):
        report.notes.append((name, f"标题系据正文推定：{meta['title']}，请核对"))
    if guessed:
        report.notes.append((name, f"类型系据文号推定为 {meta['type']}，请核对（可在清单的 类型 列写明）"))
    unfilled = [k for k, v in meta.items() if isinstance(v, str) and v.startswith(scaffold.TODO)]
    if unfilled:
        report.unfilled.append((dest, unfilled))
    published = parse_date(meta["published"]) if isinstance(meta.get("published"), str) else None
    if published and published > issue.published.isoformat():
        report.late.append((dest, f"发布日期 {published} 晚于所属 {issue.key} 的出版日期 {issue.published}"
                                  "：核对发布日期（清单的 发布日期 列优先于网页）或所属的期"))
    if (meta.get("type") in MUST_BE_INTERPRETED and not any(i.interprets == ref for i in archive.interpretations)
            and not (published and predates_duty(meta["type"], dt.date.fromisoformat(published), settings))):
        report.uninterpreted.append((dest, str(ref)))


def _drop_repeated_title(page: Legacy, title: str) -> None:
    """A web page shows the title above the text; the title is the front matter's, not a line of it."""
    wanted = _SPACES.sub("", to_simplified(title))
    while page.body and (not page.body[0].strip() or _SPACES.sub("", to_simplified(page.body[0])) == wanted):
        page.body.pop(0)


def _document_part(lines: list[str], name: str, report: Report) -> str:
    """A web page's lines from its header block through its 责编 line; the rest (menus, footer) is
    left out and reported. A page without a header block is kept whole."""
    first = next((i for i, line in enumerate(lines) if _header_pairs(line)), None)
    if first is None:
        return "\n".join(lines)
    editors = [i for i, line in enumerate(lines) if _EDITOR.match(_closing(line))]
    last = editors[-1] if editors and editors[-1] > first else len(lines) - 1
    left_out = first + len(lines) - 1 - last
    if left_out:
        report.notes.append((name, f"网页中表头之前 {first} 行、责编之后 {len(lines) - 1 - last} 行（导航、页脚等）未导入"))
    return "\n".join(lines[first:last + 1])


def _metadata(page: Legacy, given: dict, settings: Settings, section: str | None) -> dict:
    """Front matter from the page's header, then the manifest on top."""
    header = dict(page.header)
    meta: dict = {}
    body_text = "\n".join(page.body)
    language = guess_script(header.get("title", "") + body_text[:SCRIPT_SAMPLE])
    number = header.get("doc_number")
    if number:
        try:
            number = str(DocNumber.parse(number))
        except ValueError:
            pass  # kept as written: check reports it with its own message
    issuer = header.get("issuer")
    meta["title"] = header.get("title") or _title(page, issuer, language)
    if number:
        meta["doc_number"] = number
    meta["issuer"] = to_simplified(issuer) if issuer else None
    meta["type"] = None
    for key in ("written", "published", "effective", "expires"):
        if header.get(key):
            meta[key] = parse_date(header[key]) or header[key]
    status = header.get("status")
    meta["status"] = (canonical(status, STATUSES) or status) if status else None
    meta["disclosure"] = "主动公开" if page.disclosed else None
    meta["section"] = section
    if header.get("index_number"):
        meta["index_number"] = header["index_number"]
    if header.get("topics"):
        meta["topics"] = [t for t in re.split(r"[\s;；、,，]+", to_simplified(header["topics"])) if t]
    if page.editor:
        meta["editor"] = to_simplified(page.editor)
    if language != settings.default_language:
        meta["language"] = language
    for k, v in given.items():
        meta[k] = v
    for key in DATE_KEYS:
        if isinstance(meta.get(key), str):
            meta[key] = parse_date(meta[key]) or meta[key]
    meta["type"] = canonical(str(meta["type"]), TYPES) or meta["type"] if meta.get("type") else _type(meta.get("doc_number"))
    if not meta.get("title") and page.body and _looks_like_title(page.body[0]):
        meta["title"] = page.body.pop(0).strip()
    # Placeholders name no allowed word, so check's did-you-mean does not guess one for the editor.
    placeholders = {
        "title": "文件完整标题", "issuer": "制发机关", "written": "成文日期", "published": "发布日期", "status": "文件状态",
        "disclosure": "公开属性（页面上没有“此件公开发布”标注，请核对）", "section": "栏目（可用 --section 指定）",
    }
    for key, what in placeholders.items():
        if not meta.get(key):
            meta[key] = scaffold.todo(what)
    order = list(loader.DOCUMENT_KEYS)
    filled = sorted(((k, v) for k, v in meta.items() if v not in (None, "", [])),
                    key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
    return dict(filled)


def _title(page: Legacy, issuer: str | None, language: str) -> str | None:
    """The title of a 印发 notice, from the transmittal sentence: 制发机关关于印发X的通知."""
    match = _TRANSMITTED.search(to_simplified("\n".join(page.body[:6])))
    if not (match and issuer):
        return None
    # The title is cut from the original text (same length in both scripts), so its script is kept.
    original = "\n".join(page.body[:6])[match.start("title"):match.end("title")]
    about = "關於印發" if language == "zh-Hant" else "关于印发"
    return f"{issuer}{about}{original}的通知"


def _looks_like_title(line: str) -> bool:
    text = line.strip()
    return 0 < len(text) <= _TITLE_MAX and not _SENTENCE.search(text)


def _type(number: str | None) -> str:
    """规章 are numbered as 政府令; a 函 (a letter) is no normative document; a numbered document is
    otherwise taken as normative (reported, for the editor to correct); unnumbered: other."""
    if not number:
        return "其他文件"
    try:
        parsed = DocNumber.parse(number)
    except ValueError:
        return "规范性文件"
    return "规章" if parsed.year is None else "其他文件" if parsed.agency.endswith("函") else "规范性文件"


def _reference(meta: dict) -> tuple[DocRef | None, str]:
    number, doc_id = meta.get("doc_number"), meta.get("id")
    if number:
        try:
            return DocNumber.parse(str(number)), ""
        except ValueError as exc:
            return None, f"{exc}"
    if doc_id:
        try:
            return DocId.parse(str(doc_id)), ""
        except ValueError as exc:
            return None, str(exc)
    return None, "没有文号也没有 id — 在清单中为它填写 doc_number 或 id"
