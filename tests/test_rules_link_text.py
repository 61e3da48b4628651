"""rules/link_text.py: a link's text shows no other host than the link leads to, and no link is written in a link's
text, wherever and however it is written, in the source and on the page (gongbao.publish.rendered_html); with the
source rules switched off, the build refuses on its own."""
from collections import Counter
from html import escape

import pytest

from conftest import Repo, site_markdown
from gongbao import rules
from gongbao.publish import rendered_html
from gongbao.publish.build import BuildFailed, build
from gongbao.rules import link_text
from gongbao.rules.rendering import HANDWRITTEN
from test_check_build_agree import make_repo
from test_participation import EXPLANATION

DOC = "gazette/2018/06/xzbf-68.md"
JD = "interpretations/xzbf-68-jd.md"
SITE = "https://example.gov.cn/"
DRAFT = ("---\ntitle: 无锡市示例办法（征求意见稿）\nid: 2026-sl-zqyj\nconsulter: 无锡市人民政府办公室\n"
         "opens: 2026-11-01\ncloses: 2026-12-31\nemail: yj@example.gov.cn\ndisclosure: 主动公开\n---\n"
         "第一条 为了示例，制定本办法。\n\n")
SHOWS = "不是同一个网站"
NESTED = "链接的文字中又有链接"

