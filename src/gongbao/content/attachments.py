"""The files a page publishes with it: a document's 附件 (``attachments``), an interpretation's images (``images``).

Declared in the front matter, next to the Markdown file that publishes them::

    attachments:
      - file: xzbf-68/附件1.pdf        # relative to the folder of this .md file
        title: 附件1：无锡市政务公开工作考核办法

Each is read here, once, and checked before anything publishes it: a plain name (letters, digits,
汉字, ``-`` ``_``; no ``..``, no hidden part, no link anywhere on its path), a regular file of
the repository, an allowed type by its bytes (gongbao.identifiers.filetypes), a size limit per file and per
page, a title (the link text; an image's alt text). A file under ``gazette/`` or ``interpretations/``
that no page declares is an error too: it would not be published, and its page would miss it.
"""
from __future__ import annotations

import hashlib
import os
import posixpath
import re
import stat
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from gongbao.identifiers import filenames, filetypes
from gongbao.content import yamlread
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.model import Attachment

ID = "attachments"
MAX_FILE = 20 * 1024 * 1024      # a scanned 附件 of a hundred pages
MAX_PAGE = 50 * 1024 * 1024      # all files of one document or interpretation
MAX_TITLE = 200
DOCUMENT_SUFFIXES = tuple(filetypes.TYPES)
IMAGE_SUFFIXES = filetypes.IMAGE_SUFFIXES
DISCLOSURES = ("主动公开", "不予公开")  # of an attachment of a 部分公开 document
FOLDERS = ("gazette", "interpretations")
_PART = re.compile(rf"^[0-9A-Za-z{filenames.HAN}][{filenames.CHARS}]*(?:\.[0-9a-z]+)?$")
_KEYS = frozenset({"file", "title", "disclosure"})
EXAMPLE = {"attachments": "attachments: [{file: xzbf-68/附件1.pdf, title: 附件1：……办法}]",
           "images": "images: [{file: xzbf-2018-75-tj/图1.png, title: 图1：……流程（图片的文字说明）}]"}


def read(root: Path, path: str, key: str, line: int, value, suffixes: tuple[str, ...],
         partial: bool, diagnostics: list[Diagnostic], renamed: set[str]) -> tuple[Attachment, ...]:
    """The attachments ``value`` (the front matter's ``key`` at ``line`` of ``path``) declares, each
    checked; every problem is a diagnostic. ``partial``: the page is 部分公开, so each must say
    whether it is published (``disclosure``). ``renamed`` gets the name of each file beside the page that a listed
    file's error takes for it renamed (_renamed): that error is the one mistake of both names."""
    def problem(message: str, hint: str) -> None:
        diagnostics.append(Diagnostic(path, line, message, hint, rule=ID))

    if value is None or value == []:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        problem(f"{key} 应为列表，每项含 file 和 title", f"写成 {EXAMPLE[key]}")
        return ()
    folder = PurePosixPath(path).parent
    out, names, total = [], set(), 0
    for n, item in enumerate(value, 1):
        where = f"{key} 第 {n} 项"
        if set(item) - _KEYS:
            problem(f"{where} 有未知的键 {'、'.join(sorted(map(str, set(item) - _KEYS)))}",
                    "只能写 file、title（部分公开的文件另写 disclosure）")
            continue
        file, title = item.get("file"), item.get("title")
        if not isinstance(title, str) or not title.strip():
            problem(f"{where} 缺少 title（读者看到的名称{'，也是图片的替代文字' if key == 'images' else ''}）",
                    f"写成 {EXAMPLE[key]}")
            continue
        title = title.strip()
        if len(title) > MAX_TITLE or "\n" in title or "<" in title or ">" in title:
            problem(f"{where} 的 title 应为一行文字，不超过 {MAX_TITLE} 字，不含 < >", "缩短标题；书名号用《》")
            continue
        public = _public(item, partial, where, problem)
        if public is None:
            continue
        why = _name_problem(file, suffixes)
        if why:
            problem(f"{where} 的 file {yamlread.described(file)} {why}", f"写相对于本文件所在文件夹的路径，如 {EXAMPLE[key]}")
            continue
        rel = (folder / file).as_posix()
        data = _bytes(root, rel, where, problem, folder, value, renamed)
        if data is None:
            continue
        suffix = PurePosixPath(file).suffix
        wrong = filetypes.problem(suffix, data)
        if wrong:
            problem(f"{where} 的文件 {rel} 不能发布：{wrong}",
                    "换成真正的 PDF、PNG、JPEG、XLSX 或 DOCX 文件（另存为或导出，不要只改扩展名）")
            continue
        name = PurePosixPath(file).name
        if name.casefold() in names:  # many hosts do not tell A.pdf from a.pdf
            problem(f"{where} 的文件名 {name} 与前面的附件重名，发布后网址相同", "给其中一个文件改名")
            continue
        names.add(name.casefold())
        total += len(data)
        out.append(Attachment(name, title, rel, suffix, len(data), hashlib.sha256(data).hexdigest(), public))
    if total > MAX_PAGE:
        problem(f"{key} 的文件共 {filetypes.size(total)}，超过每个页面 {filetypes.size(MAX_PAGE)} 的上限", "压缩扫描件，或分成几份文件发布")
    return tuple(out)


