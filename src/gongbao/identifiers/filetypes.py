"""What a file really is, read from its bytes: the types an attachment may have, and why a file is not one.

An extension is a claim, not a fact: a ``.pdf`` holding HTML or SVG would be served by most hosts as
a PDF, but a browser opening it from a mislabelled copy, or a host that sniffs, runs its script on the
site's origin. So each allowed type is recognised by its structure, and refused when it carries what
would run or unpack: script in a PDF (``/JavaScript``, ``/Launch``, embedded files — also hidden in
compressed streams or behind ``#xx`` name escapes), macros in an Office file, a ZIP that inflates
past a bound, an image that is larger than a screen by orders of magnitude or has bytes after its end
(a polyglot). SVG is script and is never an allowed type. Pure functions of the bytes: no I/O here.
"""
from __future__ import annotations

import html
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from urllib.parse import unquote
from xml.etree import ElementTree

from gongbao.identifiers import pdfrevisions, pdfsyntax


@dataclass(frozen=True)
class FileType:
    label: str       # shown to readers: PDF, PNG…
    mime: str
    image: bool = False


TYPES = {
    ".pdf": FileType("PDF", "application/pdf"),
    ".png": FileType("PNG", "image/png", image=True),
    ".jpg": FileType("JPEG", "image/jpeg", image=True),
    ".jpeg": FileType("JPEG", "image/jpeg", image=True),
    ".xlsx": FileType("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".docx": FileType("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}
IMAGE_SUFFIXES = tuple(s for s, t in TYPES.items() if t.image)
MAX_PIXELS = 50_000_000          # a 7,000 × 7,000 scan; a decompression bomb claims billions
MAX_INFLATED = 200 * 1024 * 1024  # what a PDF's streams or an Office file may unpack to, in all

_PDF_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFile|EmbeddedFiles|RichMedia|XFA|SubmitForm|ImportData"
                         rb"|GoToE|Sound|Movie)(?![A-Za-z0-9])")
# What hides a PDF's dictionaries from the scan, which reads the file and inflates its Flate streams: encryption (every
# stream, object streams too, is ciphertext), and an object stream encoded with another filter — ASCIIHex, ASCII85,
# LZW, RunLength (any stream's, by full or short name) or an image codec that round-trips bytes. An /OpenAction to
# /S /JavaScript kept in an /ASCIIHexDecode object stream passed the scan, and viewers run it.
_PDF_UNREAD = re.compile(rb"/(?:Encrypt|Crypt|ASCIIHexDecode|AHx|ASCII85Decode|A85|LZWDecode|LZW|RunLengthDecode|RL)"
                         rb"(?![A-Za-z0-9])")
_PDF_IMAGE_FILTER = re.compile(rb"/(?:DCTDecode|DCT|JPXDecode|CCITTFaxDecode|CCF|JBIG2Decode)(?![A-Za-z0-9])")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# The chunks a picture is drawn with, and its colour and size hints: no text in any. tEXt, zTXt, iTXt, eXIf and the
# private chunks an editor writes hold an author, a place, a comment — the withheld text it was made from — and an
# APNG's frames (acTL, fdAT) another picture than the one a reader of the still image sees: all refused.
_PNG_CHUNKS = frozenset((b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB",
                         b"cICP", b"bKGD", b"hIST", b"pHYs", b"tIME"))
_METADATA_HINT = "：导出或另存图片时去掉元数据后再附上"
# macros, ActiveX controls, embedded objects and web pages; printer settings (.bin) are harmless
_ACTIVE_PART = re.compile(r"vbaProject|vbaData|activeX|oleObject|embeddings/|\.(?:exe|js|html?|svgz?)$", re.I)
_OOXML_PART = {".xlsx": "xl/workbook.xml", ".docx": "word/document.xml"}