MISLEADING = {  # each shows www.wuxi.gov.cn (or a.cn) and leads elsewhere
    "address": "[https://www.wuxi.gov.cn/zwgk/](https://evil.example/)",
    "host name": "[www.wuxi.gov.cn](https://evil.example/)",
    "bare host name": "[wuxi.gov.cn](https://evil.example/)",
    "a name ending as the host's": "[www.wuxi.gov.cn](https://wuxi.gov.cn.evil.example/)",
    "among words": "[请访问 https://www.wuxi.gov.cn/ 办理](https://evil.example/)",
    "the second of two shown": "[https://evil.example/ 即 https://www.wuxi.gov.cn/](https://evil.example/)",
    "a scheme no browser opens": "[hxxps://www.wuxi.gov.cn/](https://evil.example/)",
    "full-width": "[ｈｔｔｐｓ：／／ｗｗｗ．ｗｕｘｉ．ｇｏｖ．ｃｎ](https://evil.example/)",
    "character reference": "[https&#58;//www.wuxi.gov.cn/](https://evil.example/)",
    "Chinese host, Traditional": "[無錫市人民政府.政務](https://evil.example/)",
    "to the site itself": "[https://www.wuxi.gov.cn/](/doc/xzbf/2018/68/)",
    "mail": "[gk@wuxi.gov.cn](mailto:gk@evil.example)",
    "a Markdown link in its text, shown as written": "[见[甲](https://www.wuxi.gov.cn/)](https://evil.example/)",
    "reference": "[https://www.wuxi.gov.cn/][1]\n\n[1]: https://evil.example/",
    "raw html": '<a href="https://evil.example/">www.wuxi.gov.cn</a>',
    # a browser ignores the / of a start tag that is not a void element's: the text after it is the link's
    "raw html, self-closing": '<a href="https://evil.example/"/>www.wuxi.gov.cn</a>',
    "raw html, self-closing, never closed, in a list, Traditional": '- 請訪問<a href="https://evil.example/" />https://www.wuxi.gov.cn/',
    "raw html, never closed: the paragraph ends it": '請訪問<a href="https://evil.example/">https://www.wuxi.gov.cn/',
    "a self-closing title before the link": '<span title="https://www.wuxi.gov.cn/"/>[官网](https://evil.example/)',
    "list": "- 第一项\n- [https://www.wuxi.gov.cn/](https://evil.example/)",
    "quote": "> 見[https://www.wuxi.gov.cn/](https://evil.example/)",
    "table": "| 甲 | 乙 |\n|---|---|\n| 網站 | [https://www.wuxi.gov.cn/](https://evil.example/) |",
    "markdown div": '<div markdown="1">\n[https://www.wuxi.gov.cn/](https://evil.example/)\n</div>',
    "a long text": "[" + "请" * 310 + " www.wuxi.gov.cn](https://evil.example/)",
    "a bracket before it": "[[甲] www.wuxi.gov.cn](https://evil.example/)",
    "ideographic full stops": "[www。wuxi。gov。cn](https://evil.example/)",
    "half-width ideographic full stops": "[www｡wuxi｡gov｡cn](https://evil.example/)",
    "a host name among words": "[请访问 wuxi.gov.cn 办理](https://evil.example/)",
    "a host name among Chinese words": "[请登录wuxi.gov.cn查看](https://evil.example/)",
    "mailto: shown": "[mailto:gk@wuxi.gov.cn](mailto:gk@evil.example)",
    "a mail address among words": "[邮箱：gk@wuxi.gov.cn](mailto:gk@evil.example)",
    "title, attribute list": '[见网站](https://evil.example/){: title="https://www.wuxi.gov.cn/" }',
    "title, raw html": '<a href="https://evil.example/" title="www.wuxi.gov.cn">无锡</a>',
    "title around the link": '<span title="https://www.wuxi.gov.cn/">[官网](https://evil.example/)</span>',
    "an image's alt text": "[![www.wuxi.gov.cn](/assets/logo.png)](https://evil.example/)",
    # brackets at any depth before or after it, as Python-Markdown counts them
    "two levels of brackets": "[[甲[乙]] www.wuxi.gov.cn](https://evil.example/)",
    "three levels, on both sides, in a list": "- [[[甲]] 見 www.wuxi.gov.cn [乙]](https://evil.example/)",
    "two levels, in a table": "| 甲 | 乙 |\n|---|---|\n| 網站 | [[甲[乙]] www.wuxi.gov.cn](https://evil.example/) |",
    "two levels, markdown div": '<div markdown="1">\n[x[[甲]]www.wuxi.gov.cn](https://evil.example/)\n</div>',
    "two levels, reference": "[[甲[乙]] www.wuxi.gov.cn][1]\n\n[1]: https://evil.example/",
    "a bracket in code before it": "[`]` www.wuxi.gov.cn](https://evil.example/)",
    "an escaped bracket before it": "[甲\\] www.wuxi.gov.cn](https://evil.example/)",
    "small full stops": "[www﹒wuxi﹒gov﹒cn](https://evil.example/)",
    "vertical ideographic full stops, in a quote": "> [www︒wuxi︒gov︒cn](https://evil.example/)",
    "title, Markdown": '[见](https://evil.example/ "www.wuxi.gov.cn")',
    "title, Markdown, single quotes, Traditional": "[見](https://evil.example/ 'https://www.wuxi.gov.cn/')",
    "title of a reference, in parentheses": "[见][1]\n\n[1]: https://evil.example/ (www.wuxi.gov.cn)",
    "an image's title": '[![图](/assets/logo.png "www.wuxi.gov.cn")](https://evil.example/)',
    # a file name that is a host name all the same (a Markdown file's, 说明.md, is not)
    "a file name with ASCII letters": "[wuxi.gov.md](https://evil.example/wuxi.gov.md)",
    "www. before a file's name": "[www.evil.md](https://www.wuxi.gov.cn/www.evil.md)",
    "a Chinese name under .cn, the file it opens": "[無錫.cn](https://evil.example/無錫.cn)",
    "a Markdown file's name, another file opened": "- [無錫.md](https://evil.example/说明.md)",
    # a host in letters made to look Latin among the words, which hosts.lookalike refuses as an address
    "a look-alike host among words": "[请访问 ցօօց.com 办理](https://evil.example/)",
    "a look-alike host among Chinese words, Traditional": "> [請登錄ꮃuxi.gov.cn查看](https://evil.example/)",
    "a look-alike host among words, ideographic full stops": "- [请访问 ꮃuxi。gov。cn 办理](https://evil.example/)",
    "numeric character references for its dots": "[www&#46;wuxi&#46;gov&#46;cn](https://evil.example/)",
    "named character references, in a list": "- [請訪問 www&period;wuxi&period;gov&period;cn](https://evil.example/)",
    "a look-alike host among a title's words": '[见](https://evil.example/ "请访问 ցօօց.com")',
    "a small capital among words": "[请访问 wuxɪ.gov.cn 办理](https://evil.example/)",
    "Greek capitals among words, in a table": "| 甲 | 乙 |\n|---|---|\n| 网站 | [见 ΑΒΕ.com](https://www.wuxi.gov.cn/) |",
    # an address ends at the punctuation around it, not before its host
    "in full-width brackets among words": "[政府门户网站（www.wuxi.gov.cn）管理办法](https://evil.example/)",
    "in quotes among words, Traditional": '[登錄“https://www.wuxi.gov.cn/”查詢](https://evil.example/)',
}
LINK_IN_LINK = {
    "autolink": "[见<https://a.cn/>](https://b.cn/)",
    "raw link in a Markdown one": '[见<a href="https://a.cn/">甲</a>](https://b.cn/)',
    "raw in raw": '<a href="https://b.cn/">见<a href="https://a.cn/">甲</a></a>',
    "raw in a self-closing raw": '<a href="https://b.cn/"/>见<a href="https://a.cn/">甲</a>',
    "reference": "[见<https://a.cn/>][1]\n\n[1]: https://b.cn/",
    "list": "- [见<https://a.cn/>](https://b.cn/)",
    "quote": "> [見<https://a.cn/>](https://b.cn/)",
    "table": "| 甲 | 乙 |\n|---|---|\n| 网站 | [见<https://a.cn/>](https://b.cn/) |",
    "markdown div": '<div markdown="1">\n[见<https://a.cn/>](https://b.cn/)\n</div>',
}
ELSEWHERE = "链接显示本站的网址"
CITES_ELSEWHERE = {  # each shows a citation of the site's own document (example.gov.cn: SITE) and leads to another
    "address": "[https://example.gov.cn/doc/xzbf/2018/68/#art-5](https://example.gov.cn/doc/xzbf/2018/75/#art-5)",
    "another id": "[https://example.gov.cn/doc/xzbf/2018/68/#art-5](https://example.gov.cn/doc/xzbf/2018/68/#art-6)",
    "from the site's root": "[https://example.gov.cn/doc/xzbf/2018/68/#art-5](/doc/xzbf/2018/75/)",
    "relative to its page": "[https://example.gov.cn/doc/xzbf/2018/68/](../../2018/75/)",
    "a host name and path": "[example.gov.cn/doc/xzbf/2018/68/](https://example.gov.cn/doc/xzbf/2018/75/)",
    "among words, Traditional": "[見 https://example.gov.cn/doc/xzbf/2018/68/ 第五條](/doc/xzbf/2018/75/)",
    "full-width": "[ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｇｏｖ．ｃｎ／ｄｏｃ／ｘｚｂｆ／２０１８／６８／](/doc/xzbf/2018/75/)",
    "a number's alias": "[https://example.gov.cn/wh/锡政办发〔2018〕68号/](https://example.gov.cn/wh/锡政办发〔2018〕75号/)",
    "raw html": '<a href="../../2018/75/">https://example.gov.cn/doc/xzbf/2018/68/</a>',
    "title": '[第五条](/doc/xzbf/2018/75/){: title="https://example.gov.cn/doc/xzbf/2018/68/#art-5" }',
    "list": "- [https://example.gov.cn/doc/xzbf/2018/68/](/doc/xzbf/2018/75/)",
    "quote": "> [https://example.gov.cn/doc/xzbf/2018/68/](/doc/xzbf/2018/75/)",
    "table": "| 甲 | 乙 |\n|---|---|\n| 見 | [https://example.gov.cn/doc/xzbf/2018/68/](/doc/xzbf/2018/75/) |",
    "reference": "[https://example.gov.cn/doc/xzbf/2018/68/][1]\n\n[1]: /doc/xzbf/2018/75/",
    "dots in its address": "[https://example.gov.cn/doc/xzbf/2018/68/](https://example.gov.cn/doc/xzbf/2018/68/%2e%2e/75/)",
    "full-width digits in its address": "[https://example.gov.cn/doc/xzbf/2018/68/](/doc/xzbf/2018/６８/)",
    "after the site's home": "[https://example.gov.cn/ 所载 https://example.gov.cn/doc/xzbf/2018/68/#art-5](/doc/xzbf/2018/68/#art-6)",
    "the second of two": "[https://example.gov.cn/doc/xzbf/2018/75/ 即 https://example.gov.cn/doc/xzbf/2018/68/](/doc/xzbf/2018/75/)",
    "another scheme": "[ftp://example.gov.cn/doc/xzbf/2018/68/](/doc/xzbf/2018/75/)",
    "a scheme broken by an invisible character": "[ht\u200btps://example.gov.cn/doc/xzbf/2018/68/](/doc/xzbf/2018/75/)",
    "in full-width brackets among words": "[见（https://example.gov.cn/doc/xzbf/2018/68/）第五条](/doc/xzbf/2018/75/)",
}
CITES_HERE = ("<https://example.gov.cn/doc/xzbf/2018/68/#sec-1-2>", "[https://example.gov.cn/](/doc/xzbf/2018/68/)",
              "[https://example.gov.cn/doc/xzbf/2018/68/](https://example.gov.cn/doc/xzbf/2018/68/#sec-1-2)",
              "[http://www.example.gov.cn/doc/xzbf/2018/68/index.html](https://example.gov.cn/doc/xzbf/2018/68/)",
              "[https://example.gov.cn/wh/锡政办发〔2018〕68号/](https://example.gov.cn/wh/%E9%94%A1%E6%94%BF%E5%8A%9E%E5%8F%91"
              "%E3%80%942018%E3%80%9568%E5%8F%B7/)", "[见 example.gov.cn 首页](../../../../)",
              "[见（https://example.gov.cn/doc/xzbf/2018/68/）第五条](/doc/xzbf/2018/68/)",
              "[見“example.gov.cn/wh/錫政辦發〔2018〕68號/”](https://example.gov.cn/wh/錫政辦發〔2018〕68號/)")
