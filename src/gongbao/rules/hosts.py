"""What host an address names, as a browser reads it, and a host written to look like another.

A link's address is read as the browser reads it (``as_read``, ``split_host``: blanks, backslashes, any number of
slashes after http:), its host compared as the browser compares it (``host``). The links rule reads the site's own host
so (rules.links.on_site), and here a host made to pass for another: a label mixing letters of a script that has Latin
look-alikes (Cyrillic, Greek, Armenian, Cherokee…) with others (www.wuxі.gov.cn, its і Ukrainian; ꮯօꮯօ, Cherokee and
Armenian) or Latin letters with any but Chinese, Japanese or Korean ones (www.wսxi.gov.cn, its ս Armenian), or one of
such a script alone whose every letter, as written, looks Latin (а.cn, its а Cyrillic; ցօօց.com, Armenian; ᎪᏟᎬ.com,
Cherokee), or a Latin letter that looks like an ASCII one (www.wuxɪ.gov.cn, its ɪ a small capital). Browsers show such a host as punycode (Chromium's IDN spoof checks: mixed scripts, whole-script
confusables, and no Cherokee at all); a gazette's page would show it as the name it imitates. Chinese names
(无锡市人民政府.政务) are neither. So is a user name before the host (https://www.wuxi.gov.cn@evil.example/ leads to
evil.example): no public page needs one.
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import SplitResult, unquote, urlsplit

from gongbao.identifiers import chars

_TAB_OR_BREAK = re.compile(r"[\t\n\r]")
_BLANKS = "".join(map(chr, range(0x21)))  # the controls and space a browser strips around an address
WEB = re.compile(r"(https?):(.*)", re.I | re.S)


def as_read(url: str) -> str:
    """``url`` as a browser reads an address of a web page: without the blanks around it and the tabs and line breaks
    in it, each backslash a slash (``..\\..\\assets\\logo.png`` is ../../assets/logo.png; other schemes are not
    fetched from the site, and links refuses those it must)."""
    return _TAB_OR_BREAK.sub("", url.strip(_BLANKS)).replace("\\", "/")


def split_host(url: str) -> tuple[SplitResult, tuple[str, int | None]] | None:
    """The address ``url`` (as read: ``as_read``) split, and its ``host``, when it names a host (//host…; http: and
    https: read one after any slashes, or none); None when it names none, or a host or port no browser reads."""
    web = WEB.fullmatch(url)
    rest = "//" + web[2].lstrip("/") if web else url
    if not rest.startswith("//"):
        return None
    try:
        parts = urlsplit(rest)
        return parts, host(parts)
    except ValueError:
        return None


def host(parts: SplitResult) -> tuple[str, int | None]:
    """An address's host as a browser compares it (percent-escapes, case, full-width forms, ideographic full stops and a
    final dot folded) with its port (the schemes' own left out)."""
    return folded(parts.hostname or ""), None if parts.port in (80, 443) else parts.port


def folded(name: str) -> str:
    """A host name as a browser compares it (``host``)."""
    return _shown(name).lower()


def _shown(name: str) -> str:
    """A host name as a page shows it, in the case it is written (ΑΒΕ looks Latin, αβε does not): ``folded`` but the case."""
    return unicodedata.normalize("NFKC", unquote(name)).replace("。", ".").rstrip(".")


def named(url: str, as_written: bool = False) -> str:
    """The host ``url`` names, a mail address's too (mailto:gk@wuxi.gov.cn: where the mail goes), else ""; as a browser
    compares it, or ``as_written``: in the case the page shows."""
    read, fold = as_read(url), _shown if as_written else folded
    if read[:7].lower() == "mailto:":
        return fold(read.split("?")[0].rpartition("@")[2])
    named = split_host(read)
    if not named or not as_written:
        return named[1][0] if named else ""
    netloc = named[0].netloc.rpartition("@")[2]  # urlsplit's hostname less its lowering
    return fold(netloc.partition("]")[0] + "]" if netloc.startswith("[") else netloc.partition(":")[0])


# The letters and digits of each script but Latin that look like ASCII ones, as written (Unicode's confusables.txt,
# which maps В and ᎪᏟ to B and AC, and Chromium's IDN spoof checker's whole-script lists, which add the lower-case looks
# of host names: ո for n, ւ for l): a label of these alone reads as a Latin name (а.cn as a.cn, ցօօց.com as goog.com)
_LATIN_ALIKE = {
    "AHOM": "𑜀𑜆𑜊𑜎𑜏", "ARMENIAN": "ՍՏՕՙագզէլհյոռսցւքօ", "BAMUM": "ꛟ", "BENGALI": "০৪৭",
    "CANADIAN": "ᐯᑌᑭᑯᑲᒍᒪᒿᕁᕼᕽᖇᖯᖴᗅᗞᗪᗰᗷ", "CARIAN": "𐊠𐊡𐊢𐊥𐊫𐊰𐊱𐊲𐊴𐋏", "CHEROKEE": "ᎠᎡᎢᎥᎩᎪᎫᎬᎳᎷᎻᎽᏀᏂᏃᏎᏏᏒᏔᏕᏙᏚᏞᏟᏢᏦᏧᏮᏳᏴꭵꮁꮃꮓꮩꮪꮯ",
    "COPTIC": "ϨⲅⲎⲒⲔⲘⲚⲞⲟⲢⲣⲤⲥⲦⲨⲬⳊⳌⳐⳒ", "CYRILLIC": "ЅІЈАВЕЗКМНОРСТУХЫЬЮабгекопрсухъыьюѕіјѡѴѵҮүһҽӀӏӔӕӠԁԌԍԗԛԜԝꙄꙇꚘꚙ",
    "DESERET": "𐐄𐐕𐐛𐐠𐐬𐐽𐑈", "DEVANAGARI": "ऽ०ॱ", "ELBASAN": "𐔓𐔖𐔘𐔜𐔝𐔥𐔦𐔧", "ETHIOPIC": "ሀሠሰስበተነከዐዕዘጠፐꬅ",
    "GEORGIAN": "იოყძხჽჿ", "GREEK": "ͿΑΒΕΖΗΙΚΜΝΟΡΣΤΥΧαγεηικνορςστυχωϜϳϺᴦ", "GUJARATI": "ટડ૦૧", "GURMUKHI": "੦੧੪",
    "HEBREW": "דוחיםןסװײ", "KANNADA": "ಽ೦೧", "LAO": "໐", "LISU": "ꓐꓑꓒꓓꓔꓖꓗꓙꓚꓜꓝꓟꓠꓡꓢꓣꓦꓧꓪꓫꓬꓮꓰꓲꓳꓴ", "LYCIAN": "𐊂𐊆𐊇𐊊𐊐𐊒𐊕𐊖𐊗",
    "MALAYALAM": "ടഠധനറ൦൭", "MIAO": "𖼈𖼊𖼖𖼨𖼵𖼺𖼻𖽀𖽂𖽃", "MYANMAR": "ခဂငထပဝ၀၂ၔၜ႐႑႕႖႗", "OLD": "𐌁𐌂𐌉𐌑𐌕𐌗𐌚", "ORIYA": "ଠ୦୨୮",
    "OSAGE": "𐒴𐓂𐓎𐓒𐓪𐓶", "RUNIC": "ᚷᛁᛕᛖ", "TAMIL": "டப௦", "TELUGU": "౦౧", "THAI": "ดทนบปพฟมรลหเแ๐",
    "TIFINAGH": "ⴸⴹⵏⵔⵕⵝ", "TIRHUTA": "𑓐", "WARANG": "𑢠𑢢𑢣𑢤𑢦𑢩𑢬𑢮𑢯𑢲𑢵𑢸𑢻𑢼𑣀𑣁𑣂𑣃𑣄𑣆𑣈𑣊𑣌𑣕𑣖𑣗𑣘𑣜𑣠𑣣𑣥𑣦𑣩",
}
# Latin letters that look like other ones, ASCII (confusables.txt: ı ɑ ɡ ɪ ᴄ ᴏ ꜱ…), which a Latin name may mix with
# them: www.wuxɪ.gov.cn (Chromium shows such a name as punycode, or against the top domains it imitates)
_ODD_LATIN = "ıƄƍƖƦƧƷƼƽǀǁȜȢȣɑɡɣɩɪɯʋʏʣʦʪʫᴄᴏᴑᴜᴠᴡᴢᶃᶌẝỿꜨꜱꜲꜳꜴꜵꜶꜷꜸꜹꜺꜻꜼꜽꝎꝏꝚꝪꝮꝷꞘꞙꞟꞫꞲꞳꞴꬲꬵꬽꭇꭈꭎꭒꭚꭣ"
_IMITATORS = frozenset(_LATIN_ALIKE)
LATIN_ALIKE = "".join(_LATIN_ALIKE.values()) + _ODD_LATIN  # every letter that looks like an ASCII one, for a pattern
# The scripts a name may write beside Latin letters (Chromium's spoof checks allow these: Chinese, Japanese, Korean names);
# any other beside them is a letter made to pass for a Latin one (wսxi, its ս Armenian; ꮃuxi, its ꮃ Cherokee)
_WITH_LATIN = frozenset({"LATIN", "CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO"})
_SCRIPT_NAMES = {"LATIN": "拉丁字母", "CYRILLIC": "西里尔字母", "GREEK": "希腊字母", "CJK": "汉字", "ARMENIAN": "亚美尼亚字母",
                 "CHEROKEE": "切罗基字母", "GEORGIAN": "格鲁吉亚字母", "HEBREW": "希伯来字母", "THAI": "泰文",
                 "ETHIOPIC": "埃塞俄比亚文", "CANADIAN": "加拿大原住民音节文字", "LISU": "傈僳文", "COPTIC": "科普特字母",
                 "DEVANAGARI": "天城文"}
HINT = ("主机名用 ASCII 字母书写（如 www.wuxi.gov.cn），从网站地址栏复制；中文域名（如 无锡市人民政府.政务）照写。"
        "看不出差别时，把这个网址删去重新输入")


def _letters(label: str) -> str:
    """A label's letters, and its digits but ASCII ones (g००gle: its ० Devanagari, a look-alike of o)."""
    return "".join(c for c in label if c.isalpha() or c.isdigit() and not c.isascii())


def _scripts(label: str) -> set[str]:
    """The scripts of a label's letters (``_letters``), as their Unicode names begin (LATIN, CYRILLIC, GREEK, CJK…)."""
    return {unicodedata.name(c, "?").split(" ")[0] for c in _letters(label)}


def _decoded(label: str) -> str:
    """A label as the browser shows it: punycode (xn--…, in any case) decoded, else as written."""
    if label[:4].lower() == "xn--":
        try:
            return label[4:].lower().encode("ascii").decode("punycode")
        except UnicodeError:  # no name a browser resolves: nothing to imitate
            return label
    return label


def lookalike(url: str) -> tuple[str, str] | None:
    """(message, hint) when the host ``url`` names has a label made to look like another name's (module docstring), or
    when a name before an @ shows a host the address does not lead to (https://www.wuxi.gov.cn@evil.example/)."""
    if url.isascii() and "%" not in url and "@" not in url and "xn--" not in url.lower():
        return None  # most addresses: no letter but Latin ones, no user name
    if (split := split_host(as_read(url))) is not None and "@" in split[0].netloc:
        shown = split[0].netloc.rpartition("@")[0]
        return (f"链接的网址 {chars.quoted(chars.clipped(url.strip(), 60))} 在主机名前写了 {chars.quoted(shown)} 和 @："
                f"读者看到的像是 {chars.quoted(chars.clipped(shown, 40))}，浏览器去的却是 @ 后面的 {split[1][0]}"), (
                "删去 @ 和它前面的部分，只写要链接的网站的网址（如 https://www.wuxi.gov.cn/）")
    labels = [_decoded(label) for label in named(url, as_written=True).split(".")]
    top = _scripts(labels[-1])
    for label in labels:
        scripts = _scripts(label)
        if odd := "".join(dict.fromkeys(c for c in label if c in _ODD_LATIN)):
            why = f"含有看起来像 ASCII 字母的拉丁字母 {chars.quoted(odd)}"
        elif not scripts & _IMITATORS and not ("LATIN" in scripts and scripts - _WITH_LATIN):
            continue
        elif len(scripts) > 1:
            why = f"混用了{'和'.join(dict.fromkeys(_SCRIPT_NAMES.get(s, '其他文字') for s in sorted(scripts)))}"
        elif scripts != top and set(_letters(label)) <= set(_LATIN_ALIKE[script := scripts.pop()]):  # under .рф, Cyrillic
            why = f"全由看起来像拉丁字母的{_SCRIPT_NAMES.get(script, '文字')}写成"
        else:
            continue
        shown = ".".join(labels)
        return (f"链接的网址 {chars.quoted(chars.clipped(url.strip(), 60))} 的主机名 {chars.quoted(shown)} 中，"
                f"{chars.quoted(label)} {why}：看起来像另一个网站的地址，读者分辨不出"), HINT
    return None
