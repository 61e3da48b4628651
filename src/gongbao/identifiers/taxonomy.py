"""主题分类: the topics a document may be filed under, and the slug of each topic's catalogue page.

The default is the top level of the State Council's classification used by the national policy
library (国务院政策文件库, www.gov.cn/zhengce): 22 classes, 其他 last. An office with its own
classification lists it under ``topics`` in gazette.yml, each class with the slug of its URL.
"""
from __future__ import annotations

from dataclasses import dataclass

from gongbao.identifiers.script import to_simplified
from gongbao.identifiers.vocabulary import suggest

# 22 top-level classes, in the official order; slugs are pinyin initials (published URLs: never change one).
DEFAULT_TOPICS: dict[str, str] = {
    "国务院组织机构": "gwyzzjg",
    "综合政务": "zhzw",
    "国民经济管理、国有资产监管": "gmjjgl",
    "财政、金融、审计": "czjrsj",
    "国土资源、能源": "gtzy",
    "农业、林业、水利": "nylysl",
    "工业、交通": "gyjt",
    "商贸、海关、旅游": "smhgly",
    "市场监管、安全生产监管": "scjg",
    "城乡建设、环境保护": "cxjs",
    "科技、教育": "kjjy",
    "文化、广电、新闻出版": "whgd",
    "卫生、体育": "wsty",
    "人口与计划生育、妇女儿童工作": "rkjs",
    "劳动、人事、监察": "ldrs",
    "公安、安全、司法": "gaaq",
    "民政、扶贫、救灾": "mzfp",
    "民族、宗教": "mzzj",
    "对外事务": "dwsw",
    "港澳台侨工作": "gatq",
    "国防": "gf",
    "其他": "qt",
}


@dataclass(frozen=True)
class Taxonomy:
    """A closed list of topics, each with its catalogue slug; a value is matched in either script."""

    slugs: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, topics: dict[str, str] | None) -> "Taxonomy":
        return cls(tuple((topics or DEFAULT_TOPICS).items()))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.slugs)

    def canonical(self, value: str) -> str | None:
        """The class ``value`` names (written in Simplified or Traditional), or None."""
        text = to_simplified(str(value).strip())
        return text if text in self.names else None

    def slug(self, name: str) -> str:
        return dict(self.slugs)[name]

    def suggest(self, value: str) -> str | None:
        """The class a wrong value most likely meant: one that contains a part of it, else the closest."""
        text = to_simplified(str(value).strip())
        for part in text.replace("，", "、").split("、"):
            for name in self.names:
                if part and (part in name.split("、") or part in name):
                    return name
        return suggest(text, self.names)