FINE = ("[https://www.wuxi.gov.cn/zwgk/](https://www.wuxi.gov.cn/zwgk/)", "[wuxi.gov.cn](https://www.wuxi.gov.cn/)",
        "[http://www.wuxi.gov.cn](https://zwfw.wuxi.gov.cn/)", "[江苏政务服务网（http://www.jszwfw.gov.cn）](http://www.jszwfw.gov.cn/)",
        "[中国政府网](http://www.gov.cn/)", "[WWW.GOV.CN](http://www.gov.cn/)",
        "[https://example.gov.cn/doc/xzbf/2018/68/](/doc/xzbf/2018/68/)", "<https://www.wuxi.gov.cn/>", "<gk@wuxi.gov.cn>",
        "[附件1.pdf](https://www.wuxi.gov.cn/files/a.pdf)", "[说明.md](说明.md)", "[1.5万元](https://b.cn/)",
        "[见第3.2条](#art-3)", "[無錫市人民政府網站](https://www.wuxi.gov.cn/)", "[无锡市人民政府.政务](http://无锡市人民政府.政务/)",
        "[0510-12345678](tel:0510-12345678)", "[甲][1] 与 [乙][2]\n\n"
        "[1]: https://a.cn/\n[2]: https://b.cn/",
        "[请访问 wuxi.gov.cn 办理](https://www.wuxi.gov.cn/)", "[邮箱：gk@wuxi.gov.cn](mailto:gk@wuxi.gov.cn)",
        "[关于印发办法的通知。附件1](https://www.wuxi.gov.cn/a.pdf)", "[见第3.2条。附件](#art-3)",
        '[官网](https://www.wuxi.gov.cn/){: title="无锡市人民政府" }', '<span title="说明">[官网](https://www.wuxi.gov.cn/)</span>',
        '<span title="https://www.wuxi.gov.cn/">无锡</span>[中国政府网](https://www.gov.cn/)',
        "[GB/T 9704-2012 党政机关公文格式 v1.2](https://b.cn/)", "[Q&A](https://b.cn/)", "[無錫市人民政府網站](https://www.wuxi.gov.cn/)",
        "<https://www.gov.cn/zhengce/>", "来信请寄 <mailto:gk@wuxi.gov.cn>。",
        "[说明.md](https://www.wuxi.gov.cn/说明.md)", "> [說明.md](https://www.wuxi.gov.cn/%E8%AA%AA%E6%98%8E.md)",
        "- [办事指南．md](https://www.wuxi.gov.cn/files/办事指南.md)", "[附件1.md](https://www.wuxi.gov.cn/附件1.md)",
        "[希腊 αβγ.gr 网站](https://www.gov.cn/)", "[关于俄罗斯联邦 президент.рф 的说明](https://www.gov.cn/)",
        # an address in running text ends where a browser's would: at the punctuation around it, full-width or not
        "[政府门户网站（www.wuxi.gov.cn）管理办法](https://www.wuxi.gov.cn/)",
        "[登錄“信用中國”網站（www.creditchina.gov.cn）查詢](https://www.creditchina.gov.cn/)",
        '[登录"信用中国"网站(https://www.creditchina.gov.cn/)查询](https://www.creditchina.gov.cn/)',
        "[见 www.wuxi.gov.cn、zwfw.wuxi.gov.cn。](https://www.wuxi.gov.cn/)")


