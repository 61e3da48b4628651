"""A PDF's revisions, and whether each one after the first does no more than sign the file. Bounded.

A PDF saved incrementally (Acrobat's "Save", a form filled in, a stamp) keeps each earlier revision whole and appends
the changes with their own xref section, chained to the one before by /Prev, and ends each with startxref and %%EOF: a
"redacted" copy whose withheld text was removed in such a save still holds it, for any tool to read out. But a digital
signature or an electronic seal (数字签名, 电子签章) is applied so too, by design: the signed revision must stay
byte-identical, and saving the file anew removes the signature. So a later revision is allowed when it only signs:

- it is chained by /Prev to the xref section the revision before ends with (else a viewer may not read that one);
- every object it writes for the first time is what a signature needs: a signature dictionary (/Sig, /DocTimeStamp,
  with /ByteRange and /Contents), a signature field or its widget (/FT /Sig), the appearance drawn in it (form
  XObjects, images, fonts, graphics states), validation data (/DSS, /VRI), metadata, its xref stream or object stream,
  or something with no type (an array, a number, a font file): what no page shows unless the rules below let a page
  or the form point at it. Its number is one no earlier revision wrote or referred to (a dangling reference filled
  in would change what a page shows);
- every object it writes again is, in the revision before, one of: the catalog, changed in nothing but /AcroForm,
  /DSS, /Perms, /Extensions, /Version and a /Metadata it had not; the AcroForm (and its /Fields array), changed in
  nothing but /SigFlags and /Fields grown by signature fields (/DA and /DR too while it holds signatures alone: they
  redraw other fields); a page (or its /Annots array), changed in nothing but /Annots grown by signature widgets
  (what it shows, /Contents, /Resources, /MediaBox…, and every annotation it had stay as they were); a signature
  field, that stays one (an empty field prepared for signing, then signed); the /DSS and its /VRI (certificates,
  never shown); the document information dictionary, changed in nothing but /ModDate and /Producer; its XMP
  metadata, saying the same but for dates, producer and instance ID. Never another stream (a page's text, a font, an
  image) and never at another generation (3 0 R would then read nothing);
- its xref sections point only at objects it writes (by number, generation and place: in an object stream, the index
  its header gives that number), and free none an earlier one wrote: a free entry deletes an object (a page's text)
  as surely as writing it again.

Anything else (a page's content or resources replaced, a content stream or a font written again, an annotation taken
away or changed, a FreeText or any other new annotation, a title changed in the metadata, another catalog) keeps the
refusal: what an earlier revision held may no longer be what the reader sees. Values are compared token by token,
names decoded, strings as written and numbers by value (595 is 595.0): another spelling of a string refuses, as does
anything the rule cannot read. What a signature draws (its widget's appearance, over the page) is not judged: a seal
is drawn over the text by design.
"""
from __future__ import annotations

import bisect
import re
import zlib
from collections import Counter
from decimal import Decimal, InvalidOperation
from xml.etree import ElementTree

from gongbao.identifiers import pdfsyntax
from gongbao.identifiers.pdfsyntax import Ref

Places = dict[int, list[tuple[bytes, int, int]]]  # object number → (text, offset in it, offset in the file) of each

END = re.compile(rb"startxref\s+(\d+)\s+%%EOF")
_SECTION = re.compile(rb"\btrailer\b|" + pdfsyntax.name(b"XRef"))
_DIGITS = re.compile(rb"\d+")
_BLANK = b" \t\r\n\f\x00"   # whitespace and NUL: nothing a viewer reads (no object, xref or %%EOF can be written in it)
_NUMBER = re.compile(rb"[+-]?(?:\d+\.?\d*|\.\d+)")
_REFERENCE = re.compile(rb"(?<![0-9.])(\d+)\s+\d+\s+R" + pdfsyntax.WORD_ENDS)
MAX_SECTIONS = 1000         # xref sections: a file signed a hundred times has a hundred
MAX_REVISIONS = 100
MAX_XREF = 6 * 1024 * 1024  # an xref stream's table, inflated: room for MAX_ENTRIES rows
MAX_ENTRIES = 200_000       # xref entries in the later revisions, in all: a signature writes a dozen objects
MAX_PAGES = 50_000          # page tree nodes read, in all
_NEAR = 1024 * 1024         # how far after an object its endobj is looked for

