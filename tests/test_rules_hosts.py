"""rules/hosts.py: a link's host written to pass for another (а.cn with a Cyrillic а, www.wuxі.gov.cn with a Ukrainian і)
is refused at its line, wherever and however it is written, in the source (rules.links) and on the page
(gongbao.publish.rendered_html); Chinese names (无锡市人民政府.政务) and Latin ones pass."""
from collections import Counter

import pytest

from conftest import Repo, site_markdown
from gongbao.publish import rendered_html
from gongbao.rules import hosts

DOC = "gazette/2018/06/xzbf-68.md"
JD = "interpretations/xzbf-68-jd.md"
DRAFT = ("---\ntitle: 无锡市示例办法（征求意见稿）\nid: 2026-sl-zqyj\nconsulter: 无锡市人民政府办公室\n"
         "opens: 2026-11-01\ncloses: 2026-12-31\nemail: yj@example.gov.cn\ndisclosure: 主动公开\n---\n"
         "第一条 为了示例，制定本办法。\n\n")
LOOKS = "看起来像另一个网站的地址"

SPOOFED = {  # each a link to a host made to look like a.cn or www.wuxi.gov.cn
    "autolink, Cyrillic а": "见 <https://а.cn/>。",
    "link, Ukrainian і": "[见](https://www.wuxі.gov.cn/)",
    "capitals": "[見](HTTPS://WWW.WUXІ.GOV.CN/)",
    "punycode, whole label": "[见](https://xn--80a.cn/)",
    "punycode, mixed label": "[见](https://www.xn--wux-ehd.gov.cn/)",
    "percent-encoded": "[见](https://%D0%B0.cn/)",
    "character reference": "[见](https://&#1072;.cn/)",
    "no scheme": "[见](//а.cn/)",
    "backslashes": "[见](https:\\\\а.cn/)",
    "Greek": "[见](https://ορα.gr/)",
    "e-mail autolink": "来信寄 <gk@wuxі.gov.cn>",
    "mailto": "[来信](mailto:gk@wuxі.gov.cn)",
    "reference": "[见][1]\n\n[1]: https://а.cn/",
    "raw html": '<a href="https://а.cn/">见</a>',
    "list": "- 第一项\n- 见 <https://а.cn/>",
    "quote": "> 見[網站](https://www.wuxі.gov.cn/)",
    "table": "| 甲 | 乙 |\n|---|---|\n| 网站 | [見](https://www.wuxі.gov.cn/) |",
    "markdown div": '<div markdown="1">\n见[网站](https://а.cn/)\n</div>',
    "Armenian ս": "[见](https://www.wսxi.gov.cn/)",
    "Cherokee ꮃ, autolink": "见 <https://www.ꮃuxi.gov.cn/>",
    "Armenian, punycode": "[见](https://www.xn--wxi-8fe.gov.cn/)",
    # a label wholly of one script's Latin look-alikes, other than Cyrillic or Greek
    "Armenian, whole label": "[见](https://ցօօց.com/)",
    "Armenian, whole label, punycode in capitals": "[見](HTTPS://XN--VBBALA.COM/)",
    "Armenian, whole label, percent-encoded": "[见](https://%D6%81%D6%85%D6%85%D6%81.com/)",
    "Armenian, whole label, mail": "来信寄 <gk@ցօօց.com>",
    "Cherokee capitals, whole label": "见 <https://ᎪᏟᎬᎳ.com/>",
    "Cherokee, percent-encoded, reference in a list": "- [见][官网]\n\n[官网]: https://%E1%8E%AA%E1%8F%9F%E1%8E%AC%E1%8E%B3.com/",
    "Cherokee, punycode, image": "![图](https://xn--g9dev8o.com/a.png)",
    "Cherokee and Armenian, mixed": "> [見](https://ꮯօꮯօ.com/)",
    "Greek capitals, whole label": "| 甲 | 乙 |\n|---|---|\n| 网站 | [見](https://ΑΒΕ.com/) |",
    "Lisu, whole label, markdown div": '<div markdown="1">\n见[网站](https://ꓐꓳꓳ.cn/)\n</div>',
    "Devanagari digits beside Latin": '<a href="https://g००gle.com/">见</a>',
    "full-width dots": "[见](https://ցօօց。com/)",
    # Latin letters that look like ASCII ones, in a Latin name
    "Latin small capital ɪ": "[见](https://www.wuxɪ.gov.cn/)",
    "dotless ı, percent-encoded, in a list": "- [見](https://www.wux%C4%B1.gov.cn/)",
    "script ɡ, reference in a quote": "> [见][官网]\n\n[官网]: https://ɡov.cn/",
}
# a name before an @ that shows a host the address does not lead to
USER = ("见<https://www.wuxi.gov.cn@evil.example/zwgk/>。", "[见](https://www.wuxi.gov.cn:443@evil.example/)",
        '<a href="//www.wuxi.gov.cn@evil.example/">见</a>', "[見](HTTPS:\\\\www.wuxi.gov.cn@evil.example)",
        "- [见][1]\n\n[1]: https://gk:x@evil.example/")