def _errors(repo: Repo, what: str) -> list[str]:
    return [m for m in repo.messages() if what in m]


def _append(repo: Repo, text: str, rel: str = DOC) -> None:
    path = repo.path / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.mark.parametrize("snippet, what", [*((s, SHOWS) for s in MISLEADING.values()),
                                           *((s, NESTED) for s in LINK_IN_LINK.values())],
                         ids=[*MISLEADING, *(f"nested, {k}" for k in LINK_IN_LINK)])
def test_a_misleading_link_is_refused_at_its_line(repo: Repo, snippet: str, what: str):
    _append(repo, "\n" + snippet + "\n")
    errors = [m for m in repo.messages() if "link-text" in m or SHOWS in m or NESTED in m]
    assert len(errors) == 1 and what in errors[0], errors
    line = int(errors[0].split(":")[1])
    written = (repo.path / DOC).read_text(encoding="utf-8").split("\n")[line - 1]
    assert any(n in written for n in ("wuxi", "無錫", "ｗｕｘｉ", "ꮃuxi", "ցօօց", "ΑΒΕ", "wuxɪ", "<https://a.cn/>", 'href="https://a.cn/"')), (
        written, errors)


def test_the_messages_say_where_the_link_shows_and_leads(repo: Repo):
    _append(repo, "\n[https://www.wuxi.gov.cn/zwgk/](https://evil.example/)\n\n[见<https://a.cn/>](https://b.cn/)\n")
    assert _errors(repo, f"{DOC}:") == [
        f"{DOC}:15: 链接显示的地址 “https://www.wuxi.gov.cn/zwgk/” 与它实际指向的 “https://evil.example/” 不是同一个网站："
        "读者以为去往 www.wuxi.gov.cn，点击后却到了 evil.example — 链接文字写成说明文字，如 [无锡市人民政府网站](https://www.wuxi.gov.cn/)，"
        "或写出它真正指向的网址",
        f"{DOC}:17: 链接的文字中又有链接 “https://a.cn/”：网页上链接不能套链接，浏览器在里面的链接处结束外面的链接，"
        "读者看到、点到的与检查读到的不同 — 把两个链接分开写，如 [说明](https://外面的网址/) 和 <https://里面的网址/>；或删去其中一个"]