_NEW_TYPES = frozenset(b"/" + t for t in (
    b"Sig", b"DocTimeStamp", b"SigRef", b"TransformParams", b"XObject", b"Font", b"FontDescriptor", b"Encoding",
    b"CMap", b"ExtGState", b"Group", b"Mask", b"Pattern", b"Metadata", b"XRef", b"ObjStm", b"DSS", b"VRI",
    b"DeveloperExtensions"))
_NEW_SUBTYPES = frozenset(b"/" + t for t in (
    b"Form", b"Image", b"XML", b"Type0", b"Type1", b"MMType1", b"Type3", b"TrueType", b"CIDFontType0", b"CIDFontType2",
    b"Type1C", b"CIDFontType0C", b"OpenType"))
_CATALOG_SIGNING = frozenset((b"/AcroForm", b"/DSS", b"/Perms", b"/Extensions", b"/Version"))


def sections(data: bytes) -> list[tuple[int, dict]]:
    """Each xref section's dictionary (a trailer's, or an xref stream's) with where it is written."""
    found = []
    for count, section in enumerate(_SECTION.finditer(data)):
        if count >= MAX_SECTIONS:
            raise ValueError("too many PDF xref sections")
        start = section.end() if section.group() == b"trailer" else data.rfind(b"obj", 0, section.start()) + 3
        value = pdfsyntax.value(data, start) if start >= 3 else None
        if isinstance(value, dict) and (section.group() == b"trailer" or value.get(b"/Type") == b"/XRef"):
            found.append((section.start(), value))
    return found


def revisions(data: bytes, xref_sections: list[tuple[int, dict]]) -> tuple[int, list[int]]:
    """How many revisions the file holds, from its ends and its xref sections chained to earlier ones (by /Prev: an
    %%EOF may be left out), and where each ends when each has its own end and each after the first is chained to the
    one before (else none: they cannot be told apart, or a viewer may not read an earlier one's objects at all). A
    linearized file's first two ends close one revision."""
    ends = [m.end() for m in END.finditer(data)]
    chained = sum(b"/Prev" in section for _, section in xref_sections)
    if len(ends) >= 2 and chained and _linearized(data, ends):
        ends, chained = ends[1:], chained - 1
    count = max(len(ends), chained + 1)
    return count, ends if len(ends) == count == chained + 1 else []


def _linearized(data: bytes, ends: list[int]) -> bool:
    """Whether the file opens with linearization parameters followed by nothing but the first page's xref section (a
    table or an xref stream) up to its first end, and /L, the linearized file's length, is where its second end is,
    give or take whitespace and NUL. After /L: the later revisions (a signature), or whitespace and NUL only: writers
    and servers end a file with "%%EOF\r\n" or pad it, and /L may not count that. Such bytes are safe to allow: a
    viewer reads nothing in them, and no revision (objects, an xref, startxref, %%EOF) can be written in them."""
    objects = [(m.end(), pdfsyntax.value(data, m.end())) for m in pdfsyntax.OBJECT.finditer(data, 0, ends[0])]
    if not objects or objects[0][0] > 1024 or not isinstance(parameters := objects[0][1], dict):
        return False
    length = parameters.get(b"/L")
    if b"/Linearized" not in parameters or not isinstance(length, bytes) or not length.isdigit():
        return False
    length = int(length)
    return (ends[1] <= length <= len(data) and not data[ends[1]:length].strip(_BLANK)
            and (len(ends) > 2 or not data[length:].strip(_BLANK))
            and all(isinstance(o, dict) and o.get(b"/Type") == b"/XRef" for _, o in objects[1:]))


def revision(ends: list[int], where: int) -> int:
    """The revision a place in the file belongs to (bytes after the last end: to the last)."""
    return max(0, min(bisect.bisect_right(ends, where), len(ends) - 1))