def _public(item: dict, partial: bool, where: str, problem) -> bool | None:
    disclosure = item.get("disclosure")
    if not partial:
        if disclosure is not None:
            problem(f"{where} 写了 disclosure，但只有部分公开的文件才逐个标注附件",
                    "删去 disclosure；不能公开的附件不要列入主动公开的文件")
            return None
        return True
    if disclosure not in DISCLOSURES:
        problem(f"{where} 属于部分公开的文件，须写明 disclosure: 主动公开 或 不予公开",
                "附件无法标注不予公开的段落：发布已删去不公开内容的版本并写 主动公开；整份不公开的写 不予公开（不会发布，也不列出）")
        return None
    return disclosure == "主动公开"


def _name_problem(file, suffixes: tuple[str, ...]) -> str | None:
    if not isinstance(file, str) or not file.strip():
        return "应为文件路径"
    parts = file.split("/")
    if "\\" in file or file.startswith("/") or any(p in ("", ".", "..") for p in parts):
        return "不能是绝对路径，不能含 .. 或反斜杠"
    if PurePosixPath(file).suffix not in suffixes:
        return f"的类型不允许，只能是 {' '.join(suffixes)}（扩展名小写）"
    if not all(_PART.match(p) for p in parts):
        return "只能含汉字、字母、数字、- 和 _（不以 . 开头）"
    return None


def _bytes(root: Path, rel: str, where: str, problem, folder: PurePosixPath, value: list,
           renamed: set[str]) -> bytes | None:
    """The file's bytes, when it is a regular file reached without any link and within the size limit."""
    full = os.path.join(root, rel)
    try:
        info = os.lstat(full)
    except OSError:
        problem(f"{where} 的文件 {rel} 不存在", _meant(root, PurePosixPath(rel), folder, _listed(folder, value), renamed))
        return None
    if os.path.realpath(full) != os.path.join(os.path.realpath(root), rel) or not stat.S_ISREG(info.st_mode):
        problem(f"{where} 的文件 {rel} 是链接或不是普通文件", "把文件本身放进仓库，不要用链接")
        return None
    if info.st_size > MAX_FILE:
        problem(f"{where} 的文件 {rel} 有 {filetypes.size(info.st_size)}，超过每个文件 {filetypes.size(MAX_FILE)} 的上限",
                "压缩扫描件（降低分辨率），或分成几份文件")
        return None
    with open(full, "rb") as handle:
        data = handle.read(MAX_FILE + 1)
    return data if len(data) <= MAX_FILE else None


def _listed(folder: PurePosixPath, value: list) -> set[str]:
    """The paths a page's list names (``value``: its items, each a mapping)."""
    return {posixpath.normpath(posixpath.join(folder, item["file"])) for item in value if isinstance(item.get("file"), str)}


