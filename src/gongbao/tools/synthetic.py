"""A synthetic gazette archive of any size, for benchmarks and scale tests.

Realistic in what costs time and bytes: monthly issues of about a dozen documents, a tenth in
Traditional script, every
public 规章 and 规范性文件 with one or two interpretations (the first covers the nine aspects and is
published the same day), a few repealed and amended documents, and a ``gazette.yml`` listing every
issuer and 机关代字 used. The same ``seed`` gives byte-identical files.

Two shapes of body. ``short`` (the default, for fast tests): 10–40 paragraphs with 一、（一） headings
or 第N条 articles. ``real``: the shape measured on 3,352 real texts (``shared/REAL-CONTENT.md``):
lines per body log-normal around a median of 92 (p10 ≈ 40, p90 ≈ 200, capped at 1,900), about 54
characters a line, most normative documents in chapters of articles with 款 and 项, the common legal
words (规定, 管理, 应当, 有关部门, 人民政府) everywhere and rare terms (places, projects) spread thinly,
and now and then a table. Benchmarks use ``real``: a short body flatters every figure.

The archive ends with the issue of ``last`` (year, month) and goes back one month per issue, so
that every date lies in the past and every status agrees with the dates on any later build date.
"""
from __future__ import annotations

import datetime as dt
import math
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from gongbao.identifiers import numerals
from gongbao.identifiers.docnumber import DocNumber
from gongbao.identifiers.script import to_traditional
from gongbao.identifiers.vocabulary import ASPECTS, PUBLISHED_DISCLOSURES

PER_ISSUE = 12
SECTIONS = ("市政府规章", "市政府文件", "市政府办公室文件", "部门文件")
CITY_GOVERNMENT, CITY_OFFICE = "无锡市人民政府", "无锡市人民政府办公室"
ORDER_AGENCY = "无锡市人民政府令"

# 制发机关 → (catalogue slug, 机关代字 of its normative documents, URL code of that 代字)
DEPARTMENTS = {
    "无锡市财政局": ("wxscz", "锡财规", "xcg"),
    "无锡市发展和改革委员会": ("wxsfgw", "锡发改规", "xfgg"),
    "无锡市住房和城乡建设局": ("wxszjj", "锡建规", "xjg"),
    "无锡市教育局": ("wxsjyj", "锡教规", "xjyg"),
    "无锡市民政局": ("wxsmzj", "锡民规", "xmg"),
    "无锡市生态环境局": ("wxssthjj", "锡环规", "xhg"),
    "无锡市人力资源和社会保障局": ("wxsrsj", "锡人社规", "xrsg"),
}
ISSUERS = {CITY_GOVERNMENT: "wxszf", CITY_OFFICE: "wxszfbgs", **{k: v[0] for k, v in DEPARTMENTS.items()}}
ISSUER_CODES = {"锡政发": "xzf", "锡政办发": "xzbf", "锡政办函": "xzbh", ORDER_AGENCY: "wxzfl",
                **{v[1]: v[2] for v in DEPARTMENTS.values()}}

# (subject, 主题分类 of the national taxonomy, department in charge)
THEMES = (
    ("政务公开", "综合政务", CITY_OFFICE),
    ("财政专项资金绩效管理", "财政、金融、审计", "无锡市财政局"),
    ("政府采购", "财政、金融、审计", "无锡市财政局"),
    ("优化营商环境", "国民经济管理、国有资产监管", "无锡市发展和改革委员会"),
    ("重大项目建设", "国民经济管理、国有资产监管", "无锡市发展和改革委员会"),
    ("既有住宅加装电梯", "城乡建设、环境保护", "无锡市住房和城乡建设局"),
    ("住房保障", "城乡建设、环境保护", "无锡市住房和城乡建设局"),
    ("义务教育均衡发展", "科技、教育", "无锡市教育局"),
    ("学前教育", "科技、教育", "无锡市教育局"),
    ("养老服务体系建设", "民政、扶贫、救灾", "无锡市民政局"),
    ("社会救助", "民政、扶贫、救灾", "无锡市民政局"),
    ("大气污染防治", "城乡建设、环境保护", "无锡市生态环境局"),
    ("河湖水环境治理", "城乡建设、环境保护", "无锡市生态环境局"),
    ("就业创业", "劳动、人事、监察", "无锡市人力资源和社会保障局"),
    ("职业技能提升", "劳动、人事、监察", "无锡市人力资源和社会保障局"),
)
VERBS = ("加强", "完善", "健全", "推进", "落实", "优化", "规范", "强化", "深化", "提升")
OBJECTS = ("工作机制", "监督检查", "信息公开", "考核评价", "资金保障", "队伍建设", "统筹协调", "风险防控", "标准体系",
           "服务流程", "数据共享", "宣传引导", "政策衔接", "基层治理", "应急处置")