class _History:
    """The objects of a file of several revisions, as each revision left them."""

    def __init__(self, data: bytes, ends: list[int], places: Places) -> None:
        self.data, self.ends, self.places, self._values = data, ends, places, {}
        self.budget = {"entries": MAX_ENTRIES, "pages": MAX_PAGES}  # what the later revisions may cost, in all
        self.numbers: dict[int, set[int]] = {}  # the object numbers each revision writes
        self.references: dict[int, set[int]] = {}  # the object numbers each revision refers to (or seems to)
        streams = {}
        for number, written in places.items():
            for text, _, where in written:
                self.numbers.setdefault(self.revision(where), set()).add(number)
                if text is not data:
                    streams[where] = text
        for text, where in [(data, None), *((text, where) for where, text in streams.items())]:
            for found in _REFERENCE.finditer(text):
                owner = self.revision(found.start() if where is None else where)
                self.references.setdefault(owner, set()).add(int(found.group(1)))

    def revision(self, where: int) -> int:
        return revision(self.ends, where)

    def written(self, number: int, revision: int) -> list[tuple[bytes, int, int]]:
        return [place for place in self.places.get(number, []) if self.revision(place[2]) == revision]

    def latest(self, number: int, revision: int) -> tuple[bytes, int, int] | None:
        """Where object ``number`` is written as of ``revision``: its latest place up to it."""
        return max((p for p in self.places.get(number, []) if self.revision(p[2]) <= revision),
                   key=lambda p: self.revision(p[2]), default=None)

    def version(self, number: int, revision: int) -> object:
        """Object ``number`` as of ``revision``, or None."""
        if (latest := self.latest(number, revision)) is None:
            return None
        if (key := (latest[2], latest[1])) not in self._values:
            self._values[key] = pdfsyntax.value(latest[0], latest[1])
        return self._values[key]

    def resolve(self, item: object, revision: int) -> object:
        return self.version(item.number, revision) if isinstance(item, Ref) else item

    def stream(self, number: int, revision: int) -> bool:
        """Whether the object is a stream (what a page draws, a font, an image) as of ``revision``: a /Length, or the
        stream keyword before endobj (or no endobj near)."""
        text, at, _ = self.latest(number, revision)
        if isinstance(found := self.version(number, revision), dict) and b"/Length" in found:
            return True
        stream, end = text.find(b"stream", at, at + _NEAR), text.find(b"endobj", at, at + _NEAR)
        return text is self.data and (end < 0 or 0 <= stream < end)

    def generation(self, number: int, revision: int) -> int:
        text, _, where = self.latest(number, revision)
        return int(pdfsyntax.OBJECT.match(text, where).group(2)) if text is self.data else 0


def unsigned_change(data: bytes, ends: list[int], places: Places, xref_sections: list[tuple[int, dict]]) -> str | None:
    """What a revision after the first does besides signing the file (said to the editor), or None."""
    roots = {repr(section.get(b"/Root")) for _, section in xref_sections}
    infos = {repr(section[b"/Info"]) for _, section in xref_sections if b"/Info" in section}
    root = next((s[b"/Root"] for _, s in xref_sections if isinstance(s.get(b"/Root"), Ref)), None)
    if len(roots) != 1 or root is None or len(infos) > 1:
        return "换了文档目录或文档信息（/Root、/Info）"
    if len(ends) > MAX_REVISIONS:
        return f"超过 {MAX_REVISIONS} 版"
    history = _History(data, ends, places)
    info = next((s[b"/Info"] for _, s in xref_sections if isinstance(s.get(b"/Info"), Ref)), None)
    pointers = {m.end(): int(m.group(1)) for m in END.finditer(data)}  # where each end's startxref says its xref is
    for revision in range(1, len(ends)):
        start, end = ends[revision - 1], ends[revision] if revision < len(ends) - 1 else len(data)
        # each section that chains (a hybrid file's xref stream, named by its trailer's /XRefStm, need not)
        chains = [section[b"/Prev"] for at, section in xref_sections if start <= at < end and b"/Prev" in section]
        if not chains or any(_integer(prev) != pointers[start] for prev in chains):
            return f"第 {revision + 1} 版没有接在上一版之后（/Prev 不指向上一版的交叉引用表）"
        why = (_xref_change(history, revision, start, end, xref_sections)
               or _changed(history, revision, root.number, info.number if info else None))
        if why:
            return f"第 {revision + 1} 版{why}"
    return None


