"""Loading a gazette repository into an Archive, collecting every problem on the way."""
from __future__ import annotations

import os
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from gongbao.content import attachments, encoding, lookalikes, notes, redaction, tree, watchdog, withdrawn, yamlread
from gongbao.content.diagnostics import Diagnostic, Problem
from gongbao.identifiers import chars
from gongbao.identifiers.docnumber import DocId, DocRef, parse_reference
from gongbao.content.fields import KEY_ALIASES, Fields
from gongbao.content.model import (Archive, Changed, Document, Interpretation, Issue, IssueKey, Uncounted, Unmade,
                                   Unnumbered)
from gongbao.content.settings import Settings
from gongbao.content.removed import Removed
from gongbao.content.source import ReadResult, Source, read, read_at
from gongbao.identifiers.vocabulary import (
    DISCLOSURES,
    KINDS,
    LANGUAGES,
    MUST_BE_INTERPRETED,
    STATUSES,
    TYPES,
    reason_hint,
)

GAZETTE_DIR = "gazette"
INTERPRETATIONS_DIR = "interpretations"
ISSUE_FILE = "index.md"

ISSUE_KEYS = ("year", "number", "total_number", "published", "sections")
DOCUMENT_KEYS = (
    "title", "doc_number", "id", "issuer", "type", "written", "published", "effective", "expires", "status", "status_basis",
    "disclosure", "disclosure_reason", "section", "topics", "index_number", "editor", "language",
    "based_on", "amends", "repeals", "corrections", "previous_urls", "attachments", "draft",
)
INTERPRETATION_KEYS = ("title", "interprets", "published", "kind", "author", "slug", "language", "corrections",
                       "previous_urls", "images")


@dataclass
class Loaded:
    archive: Archive
    diagnostics: list[Diagnostic] = field(default_factory=list)


def content_files(root: Path, folder: str) -> list[str]:
    """The .md files under ``root/folder`` (symbolic links included), relative to ``root`` (POSIX), in path order.

    A linked folder that leads out of the repository is listed itself, not entered: reading it
    reports the link (source.read). A folder reached a second time through a link is not read
    again, so a link to a parent folder cannot make the walk endless. (Plain strings, not Paths:
    at 10,000 documents making Paths was a third of a check that reuses its cache.)
    """
    found = []
    inside, seen, skip = os.path.realpath(root), set(), len(os.path.join(root, ""))
    # os.walk rather than Path.rglob + is_file: the directory listing already tells files from folders.
    for parent, dirs, names in os.walk(os.path.join(root, folder), followlinks=True):
        real = os.path.realpath(parent)
        if real in seen:
            dirs.clear()
            continue
        seen.add(real)
        rel = parent[skip:].replace(os.sep, "/")
        for name in [d for d in dirs if os.path.islink(os.path.join(parent, d))]:
            if not Path(os.path.realpath(os.path.join(parent, name))).is_relative_to(inside):
                dirs.remove(name)
                found.append(f"{rel}/{name}")
        found += [f"{rel}/{n}" for n in names if n.endswith(".md")]
    return sorted(found, key=lambda p: p.split("/"))


@dataclass(frozen=True)
class FileResult:
    """What one content file gives the archive: its entry (None when it has errors), every problem found
    in it, the refs a document with errors declares and the attachment files it names."""
    item: Issue | Document | Interpretation | None
    diagnostics: tuple[Diagnostic, ...]
    unloaded: frozenset = frozenset()
    files: frozenset[str] = frozenset()


class Memo(Protocol):
    """Results of files read before (gongbao.publish.filecache): ``place`` is all a result depends on
    besides the file's bytes, the settings and the code."""

    def recall(self, rel: str, place: str) -> FileResult | None: ...

    def keep(self, rel: str, place: str, result: FileResult) -> None: ...


ISSUE, INTERPRETATION, OUTSIDE = "issue", "interpretation", "outside"  # a document's place: its issue


Job = tuple[str, str, IssueKey | None]  # a file to make: its path, its place and, for a document, its issue's key
# How the files not recalled are made: each job to its FileResult, in order.
Make = Callable[[Path, Settings, list[Job]], list[FileResult]]