DEPTS = ("发展改革", "财政", "住房城乡建设", "教育", "民政", "生态环境", "人力资源社会保障", "市场监管", "司法", "审计")
SENTENCES = (
    "各地各部门要{v}{t}{o}，明确责任分工，确保各项任务落到实处",
    "到{y}年底，基本建立覆盖全市、运行顺畅的{t}{o}",
    "市{d}部门牵头，会同有关部门{v}{o}，定期通报工作进展",
    "对{t}中发现的问题，要建立台账、限期整改，并向社会公开整改情况",
    "坚持问题导向和目标导向，{v}{o}，提升{t}的规范化、标准化水平",
    "各市（县）、区要结合本地实际制定具体实施方案，于每年{m}月底前报送年度工作总结",
    "充分发挥政府网站和政务新媒体作用，及时发布{t}相关政策信息，回应社会关切",
    "所需经费按照现行财政体制分级负担，纳入部门预算统筹安排",
    "对工作成效明显的单位予以通报表扬，对推进不力的单位进行约谈",
    "建立健全{t}联席会议制度，研究解决工作中的重大问题",
    "鼓励社会力量参与{t}，形成政府主导、社会协同、公众参与的工作格局",
    "严格执行{o}有关规定，不得擅自扩大范围或者提高标准",
)
SECTION_HEADS = ("总体要求", "主要任务", "重点工作", "保障措施", "组织实施", "监督考核", "工作要求")
CHAPTERS = ("总则", "管理职责", "实施程序", "监督管理", "法律责任", "附则")
CHAPTER_NAMES = ("总则", "规划与建设", "管理职责", "申请与审批", "实施程序", "服务与保障", "信息公开", "监督管理",
                 "考核评价", "法律责任", "其他规定", "附则")
# Real shape: the legal register of real texts, and rare words that give a search index long tails.
LEGAL_SENTENCES = (
    "{d}部门应当按照各自职责，做好{t}的有关管理工作",
    "市人民政府应当加强对{t}工作的领导，将其纳入国民经济和社会发展规划",
    "违反本办法规定，有关部门及其工作人员在{t}中滥用职权、玩忽职守、徇私舞弊的，依法给予处分",
    "本办法所称{t}，是指在本市行政区域内依照有关法律、法规和本办法规定开展的{o}活动",
    "有关单位应当建立健全{o}制度，并于每年{m}月底前向主管部门报送上一年度情况",
    "{p}人民政府应当根据本地实际，制定{t}具体管理规定，报市人民政府备案",
    "对符合条件的申请，主管部门应当自受理之日起{n}个工作日内作出决定；不予批准的，应当书面说明理由",
    "任何单位和个人不得擅自改变{r}的用途，不得妨碍{o}的正常开展",
    "{d}部门应当会同有关部门建立{t}信息共享机制，实现数据互联互通",
    "前款规定的{o}，按照国家和省有关规定执行；国家和省没有规定的，由市{d}部门制定具体办法",
    "当事人对行政处理决定不服的，可以依法申请行政复议或者提起行政诉讼",
    "{p}应当在{r}周边设置明显标志，并公示管理单位和监督电话",
)
PLACES = ("梁溪区", "锡山区", "惠山区", "滨湖区", "新吴区", "江阴市", "宜兴市", "经济开发区", "太湖新城", "蠡湖街道",
          "东港镇", "洛社镇", "马山街道", "硕放街道", "周铁镇", "华士镇", "阳山镇", "鸿山街道", "雪浪街道", "玉祁街道")
PROJECTS = ("污水处理厂提标改造工程", "老旧小区综合整治项目", "公共充电设施", "河道清淤工程", "社区养老服务中心",
            "农贸市场改造项目", "学校校舍加固工程", "智慧停车场", "绿道建设项目", "雨污分流管网",
            "保障性租赁住房", "应急避难场所", "数字化转型示范工厂", "职业技能实训基地", "口袋公园")