def _changed(history: _History, revision: int, root: int, info: int | None) -> str | None:
    """What ``revision`` writes besides a signature, or None. An object it writes again may only be what it was in
    the revision before: the catalog, its AcroForm (and that form's /Fields array), its /DSS and that one's /VRI, the
    trailer's /Info, its XMP metadata, a page (or a page's /Annots array), or a signature field; and never another
    stream."""
    before = revision - 1
    old_catalog, catalog = history.version(root, before), history.version(root, revision)
    if not _is(old_catalog, b"/Catalog") or not _is(catalog, b"/Catalog"):
        return "的文档目录不是上一版的"
    for key in old_catalog.keys() | catalog.keys():
        if key not in _CATALOG_SIGNING and not (key == b"/Metadata" and key not in old_catalog) and not (
                key in old_catalog and key in catalog and _same(old_catalog[key], catalog[key])):
            return f"改写了文档目录的 {key.decode('latin-1')}"
    if why := _form_changed(history, revision, old_catalog, catalog):
        return why
    form, dss = old_catalog.get(b"/AcroForm"), old_catalog.get(b"/DSS")
    fields = history.resolve(form, before).get(b"/Fields") if isinstance(history.resolve(form, before), dict) else None
    vri = history.resolve(dss, before).get(b"/VRI") if isinstance(history.resolve(dss, before), dict) else None
    checked = {root} | {item.number for item in (form, fields) if isinstance(item, Ref)}
    validation = {item.number for item in (dss, vri) if isinstance(item, Ref)}  # certificates, never shown
    metadata = old_catalog.get(b"/Metadata")
    annots = None  # the numbers of the pages' /Annots arrays, read when an array is written again
    for number in sorted(history.numbers.get(revision, ())):
        old, new = history.version(number, before), history.version(number, revision)
        if old is None:
            why = _new_object(history, revision, number, new)
        elif history.generation(number, before) != history.generation(number, revision):
            why = f"改了对象 {number} 的版本号（引用它的地方会读不到它）"
        elif isinstance(metadata, Ref) and number == metadata.number:
            why = _metadata_changed(history, revision, number)
        elif history.stream(number, before):
            why = f"改写了对象 {number}（{_kind(old)}，一个内容流）"
        elif number in checked:
            why = None  # the catalog, the AcroForm and its fields: compared above
        elif number in validation:
            why = None if isinstance(old, dict) and isinstance(new, dict) else f"改写了对象 {number}"
        elif number == info:
            why = _info_changed(old, new)
        elif _is(old, b"/Page"):
            why = _page_changed(history, revision, number, old, new)
        elif isinstance(old, list):
            annots = _annots_arrays(history, old_catalog.get(b"/Pages"), before) if annots is None else annots
            why = None if number in annots and _grown(history, revision, old, new, widget=True) else (
                f"改写了数组对象 {number}（不只是给页面的注释增加了签名）")
        elif _signature_field(history, before, old, widget=False):
            why = None if _signature_field(history, revision, new, widget=False) else f"把签名域 {number} 改成了别的对象"
        else:
            why = f"改写了对象 {number}（{_kind(old)}），不只是加签名"
        if why:
            return why
    return None


def _annots_arrays(history: _History, pages: object, revision: int) -> set[int]:
    """The numbers of the arrays the pages (the page tree from ``pages``, as of ``revision``) list annotations in."""
    found, todo, seen = set(), [pages], set()
    while todo:
        item = todo.pop()
        if not isinstance(item, Ref) or item.number in seen:
            continue
        if history.budget["pages"] <= 0:
            raise ValueError("PDF page tree past the bound")
        history.budget["pages"] -= 1
        seen.add(item.number)
        if isinstance(node := history.version(item.number, revision), dict):
            if isinstance(kids := node.get(b"/Kids"), list):
                todo += kids
            if isinstance(node.get(b"/Annots"), Ref):
                found.add(node[b"/Annots"].number)
    return found