def _meant(root: Path, missing: PurePosixPath, folder: PurePosixPath, listed: set[str], renamed: set[str]) -> str:
    """How to fix a file named but not there: the file of that name in another case beside it (附件1.PDF, saved so by a
    scanner), or of that name in the page's folder or a folder in it (the folder left out of file, or another's), or
    the one file of its type beside it that the page does not list (renamed on disk: _renamed)."""
    beside = os.path.join(root, missing.parent)
    name = missing.name.casefold()
    found = [n for n in (os.listdir(beside) if os.path.isdir(beside) else ()) if n.casefold() == name]
    if found:
        return f"文件名的大小写不同：把 {missing.parent / found[0]} 改名为 {missing.name}"
    for parent in [folder, *sorted(folder / d for d in _folders(os.path.join(root, folder)))]:
        if parent != missing.parent and os.path.isfile(os.path.join(root, parent, missing.name)):
            return f"是否指 {parent / missing.name}？把 file 改为 {(parent / missing.name).relative_to(folder)}"
    if stray := _renamed(root, missing, listed):
        renamed.add(stray)
        return (f"是否改了文件名？{missing.parent} 中有未列出的 {stray}：把 file 改为 "
                f"{(missing.parent / stray).relative_to(folder)}，或把文件 {stray} 改名为 {missing.name}（已提交的文件用 git mv 改名）")
    return "把文件放到该路径，或改正 file"


def _renamed(root: Path, missing: PurePosixPath, listed: set[str]) -> str | None:
    """The one file of a missing file's type beside it that ``listed`` does not name: the file renamed on disk and not in
    the front matter (附件1.pdf saved as 附件1（定稿）.pdf), told as that (_meant), not also as a file no page lists."""
    try:
        names = os.listdir(os.path.join(root, missing.parent))
    except OSError:
        return None
    strays = [name for name in names if PurePosixPath(name).suffix.lower() == missing.suffix.lower()
              and (missing.parent / name).as_posix() not in listed]
    return strays[0] if len(strays) == 1 else None


def _folders(path: str) -> list[str]:
    try:
        return [entry.name for entry in os.scandir(path) if entry.is_dir(follow_symlinks=False)]
    except OSError:
        return []


def sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def undeclared(root: Path, declared: set[str], listed: Callable[[str], list[str]] | None = None) -> list[Diagnostic]:
    """Files under gazette/ and interpretations/ that are neither Markdown nor declared by a page. ``listed``: the
    files under a folder as the check's walk found them (gongbao.content.tree.Scan.listed), else they are listed here."""
    out, missing = [], None
    for folder in FOLDERS:
        for rel in (listed(folder) if listed else _files_under(root, folder)):
            if not rel.endswith(".md") and rel not in declared and not any(p.startswith(".") for p in rel.split("/")):
                if missing is None:  # the declared files not there, looked for once a file is unlisted
                    missing = [PurePosixPath(d) for d in sorted(declared) if not os.path.lexists(os.path.join(root, d))]
                path = PurePosixPath(rel)
                if not any(m.parent == path.parent and _renamed(root, m, declared) == path.name for m in missing):
                    out.append(_unlisted(rel, folder))
    return out


# A page saved under another extension (.MD, Notepad's .md.txt, .markdown, .txt), or with spaces after its name (a full-width
# or no-break one too, pasted with it): never read as a page, and no attachment.
_PAGE_SUFFIX = re.compile(r"(\.md)?\.(md|markdown|txt)\s*$", re.IGNORECASE)


# What Windows (thumbnails, folder settings) and Word (the owner file of an open document, autosaves) leave in a folder.
_LEFT_BEHIND = re.compile(r"(?i)thumbs\.db|desktop\.ini|~\$.*|~.*\.tmp")


def _unlisted(rel: str, folder: str) -> Diagnostic:
    name = rel.rsplit("/", 1)[-1]
    if _LEFT_BEHIND.fullmatch(name):
        return Diagnostic(rel, 0, "这是 Windows 或 Word 自动生成的文件，不是附件",
                          "删除它（可在 .gitignore 中加入 Thumbs.db、desktop.ini、~$*、~*.tmp，以免再次提交）", rule=ID)
    if _PAGE_SUFFIX.search(name):
        wrong = "的文件名末尾有空格" if name != name.rstrip() else "的扩展名应为 .md（小写）"
        return Diagnostic(rel, 0, f"页面文件{wrong}，这个文件不会被读取", f"把它改名为 {_PAGE_SUFFIX.sub('.md', name)}", rule=ID)
    key = "images" if folder == "interpretations" else "attachments"
    return Diagnostic(rel, 0, "这个文件没有被任何文件的 attachments 或解读的 images 列出，不会发布",
                      f"在所属页面的 front matter 中列出它（{EXAMPLE[key]}），或删除它", rule=ID)


def _files_under(root: Path, folder: str):
    for parent, dirs, names in os.walk(root / folder):
        dirs[:] = sorted(dirs)
        yield from (Path(parent, name).relative_to(root).as_posix() for name in sorted(names))