def test_the_same_link_twice_is_told_at_each_of_its_lines():
    text = "[https://a.cn/](https://b.cn/) 和 [https://a.cn/](https://b.cn/)\n\n甲\n\n[https://a.cn/](https://b.cn/)"
    assert [line for line, _, _ in link_text.problems(text, HANDWRITTEN, SITE)] == [1, 1, 5]


# A name under a suffix open to all is not its neighbours' site: gov.cn's subdomains are every government body's
OPEN_SUFFIX = ["[www.gov.cn](https://evil.gov.cn/)", "[見 https://www.js.cn/](https://evil.js.cn/)", "[com.cn](https://evil.com.cn/)"]


@pytest.mark.parametrize("snippet", OPEN_SUFFIX)
def test_a_host_shown_under_an_open_suffix_names_no_other_site_under_it(repo: Repo, snippet: str):
    _append(repo, "\n" + snippet + "\n")
    errors = [m for m in repo.messages() if SHOWS in m]
    assert len(errors) == 1 and snippet in (repo.path / DOC).read_text(encoding="utf-8").split("\n")[
        int(errors[0].split(":")[1]) - 1], errors
    assert any(SHOWS in v.message for v in rendered_html.inspect(site_markdown().reset().convert(snippet), Counter(),
                                                               site_url=SITE)[0])