def _form_changed(history: _History, revision: int, old_catalog: dict, catalog: dict) -> str | None:
    """The AcroForm may gain signature fields and /SigFlags, nothing else: the fields it had, and how they look, stay
    as they were. Its default appearance and resources (/DA, /DR) may change only while it has no field but
    signatures, which draw their own appearance."""
    old = history.resolve(old_catalog.get(b"/AcroForm", {}), revision - 1)
    new = history.resolve(catalog.get(b"/AcroForm", {}), revision)
    if not isinstance(old, dict) or not isinstance(new, dict):
        return "的表单（AcroForm）无法读取"
    fields = history.resolve(old.get(b"/Fields", []), revision - 1)
    signatures_only = isinstance(fields, list) and all(  # then /DA and /DR change how no field looks
        isinstance(f, Ref) and _signature_field(history, revision - 1, history.version(f.number, revision - 1), False)
        for f in fields)
    for key in old.keys() | new.keys():
        if key == b"/SigFlags" or (key in (b"/DA", b"/DR") and signatures_only):
            continue
        if key == b"/Fields":
            unchanged = _grown(history, revision, old.get(key, []), new.get(key, []), widget=False)
        else:
            unchanged = key in old and key in new and _same(old[key], new[key])
        if not unchanged:
            return f"改写了表单（AcroForm）的 {key.decode('latin-1')}"
    return None


def _page_changed(history: _History, revision: int, number: int, old: dict, new: object) -> str | None:
    """A page may gain signature widgets in /Annots; what it shows, and the annotations it had, stay as they were."""
    if not _is(new, b"/Page"):
        return f"把页面（对象 {number}）改成了别的对象"
    for key in old.keys() | new.keys():
        if key == b"/Annots":
            if not _grown(history, revision, old.get(key, []), new.get(key, []), widget=True):
                return f"改动了页面（对象 {number}）的注释（删去、改动或增加了签名以外的注释）"
        elif key not in old or key not in new or not _same(old[key], new[key]):
            return f"改写了页面（对象 {number}）的 {key.decode('latin-1')}"
    return None


def _info_changed(old: object, new: object) -> str | None:
    """The document information may get a new /ModDate and /Producer, as every signing tool writes; its other entries
    (a title, a subject that may have named what was withheld) stay."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return "改写了文档信息（/Info）"
    for key in old.keys() | new.keys():
        if key not in (b"/ModDate", b"/Producer") and not (key in old and key in new and _same(old[key], new[key])):
            return f"改写了文档信息（/Info）的 {key.decode('latin-1')}"
    return None


# What a signing tool rewrites in the document's XMP metadata: when it was modified, by what, which instance it is.
# Everything else (a title, a subject, keywords that may have named what was withheld) must stay, by meaning: tools
# write XMP out anew, attributes for elements and namespaces elsewhere, so it is compared as RDF facts, not bytes.
_XMP_SIGNING = frozenset(("{http://ns.adobe.com/xap/1.0/}ModifyDate", "{http://ns.adobe.com/xap/1.0/}MetadataDate",
                          "{http://ns.adobe.com/pdf/1.3/}Producer", "{http://ns.adobe.com/xap/1.0/mm/}InstanceID"))
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
MAX_XMP = 1024 * 1024


def _metadata_changed(history: _History, revision: int, number: int) -> str | None:
    """The catalog's XMP metadata may be written again with new dates, producer and instance ID, nothing else."""
    facts = [_xmp_facts(history, when, number) for when in (revision - 1, revision)]
    if None in facts or facts[0] != facts[1]:
        return f"改写了 XMP 元数据（对象 {number}）中日期和生成工具以外的内容"
    return None