REAL_LINES = (92, 0.62, 12, 1900)  # median, log-normal sigma, floor, cap: p10 ≈ 40, p90 ≈ 200
EXTERNAL_BASES = ("国办发〔2016〕80号", "苏政办发〔2017〕151号", "国发〔2018〕6号", "苏政发〔2019〕12号")
REASONS = {
    "部分公开": "附件含有个人信息，依法作区分处理后公开",
    "依申请公开": "涉及特定群体的具体事项，依申请公开",
    "不予公开": "属于行政机关内部事务管理信息，依法不予公开",
}


@dataclass
class _Doc:
    path: str
    meta: dict
    body: str
    theme: tuple[str, str, str]
    interpretations: list[tuple[str, str]] = field(default_factory=list)  # (path, text)


class _Writer:
    def __init__(self, documents: int, seed: int, last: tuple[int, int], shape: str):
        if shape not in ("short", "real"):
            raise ValueError(f"shape must be 'short' or 'real', not {shape!r}")
        self.real = shape == "real"
        self.rng = random.Random(seed)
        self.documents = documents
        self.issues = -(-documents // PER_ISSUE)
        self.last = last
        self.serials: dict[tuple[str, int | None], int] = {}
        self.files: dict[str, str] = {}
        self.docs: list[_Doc] = []

    # -- text -------------------------------------------------------------------------------------
    def sentence(self, theme, year: int) -> str:
        template = self.rng.choice(SENTENCES)
        return template.format(v=self.rng.choice(VERBS), o=self.rng.choice(OBJECTS), t=theme[0],
                               d=self.rng.choice(DEPTS), y=year + self.rng.randint(1, 3), m=self.rng.randint(1, 12))

    def paragraph(self, theme, year: int, sentences: tuple[int, int] = (3, 7)) -> str:
        return "。".join(self.sentence(theme, year) for _ in range(self.rng.randint(*sentences))) + "。"

    def legal_sentence(self, theme, year: int) -> str:
        rng = self.rng
        return rng.choice(LEGAL_SENTENCES).format(
            d=rng.choice(DEPTS), t=theme[0], o=rng.choice(OBJECTS), m=rng.randint(1, 12), n=rng.choice((5, 10, 15, 20)),
            p=rng.choice(PLACES), r=rng.choice(PLACES) + rng.choice(PROJECTS))

    def clause(self, theme, year: int) -> str:
        """One line of real shape: one or two sentences, about 54 characters."""
        parts = [self.legal_sentence(theme, year) if self.rng.random() < 0.6 else self.sentence(theme, year)
                 for _ in range(self.rng.choice((1, 1, 2)))]
        return "。".join(parts) + "。"

    def lines(self) -> int:
        if not self.real:
            return self.rng.randint(10, 40)
        median, sigma, floor, cap = REAL_LINES
        return max(floor, min(cap, round(self.rng.lognormvariate(math.log(median), sigma))))

    def table(self, theme) -> list[str]:
        """A list of projects, as municipal gazettes print them."""
        rows = ["| 序号 | 项目名称 | 实施地点 | 责任单位 | 完成时限 |", "| --- | --- | --- | --- | --- |"]
        for n in range(1, self.rng.randint(4, 15)):
            rows.append(f"| {n} | {self.rng.choice(PLACES)}{self.rng.choice(PROJECTS)} | {self.rng.choice(PLACES)} "
                        f"| 市{self.rng.choice(DEPTS)}局 | {self.rng.randint(1, 12)}月底 |")
        return ["\n".join(rows)]

    def articles_body(self, theme, year: int, budget: int) -> list[str]:
        """Real shape: chapters (from about 40 lines) of articles; an article is one line, or 款 paragraphs, or 项 items."""
        chapters = 0 if budget < 40 else min(len(CHAPTER_NAMES), round(0.63 * math.sqrt(budget)))
        per_chapter = max(1, budget // max(1, chapters))
        lines, article = [], 0
        for c in range(chapters or 1):
            if chapters:
                lines.append(f"第{numerals.format(c + 1)}章 {CHAPTER_NAMES[c] if c < chapters - 1 else '附则'}")
            end = len(lines) + per_chapter
            while len(lines) < end or (c == max(chapters, 1) - 1 and len(lines) < budget):
                article += 1
                roll = self.rng.random()
                lines.append(f"第{numerals.format(article)}条 {self.clause(theme, year)}")
                if roll < 0.25:
                    lines += [self.clause(theme, year) for _ in range(self.rng.randint(1, 2))]
                elif roll < 0.4:
                    lines[-1] = f"第{numerals.format(article)}条 有下列情形之一的，由{self.rng.choice(DEPTS)}部门责令限期改正："
                    lines += [f"（{numerals.format(i)}）{self.legal_sentence(theme, year)}；"
                              for i in range(1, self.rng.randint(3, 7))]
        lines.append(f"第{numerals.format(article + 1)}条 本办法自{year + 1}年1月1日起施行。")
        return lines

    def real_notice_body(self, theme, year: int, budget: int) -> list[str]:
        """Real shape: 一、 sections of （一） items, each an item line and its paragraphs, up to ``budget`` lines."""
        lines = ["各市（县）、区人民政府，市各委办局，市各直属单位：",
                 f"为{self.rng.choice(VERBS)}{theme[0]}，根据有关法律法规和上级文件精神，结合我市实际，现提出如下意见。"]
        heads = max(2, min(len(SECTION_HEADS), budget // 15))
        per_head = max(1, (budget - 2) // heads)
        for n, head in enumerate(self.rng.sample(SECTION_HEADS, k=heads), 1):
            lines.append(f"{numerals.format(n)}、{head}")
            end, item = len(lines) + per_head - 1, 0
            while len(lines) < end:
                item += 1
                lines.append(f"（{numerals.format(item)}）{self.rng.choice(VERBS)}{self.rng.choice(OBJECTS)}。"
                             f"{self.clause(theme, year)}")
                lines += [self.clause(theme, year) for _ in range(min(self.rng.randint(0, 2), end - len(lines)))]
        if self.rng.random() < 0.05:
            lines += ["附件：重点项目清单"] + self.table(theme)
        return lines

    def notice_body(self, theme, year: int, paragraphs: int) -> list[str]:
        lines = ["各市（县）、区人民政府，市各委办局，市各直属单位：",
                 f"为{self.rng.choice(VERBS)}{theme[0]}，根据有关法律法规和上级文件精神，结合我市实际，现提出如下意见。"]
        heads = self.rng.sample(SECTION_HEADS, k=min(len(SECTION_HEADS), max(2, paragraphs // 5)))
        per_head = max(1, (paragraphs - 2 - len(heads)) // len(heads))
        for n, head in enumerate(heads, 1):
            lines.append(f"{numerals.format(n)}、{head}")
            for item in range(1, per_head + 1):
                lead = f"{self.rng.choice(VERBS)}{self.rng.choice(OBJECTS)}"
                lines.append(f"（{numerals.format(item)}）{lead}。{self.paragraph(theme, year)}")
        return lines

    def regulation_body(self, theme, year: int, paragraphs: int) -> list[str]:
        """Chapters of articles, some with items (项); ``paragraphs`` counts every line."""
        chapters = CHAPTERS[: max(2, min(len(CHAPTERS), paragraphs // 7))]
        per_chapter, extra = divmod(paragraphs - len(chapters) - 1, len(chapters))
        lines = [f"第一条 为了{self.rng.choice(VERBS)}{theme[0]}，根据有关法律、法规，结合本市实际，制定本办法。"]
        article = 1
        for c, name in enumerate(chapters, 1):
            lines.insert(0, f"第一章 {name}") if c == 1 else lines.append(f"第{numerals.format(c)}章 {name}")
            budget = per_chapter - (1 if c == 1 else 0) + (extra if c == len(chapters) else 0)
            while budget > 0:
                article += 1
                items = self.rng.randint(2, 4) if self.rng.random() < 0.2 and budget > 4 else 0
                if items:
                    lines.append(f"第{numerals.format(article)}条 有下列情形之一的，由有关部门责令限期改正：")
                    lines += [f"（{numerals.format(i)}）{self.sentence(theme, year)}；" for i in range(1, items + 1)]
                else:
                    lines.append(f"第{numerals.format(article)}条 {self.paragraph(theme, year, (1, 3))}")
                budget -= 1 + items
        lines.append(f"第{numerals.format(article + 1)}条 本办法自{year + 1}年1月1日起施行。")
        return lines

    # -- numbers ----------------------------------------------------------------------------------
    def number(self, agency: str, year: int) -> str:
        key = (agency, None if agency == ORDER_AGENCY else year)
        self.serials[key] = self.serials.get(key, 0) + self.rng.randint(1, 4)
        if agency == ORDER_AGENCY:
            return f"{agency}第{self.serials[key]}号"
        return f"{agency}〔{year}〕{self.serials[key]}号"

    # -- documents --------------------------------------------------------------------------------
    def issue_dates(self) -> list[dt.date]:
        year, month = self.last
        months = [(year * 12 + month - 1) - i for i in range(self.issues)][::-1]
        return [dt.date(m // 12, m % 12 + 1, 28) for m in months]

    def document(self, issue_dir: str, issued: dt.date, index: int) -> _Doc:
        rng = self.rng
        theme = rng.choice(THEMES)
        roll = rng.random()
        published = issued - dt.timedelta(days=rng.randint(3, 25))
        written = published - dt.timedelta(days=rng.randint(0, 6))
        year = written.year
        if roll < 0.08:
            kind, issuer, agency, section = "规章", CITY_GOVERNMENT, ORDER_AGENCY, "市政府规章"
            title = f"无锡市{theme[0]}管理办法"
        elif roll < 0.58:
            kind = "规范性文件"
            issuer, agency, section, title = rng.choice((
                (CITY_GOVERNMENT, "锡政发", "市政府文件", f"无锡市人民政府关于进一步{rng.choice(VERBS)}{theme[0]}的意见"),
                (CITY_OFFICE, "锡政办发", "市政府办公室文件", f"无锡市人民政府办公室关于印发无锡市{theme[0]}实施办法的通知"),
                (theme[2], DEPARTMENTS.get(theme[2], (None, "锡政办发"))[1],
                 "部门文件" if theme[2] in DEPARTMENTS else "市政府办公室文件",
                 f"{theme[2]}关于印发《无锡市{theme[0]}管理办法》的通知"),
            ))
        else:
            kind = "其他文件"
            issuer, agency, section, title = rng.choice((
                (CITY_OFFICE, "锡政办函", "市政府办公室文件", f"无锡市人民政府办公室关于召开全市{theme[0]}工作会议的通知"),
                (CITY_GOVERNMENT, "锡政发", "市政府文件", f"无锡市人民政府关于{year}年度{theme[0]}工作情况的通报"),
            ))
        number = self.number(agency, year)
        paragraphs = self.lines()
        if self.real:  # the real set is mostly articles: 85 % of normative documents, half of the others
            articles = kind == "规章" or rng.random() < (0.85 if kind == "规范性文件" else 0.5)
            lines = (self.articles_body if articles else self.real_notice_body)(theme, year, paragraphs)
        else:
            lines = (self.regulation_body if kind == "规章" else self.notice_body)(theme, year, paragraphs)
        traditional = rng.random() < 0.1
        meta = {"title": title, "doc_number": number, "issuer": issuer, "type": kind, "written": written,
                "published": published}
        if kind != "其他文件":
            meta["effective"] = published + dt.timedelta(days=rng.choice((0, 0, 30)))
        meta["status"] = "执行中"
        disclosure = "主动公开" if rng.random() > 0.05 else rng.choice(tuple(REASONS))
        if kind != "其他文件" and disclosure not in PUBLISHED_DISCLOSURES:
            disclosure = "部分公开"  # a 规章 or 规范性文件 is always published (rules/disclosure.py)
        meta["disclosure"] = disclosure
        if disclosure in REASONS:
            meta["disclosure_reason"] = REASONS[disclosure]
        meta.update(section=section, topics=[theme[1]], index_number=f"0140003{list(ISSUERS).index(issuer):02d}/{year}-{index:05d}")
        if rng.random() < 0.3 and kind != "其他文件":
            meta["based_on"] = [rng.choice(EXTERNAL_BASES)]
        if traditional:
            meta.update(title=to_traditional(title), doc_number=self.variant(to_traditional(number)), language="zh-Hant")
            lines = [to_traditional(line) for line in lines]
        if disclosure == "部分公开":  # the withheld passage is marked, after any script conversion
            lines.append("附件：联系人名单【不予公开：涉及个人信息】张某某，139XXXXXXXX；李某某，138XXXXXXXX【/不予公开】")
        body = "\n\n".join(lines) + "\n"
        return _Doc(f"{issue_dir}/{_stem(number)}.md", meta, body, theme)

    def variant(self, number: str) -> str:
        """The way editors really type numbers: other brackets, spaces before 号."""
        return self.rng.choice((number, number.replace("〔", "[").replace("〕", "]"), number.replace("号", " 号")))

    def relate(self, doc: _Doc) -> None:
        """Now and then a new normative document repeals or amends an earlier one of its issuer."""
        if doc.meta["type"] == "其他文件" or self.rng.random() > 0.06:
            return
        earlier = [d for d in self.docs[-60:] if d.meta["issuer"] == doc.meta["issuer"] and d.meta["type"] != "其他文件"
                   and d.meta["status"] == "执行中" and d.meta["published"] < doc.meta["published"]]
        if not earlier:
            return
        target = self.rng.choice(earlier)
        key, status = self.rng.choice((("repeals", "已废止"), ("amends", "已修订")))
        doc.meta[key] = [_canonical(target.meta["doc_number"])]
        target.meta["status"] = status

    def expire(self, doc: _Doc, archive_end: dt.date) -> None:
        """规范性文件 are valid for five years; only those expired before the archive ends say so."""
        effective = doc.meta.get("effective")
        if doc.meta["type"] == "规范性文件" and effective and doc.meta["status"] == "执行中":
            expires = effective.replace(year=effective.year + 5) - dt.timedelta(days=1)
            if expires < archive_end:
                doc.meta["expires"], doc.meta["status"] = expires, "已失效"

    def interpret(self, doc: _Doc) -> None:
        if doc.meta["type"] == "其他文件" or doc.meta["disclosure"] not in ("主动公开", "部分公开"):
            return
        number, theme, published = _canonical(doc.meta["doc_number"]), doc.theme, doc.meta["published"]
        stem = _stem(number)
        year = published.year
        lines = [f"近日，《{doc.meta['title']}》（{number}）正式印发。现就有关内容解读如下。"]
        for n, aspect in enumerate(ASPECTS, 1):
            lines.append(f"## {numerals.format(n)}、{aspect}")
            lines += [self.paragraph(theme, year, (2, 4)) for _ in range(self.rng.randint(1, 2))]
        doc.interpretations.append((f"interpretations/{year}/{stem}-wzjd.md", _file(
            {"title": f"《{doc.meta['title']}》政策解读", "interprets": number, "published": published,
             "kind": "文字解读", "author": doc.meta["issuer"]}, "\n\n".join(lines) + "\n")))
        if self.rng.random() < 0.35:
            kind = self.rng.choice(("问答", "图解", "媒体解读"))
            later = published + dt.timedelta(days=self.rng.randint(1, 40))
            qa = []
            for _ in range(self.rng.randint(3, 6)):
                qa += [f"问：{theme[0]}方面有哪些新要求？", f"答：{self.paragraph(theme, year, (2, 4))}"]
            doc.interpretations.append((f"interpretations/{later.year}/{stem}-{_KIND_SLUGS[kind]}.md", _file(
                {"title": f"一图读懂《{doc.meta['title']}》" if kind == "图解" else f"《{doc.meta['title']}》{kind}",
                 "interprets": number, "published": later, "kind": kind}, "\n\n".join(qa) + "\n")))

    def run(self) -> dict[str, str]:
        dates = self.issue_dates()
        remaining = self.documents
        for n, issued in enumerate(dates):
            issue_dir = f"gazette/{issued.year}/{issued.month:02d}"
            count = min(PER_ISSUE, remaining)
            remaining -= count
            self.files[f"{issue_dir}/index.md"] = _file(
                {"year": issued.year, "number": issued.month, "total_number": n + 1, "published": issued,
                 "sections": list(SECTIONS)}, f"本期刊登文件 {count} 件（合成数据，仅供测试）。\n")
            for _ in range(count):
                doc = self.document(issue_dir, issued, len(self.docs) + 1)
                self.relate(doc)
                self.docs.append(doc)
        for doc in self.docs:
            self.expire(doc, dates[-1])
            self.interpret(doc)
            self.files[doc.path] = _file(doc.meta, doc.body)
            self.files.update(doc.interpretations)
        self.files["gazette.yml"] = settings_yaml()
        return self.files


_KIND_SLUGS = {"问答": "wd", "图解": "tj", "媒体解读": "mtjd"}


def _canonical(number: str) -> str:
    return str(DocNumber.parse(number))


def _stem(number: str) -> str:
    parsed = DocNumber.parse(number)
    parts = [ISSUER_CODES[parsed.agency]] + [str(p) for p in (parsed.year, parsed.serial) if p is not None]
    return "-".join(parts)


# libyaml's emitter when it is there: the pure-Python one takes a third of a real-shape archive's time.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _file(meta: dict, body: str) -> str:
    return "---\n" + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n" + body


def settings_yaml(site_name: str = "无锡市人民政府公报（合成数据）") -> str:
    return yaml.safe_dump({
        "site": {"name": site_name, "url": "https://gazette.example.gov.cn/", "interface_script": "zh-Hans",
                 "default_language": "zh-Hans"},
        "interpretation_grace_days": 0,
        "strict": False,
        "issuers": ISSUERS,
        "issuer_codes": ISSUER_CODES,
        "footer": {"host": CITY_OFFICE, "contact": "0510-00000000（示例）"},
    }, allow_unicode=True, sort_keys=False)


def archive(documents: int, seed: int = 1, last: tuple[int, int] = (2025, 12), shape: str = "short") -> dict[str, str]:
    """The files of a synthetic archive, path → text, including its ``gazette.yml``; ``shape`` is
    ``short`` or ``real`` (see the module's docstring)."""
    return _Writer(documents, seed, last, shape).run()


def marked_up(files: dict[str, str], tables: float = 0.3, seed: int = 1) -> dict[str, str]:
    """``files`` with the markup a municipal gazette prints more of than the real set (7 tables in 3,352 texts,
    shared/REAL-CONTENT.md): an attachment's table of 10–40 rows after the body of a share ``tables`` of documents,
    a link to the city's site in as many and in every interpretation. What the rules that read tables and links cost."""
    rng, out = random.Random(seed), dict(files)

    def link() -> str:
        return f"详见[无锡市人民政府网站](https://www.wuxi.gov.cn/doc/{rng.randint(2000, 2025)}/{rng.randint(1, 999)}.shtml)。"

    for rel, text in files.items():
        if rel.endswith("/index.md") or not rel.startswith(("gazette/", "interpretations/")):
            continue
        added = []
        if rel.startswith("gazette/") and rng.random() < tables:
            rows = [f"| {n} | {rng.choice(PLACES)}{rng.choice(PROJECTS)} | {rng.randint(5, 500)} | 市{rng.choice(DEPTS)}局 |"
                    for n in range(1, rng.randint(11, 41))]
            added.append("附件：资金安排表\n\n| 序号 | 项目名称 | 补助金额（万元） | 责任单位 |\n| --- | --- | --- | --- |\n"
                         + "\n".join(rows))
        if rel.startswith("interpretations/") or rng.random() < tables:
            added.append(link())
        if added:
            out[rel] = text.rstrip("\n") + "\n\n" + "\n\n".join(added) + "\n"
    return out


# What a repository needs besides content to build: copied from the project as they are.
PROJECT_FILES = ("mkdocs.yml",)
PROJECT_DIRS = ("hooks", "content", "overrides")


def write(target: Path, files: dict[str, str], project: Path | None = None) -> None:
    """Write ``files`` under ``target``; with ``project``, copy its build configuration alongside."""
    target.mkdir(parents=True, exist_ok=True)
    if project is not None:
        for name in PROJECT_FILES:
            shutil.copy(project / name, target / name)
        for name in PROJECT_DIRS:
            if (project / name).is_dir():
                shutil.copytree(project / name, target / name, dirs_exist_ok=True)
    for rel, text in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def corrected(text: str, added: str, day: dt.date) -> str:
    """A synthetic document's ``text`` with ``added`` after its body's first sentence and the 勘误 dated ``day`` that
    says so: what an editor's change to a published text looks like (benchmarks edit a locked archive). Its 勘误 are
    the front matter's last key, as this writes them."""
    end = text.index("\n---\n", 4)
    record = f"\n  - {{date: {day.isoformat()}, change: 正文第一句后增加“{added}”, reason: 基准测试的修改}}"
    if "\ncorrections:" not in text[:end]:
        record = "\ncorrections:" + record
    elif any(not line.startswith("  ") for line in text[:end].rsplit("\ncorrections:", 1)[1].split("\n")[1:]):
        raise ValueError("corrections is not the front matter's last key")
    return text[:end] + record + text[end:].replace("。", "。" + added, 1)
