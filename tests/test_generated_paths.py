"""render.site.FILE_MAKERS: what each generator lists without making its files (for the links rule, asking whether a
link's target exists) is exactly what it makes, so that a lister can never drift from its maker."""
from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import ROOT, TODAY
from gongbao.content.urls import GENERATED_ROOTS
from gongbao.publish.check import check
from gongbao.publish.render import listings, site, ui
from gongbao.tools import synthetic


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    synthetic.write(folder, synthetic.archive(40, seed=3))
    return {"sample": check(ROOT, today=TODAY), "synthetic": check(folder, today=TODAY)}


@pytest.mark.parametrize("name", ["sample", "synthetic"])
@pytest.mark.parametrize("site_url", [None, ""])  # without site.url no feed is written
@pytest.mark.parametrize("index", range(len(site.FILE_MAKERS)))
@pytest.mark.parametrize("script", ["zh-Hans", "zh-Hant"])  # the labels change with the interface; the paths may not
def test_each_generator_lists_exactly_the_files_it_makes(archives, name, site_url, index, script):
    checked = archives[name]
    settings = replace(checked.settings, interface_script=script)
    settings = settings if site_url is None else replace(settings, site_url=site_url)
    generator, public = site.FILE_MAKERS[index], checked.archive.public()
    with ui.interface(settings.interface_script):
        made = site._files_of(*generator.split(public, settings))
        listed = generator.listed(public, settings)
    assert made or site_url == "" or name == "synthetic" or generator is site.VERSION_FILES, \
        "each generator should make some files for the sample"
    assert sorted(listed) == sorted(made)


@pytest.mark.parametrize("name", ["sample", "synthetic"])
@pytest.mark.parametrize("script", ["zh-Hans", "zh-Hant"])
def test_the_catalogue_pages_listed_are_those_rendered(archives, name, script):
    checked = archives[name]
    public, settings = checked.archive.public(), replace(checked.settings, interface_script=script)
    with ui.interface(settings.interface_script):
        rendered = listings.catalogues(public, settings)
        listed = listings.catalogue_urls(public, settings)
    assert len(rendered) > 4
    assert sorted(listed) == sorted(rendered)


@pytest.mark.parametrize("name", ["sample", "synthetic"])
def test_every_generated_path_is_under_a_root_hand_written_files_may_not_use(archives, name):
    """rules/site_files.py refuses a hand-written file under ``GENERATED_ROOTS``: each output's first part is one
    (the home page aside, which content/index.md introduces), or a hand-written page could take its place."""
    checked = archives[name]
    made = site.outputs(checked.archive, checked.settings, TODAY)
    paths = [*made.pages, *made.files, *made.attachments]
    assert len(paths) > 20
    assert sorted({p.split("/")[0] for p in paths if p} - GENERATED_ROOTS) == []


def test_the_files_the_build_adds_after_mkdocs_are_under_roots_too():
    """The published lock and what the site published beyond it are written into the site after MkDocs ran: a
    hand-written page at either made a folder there (IsADirectoryError, the build's traceback)."""
    from gongbao.content import lock, published_lock
    assert {lock.FILENAME, published_lock.UNRECORDED} <= GENERATED_ROOTS