def _xmp_facts(history: _History, revision: int, number: int) -> Counter | None:
    """What an XMP stream says, as (property path, value) facts, less what signing rewrites; None when unreadable."""
    text, at, _ = history.latest(number, revision)
    head = history.version(number, revision)
    stream = pdfsyntax.STREAM.search(text, at, at + _NEAR)
    if text is not history.data or not _is(head, b"/Metadata") or head.get(b"/Filter") not in (None, b"/FlateDecode") \
            or stream is None or (end := text.find(b"endstream", stream.end(), stream.end() + MAX_XMP)) < 0:
        return None
    xml = text[stream.end():end]
    try:
        xml = zlib.decompressobj().decompress(xml, MAX_XMP) if head.get(b"/Filter") else xml
        if b"<!" in xml.replace(b"<![CDATA[", b""):  # a DOCTYPE or an entity: no XMP needs one
            return None
        root = ElementTree.fromstring(xml.strip(_BLANK))
    except (zlib.error, ElementTree.ParseError):
        return None
    facts: Counter = Counter()
    for description in root.iter(_RDF + "Description"):
        for name, value in description.attrib.items():
            if not name.startswith(_RDF) and name not in _XMP_SIGNING:
                facts[(name, value.strip())] += 1
        for child in description:
            if child.tag in _XMP_SIGNING:
                continue
            if len(child) == 0 and not child.attrib:  # a simple property: as if written as an attribute
                facts[(child.tag, (child.text or "").strip())] += 1
                continue
            for node in child.iter():
                facts[(child.tag, node.tag, tuple(sorted(node.attrib.items())), (node.text or "").strip())] += 1
    return facts


def _new_object(history: _History, revision: int, number: int, new: object) -> str | None:
    """An object number no earlier revision wrote, nor referred to: one an earlier page points at (a dangling
    /Contents entry, say) would change what it shows when written, whatever it is."""
    if any(number in history.references.get(before, ()) for before in range(revision)):
        return f"写入了此前各版引用却不存在的对象 {number}"
    if not isinstance(new, dict) or _signature_field(history, revision, new, widget=False):
        return None
    kind, subtype = new.get(b"/Type"), new.get(b"/Subtype")
    if (kind is not None and not (isinstance(kind, bytes) and kind in _NEW_TYPES)) or b"/FT" in new \
            or (subtype is not None and not (isinstance(subtype, bytes) and subtype in _NEW_SUBTYPES)):
        return f"新增的对象 {number}（{_kind(new)}）不是签名所需的"
    if kind in (b"/Sig", b"/DocTimeStamp") and not (b"/ByteRange" in new and _string(new.get(b"/Contents"))):
        return f"新增的签名 {number} 没有 /ByteRange 或 /Contents"
    return None


def _signature_field(history: _History, revision: int, item: object, widget: bool) -> bool:
    """A signature field (/FT /Sig), or its widget (an annotation that is one, or whose /Parent is one). Only a
    widget when ``widget``: what a page's /Annots may gain."""
    if not isinstance(item, dict) or item.get(b"/Type", b"/Annot") != b"/Annot" or b"/Length" in item \
            or item.get(b"/Subtype", None if widget else b"/Widget") != b"/Widget":
        return False
    parent = history.resolve(item.get(b"/Parent"), revision) if isinstance(item.get(b"/Parent"), Ref) else None
    return item.get(b"/FT") == b"/Sig" or (b"/FT" not in item and isinstance(parent, dict)
                                            and parent.get(b"/FT") == b"/Sig")


def _grown(history: _History, revision: int, old: object, new: object, widget: bool) -> bool:
    """Whether the array ``new`` (a reference to one as of ``revision``) is ``old`` (as of the revision before) with
    references to signature fields (widgets, when ``widget``) added after its items."""
    old, new = history.resolve(old, revision - 1), history.resolve(new, revision)
    if not isinstance(old, list) or not isinstance(new, list) or len(new) < len(old):
        return False
    return all(_same(a, b) for a, b in zip(old, new)) and all(
        isinstance(added, Ref) and _signature_field(history, revision, history.version(added.number, revision), widget)
        for added in new[len(old):])


