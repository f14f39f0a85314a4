"""Which tables a region requires a disclosure to publish, as data.

Every region publishes a set of tables; some require each table of the set to be
printed, an empty one with a note saying it holds no data (此表无数据, 本表为空表 …), so
that a missing table is a fault of the disclosure, not a sign that there was nothing to
show. Elsewhere a department may leave out a table it has nothing to print in, and a
missing table is only worth a look.

A :class:`Requirement` says, for one family, region and run of years, which tables must
be printed and how an empty one is marked; :data:`REQUIREMENTS` lists those known.
:func:`region_of` tells a disclosure's region from its department name and its text, and
:func:`requirement_for` finds the requirement that applies (a caller who knows the region
better passes it instead).

>>> requirement_for(Family.FINAL, "上海", 2024).region
'上海'
>>> requirement_for(Family.FINAL, "上海", 2023) is None
True

.. versionadded:: 0.3
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING, Final

import attrs

from govbudget.tables.base import Family, TableKind
from govbudget.tables.budget import SETS as BUDGET_SETS

if TYPE_CHECKING:
    from govbudget.disclosure import Disclosure

__all__ = [
    "EMPTY_WORDING",
    "REGIONS",
    "REQUIREMENTS",
    "Requirement",
    "empty_wording_in",
    "region_of",
    "requirement_for",
]

#: How a table printed with nothing in it says so. Compared after removing spaces.
EMPTY_WORDING: Final = (
    "此表无数据",
    "本表无数据",
    "本表为空表",
    "此表为空表",
    "该表为空表",
    "本表为空",
    "此表为空",
    "无数据",
    "无相关收支",
    "无该项目",
)

#: Province-level regions by the names a department or a cover prints them under, the
#: region's short name first.
REGIONS: Final[dict[str, tuple[str, ...]]] = {
    "北京": ("北京市",),
    "天津": ("天津市",),
    "河北": ("河北省",),
    "山西": ("山西省",),
    "内蒙古": ("内蒙古自治区",),
    "辽宁": ("辽宁省",),
    "吉林": ("吉林省",),
    "黑龙江": ("黑龙江省",),
    "上海": ("上海市",),
    "江苏": ("江苏省",),
    "浙江": ("浙江省",),
    "安徽": ("安徽省",),
    "福建": ("福建省",),
    "江西": ("江西省",),
    "山东": ("山东省",),
    "河南": ("河南省",),
    "湖北": ("湖北省",),
    "湖南": ("湖南省",),
    "广东": ("广东省",),
    "广西": ("广西壮族自治区",),
    "海南": ("海南省",),
    "重庆": ("重庆市",),
    "四川": ("四川省",),
    "贵州": ("贵州省",),
    "云南": ("云南省",),
    "西藏": ("西藏自治区",),
    "陕西": ("陕西省",),
    "甘肃": ("甘肃省",),
    "青海": ("青海省",),
    "宁夏": ("宁夏回族自治区",),
    "新疆": ("新疆维吾尔自治区",),
}

#: How much of the narrative (its cover and first pages) names the region.
_HEAD_CHARACTERS: Final = 3000
_SPACES: Final = re.compile(r"\s+")


@attrs.frozen
class Requirement:
    """The tables one region requires a disclosure of one family to print, in some years.

    Attributes:
        family: Final accounts or budget.
        region: The region's short name (``"上海"``), as in :data:`REGIONS`.
        first: The first year it applies to.
        last: The last year it applies to, or ``None`` while it still applies.
        tables: Every table that must be printed, empty or not.
        empty_wording: How the region marks a table with nothing in it.
        source: Where the requirement is stated, in a few words.

    .. versionadded:: 0.3
    """

    family: Family
    region: str
    first: int
    last: int | None
    tables: tuple[TableKind, ...]
    empty_wording: tuple[str, ...] = EMPTY_WORDING
    source: str = ""

    def applies(self, family: Family, region: str | None, year: int) -> bool:
        """Whether this requirement covers a disclosure of *family*, *region* and *year*."""
        return (
            family is self.family
            and region == self.region
            and year >= self.first
            and (self.last is None or year <= self.last)
        )

    @property
    def years(self) -> str:
        """The years it applies to, as a reader says them: ``2024年起``, ``2017–2018年``."""
        if self.last is None:
            return f"{self.first}年起"
        return f"{self.first}–{self.last}年" if self.last != self.first else f"{self.first}年"


#: The requirements known; a disclosure none of them covers has no required set.
REQUIREMENTS: Final[tuple[Requirement, ...]] = (
    Requirement(
        Family.FINAL,
        "上海",
        2024,
        None,
        TableKind.of_family(Family.FINAL),
        source="上海市部门决算公开模板（2024年度起，空表注明无数据）",
    ),
    Requirement(
        Family.BUDGET,
        "上海",
        2024,
        None,
        BUDGET_SETS["上海"],
        source="上海市部门预算公开模板（2024年起，九张表全部公开）",
    ),
    Requirement(
        Family.BUDGET,
        "江苏",
        2017,
        2018,
        BUDGET_SETS["江苏"],
        source="江苏省部门预算公开（2017–2018年，十二张表全部公开）",
    ),
)


@functools.lru_cache(maxsize=1024)
def _find_region(text: str) -> str | None:
    """The region whose full name appears first in *text*, or ``None`` (texts repeat)."""
    compacted = _SPACES.sub("", text)
    found: list[tuple[int, str]] = []
    for region, names in REGIONS.items():
        for name in names:
            index = compacted.find(name)
            if index >= 0:
                found.append((index, region))
    return min(found)[1] if found else None


def empty_wording_in(text: str) -> str | None:
    """The words in *text* that say a table is empty (:data:`EMPTY_WORDING`), or ``None``.

    >>> empty_wording_in("注：本部门无政府性基金收支，故本表为 空表。")
    '本表为空表'

    .. versionadded:: 0.3
    """
    flat = _SPACES.sub("", unicodedata.normalize("NFKC", text))
    return next((word for word in EMPTY_WORDING if word in flat), None)


def region_of(disclosure: Disclosure) -> str | None:
    """The region a disclosure comes from, or ``None`` when it does not say.

    The department's name decides (江苏省高级人民法院); a name that does not carry its
    province (普陀区财政局) is looked up in the cover and first pages of the text.

    .. versionadded:: 0.3
    """
    return _find_region(disclosure.department) or _find_region(
        disclosure.narrative[:_HEAD_CHARACTERS]
    )


def requirement_for(
    family: Family, region: str | None, year: int, *, requirements: tuple[Requirement, ...] = ()
) -> Requirement | None:
    """The requirement covering a disclosure of *family*, *region* and *year*, if any.

    Args:
        family: The disclosure's family.
        region: Its region's short name, or ``None`` when unknown.
        year: Its year.
        requirements: Where to look (default :data:`REQUIREMENTS`).

    .. versionadded:: 0.3
    """
    for requirement in requirements or REQUIREMENTS:
        if requirement.applies(family, region, year):
            return requirement
    return None