def load(root: Path, settings: Settings, memo: Memo | None = None, scanned: tree.Scan | None = None,
         make: Make | None = None) -> Loaded:
    """``scanned``: the walk that found the repository safe (gongbao.content.tree), whose listing is used
    when it followed no link (else the files are listed here, as a link may lead to a folder twice).
    ``make``: how the files the memo does not recall are made (default ``made_here``; gongbao.publish.parallel)."""
    loaded = Loaded(Archive())
    make = make or made_here

    def listed(folder: str) -> list[str]:
        return scanned.listed(folder, ".md") if scanned and not scanned.linked else content_files(root, folder)

    gazette_files = listed(GAZETTE_DIR)
    results: list[FileResult] = []

    def add(jobs: list[Job]) -> list[FileResult]:
        recalled = [memo.recall(rel, place) if memo else None for rel, place, _ in jobs]
        made = iter(make(root, settings, [job for job, result in zip(jobs, recalled) if result is None]))
        for (rel, place, _), result in zip(jobs, recalled):
            if result is None:
                result = next(made)
                if memo:
                    memo.keep(rel, place, result)
            results.append(result)
        return results[len(results) - len(jobs):]

    # Every folder with an index.md is an issue (its key, None when that file has errors, reported already),
    # and the place of its documents.
    issue_files = [rel for rel in gazette_files if _issue_file(rel)]
    loaded.diagnostics += [_misnamed(rel) for rel in issue_files if posixpath.basename(rel) != ISSUE_FILE]
    issue_dirs: dict[str, tuple[IssueKey | None, str]] = {}
    for rel, result in zip(issue_files, add([(rel, ISSUE, None) for rel in issue_files])):
        key = getattr(result.item, "key", None)
        issue_dirs[posixpath.dirname(rel)] = key, repr(key)
    jobs, nearest = [], {}  # a folder → the issue its files are in (each folder's asked once, not each file's)
    for rel in gazette_files:
        if not _issue_file(rel):
            folder = posixpath.dirname(rel)
            if folder not in nearest:
                nearest[folder] = next((issue_dirs[p] for p in _parents(rel) if p in issue_dirs), (None, OUTSIDE))
            key, place = nearest[folder]
            jobs.append((rel, place, key))
    add(jobs + [(rel, INTERPRETATION, None) for rel in listed(INTERPRETATIONS_DIR)])
    declared: set[str] = set()
    for result in results:
        loaded.diagnostics += result.diagnostics
        loaded.archive.unloaded |= result.unloaded
        declared |= result.files
        if isinstance(result.item, Issue):
            loaded.archive.issues.append(result.item)
        elif isinstance(result.item, Document):
            loaded.archive.documents.append(result.item)
        elif result.item is not None:
            loaded.archive.interpretations.append(result.item)
    loaded.diagnostics += attachments.undeclared(root, declared, scanned.listed if scanned and not scanned.linked else None)
    loaded.archive.withdrawn = withdrawn.load(root, loaded.diagnostics)
    return loaded


_ISSUE_FOLDER = re.compile(r"gazette/(\d{4})/(\d{1,2})")  # as gongbao new issue makes them


def _outside(rel: str) -> Diagnostic:
    """A document in no issue: in a folder named as an issue's, what that folder lacks (its index.md, deleted or never
    made), once at each of its documents."""
    folder = posixpath.dirname(rel)
    if named := _ISSUE_FOLDER.fullmatch(folder):
        return Diagnostic(rel, 1, f"文件所在的 {folder}/ 没有 {ISSUE_FILE}，不是一期公报",
                          f"恢复这一期的 {ISSUE_FILE}，或运行 gongbao new issue --year {named[1]} --number {int(named[2])} 新建；"
                          "否则把文件移到某期公报的文件夹中", rule="outside-issue")
    return Diagnostic(rel, 1, "文件不属于任何一期公报", "把文件移到某期公报的文件夹（含 index.md 的 gazette/年/期/）中",
                      rule="outside-issue")