def _same(a: object, b: object) -> bool:
    """Whether two values read by pdfsyntax are one: token by token, numbers by value."""
    if isinstance(a, dict) or isinstance(b, dict):
        return (isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys()
                and all(_same(a[k], b[k]) for k in a))
    if isinstance(a, list) or isinstance(b, list):
        return isinstance(a, list) and isinstance(b, list) and len(a) == len(b) and all(map(_same, a, b))
    if a == b:
        return True
    if isinstance(a, bytes) and isinstance(b, bytes) and _NUMBER.fullmatch(a) and _NUMBER.fullmatch(b):
        try:
            return Decimal(a.decode()) == Decimal(b.decode())
        except InvalidOperation:
            return False
    return False


def _is(item: object, kind: bytes) -> bool:
    return isinstance(item, dict) and item.get(b"/Type") == kind


def _string(item: object) -> bool:
    return isinstance(item, bytes) and item[:1] in (b"(", b"<")


def _kind(item: object) -> str:
    if isinstance(item, dict):
        kind = b" ".join(item[k] for k in (b"/Type", b"/Subtype", b"/FT") if isinstance(item.get(k), bytes))
        return (kind or b"/Length" in item and b"stream" or b"dictionary").decode("latin-1")
    return "array" if isinstance(item, list) else "value"


def _xref_change(history: _History, revision: int, start: int, end: int,
                 xref_sections: list[tuple[int, dict]]) -> str | None:
    """Each entry of the revision's xref sections must point at an object it writes, where it writes it (by number and
    generation: a reference to another generation reads nothing), or free one no earlier revision wrote: a viewer
    reads the xref, not the bytes in between."""
    data, entries = history.data, []
    for at, section in xref_sections:
        if start <= at < end:  # a table is the last "xref" before its trailer
            entries += (_xref_stream(data, at, section) if section.get(b"/Type") == b"/XRef"
                        else _table(data, data.rfind(b"xref", start, at) + 4, at))
    if (budget := history.budget)["entries"] < len(entries):
        raise ValueError("too many xref entries")
    budget["entries"] -= len(entries)
    for number, kind, offset, generation in entries:
        if kind == 0:
            ok = history.version(number, revision - 1) is None
        elif kind == 1:
            found = pdfsyntax.OBJECT.match(data, offset)
            ok = start <= offset < end and found is not None and (int(found.group(1)), int(found.group(2))) == (
                number, generation)
        else:  # in an object stream: one this revision writes (at the index its header gives it: misindexed)
            ok = any(text is not data for text, _, _ in history.written(number, revision))
        if not ok:
            return f"的交叉引用表删去或另指了对象 {number}"
    return None


def misindexed(data: bytes, xref_sections: list[tuple[int, dict]], places: Places) -> int | None:
    """The number of an object an xref stream points at an index of an object stream whose header gives another number
    there (in any place the stream is written), or None. A viewer takes the object at the index an xref entry gives
    (pdf.js does not look at the number the header pairs with it), the checks the one the header numbers: a signing
    revision's entry pointing page 3 at the index of a new, untyped dictionary, the header numbering that one 30 and an
    unchanged copy of the page 3, showed another page; an /OpenAction to a /URI action so numbered passed as the
    /Named one the header gave its number. Its entries are bounded in all, as the later revisions' are; each stream's
    header is read once."""
    streams = {where: text for written in places.values() for text, _, where in written if text is not data}
    if not streams:
        return None
    budget, headers = MAX_ENTRIES, {}
    for at, section in xref_sections:
        if section.get(b"/Type") != b"/XRef":
            continue
        entries = _xref_stream(data, at, section)
        if (budget := budget - len(entries)) < 0:
            raise ValueError("too many xref entries")
        for number, kind, holder, index in entries:
            if kind != 2:
                continue
            if holder not in headers:
                headers[holder] = [_header(data, at, streams) for text, at, _ in places.get(holder, []) if text is data]
            if not headers[holder] or not all(index < len(numbers) and numbers[index] == number
                                              for numbers in headers[holder]):
                return number
    return None


