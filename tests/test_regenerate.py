"""The preview's outputs after an edit (gongbao.publish.regenerate): exactly what a clean make of the edited archive
makes, every output, with only the makers the edit reached called again; and the reads it maps outputs by
(gongbao.publish.dependencies) cannot be got around."""
from __future__ import annotations

import dataclasses

import pytest

from gongbao.cli import main
from gongbao.content import integrity
from gongbao.content.model import Document
from gongbao.publish import dependencies
from gongbao.publish.regenerate import Regenerator
from gongbao.publish.render import document, site
from test_incremental import DOC, EXTRA, edit_document, edit_interpretation, remove_document

EXTRA_URL = "doc/id/wxszf-2018-rm-06b/"


@pytest.fixture
def kept(site_repo):
    """The sample with one more (unlocked) document, made once by the preview's regenerator."""
    text = (site_repo.path / DOC).read_text(encoding="utf-8")
    site_repo.write(EXTRA, text.replace("id: wxszf-2018-rm-06", "id: wxszf-2018-rm-06b").replace("周文彬", "周文"))
    archive, settings, today = _checked(site_repo)  # one check: the files do not change until the test edits them
    regenerate = Regenerator()
    first = regenerate(archive, settings, today)
    assert regenerate.remade == len(site.makers(archive.public(), settings, today))
    return site_repo, regenerate, first


def _checked(repo):
    checked = repo.check()
    assert checked.ok, [str(d) for d in checked.diagnostics if d.is_error]
    return checked.archive, checked.settings, checked.today


def edit_body(repo):
    repo.replace(EXTRA, "任命周文为", "任命周文同志为")


def edit_title(repo):
    repo.replace(EXTRA, "title: 无锡市人民政府关于周文等同志", "title: 无锡市人民政府关于周文、顾晓岚等同志")


def edit_date(repo):
    """A later publication date: the document moves in every list sorted by date, and in the feeds."""
    repo.replace(EXTRA, "published: 2018-06-22", "published: 2018-06-25")


def add_document(repo):
    """A file more: the collections change, and everything is made again."""
    text = (repo.path / EXTRA).read_text(encoding="utf-8")
    repo.write(EXTRA.replace("extra", "more"), text.replace("id: wxszf-2018-rm-06b", "id: wxszf-2018-rm-06c"))


def rename_site(repo):
    """Other settings: everything is made again."""
    repo.replace("gazette.yml", "name: 无锡市人民政府公报（示例）", "name: 无锡市人民政府公报")
    assert main(["lock", "--root", str(repo.path), "--write", "--site"]) == 0  # a rename, recorded (rules/lock.py)


@pytest.mark.parametrize("edit, few", [
    (edit_body, True), (edit_title, True), (edit_date, True), (edit_document, True), (edit_interpretation, True),
    (remove_document, False), (add_document, False), (rename_site, False),
])
def test_an_edit_remade_is_the_clean_make(kept, edit, few):
    repo, regenerate, first = kept
    edit(repo)
    made = regenerate(*_checked(repo))
    clean = site.outputs(*_checked(repo))
    assert made == clean
    assert made != first  # every edit changes some output: the comparison above compared something
    everything = len(site.makers(repo.check().archive.public(), *_checked(repo)[1:]))
    assert (regenerate.remade < everything / 4) if few else regenerate.remade == everything
    assert (regenerate.touched is not None) == few
    if few:
        _every_change_touched(first, made, regenerate.touched)