def _issue_file(rel: str) -> bool:
    """An issue's index.md, also named in capitals (Index.md): told (_misnamed), and read as the issue it is meant to be,
    not as a document outside any issue beside each of its documents."""
    return posixpath.basename(rel).lower() == ISSUE_FILE


def _misnamed(rel: str) -> Diagnostic:
    return Diagnostic(rel, 1, f"一期公报的文件应命名为 {ISSUE_FILE}（全部小写），而不是 {posixpath.basename(rel)}",
                      f"把它改名为 {ISSUE_FILE}", rule="outside-issue")


def _parents(rel: str):
    """The folders ``rel`` is in, nearest first."""
    while rel:
        rel = posixpath.dirname(rel)
        yield rel


def made_here(root: Path, settings: Settings, jobs: list[Job]) -> list[FileResult]:
    """Each job's file read and made in this process, in order."""
    return [made for made, _ in made_and_read(root, settings, jobs)]


def made_and_read(root: Path, settings: Settings, jobs: list[Job]) -> Iterator[tuple[FileResult, ReadResult]]:
    """Each job's file made, in order, with what reading it found (its bytes, for its hash). One at a time: the
    bytes of a whole archive are never held at once."""
    base = os.path.join(root, "")
    return (_file(root, rel, base + rel, settings, place, issue) for rel, place, issue in jobs)


def _file(root: Path, rel: str, path: str, settings: Settings, place: str,
          issue: IssueKey | None) -> tuple[FileResult, ReadResult]:
    """One file read and, when it can be, made the entry its place asks for (``issue``: a document's)."""
    read_result = read_at(root, rel, path)
    try:
        return watchdog.call(_entry_of, root, rel, settings, place, issue, read_result), read_result
    except watchdog.Overrun as overrun:
        told = Diagnostic(rel, 1, watchdog.unchecked(overrun.seconds), watchdog.HINT, rule="read")
        return FileResult(None, (told,)), read_result


def _entry_of(root: Path, rel: str, settings: Settings, place: str, issue: IssueKey | None,
              read_result: ReadResult) -> FileResult:
    """The entry of the file read (``_file``, which bounds it in processor time: gongbao.content.watchdog)."""
    if read_result.source is None:
        refs, interprets, files, titled = _named_in(rel, read_result.data)
        if issue is not None and titled is not None:  # a document whose number cannot be read either
            refs.add(Unnumbered(None, titled[0], str(issue), titled[1]))
        return FileResult(None, tuple(read_result.diagnostics), _unloaded(rel, place, refs, interprets), files)
    found: list[Diagnostic] = []
    source = screened(read_result.source, found)
    item, unloaded, marks = None, frozenset(), set()  # marks: what a lock or the archive may tell of its errors
    if place == ISSUE:
        item = _issue(source, found, marks)
    elif place == INTERPRETATION:
        item = _interpretation(root, source, settings, found)
    elif place == OUTSIDE:
        found.append(_outside(source.path))
    elif issue is not None:
        item = _document(root, source, issue, settings, found, marks)
    if item is None:
        written = source.meta.get("interprets", source.meta.get("解读对象"))
        interprets = _ref(written)
        unloaded = _unloaded(rel, place, _declared_refs(source) | _changed_by(source), interprets, source.meta.get("slug"),
                             written if interprets is None and isinstance(written, str) else "")
    return FileResult(item, tuple(found), unloaded | marks, frozenset(declared_files([source])))


def again(root: Path, rel: str) -> Source | None:
    """The file at ``rel`` read again as the loader reads it: editors' notes removed and withheld passages
    replaced (screened, redacted); None when it can no longer be read."""
    source = read(root, root / rel).source
    return source.with_body(*published_body(source.body)) if source is not None else None


def published_body(body: str) -> tuple[str, Removed]:
    """``body`` as published: editors' notes removed and withheld passages replaced, and what that removed."""
    body, _, removed = notes.strip(body)
    body, _, removed = redaction.redact(body, removed)
    return body, removed