def _header(data: bytes, at: int, streams: dict[int, bytes]) -> list[int]:
    """The object numbers an object stream written at ``at`` of ``data`` lists, in order; none when it is not one."""
    head, stream = pdfsyntax.value(data, at), pdfsyntax.STREAM.search(data, at, at + _NEAR)
    if not _is(head, b"/ObjStm") or not isinstance(first := head.get(b"/First"), bytes) or not first.isdigit() \
            or stream is None or stream.start() not in streams:
        return []
    return [int(n) for n in _DIGITS.findall(streams[stream.start()], 0, int(first))[::2]]


def _table(data: bytes, at: int, stop: int) -> list[tuple[int, int, int, int]]:
    """A classic xref table's entries, from after its keyword to its trailer: (number, 0 free or 1 in use, offset,
    generation)."""
    if at < 4:
        raise ValueError("trailer without an xref table")
    words, entries, i = data[at:stop].split(), [], 0
    while i < len(words):
        first, count = int(words[i]), int(words[i + 1])
        if count > len(words) or len(entries) + count > MAX_ENTRIES:
            raise ValueError("xref subsection past the table or the bound")
        for number in range(first, first + count):
            offset, generation, kind = words[i + 2:i + 5]
            if kind not in (b"f", b"n"):
                raise ValueError("xref entry neither in use nor free")
            entries.append((number, int(kind == b"n"), int(offset), int(generation)))
            i += 3
        i += 2
    return entries


def _xref_stream(data: bytes, at: int, section: dict) -> list[tuple[int, int, int, int]]:
    """An xref stream's entries: (number, type, offset or object stream, generation or index), from its Flate data,
    PNG predictors None and Up undone (what writers use); any other encoding is refused as unreadable."""
    widths, size = section.get(b"/W"), section.get(b"/Size")
    parms = section.get(b"/DecodeParms", {})
    if not (isinstance(widths, list) and len(widths) == 3 and all(isinstance(w, bytes) and w.isdigit() for w in widths)
            and section.get(b"/Filter") in (None, b"/FlateDecode", [b"/FlateDecode"]) and isinstance(parms, dict)):
        raise ValueError("xref stream the check cannot read")
    widths = [int(w) for w in widths]
    index = section.get(b"/Index", [b"0", size])
    if not isinstance(index, list):
        raise ValueError("xref stream /Index")
    index = [_integer(n) for n in index]
    predictor, columns = _integer(parms.get(b"/Predictor", b"1")), _integer(parms.get(b"/Columns", b"1"))
    if not (stream := pdfsyntax.STREAM.search(data, at)) or not 0 < (row := sum(widths)) <= 24:
        raise ValueError("xref stream the check cannot read")
    table = data[stream.end():stream.end() + MAX_XREF]  # unfiltered, its rows are read as its index counts them
    if section.get(b"/Filter") is not None:
        table = zlib.decompressobj().decompress(table, MAX_XREF)
    elif predictor != 1:
        raise ValueError("xref stream predictor without a filter")
    if predictor >= 10:
        if columns != row:
            raise ValueError("xref stream predictor columns")
        rows, previous = [], bytes(row)
        for i in range(0, len(table), row + 1):
            kind, line = table[i], table[i + 1:i + 1 + row]
            if kind not in (0, 2) or len(line) != row:
                raise ValueError("xref stream predictor")
            previous = line if kind == 0 else bytes((a + b) & 0xFF for a, b in zip(line, previous))
            rows.append(previous)
        table = b"".join(rows)
    elif predictor != 1:
        raise ValueError("xref stream predictor")
    entries, at = [], 0
    for first, count in zip(index[::2], index[1::2]):
        for number in range(first, first + count):
            if at + row > len(table) or len(entries) >= MAX_ENTRIES:
                raise ValueError("xref stream shorter than its index, or past the bound")
            fields = [int.from_bytes(table[at + sum(widths[:j]):at + sum(widths[:j + 1])], "big") for j in range(3)]
            entries.append((number, fields[0] if widths[0] else 1, fields[1], fields[2]))
            at += row
    return entries


def _integer(item: object) -> int:
    if not isinstance(item, bytes) or not item.isdigit():
        raise ValueError("PDF integer expected")
    return int(item)