def _every_change_touched(before, after, touched):
    """What the preview's hook relies on to look at only ``touched``: every output that changed, came or went is in it."""
    for kind in ("pages", "files", "authored", "home", "attachments"):
        old, new = getattr(before, kind), getattr(after, kind)
        changed = {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
        assert changed <= touched.get(kind, set()), kind


def test_a_body_edit_remakes_its_page_twins_print_view_and_the_manifest_only(kept):
    repo, regenerate, first = kept
    edit_body(repo)
    made = regenerate(*_checked(repo))
    changed = {url for url in made.pages if made.pages[url] != first.pages[url]}
    assert changed == {EXTRA_URL, "gazette/2018/06/print/"}
    assert {p for p in made.files if made.files[p] != first.files[p]} == {
        EXTRA_URL + "index.json", EXTRA_URL + "index.txt", "catalog/documents.json", "catalog/documents.csv",
        "manifest.json"}
    assert regenerate.remade == 4  # its page, its twins, its issue's print view and issue page, the collection's files
    assert regenerate.touched["pages"] == {EXTRA_URL, "gazette/2018/06/print/", "gazette/2018/06/"}
    assert len(regenerate.touched["files"]) < 10  # the hook looks at these, not at every output


def test_made_inside_one_build_memo_a_body_edit_still_remakes_the_twins(kept, monkeypatch):
    """The hook runs the makers inside gongbao.content.integrity.once (each text's hash once a build): a maker that
    finds a text another maker hashed must still be noted as reading the body, or a later body edit leaves its
    twins stale. And an edit hashes again only the twin texts it changed."""
    repo, _, _ = kept
    regenerate = Regenerator()
    with integrity.once():
        regenerate(*_checked(repo))  # everything made inside one memo, as after an edit that adds a file
    edit_body(repo)
    checked, hashed = _checked(repo), []  # the check hashes the locked texts: not counted
    monkeypatch.setattr(integrity, "text_sha256", lambda text, digest=integrity.text_sha256: hashed.append(text) or digest(text))
    with integrity.once():
        made = regenerate(*checked)
    hashed, clean = set(hashed), site.outputs(*checked)
    assert made == clean
    edited = made.files[EXTRA_URL + "index.txt"]
    assert "任命周文同志为" in edited and edited in hashed
    unchanged = {made.files[p] for p in made.files if p.startswith("doc/") and p.endswith("/index.txt")} - {edited}
    assert len(unchanged) > 5 and not unchanged & hashed  # their entries kept: not hashed again


def test_edits_one_after_another_each_the_clean_make(kept):
    repo, regenerate, made = kept
    for edit in (edit_body, edit_title, edit_date, edit_interpretation):
        edit(repo)
        before, made = made, regenerate(*_checked(repo))
        assert made == site.outputs(*_checked(repo))
        _every_change_touched(before, made, regenerate.touched)


def test_nothing_changed_remakes_nothing(kept):
    repo, regenerate, first = kept
    assert regenerate(*_checked(repo)) == first and regenerate.remade == 0 and regenerate.touched == {}


# The reads that map an output: each way a renderer could read a field is seen.

def _reads(archive, read) -> set:
    found = set()
    with dependencies.watching():
        index = dependencies.Index(archive)
        with index.reading(found):
            read(archive.documents[0])
    return found


@pytest.mark.parametrize("read, expected", [
    (lambda d: d.title, {"title"}),
    (lambda d: d.label, {"number", "title"}),  # a property reads the fields it is made of
    (lambda d: d.source.body, {"source.body"}),
    (lambda d: vars(d)["title"], set(f.name for f in dataclasses.fields(Document)) - {"source"}),
    (lambda d: dataclasses.asdict(d), None),  # every field, the source's too
    (lambda d: repr(d), None),
])
def test_every_way_of_reading_a_field_is_noted(kept, read, expected):
    repo, _, _ = kept
    archive = repo.check().archive.public()
    found = {field for path, field in _reads(archive, read)}
    if expected is None:
        expected = ({f.name for f in dataclasses.fields(Document)} - {"source"}) | {"source.body", "source.meta"}
        assert expected <= found
    else:
        assert expected <= found


def test_a_copy_made_while_rendering_is_always_remade(kept):
    repo, _, _ = kept
    archive = repo.check().archive.public()
    assert dependencies.UNKNOWN in _reads(archive, lambda d: dataclasses.replace(d, title="x").title)


def test_outside_watching_the_classes_are_as_they_were(kept):
    repo, _, _ = kept
    archive = repo.check().archive.public()
    _reads(archive, lambda d: d.title)
    assert "__getattribute__" not in vars(Document)


def test_a_renderer_that_raises_leaves_nothing_half_kept(kept, monkeypatch):
    """The kept items take an edit's values before the makers run: if one raises, the next call must not take the
    kept outputs for the edit's (it makes everything again)."""
    repo, regenerate, _ = kept
    edit_body(repo)

    def broken(*args, **kwargs):
        raise RuntimeError("渲染失败")
    with monkeypatch.context() as patched:
        patched.setattr(document, "page", broken)
        with pytest.raises(RuntimeError):
            regenerate(*_checked(repo))
    assert regenerate(*_checked(repo)) == site.outputs(*_checked(repo))


# The files no reader of an edited page needs at once (site.Maker.later): the preview's worker holds them back.

LATER_FILES = ("feeds/", "sitemap.xml", "robots.txt", "_redirects", "_headers", "redirects.nginx.conf", "wh/")


def _later_files(made) -> dict:
    return {path: text for path, text in made.files.items() if path.startswith(LATER_FILES)}


@pytest.mark.parametrize("edit", [edit_document, edit_title, edit_date])
def test_held_back_the_feeds_and_sitemap_are_the_last_ones_until_a_call_that_makes_them(kept, edit):
    """A corrected document, a title, a date: every other output is the clean make's at once; the feeds and the
    sitemap are the ones made before (what the site holds), and not touched, until a call without ``defer``."""
    repo, regenerate, first = kept
    edit(repo)
    regenerate.defer = True
    made, clean = regenerate(*_checked(repo)), site.outputs(*_checked(repo))
    assert regenerate.pending and _later_files(made) == _later_files(first) != _later_files(clean)
    assert {p: t for p, t in made.files.items() if p not in _later_files(made)} == \
        {p: t for p, t in clean.files.items() if p not in _later_files(clean)}
    assert made.pages == clean.pages and not set(_later_files(made)) & regenerate.touched["files"]
    regenerate.defer = False
    before, made = made, regenerate(*_checked(repo))
    assert made == clean and not regenerate.pending
    _every_change_touched(before, made, regenerate.touched)


def test_held_back_through_further_edits_they_are_made_of_the_last(kept):
    repo, regenerate, first = kept
    regenerate.defer = True
    edit_title(repo)
    regenerate(*_checked(repo))
    edit_body(repo)  # reaches no feed: what the title held back stays held back
    made = regenerate(*_checked(repo))
    assert regenerate.pending and _later_files(made) == _later_files(first)
    regenerate.defer = False
    assert regenerate(*_checked(repo)) == site.outputs(*_checked(repo)) and not regenerate.pending


def test_an_edit_that_makes_everything_holds_nothing_back(kept):
    """A file added (or withheld: no longer public) makes every output: the feeds then too, so that no file keeps a
    document that is no longer public."""
    repo, regenerate, _ = kept
    regenerate.defer = True
    edit_title(repo)
    regenerate(*_checked(repo))
    add_document(repo)
    assert regenerate(*_checked(repo)) == site.outputs(*_checked(repo)) and not regenerate.pending