@pytest.mark.parametrize("snippet", FINE)
def test_a_link_showing_its_own_host_or_words_passes(repo: Repo, snippet: str):
    _append(repo, "\n" + snippet + "\n")
    assert _errors(repo, "link-text") == [] and _errors(repo, SHOWS) == [] and _errors(repo, NESTED) == []


@pytest.mark.parametrize("rel, text", [
    (JD, "\n[https://www.wuxi.gov.cn/](https://evil.example/)\n"),
    ("drafts/sl.md", DRAFT + "[https://www.wuxi.gov.cn/](https://evil.example/)\n"),
    ("content/about.md", "# 关于\n\n[https://www.wuxi.gov.cn/](https://evil.example/)\n"),
    ("content/about.md", "# 关于\n\n[见<https://a.cn/>](https://b.cn/)\n"),
], ids=["interpretation", "draft", "hand-written page", "hand-written page, nested"])
def test_every_published_text_is_read(repo: Repo, rel: str, text: str):
    if rel == JD:
        _append(repo, text, rel)
    else:
        repo.write(rel, text)
    errors = [m for m in repo.messages() if SHOWS in m or NESTED in m]
    assert len(errors) == 1 and errors[0].startswith(f"{rel}:"), errors


@pytest.mark.parametrize("snippet, what", [*((s, SHOWS) for s in MISLEADING.values()),
                                           *((s, NESTED) for s in LINK_IN_LINK.values())],
                         ids=[*MISLEADING, *(f"nested, {k}" for k in LINK_IN_LINK)])
def test_the_rendered_check_refuses_a_misleading_link(snippet: str, what: str):
    found = rendered_html.inspect(site_markdown().reset().convert(snippet), Counter(), site_url=SITE)[0]
    assert [v.message for v in found if what in v.message], found


@pytest.mark.parametrize("snippet", FINE)
def test_the_rendered_check_passes_a_link_showing_its_own_host_or_words(snippet: str):
    html = site_markdown().reset().convert(snippet)
    assert [v for v in rendered_html.inspect(html, Counter(), site_url=SITE)[0] if SHOWS in v.message or NESTED in v.message] == []


@pytest.mark.parametrize("snippet", CITES_ELSEWHERE.values(), ids=CITES_ELSEWHERE)
def test_a_link_showing_an_address_of_the_site_leads_to_it(repo: Repo, snippet: str):
    """A link whose text shows a page of the site (a court's citation: …/doc/xzbf/2018/68/#art-5) and leads to another
    page, or another place of it, shows one citation and opens another: on the same host, the host rule passed it."""
    _append(repo, "\n" + snippet + "\n")
    errors = [m for m in repo.messages() if ELSEWHERE in m]
    assert len(errors) == 1 and errors[0].startswith(f"{DOC}:"), repo.messages()
    found = rendered_html.inspect(site_markdown().reset().convert(snippet), Counter(), site_url=SITE)[0]
    assert [v.message for v in found if ELSEWHERE in v.message], found


@pytest.mark.parametrize("snippet", CITES_HERE)
def test_a_link_showing_the_address_it_leads_to_passes(repo: Repo, snippet: str):
    _append(repo, "\n" + snippet + "\n")
    assert [m for m in repo.messages() if ELSEWHERE in m] == []
    html = site_markdown().reset().convert(snippet)
    assert [v for v in rendered_html.inspect(html, Counter(), site_url=SITE)[0] if ELSEWHERE in v.message] == []