def screened(source: Source, diagnostics: list[Diagnostic]) -> Source:
    """The source without editors' notes, once its withholding marks are known to be exact and in the body.

    Front-matter values are published as they are, so a mark (or the look of one) there is an error."""
    body, problems, removed = notes.strip(source.body)
    diagnostics += _at_lines(source, problems, "comment")  # at lines of the body as written
    source = _with_body(source, body, removed)
    diagnostics += _at_lines(source, lookalikes.problems(body), "redaction")
    # a text as it is (most values): what joining its one text gives, without a generator for each
    values = {key: value if isinstance(value, str) else "\n".join(_texts(value)) for key, value in source.meta.items()}
    joined = _APART.join(values.values())
    if _NOTE not in joined and not _marked(joined):
        return source  # one look at all the values at once: most files
    for key, text in values.items():
        if _marked(text):
            diagnostics.append(Diagnostic(
                source.path, source.line_of(key), f"{key} 中有不予公开标记或类似标记，而 front matter 的值会原样发布",
                "删去标记和不公开的内容；不予公开的段落只能在正文中标注", rule="redaction"))
        if _NOTE in text:  # the loader removes editors' notes from bodies only: a value's would be shown as text
            diagnostics.append(Diagnostic(
                source.path, source.line_of(key), f"{key} 中有注释 <!-- … -->，而 front matter 的值会原样发布，注释也会显示出来",
                "删去这段注释；只给编辑看的话写在正文的 <!-- … --> 中", rule="comment"))
    return source


_NOTE = "<!--"  # an editor's note (gongbao.content.notes), in a front-matter value
# Between the values looked at at once: no HTML tag reaches across a "<" (lookalikes hides tags, and one from "<b" at
# the end of a value to a ">" in the next hid a mark-like 不予公开】 between them), none starts at a "<" before a line
# end, and no reference, emphasis or note is made of these; what else they make next to a value is more to look at.
_APART = "<\n"


def _marked(text: str) -> bool:
    return redaction.has_marks(text) or bool(lookalikes.problems(text))