def size(n: int) -> str:
    """1536 → 1.5 KB: what a reader on a slow line wants to know before downloading."""
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def problem(suffix: str, data: bytes) -> str | None:
    """Why ``data`` is not a safe file of type ``suffix`` (an allowed, lower-case suffix), or None."""
    check = {".pdf": _pdf, ".png": _png, ".jpg": _jpeg, ".jpeg": _jpeg, ".xlsx": _ooxml, ".docx": _ooxml}[suffix]
    try:
        return check(data, suffix)
    except (ValueError, IndexError, struct.error, zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        return f"文件结构损坏（{type(exc).__name__}）"


def _pdf(data: bytes, _suffix: str) -> str | None:
    if not data.startswith(b"%PDF-"):
        return "内容不是 PDF（不以 %PDF- 开头）"
    if b"%%EOF" not in data[-1024:]:
        return "PDF 不完整（结尾没有 %%EOF）"
    plain = pdfsyntax.unescaped(data)
    if hidden := _PDF_UNREAD.search(plain) or _image_encoded_object_stream(plain):
        return f"PDF 的部分内容无法检查（{hidden.group().decode('latin-1')}：加密或非常规编码）"
    sections = pdfrevisions.sections(data)
    revisions, ends = pdfrevisions.revisions(data, sections)
    if revisions > 1 and not ends:
        return _several(revisions, "不是每一版都有自己的结尾（startxref、%%EOF）并接在上一版之后（/Prev），无法分开检查")
    texts = []  # what the actions' scan reads: the file, object streams, streams with a trigger (not every page's text)
    for head, chunk, where in _pdf_texts(data):
        found = _PDF_ACTIVE.search(pdfsyntax.unescaped(chunk))
        if found:
            return f"PDF 含有可执行或嵌入的内容（{found.group().decode('latin-1')}）"
        if not head or b"/ObjStm" in pdfsyntax.unescaped(head) or _PDF_TRIGGER.search(chunk):
            texts.append((head, chunk, where))
    objects = _pdf_objects(texts)
    if (number := pdfrevisions.misindexed(data, sections, objects)) is not None:
        return f"PDF 的交叉引用流把对象 {number} 指向了对象流中的另一个对象（阅读器与检查读到的不是同一个对象）：{_RESAVE}"
    try:
        reach = _automatic_reach(texts, objects)
    except _Unread as exc:
        return f"PDF 的自动动作无法检查（{exc}）"
    if reach:
        return f"PDF 打开、翻页或打印时会自动访问其他网站或文件（{reach}）：删去这个自动动作（链接可以保留）后另存"
    if revisions > 1 and (why := pdfrevisions.unsigned_change(data, ends, objects, sections)):
        return _several(revisions, why)
    # one revision writes each object once: a second copy is an earlier version of it, kept and not shown
    if twice := next((number for number, places in objects.items()
                      if len({pdfrevisions.revision(ends, where) for _, _, where in places}) < len(places)), None):
        return f"PDF 中的对象 {twice} 写了不止一次（旧版本的内容仍在文件中）：{_RESAVE}"
    return None


_RESAVE = "请用“另存为”或“打印为 PDF”生成一个新的 PDF 后再附上"


def _several(revisions: int, why: str) -> str:
    return (f"PDF 含有 {revisions} 个保存版本（增量保存），{why}：此前每一版的内容，包括删去的文字，都仍在文件中；"
            f"{_RESAVE}（只加了电子签章或数字签名的版本不必重存）")


# What a viewer does by itself, with no click: the document's /OpenAction and each additional action (/AA: a page's,
# an annotation's or a field's open, close, print, focus or pointer-over trigger), followed down its /Next chain. One
# that reaches another host or file so is refused: /URI (a request to that host: the reader's address and the time he
# read), /GoToR and /Thread (another file, a URL too), /Rendition (media, remote too); /Launch, /SubmitForm and
# /ImportData are refused wherever they stand. The same /URI on a link the reader clicks (an annotation's /A) is a link,
# as in a Word file. /Named runs one of the viewer's own menu items (next page, print): it reaches nothing, so passes.
_PDF_REACHING = frozenset((b"/URI", b"/GoToR", b"/Thread", b"/Rendition"))
_PDF_TRIGGER = re.compile(b"(%s)|%s" % (pdfsyntax.name(b"OpenAction"), pdfsyntax.name(b"AA")))
MAX_TRIGGERS = 50_000


class _Unread(ValueError):
    """What the scan of a PDF's actions cannot read, said to the editor."""


def _automatic_reach(texts: list[tuple[bytes, bytes, int]], objects: pdfrevisions.Places) -> str | None:
    """The first reaching action a trigger leads to, or None. A reference to an object the file does not hold is
    refused: what a viewer that repairs the file finds there, the scan cannot tell."""
    triggers = ((key, text) for _head, text, _where in texts for key in _PDF_TRIGGER.finditer(text))
    for count, (key, text) in enumerate(triggers):
        if count > MAX_TRIGGERS:
            raise ValueError("too many PDF actions")
        todo, seen = [pdfsyntax.value(text, key.end())], set()
        if key.group(1) is None:  # /AA: a dictionary of actions, by trigger
            todo = [action for found in _written(todo[0], objects, seen) if isinstance(found, dict)
                    for action in found.values()]
        while todo:
            for item in _written(todo.pop(), objects, seen):
                if isinstance(item, pdfsyntax.Ref):  # a reference to a reference
                    todo.append(item)
                elif isinstance(item, dict):
                    if isinstance(item.get(b"/S"), bytes) and item[b"/S"] in _PDF_REACHING:
                        return item[b"/S"][1:].decode("latin-1")
                    follow = item.get(b"/Next", [])
                    todo += follow if isinstance(follow, list) else [follow]
    return None


def _written(item: object, objects: pdfrevisions.Places, seen: set[int]) -> list[object]:
    """``item``, or each object written where its reference points (once: references may loop)."""
    if not isinstance(item, pdfsyntax.Ref):
        return [item]
    if item.number in seen:
        return []
    seen.add(item.number)
    if item.number not in objects:
        raise _Unread(f"引用的对象 {item.number} 不存在")
    return [pdfsyntax.value(text, at) for text, at, _where in objects[item.number]]


def _pdf_objects(texts: list[tuple[bytes, bytes, int]]) -> pdfrevisions.Places:
    """Where each object number is written (every place: a viewer may read any), in the file and in object streams,
    with where in the file (an object stream's objects: where the stream is)."""
    objects: pdfrevisions.Places = {}
    for head, text, where in texts:
        if not head:
            for found in pdfsyntax.OBJECT.finditer(text):
                objects.setdefault(int(found.group(1)), []).append((text, found.end(), found.start()))
            continue
        head = pdfsyntax.unescaped(head)
        if b"/ObjStm" not in head:
            continue
        # an object stream: its header pairs each object's number with its offset after /First
        first = pdfsyntax.value(head, head.index(b"<<"))
        if not isinstance(first, dict) or not isinstance(start := first.get(b"/First", b"0"), bytes):
            raise ValueError("object stream without a readable /First")
        start = int(start)
        numbers = [int(n) for n in re.findall(rb"\d+", text[:start])]
        for number, offset in zip(numbers[::2], numbers[1::2]):
            objects.setdefault(number, []).append((text, start + offset, where))
    return objects


def _image_encoded_object_stream(plain: bytes) -> re.Match | None:
    """An image codec's filter in the dictionary of an object stream (a stream's dictionary is never itself in one)."""
    for start in pdfsyntax.STREAM.finditer(plain):
        head = plain[plain.rfind(b" obj", 0, start.start()) + 1:start.start()]
        if b"/ObjStm" in head and (found := _PDF_IMAGE_FILTER.search(head)):
            return found
    return None


def _pdf_texts(data: bytes):
    """The file itself, then each compressed stream inflated (object streams hide dictionaries), bounded: as the
    stream's dictionary (none for the file), its text and where it is in the file."""
    yield b"", data, 0
    budget = MAX_INFLATED
    for start in pdfsyntax.STREAM.finditer(data):
        inflater = zlib.decompressobj()
        try:
            out = inflater.decompress(data[start.end():start.end() + budget], budget)
        except zlib.error:
            continue  # not Flate (an image's DCT, a raw stream): no dictionary hides there
        budget -= len(out)
        if inflater.unconsumed_tail or budget <= 0:
            raise ValueError("streams inflate past the bound")
        yield data[data.rfind(b" obj", 0, start.start()) + 1:start.start()], out, start.start()


def _png(data: bytes, _suffix: str) -> str | None:
    if not data.startswith(_PNG_SIGNATURE):
        return "内容不是 PNG 图片（文件头不符）"
    at, first = len(_PNG_SIGNATURE), True
    while True:
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        if len(body) != length or zlib.crc32(kind + body) != crc:
            return "PNG 图片的数据块损坏"
        if first:
            if kind != b"IHDR":
                return "PNG 图片缺少文件头块 IHDR"
            width, height = struct.unpack(">II", body[:8])
            if not width or not height or width * height > MAX_PIXELS:
                return f"PNG 图片尺寸 {width}×{height} 不合理"
            first = False
        elif kind not in _PNG_CHUNKS:
            return f"PNG 图片含有数据块 {ascii(kind)[2:-1]}（文字、拍摄信息或另一幅图，读者看不到）{_METADATA_HINT}"
        at += 12 + length
        if kind == b"IEND":
            return None if at == len(data) else "PNG 图片结尾之后还有其他数据"


# The segments a picture is drawn with: its frame (SOF), tables (DHT, DAC, DQT), restart interval and line count (DRI,
# DNL), scans (SOS), and of the application segments JFIF without a thumbnail, the ICC profile and Adobe's colour
# transform. Exif and XMP (APP1: the place, the camera, its owner, and a thumbnail of the picture as it was before it
# was redacted), Photoshop's IPTC (APP13, a caption and another thumbnail), comments (COM), a second picture (MPF in
# APP2) and every other segment are refused: a reader sees none of them, the file publishes them all.
_JPEG_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_JPEG_TABLES = frozenset((0xC4, 0xCC, 0xDB, 0xDC, 0xDD))
# each allowed application segment: its signature and its longest body (JFIF's and Adobe's are fixed: a thumbnail, or
# anything, after them is not drawn)
_JPEG_APP = {0xE0: (b"JFIF\x00", 14), 0xE2: (b"ICC_PROFILE\x00", 65533), 0xEE: (b"Adobe", 12)}
_JPEG_SCAN_END = re.compile(rb"\xff+[^\x00\xd0-\xd7\xff]")  # in a scan's data FF 00 is a byte, FF D0…D7 a restart


def _jpeg(data: bytes, _suffix: str) -> str | None:
    """Every segment up to the end of the picture (EOI), the ones between and after its scans too, where nothing but
    trailing zeros may follow."""
    if not data.startswith(b"\xff\xd8\xff"):
        return "内容不是 JPEG 图片（文件头不符）"
    if not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
        return "JPEG 图片不完整，或结尾之后还有其他数据"
    at, frame = 2, False
    while True:
        if data[at] != 0xFF:
            return "JPEG 图片的数据段损坏"
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker == 0xD9:
            if data[at + 2:].strip(b"\x00"):  # a second picture (the unredacted one?) after the end of the first
                return "JPEG 图片不完整，或结尾之后还有其他数据"
            return None if frame else "JPEG 图片没有尺寸信息"
        (length,) = struct.unpack(">H", data[at + 2:at + 4])
        body = data[at + 4:at + 2 + length]
        if length < 2 or len(body) != length - 2:
            return "JPEG 图片的数据段损坏"
        if marker in _JPEG_SOF:
            if frame:
                return "JPEG 图片含有不止一幅画面"
            height, width = struct.unpack(">HH", body[1:5])
            if not width or not height or width * height > MAX_PIXELS:
                return f"JPEG 图片尺寸 {width}×{height} 不合理"
            frame = True
        elif marker == 0xDA:  # a scan: its data runs to the next marker
            if not (end := _JPEG_SCAN_END.search(data, at + 2 + length)):
                return "JPEG 图片的数据段损坏"
            at = end.end() - 2
            continue
        elif marker not in _JPEG_TABLES and (not body.startswith((signature := _JPEG_APP.get(marker, (b"-", 0)))[0])
                                             or len(body) > signature[1]):
            name = f"APP{marker - 0xE0}" if 0xE0 <= marker <= 0xEF else "COM" if marker == 0xFE else f"FF{marker:02X}"
            return f"JPEG 图片含有数据段 {name}（拍摄信息、注释或缩略图，读者看不到）{_METADATA_HINT}"
        at += 2 + length


def _ooxml(data: bytes, suffix: str) -> str | None:
    if not data.startswith(b"PK\x03\x04"):
        return f"内容不是 {TYPES[suffix].label} 文件（不是 Office 文档的 ZIP 结构）"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        names = {e.filename for e in entries}
        if "[Content_Types].xml" not in names or _OOXML_PART[suffix] not in names:
            return f"内容不是 {TYPES[suffix].label} 文件（缺少 {_OOXML_PART[suffix]}）"
        types = archive.open("[Content_Types].xml").read(1024 * 1024)  # a macro part may have any name
        if any(_ACTIVE_PART.search(n) for n in names) or re.search(rb"macroEnabled|vbaProject|activeX|oleObject", types, re.I):
            return "Office 文件含有宏、嵌入对象或网页"
        if len(entries) > 10_000 or sum(e.file_size for e in entries) > MAX_INFLATED:
            return "Office 文件解压后过大"
        if suffix == ".docx" and any(_ALT_CHUNK.search(archive.read(name))
                                     for name in _word_text_parts(archive, sorted(names))):
            return "Office 文件含有导入的另一个文件（altChunk：网页、MHT 或 RTF），Word 把它显示为正文，却无法检查：把其内容粘贴为正文后另存"
        for name in sorted(n for n in names if n.endswith(".rels")):
            if outside := _external_relationship(archive.open(name).read(MAX_RELS + 1)):
                return f"Office 文件引用外部资源（{outside[:60]}），打开时会连接其他网站或载入其中的宏"
        if active := _active_field(archive, sorted(names), suffix):
            return f"Office 文件含有打开时自动执行或联网的域代码或链接（{active}）"
        if kept := _kept_out_of_view(archive, sorted(names), suffix):
            return f"Office 文件含有{kept}：删去或隐藏的文字仍在文件中，发布后任何人都能读出"
    return None


# What a reader of the file does not see but the file holds, so publishes: the classic leaks of a "redacted" copy (a
# 部分公开 document's attachment published as 主动公开 after its withheld part was deleted in Word with revisions
# on, hidden, or commented on; a sheet of names hidden in the workbook).
_WORD_NO_TEXT = re.compile(r"wordprocessingml\.(?:styles|numbering|settings|fontTable|webSettings)\+xml|theme\+xml",
                           re.I)
# Any prefix, or none: Word reads the namespace, not the "w:" its own files write. A tracked deletion's mark (a deleted
# row's, a paragraph's), its text, a deleted field's code, text moved away; hidden text; a comment, in a part of any
# name.
_WORD_HIDDEN = ((re.compile(rb"<(?:\w+:)?(?:del|delText|delInstrText|moveFrom)\b"), "修订记录（已删除的文字）"),
                (re.compile(rb"<(?:\w+:)?vanish\b"), "隐藏文字"))
_COMMENT = re.compile(rb"<(?:\w+:)?(?:comment|threadedComment)\b")
# an imported file (an HTML, MHT or RTF part) that Word renders as the document's text, unread by these checks
_ALT_CHUNK = re.compile(rb"<(?:\w+:)?altChunk\b")
_COMMENTS = re.compile(r"(?:word/comments\w*|xl/comments\d*|xl/threadedComments/[^/]+)\.xml")
# an element's attributes up to the one sought: a quoted value may hold a ">"; "=" may have spaces around it
_ATTRIBUTES = rb"(?:[^>\"']|\"[^\"]*\"|'[^']*')*?\b"
_VALUE = rb"\s*=\s*[\"']\s*"
_HIDDEN_SHEET = re.compile(rb"<(?:\w+:)?sheet\b" + _ATTRIBUTES + rb"state" + _VALUE + rb"(?:hidden|veryHidden)", re.I)
# rows and columns out of view: hidden (by hand, a collapsed outline or a filter), all rows hidden by default
# (zeroHeight) or sized to nothing. A hidden defined name (_xlnm._FilterDatabase, which Excel writes for every filter)
# names cells, shows none: not refused.
_HIDDEN_CELLS = re.compile(rb"<(?:\w+:)?(?:row|col|sheetFormatPr)\b" + _ATTRIBUTES
                           + rb"(?:(?:hidden|zeroHeight)" + _VALUE + rb"(?:1|true)|(?:ht|width)" + _VALUE
                           + rb"0*\.?0*\s*[\"'])", re.I)


def _word_text_parts(archive: zipfile.ZipFile, names: list[str]) -> list[str]:
    """Word finds a part by its relationship, whatever its name: the text may sit in x.xml beside a decoy
    word/document.xml, and the glossary's building blocks (word/glossary/document.xml) hold text too. So every XML part
    is read but those the package declares (by content type, which Word checks) to hold styles, numbering, settings,
    fonts or a theme."""
    try:
        types = ElementTree.fromstring(archive.read("[Content_Types].xml"))
    except ElementTree.ParseError:
        types = ElementTree.Element("Types")  # then no part is known to hold no text: all are read
    declared = {unquote(node.get("PartName", "")).lstrip("/").lower(): node.get("ContentType", "")
                for node in types.iter() if node.tag.rsplit("}", 1)[-1] == "Override"}
    return [n for n in names if n.lower().endswith(".xml") and not n.lower().endswith(".rels")
            and n != "[Content_Types].xml" and not _WORD_NO_TEXT.search(declared.get(n.lower(), ""))]


def _kept_out_of_view(archive: zipfile.ZipFile, names: list[str], suffix: str) -> str | None:
    if any(_COMMENTS.fullmatch(name) for name in names):
        return "批注"
    if suffix == ".docx":
        for name in _word_text_parts(archive, names):
            text = archive.read(name)
            for pattern, what in (*_WORD_HIDDEN, (_COMMENT, "批注")):
                if pattern.search(text):
                    return what
    else:  # in any part: Excel finds the workbook and its worksheets by their relationships, whatever their names
        for text in (archive.read(name) for name in names if name.endswith(".xml")):
            if _COMMENT.search(text):
                return "批注"
            if _HIDDEN_SHEET.search(text):
                return "隐藏的工作表"
            if _HIDDEN_CELLS.search(text):
                return "隐藏的行或列"
    return None


# What Word or Excel runs or fetches by itself, with no relationship to see: a Word field whose code starts a program
# (DDE, DDEAUTO: the "DDE attack", a prompt away from a command line) or fetches a file from another host when fields
# are updated (INCLUDEPICTURE, INCLUDETEXT, LINK, IMPORT with a URL or UNC path), and a workbook's DDE or OLE link
# (=cmd|'/c calc'!A0 is kept as an externalLink part holding a ddeLink). Word splits a field's code over runs as it
# likes, so each field's code is read joined, from its begin mark to its end mark.
_FIELD_PARTS = re.compile(rb"<(?:\w+:)?fldChar\b[^>]*fldCharType=[\"'](begin|end)[\"']"
                          rb"|<(?:\w+:)?instrText\b[^>]*>((?:[^<]+|<!\[CDATA\[.*?\]\]>)*)</(?:\w+:)?instrText>"
                          rb"|\binstr=(?:\"([^\"]*)\"|'([^']*)')", re.S)
_CDATA = re.compile(rb"<!\[CDATA\[(.*?)\]\]>", re.S)
# the file a field fetches, before its switches (\\d, \\* MERGEFORMAT): a URL (a scheme, not a drive letter), a UNC
# path (a local one, C:\\图片\\章.png, doubles its backslashes too) or a field inside it ({}: QUOTE can spell any)
_ACTIVE_FIELD = re.compile(r'\bDDE(?:AUTO)?\b|\b(?:INCLUDEPICTURE|INCLUDETEXT|LINK|IMPORT)\b[^\\]*?'
                           r'(?<=[\s"])(?:[A-Za-z][A-Za-z0-9+.-]+:|\\\\|//|\{)', re.I)
_WORKBOOK_LINK = re.compile(rb"<(?:\w+:)?(?:ddeLink|oleLink)\b")


def _active_field(archive: zipfile.ZipFile, names: list[str], suffix: str) -> str | None:
    if suffix == ".xlsx":
        return next(("DDE/OLE 链接" for name in names if name.startswith("xl/externalLinks/") and name.endswith(".xml")
                     and _WORKBOOK_LINK.search(archive.read(name))), None)
    for name in _word_text_parts(archive, names):
        for code in _field_codes(archive.read(name)):
            if found := _ACTIVE_FIELD.search(code):
                return found.group().split()[0].upper()
    return None


def _field_codes(xml: bytes) -> list[str]:
    """Each field's code in a part: its runs' instrText joined, a field inside it written {} (what it gives is known only
    when Word updates it), and a simple field's instr."""
    codes, open_ = [], [""]  # open_: the codes of the fields begun and not ended, outermost first, under a base one
    for match in _FIELD_PARTS.finditer(xml):
        mark, run, double, single = match.groups()
        simple = double if double is not None else single
        if simple is not None:
            codes.append(html.unescape(simple.decode("utf-8", "replace")))
        elif run is not None:
            open_[-1] += html.unescape(_CDATA.sub(rb"\1", run).decode("utf-8", "replace"))
        elif mark == b"begin":
            open_[-1] += " {"
            open_.append("")
        elif len(open_) > 1:
            codes.append(open_.pop())
    return codes + open_  # a field never ended (or codes with no begin mark) read as they are


MAX_RELS = 4 * 1024 * 1024
_HYPERLINK = "/hyperlink"  # a link the reader clicks, the one external target a document may have


def _external_relationship(xml: bytes) -> str | None:
    """The type and target of a relationship the application follows by itself when the file is opened: a remote
    template (attachedTemplate, which brings its macros), an external OLE object (mhtml:…, CVE-2022-30190), a linked
    image or an external workbook. A hyperlink is opened only by a click. None when there is none."""
    if len(xml) > MAX_RELS:
        return "关系文件过大"
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return "无法读取的关系文件"
    for node in root.iter():
        if node.tag.rsplit("}", 1)[-1] != "Relationship" or node.get("TargetMode", "").strip().lower() != "external":
            continue
        kind, target = node.get("Type", ""), node.get("Target", "")
        if not kind.endswith(_HYPERLINK) and _remote(target):
            return f"{kind.rsplit('/', 1)[-1]}：{target}"
    return None


def _remote(target: str) -> bool:
    """A target on another machine: a scheme (https:, mhtml:…) or a UNC path (\\\\host\\share, //host, file://host/).
    A path of the author's own disk (file:///C:/…/Normal.dotm, which Word writes for the template a document was
    made from) reaches nobody."""
    target = target.strip().replace("\\", "/")
    if target.lower().startswith("file:///"):
        return False
    return target.startswith("//") or bool(re.match(r"[A-Za-z][A-Za-z0-9+.-]+:", target))