FINE = ("[政务](http://无锡市人民政府.政务/)", "<https://中国政府网.中国/>", "[见](https://www.wuxi.gov.cn/)",
        "[全角](https://ｗｗｗ.wuxi.gov.cn/)", "[俄](https://президент.рф/)", "[俄](https://сосо.рф/)",
        "[公益](http://xn--fiqs8s.xn--55qw42g/)", "[希](https://αβγ.gr/)", "[电话](tel:0510-12345678)",
        "[来信](mailto:gk@wuxi.gov.cn)", "<gk@wuxi.gov.cn>", "[见](https://www.wuxi.gov.cn/?to=a@b.cn)",
        "[混](https://wuxi政府.cn/)", "[日](https://東京tokyo.jp/)", "[亚](https://հայաստան.am/)",
        "[希](https://ΑΒΓ.gr/)", "[泰](https://ไทย.th/)", "[格](https://საქართველო.ge/)", "[日](https://ラーメン.jp/)",
        "[德](https://münchen.de/)", "[丹](https://ÆBLE.dk/)", "[法](https://www.café.fr/)")


def test_the_message_names_a_script_of_look_alikes_beyond_cyrillic_and_greek(repo: Repo):
    _append(repo, "\n见 <https://ᎪᏟᎬᎳ.com/> 和 <https://ꮯօꮯօ.com/>\n")
    assert _errors(repo) == [_told("https://ᎪᏟᎬᎳ.com/", "ᎪᏟᎬᎳ.com", "ᎪᏟᎬᎳ", "全由看起来像拉丁字母的切罗基字母写成"),
                             _told("https://ꮯօꮯօ.com/", "ꮯօꮯօ.com", "ꮯօꮯօ", "混用了亚美尼亚字母和切罗基字母")]


def _told(url: str, host: str, label: str, why: str) -> str:
    """The message at the body's first added line of a look-alike host."""
    return (f"{DOC}:15: 链接的网址 “{url}” 的主机名 “{host}” 中，“{label}” {why}："
            f"看起来像另一个网站的地址，读者分辨不出 — {hosts.HINT}")


def _errors(repo: Repo) -> list[str]:
    return [m for m in repo.messages() if LOOKS in m]


def _append(repo: Repo, text: str, rel: str = DOC) -> None:
    path = repo.path / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.mark.parametrize("snippet", SPOOFED.values(), ids=SPOOFED.keys())
def test_a_lookalike_host_is_refused_at_its_line(repo: Repo, snippet: str):
    _append(repo, "\n" + snippet + "\n")
    errors = _errors(repo)
    assert len(errors) == 1, errors
    line = int(errors[0].split(":")[1])
    written = (repo.path / DOC).read_text(encoding="utf-8").split("\n")[line - 1]
    assert any(c in written for c in "аіІ&%ρսꮃցꮯΑꓐ०Ꭺɪɡ") or "xn--" in written.lower(), (written, errors)
    assert "主机名用 ASCII 字母书写" in errors[0]


def test_the_message_names_the_label_and_its_scripts(repo: Repo):
    _append(repo, "\n[见](https://www.wuxі.gov.cn/) <https://xn--80a.cn/>\n")
    assert _errors(repo) == [_told("https://www.wuxі.gov.cn/", "www.wuxі.gov.cn", "wuxі", "混用了西里尔字母和拉丁字母"),
                             _told("https://xn--80a.cn/", "а.cn", "а", "全由看起来像拉丁字母的西里尔字母写成")]


@pytest.mark.parametrize("snippet", FINE)
def test_chinese_and_latin_hosts_pass(repo: Repo, snippet: str):
    _append(repo, "\n" + snippet + "\n")
    assert _errors(repo) == []


@pytest.mark.parametrize("rel, text", [
    (JD, "\n[见](https://www.wuxі.gov.cn/)\n"),
    ("drafts/sl.md", DRAFT + "[见](https://www.wuxі.gov.cn/)\n"),
    ("content/about.md", "# 关于\n\n[见](https://www.wuxі.gov.cn/)\n"),
], ids=["interpretation", "draft", "hand-written page"])
def test_every_published_text_is_read(repo: Repo, rel: str, text: str):
    if rel == JD:
        _append(repo, text, rel)
    else:
        repo.write(rel, text)
    errors = _errors(repo)
    assert len(errors) == 1 and errors[0].startswith(f"{rel}:"), errors


@pytest.mark.parametrize("snippet", SPOOFED.values(), ids=SPOOFED.keys())
def test_the_rendered_check_refuses_a_lookalike_host(snippet: str):
    found = rendered_html.violations(site_markdown().reset().convert(snippet), Counter())
    assert [v.message for v in found if LOOKS in v.message], found


@pytest.mark.parametrize("snippet", FINE)
def test_the_rendered_check_passes_chinese_and_latin_hosts(snippet: str):
    assert rendered_html.violations(site_markdown().reset().convert(snippet), Counter()) == []


@pytest.mark.parametrize("snippet", USER)
def test_a_user_name_before_the_host_is_refused_in_the_source_and_on_the_page(repo: Repo, snippet: str):
    _append(repo, "\n" + snippet + "\n")
    errors = [m for m in repo.messages() if "浏览器去的却是 @ 后面的" in m]
    assert len(errors) == 1 and errors[0].startswith(f"{DOC}:1"), repo.messages()
    found = rendered_html.violations(site_markdown().reset().convert(snippet), Counter())
    assert [v.message for v in found if "浏览器去的却是 @ 后面的" in v.message], found