def _texts(value, seen: frozenset[int] = frozenset()):
    """Every string in a front-matter value, keys of nested mappings included (a value that holds itself once)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (dict, list)) and id(value) not in seen:
        seen |= {id(value)}
        for item in (value.items() if isinstance(value, dict) else value):
            yield from _texts(item, seen)
    elif isinstance(value, tuple):  # a mapping's (key, value)
        for item in value:
            yield from _texts(item, seen)


def _at_lines(source: Source, problems: list[Problem], rule: str) -> list[Diagnostic]:
    return [Diagnostic(source.path, source.file_line(p.line), p.message, p.hint, rule=rule) for p in problems]


_NUMBER_KEYS = ("doc_number", "文号", "发文字号", "id")
# A line that names a number, the document interpreted or an attached file, its colon of either width: the error may
# be in that very line.
_NAMING_LINE = re.compile(r"^(?:(%s)|(interprets|解读对象)|[ \t]*(?:-[ \t]+)?(file))[ \t]*[:：](.*)$" % "|".join(_NUMBER_KEYS),
                          re.M)


def _named_in(rel: str, data: bytes | None) -> tuple[set, DocRef | None, frozenset[str], tuple[str, str] | None]:
    """The refs, the document interpreted and the attached files named on lines of their own by a file whose front
    matter cannot be read: its interpretations, its locked page and its attachments are not told missing too; and, when
    the number on its line cannot be read either, the title on its line and that number (a lock may know the one it
    was published under: model.Unnumbered)."""
    refs, interprets, files, unread = set(), None, set(), None
    text = _text_of(data or b"").replace("\r", "")
    for number, interpreted, file, value in _NAMING_LINE.findall(text):
        value = _unquoted(value)
        if file and value:
            files.add(posixpath.normpath(posixpath.join(posixpath.dirname(rel), value)))
        elif number and (ref := _ref(value)) is not None:
            refs.add(ref)
        elif number and number != "id" and value:
            unread = value
        elif interpreted:
            interprets = _ref(value)
    # any number it lists (amends, repeals, based_on: which, unread) may be one it changes
    refs |= {Changed(ref) for item in _LIST_ITEM.findall(text) if (ref := _ref(_unquoted(item))) is not None}
    title = _TITLE_LINE.search(text) if unread is not None else None
    return refs, interprets, frozenset(files), (_unquoted(title[1]), unread) if title and _unquoted(title[1]) else None


_TITLE_LINE = re.compile(r"^(?:title|标题)[ \t]*[:：](.*)$", re.M)


# Greedy to the line's end, what is around a value taken off after: a lazy value before optional spaces made a long
# line of spaces quadratic.
_LIST_ITEM = re.compile(r"^[ \t]*-[ \t](.*)$", re.M)


def _unquoted(value: str) -> str:
    return value.strip(" \t\u3000").strip("'\"“”")


def _ref(value) -> DocRef | None:
    """The reference ``value`` makes, if any, read without the invisible characters a paste may leave in it (its own
    error names them)."""
    if value is None or isinstance(value, (list, dict)):
        return None
    value = yamlread.text(value)  # id: 12 is read as a number, id: 0809 as 809 written 0809
    try:
        return parse_reference("".join(c for c in value if unicodedata.category(c) != "Cf") if not value.isascii() else value)
    except ValueError:
        return None


def _changed_by(source: Source) -> set[Changed]:
    """The documents a document with errors amends or repeals: their 已修订 and 已废止 are not told baseless too."""
    values = [v for key, v in source.meta.items() if KEY_ALIASES.get(key, key) in ("amends", "repeals")]
    texts = [text for value in values for text in (value if isinstance(value, list) else [value])]
    return {Changed(ref) for text in texts if (ref := _ref(text)) is not None}


def _unloaded(rel: str, place: str, refs, interprets: DocRef | None, slug=None, named: str = "") -> frozenset:
    """What a file that made no entry stands for, so that what depends on it is not told missing too: a document's
    number and id, and what it changes; an issue's URL (its folder's, as issues are kept); an interpretation's URL end
    and document (``named``: its interprets when that is no number, the document's title say)."""
    if place == ISSUE:
        return frozenset({Unmade(posixpath.dirname(rel) + "/")})
    if place == INTERPRETATION:
        return frozenset({Unmade(f"/jiedu/{slug if isinstance(slug, str) and slug else _stem(rel)}/", interprets,
                                 named.strip())})
    return frozenset(refs)


def _text_of(data: bytes) -> str:
    """The text of bytes that may not be UTF-8 (their error says so): UTF-16's (Notepad's "Unicode"), else, saved as
    GBK, GB 18030's."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode(encoding.utf16(data) or "gb18030", "replace")


def _declared_refs(source: Source) -> set:
    """The number and id a document with errors declares: its interpretations are not orphans too."""
    # a malformed or missing value is reported by the document's own checks
    return {ref for key in _NUMBER_KEYS if (ref := _ref(source.meta.get(key))) is not None}


# The keys that name a page's files, by any of their names (KEY_ALIASES).
_FILE_KEYS = frozenset(key for key in (*KEY_ALIASES, "attachments", "images")
                       if KEY_ALIASES.get(key, key) in ("attachments", "images"))


def declared_files(sources) -> set[str]:
    """The paths every page names as its files, also where the page has errors: not unclaimed files too."""
    out = set()
    for source in sources:
        # most pages name none: one look at the keys, not an alias look-up for each (2 µs a file)
        for key in _FILE_KEYS.intersection(source.meta):
            value = source.meta[key]
            for item in value if isinstance(value, list) else ():
                if isinstance(item, dict) and isinstance(item.get("file"), str):
                    out.add(posixpath.normpath(posixpath.join(posixpath.dirname(source.path), item["file"])))
    return out


def _attachments(root: Path, f: Fields, key: str, suffixes: tuple[str, ...],
                 partial: bool = False) -> tuple[tuple, frozenset[str]]:
    """The files ``key`` lists, and the files beside the page a listed one's error takes for it renamed; the key
    ``unread`` when one of them could not be taken (its error told)."""
    told, renamed = len(f.diagnostics), set()
    files = attachments.read(root, f.source.path, key, f.line(key), f.meta.get(key), suffixes, partial, f.diagnostics,
                             renamed)
    if len(f.diagnostics) > told:
        f.unread.add(key)
    return files, frozenset(renamed)


def finish(fields: Fields, allowed: tuple[str, ...], diagnostics: list[Diagnostic], *required) -> bool:
    """Whether the entry can join the archive: every required value is there.

    An entry whose optional values have errors still joins it (those values are None or empty), so
    the cross-document rules see it too and one build reports all its problems, not one round at a
    time; its errors already fail the build.
    """
    fields.unknown_keys(allowed)
    diagnostics += fields.diagnostics
    return all(v is not None for v in required)


def _issue(source: Source, diagnostics: list[Diagnostic], uncounted: set[Uncounted]) -> Issue | None:
    """``uncounted``: given the issue's Uncounted when its 总期号 is missing or unreadable (a lock or the issues around
    it may know it)."""
    f = Fields(source, "issue")
    source = redacted(source, f)  # an issue's note is published like a document's body
    year_folder, number_folder = (source.path.split("/") + ["", ""])[1:3]  # gazette/2019/03/index.md: its own, as examples
    year = f.integer("year", example=year_folder if year_folder.isdecimal() else "2018")
    number = f.integer("number", example=str(int(number_folder)) if number_folder.isdecimal() else "6")
    told = len(f.diagnostics)
    total, published = f.integer("total_number", example="总期号（自创刊以来的第几期，整数）"), f.date("published")
    if total is None and f.diagnostics[told:]:
        named = [value if value is not None else int(folder) if folder.isdecimal() else None
                 for value, folder in ((year, year_folder), (number, number_folder))]
        if None not in named:
            uncounted.add(Uncounted(f.diagnostics[told], IssueKey(*named)))
    sections = f.texts("sections", required=True, example="市政府文件, 市政府办公室文件")
    if not finish(f, ISSUE_KEYS, diagnostics, year, number, total, published):
        return None
    return Issue(source, IssueKey(year, number), total, published, sections, source.body.strip())


def _document(root: Path, source: Source, issue: IssueKey, settings: Settings, diagnostics: list[Diagnostic],
              unnumbered: set[Unnumbered]) -> Document | None:
    """``unnumbered``: given the document's Unnumbered when its number is missing or cannot be read (a lock may know it)."""
    f = Fields(source, "document")
    title = f.text("title", example="关于……的通知")
    doc_type = f.choice("type", TYPES)
    told = len(f.diagnostics)
    number = f.number("doc_number", required=doc_type in MUST_BE_INTERPRETED)
    if title and f.diagnostics[told:]:
        written = f.meta.get("doc_number")
        unnumbered.add(Unnumbered(f.diagnostics[told], title, str(issue), written if isinstance(written, str) else ""))
    doc_id = None
    if f.meta.get("id") not in (None, ""):
        try:
            doc_id = None if (written := f.text("id")) is None else DocId.parse(written)  # None: no text, told
        except ValueError as exc:
            f.dropped("id", str(exc), "改用小写字母、数字和连字符")
    elif number is None and "doc_number" not in f.meta and doc_type not in (None, *MUST_BE_INTERPRETED):
        f.problem(None, "没有文号的文件必须有 id", "加入 id: 例如 wx-2018-notice-12（小写字母、数字、连字符）")
    disclosure = f.choice("disclosure", DISCLOSURES)
    reason = f.text("disclosure_reason", required=disclosure not in (None, "主动公开"), hint=reason_hint(disclosure))
    marked = redaction.has_marks(source.body)
    if disclosure == "部分公开" and not marked:
        f.problem("disclosure", "部分公开的文件没有标注不予公开的段落",
                  "用【不予公开】……【/不予公开】标出不公开的内容；全文都可公开的，改为 主动公开")
    elif disclosure == "主动公开" and marked:
        f.problem("disclosure", "文件标注了不予公开的段落，但公开属性为主动公开", "改为 部分公开 并填写 disclosure_reason")
    source = redacted(source, f) if marked else source  # no mark, opening or closing: nothing to replace or report
    lang = language(f, settings)
    files, renamed = _attachments(root, f, "attachments", attachments.DOCUMENT_SUFFIXES, disclosure == "部分公开")
    values = dict(
        title=title, number=number, id=doc_id, issuers=f.texts("issuer", required=True, example="无锡市人民政府办公室"),
        type=doc_type, written=f.date("written"), published=f.date("published"), status=f.choice("status", STATUSES),
        disclosure=disclosure, section=f.text("section", example="市政府办公室文件"), issue=issue,
        effective=f.date("effective", required=False), expires=f.date("expires", required=False),
        disclosure_reason=reason or "", topics=f.texts("topics"), index_number=f.text("index_number", False) or "",
        editor=f.text("editor", False) or "", language=lang,
        based_on=f.refs("based_on"), amends=f.refs("amends"), repeals=f.refs("repeals"),
        corrections=f.corrections("corrections"), previous_urls=f.texts("previous_urls", example="doc/xzbf/2018/86/"),
        attachments=files,
        draft=_draft_id(f), status_basis=f.text("status_basis", False) or "",
    )
    required = (title, doc_type, values["issuers"] or None, values["written"], values["published"],
                values["status"], disclosure, values["section"], number or doc_id)
    if not finish(f, DOCUMENT_KEYS, diagnostics, *required):
        return None
    return Document(source, **values, unread=frozenset(f.unread), renamed=renamed)


