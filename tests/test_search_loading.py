"""What the search page downloads, and when: a document number costs a few KB however it is typed."""
from __future__ import annotations


def test_typing_a_number_a_character_at_a_time_loads_no_index(page, site_url):
    """A reader who pauses after every character: 锡, 锡政, … are the start of a 机关代字, not words
    to preload the index for (150 KB on a 1,000-document archive)."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(site_url + "search/")
    page.focus("#gb-q")
    for character in "锡政办发〔2018〕68号":
        page.keyboard.type(character)
        page.wait_for_timeout(350)  # past the pause after which typed words are preloaded
    page.keyboard.press("Enter")
    page.wait_for_selector("#gb-results li")
    assert not [u for u in seen if "/pagefind" in u]


def test_a_word_that_only_begins_like_a_number_is_still_preloaded(page, site_url):
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(site_url + "search/")
    page.focus("#gb-q")
    with page.expect_request(lambda r: r.url.endswith(".pf_index")):
        page.keyboard.type("锡山区")  # 锡 begins 锡政办发; 锡山 begins no 机关代字
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.getElementById('gb-search-status').textContent.startsWith('正在')")


def test_a_search_loads_the_engine_once_and_no_worker(page, site_url):
    """Pagefind's Web Worker would be a second copy of its code (12 KB gzipped) for every reader."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(site_url + "search/?q=政务公开")
    page.wait_for_selector("#gb-results li")
    page.wait_for_load_state("networkidle")
    code = [u for u in seen if u.endswith(".js") and "/pagefind" in u]
    assert [u.rsplit("/", 1)[1] for u in code] == ["pagefind.js"], code
    assert len([u for u in seen if "wasm." in u]) == 1