SHIM = '''"""Test shim: the build without the source rules on links, their hosts and their texts."""
import gongbao.rules as rules

_all = rules.all_rules
rules.all_rules = lambda: tuple(r for r in _all() if r.ID != "links")
rules.FILE_RULES = tuple(r for r in rules.FILE_RULES if getattr(r, "ID", "") != "link-text")
'''


@pytest.mark.build
def test_the_build_refuses_what_the_source_rules_would_with_them_switched_off(tmp_path, capfd, monkeypatch):
    repo = make_repo(tmp_path / "repo", shim=True)
    repo.write("hooks/shim.py", SHIM)
    _append(repo, "\n[见<https://a.cn/>](https://b.cn/)\n\n[https://www.wuxi.gov.cn/](https://evil.example/)\n\n"
                  "见 <https://а.cn/>\n")
    every = rules.all_rules
    monkeypatch.setattr(rules, "all_rules", lambda: tuple(r for r in every() if r.ID != "links"))
    monkeypatch.setattr(rules, "FILE_RULES", tuple(r for r in rules.FILE_RULES if getattr(r, "ID", "") != "link-text"))
    assert repo.check().ok  # as in the build: only the published page can tell
    with pytest.raises(BuildFailed):
        build(repo.path, tmp_path / "site", search_index=False, quiet=True)
    log = capfd.readouterr().err
    for line, what in ((15, NESTED), (17, "链接显示的地址"), (19, "链接的网址 “https://а.cn/” 的主机名")):
        assert f"{DOC}:{line}: 发布的页面中{what}" in log, log
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("body", ["[[]]" * 100_000, "[甲]。" * 100_000, "[" * 300_000, "`[]`" * 100_000, "[\n\n" * 100_000])
def test_brackets_without_an_address_in_them_are_read_once_and_not_rendered(body: str, monkeypatch):
    """Brackets are matched at any depth as Python-Markdown counts them, each read once: a body of hundreds of thousands of brackets
    and no mark of an address in them is passed without rendering it (nesting refuses the renderer's cost of most)."""
    from deadline import within
    monkeypatch.setattr(link_text, "site_markdown", lambda: pytest.fail("rendered"))
    with within(3):
        assert link_text.problems(body, HANDWRITTEN, SITE) == []


# Real titles name other sites in their words; the listings, issue pages and print view show each as a link to its page
NAMING_TITLES = ("关于印发“中国无锡”政府门户网站（www.wuxi.gov.cn）管理办法的通知",
                 "關於印發「中國無錫」政府門戶網站（www.wuxi.gov.cn）管理辦法的通知",
                 '关于登录"信用中国"网站(www.creditchina.gov.cn)查询信用记录的通知',
                 "关于在“信用中国”网站（https://www.creditchina.gov.cn/）公示行政许可信息的通知")
NAMING_TEXT = ("请登录“信用中国”网站（www.creditchina.gov.cn）查询。\n\n"
               "詳見江蘇政務服務網（http://www.jszwfw.gov.cn/）、無錫市人民政府門戶網站(www.wuxi.gov.cn)。\n")
TITLE_ELSEWHERE = "标题显示本站网页的网址"
CITING_TITLES = ("关于执行https://example.gov.cn/doc/xzbf/2018/75/的通知",
                 "關於執行（example.gov.cn/doc/xzbf/2018/75/）的通知",
                 "关于执行ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｇｏｖ．ｃｎ／ｄｏｃ／ｘｚｂｆ／２０１８／６８／的通知")


@pytest.mark.parametrize("title", NAMING_TITLES)
def test_a_title_and_a_text_naming_another_site_pass(repo: Repo, title: str):
    repo.replace(DOC, "title: 关于印发示例办法的通知", f"title: {title}")
    repo.replace(JD, "title: 《示例办法》解读", f"title: 《{title}》解读")
    _append(repo, "\n" + NAMING_TEXT)
    assert repo.messages() == []