def _stem(rel: str) -> str:
    """Path(rel).stem of a repository path, without making the Path (a file's name without its last suffix)."""
    name = posixpath.basename(rel)
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _draft_id(f: Fields) -> DocId | None:
    """The id of the 征求意见稿 the document was consulted on (gongbao.content.participation)."""
    value = f.text("draft", required=False)
    try:
        return DocId.parse(value) if value else None
    except ValueError as exc:
        f.dropped("draft", f"draft：{exc}", "填写征求意见稿的 id，如 2018-zfxxgk-zqyj")
        return None


def language(f: Fields, settings: Settings) -> str:
    value = f.text("language", required=False) or settings.default_language
    if value in LANGUAGES:
        return value
    f.problem("language", f"language {chars.quoted(value)} 无效，应为 zh-Hans|zh-Hant", "简体写 zh-Hans，繁体写 zh-Hant")
    return settings.default_language


def redacted(source: Source, f: Fields) -> Source:
    """The source with its withheld passages replaced: nothing after the loader sees them."""
    body, problems, removed = redaction.redact(source.body, source.removed)
    f.diagnostics += _at_lines(source, problems, "redaction")  # at lines of the body before: the source's
    return _with_body(source, body, removed)


def _with_body(source: Source, body: str, removed: Removed) -> Source:
    """``source.with_body(body, removed)``; the source itself when ``body`` is its body (most files have no note and
    no withheld passage: a copy each was 1.1 µs, twice a file)."""
    return source if body is source.body else source.with_body(body, removed)


def _interpretation(root: Path, source: Source, settings: Settings, diagnostics: list[Diagnostic]) -> Interpretation | None:
    f = Fields(source, "interpretation")
    source = redacted(source, f)
    title, published, kind = f.text("title"), f.date("published"), f.choice("kind", KINDS)
    target = f.text("interprets", example="锡政办发〔2018〕68号")
    interprets = None
    if target is not None:
        try:
            interprets = parse_reference(target)
        except ValueError as exc:
            f.dropped("interprets", f"interprets：{exc}", "填写所解读文件的文号或 id")
    slug = f.text("slug", required=False) or _stem(source.path)
    try:
        slug = DocId.parse(slug).value
    except ValueError:
        f.problem("slug" if "slug" in f.meta else None, f"解读的网址名{chars.quoted(slug)}无效",
                  "加入 slug: 小写字母、数字和连字符，如 xzbf-2018-68-wzjd")
    lang = language(f, settings)
    corrections, previous = f.corrections("corrections"), f.texts("previous_urls", example="doc/xzbf/2018/68/jiedu/jd/")
    (images, renamed), author = _attachments(root, f, "images", attachments.IMAGE_SUFFIXES), f.text("author", False) or ""
    if not finish(f, INTERPRETATION_KEYS, diagnostics, title, published, kind, interprets):
        return None
    return Interpretation(source, title, interprets, published, kind, slug, author, lang, corrections, previous, images,
                          frozenset(f.unread), renamed)