@pytest.mark.parametrize("title", NAMING_TITLES)
def test_a_listing_shows_a_title_as_the_page_it_names(title: str):
    """A link to the site whose text is a page's title names that page, whatever host its words mention; the same text
    leading to another site, or a text no page has as its title, still shows that host."""
    listing = f'<table><tr><td><a href="../../doc/xzbf/2018/68/">{escape(title)}</a></td></tr></table>'
    assert [v for v in rendered_html.inspect(listing, Counter(), site_url=SITE, titles={title})[0]] == []
    assert [v for v in rendered_html.inspect(listing, Counter(), site_url=SITE)[0] if SHOWS in v.message]
    away = listing.replace("../../doc/xzbf/2018/68/", "https://evil.example/")
    assert [v for v in rendered_html.inspect(away, Counter(), site_url=SITE, titles={title})[0] if SHOWS in v.message]


@pytest.mark.parametrize("title", CITING_TITLES)
@pytest.mark.parametrize("rel, line", [(DOC, "title: 关于印发示例办法的通知"), (JD, "title: 《示例办法》解读"),
                                       ("drafts/sl.md", "title: 无锡市示例办法（征求意见稿）")])
def test_a_title_showing_an_address_of_the_site_is_refused_at_its_line(repo: Repo, title: str, rel: str, line: str):
    """The listings show a title as a link to its page (and the print view to its place there): one showing the address
    of a page of the site (its own too) shows one citation and opens another."""
    if rel.startswith("drafts/"):
        repo.write(rel, DRAFT + "正文。\n")
    repo.replace(rel, line, f"title: {title}")
    errors = [m for m in repo.messages() if TITLE_ELSEWHERE in m]
    assert len(errors) == 1 and errors[0].startswith(f"{rel}:2:"), repo.messages()


@pytest.mark.parametrize("title", CITING_TITLES)
def test_the_rendered_check_refuses_a_title_showing_another_page_of_the_site(title: str):
    listing = f'<p><a href="../../doc/xzbf/2018/69/">{escape(title)}</a></p>'
    found = rendered_html.inspect(listing, Counter(), site_url=SITE, titles={title})[0]
    assert [v for v in found if ELSEWHERE in v.message], found


@pytest.mark.build
def test_the_build_publishes_titles_naming_other_sites(tmp_path):
    repo = make_repo(tmp_path / "repo", shim=False)
    repo.replace(DOC, "title: 关于印发示例办法的通知", f"title: {NAMING_TITLES[0]}")
    repo.replace(JD, "title: 《示例办法》解读", f"title: {NAMING_TITLES[1]}")
    _append(repo, "\n" + NAMING_TEXT)
    repo.write("drafts/sl.md", DRAFT.replace("无锡市示例办法", NAMING_TITLES[2]) + NAMING_TEXT)
    repo.write("explanations/open.md", EXPLANATION.replace("无锡市示例办法", NAMING_TITLES[3]) + NAMING_TEXT)
    build(repo.path, tmp_path / "site", search_index=False, quiet=True)
    shown = escape(NAMING_TITLES[0], quote=False)
    for page, shown in (("gazette/2018/06/index.html", shown), ("gazette/2018/06/print/index.html", shown),
                        ("index.html", shown), ("consultations/index.html", escape(NAMING_TITLES[2]))):
        assert shown in (tmp_path / "site" / page).read_text(encoding="utf-8"), page


@pytest.mark.build
def test_the_build_refuses_a_title_citing_another_page_with_the_source_rule_switched_off(tmp_path, capfd, monkeypatch):
    repo = make_repo(tmp_path / "repo", shim=True)
    repo.write("hooks/shim.py", SHIM)
    repo.replace(DOC, "title: 关于印发示例办法的通知", f"title: {CITING_TITLES[0]}")
    monkeypatch.setattr(rules, "FILE_RULES", tuple(r for r in rules.FILE_RULES if getattr(r, "ID", "") != "link-text"))
    assert repo.check().ok
    with pytest.raises(BuildFailed):
        build(repo.path, tmp_path / "site", search_index=False, quiet=True)
    assert f"发布的页面中{ELSEWHERE}" in capfd.readouterr().err
