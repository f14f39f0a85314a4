"""Years: each year mention judged by its role."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Final

from govbudget.checks.document._common import _at, _paragraphs, _review, _sentence_at
from govbudget.checks.registry import Context
from govbudget.report import Finding, Severity
from govbudget.review.text import (
    Paragraph,
)
from govbudget.tables.base import Family

__all__ = ["years"]

_COMPARE: Final = re.compile(
    r"(?:比|较|与|同)\s*((?:19|20)\d{2})\s*年(?:度)?(?:[^，。；,]{0,12}?)(?:相比|预算|决算|执行|增加|减少|增长|下降|持平|基本持平|一致|数)"
)
_AS_OF: Final = re.compile(r"截[至止]\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_LAST_EXECUTED: Final = re.compile(r"((?:19|20)\d{2})\s*年(?:当年)?预算执行数")
#: This year's figure in a budget: 「2024年预算安排25.77万元」.
_BUDGET_OWN: Final = re.compile(r"((?:19|20)\d{2})\s*年度?(?:部门|单位)?预算安排")
#: This year's figure in a final account: 「2024年度“三公”经费财政拨款支出决算数」.
_FINAL_OWN: Final = re.compile(r"((?:19|20)\d{2})\s*年度?[^，。；,\d比较与]{0,20}?决算数")
_YEAR: Final = re.compile(r"((?:19|20)\d{2})\s*年")
#: A paragraph opening on the year it reports: 「2024年，某局收入预算…」, 「2024年度本部门…」.
_OPENING_YEAR: Final = re.compile(
    r"^\s*((?:19|20)\d{2})\s*年度?\s*(?:[，,]|本部门|本单位|部门|单位|收入|支出|收、支|财政拨款|"
    r"一般公共预算|政府性基金|国有资本|“三公”|三公|机关运行|政府采购|预算绩效)"
)


def _year_finding(  # noqa: PLR0917 - one private helper, called with all six in order
    context: Context, paragraph: Paragraph, position: int, printed: int, expected: int, role: str
) -> Finding:
    roles = {
        "comparison": ("a comparison with last year", "与上年比较"),
        "as-of": ("the reporting date", "截止日期"),
        "heading": ("a heading", "标题"),
        "executed": ("last year's outturn", "上年预算执行数"),
        "subject": ("the year a paragraph reports", "段首所述年度"),
        "own": ("this year's figure", "本年数"),
    }
    english, chinese = roles[role]
    return _at(context, "document.year", Severity.WARNING, paragraph)(
        f"{english} names {printed}; the document is for {context.disclosure.year}, "
        f"so {expected} is expected",
        f"{chinese}写作{printed}年，本文件为{context.disclosure.year}年，应为{expected}年",
        quote=_sentence_at(paragraph, position),
        stated=f"{printed}年",
        computed=f"{expected}年",
    )


@_review("document.year", "Years fit their role", "年份与用途相符", Severity.WARNING)
def years(context: Context) -> Iterator[Finding]:
    """A year that does not fit its role: comparisons name last year, titles this year.

    The document's year is printed in headings; a comparison (比/与/较 … 年相比, 持平,
    增加 …) names the year before; a final account's 截至YYYY年12月31日 names its own
    year; a budget's 「YYYY年预算执行数」 names the year before, its 「YYYY年预算安排」
    and a final account's 「YYYY年度…决算数」 the document's year, as does a paragraph
    opening on 「YYYY年，」 with an amount. A year in a heading that is neither the
    document's year nor the one before is reported too.

    Example: a 2024 budget saying 「比2024年预算减少876.75万元」.
    """
    year = context.disclosure.year
    if year <= 0:
        return
    final = context.disclosure.family is Family.FINAL
    for paragraph in _paragraphs(context):
        if paragraph.page == 1 or paragraph.contents:
            continue
        for position, printed, expected, role in _misdated(
            paragraph.text, year, heading=paragraph.heading, final=final
        ):
            yield _year_finding(context, paragraph, position, printed, expected, role)


@functools.lru_cache(maxsize=1024)
def _misdated(
    text: str, year: int, *, heading: bool, final: bool
) -> tuple[tuple[int, int, int, str], ...]:
    """The years of a paragraph that do not fit their role, once per text and document year.

    Each as (where, the year printed, the year expected, the role).
    """
    found: list[tuple[int, int, int, str]] = []
    if heading:
        for match in _YEAR.finditer(text):
            printed = int(match.group(1))
            if printed not in (year, year - 1) and not (final and printed == year + 1):
                found.append((match.start(), printed, year, "heading"))
        return tuple(found)
    reported: set[int] = set()  # one finding per year mention, whatever its roles
    opening = _OPENING_YEAR.match(text)
    if opening is not None and int(opening.group(1)) != year and "万元" in text:
        reported.add(opening.start(1))
        found.append((0, int(opening.group(1)), year, "subject"))
    for match in _COMPARE.finditer(text):
        printed = int(match.group(1))
        if printed != year - 1 and not _names_own_year(text, match, final=final, year=year):
            found.append((match.start(), printed, year - 1, "comparison"))
    for match in _LAST_EXECUTED.finditer(text):
        printed = int(match.group(1))
        if not final and printed != year - 1:
            found.append((match.start(), printed, year - 1, "executed"))
    for match in (_FINAL_OWN if final else _BUDGET_OWN).finditer(text):
        printed = int(match.group(1))
        before = text[max(0, match.start() - 2) : match.start()]
        if (
            printed != year
            and not any(word in before for word in "比较与同")
            and match.start(1) not in reported
        ):
            found.append((match.start(), printed, year, "own"))
    for match in _AS_OF.finditer(text):
        printed = int(match.group(1))
        if final and (match.group(2), match.group(3)) == ("12", "31") and printed != year:
            found.append((match.start(), printed, year, "as-of"))
    return tuple(found)


def _names_own_year(text: str, match: re.Match[str], *, final: bool, year: int) -> bool:
    """Whether a 与YYYY年 … names the year on purpose: 与2024年预算数 in a 2024 final account."""
    tail = text[match.end(1) : match.end()]
    if "年初" in tail or "调整" in tail:
        return True
    return final and int(match.group(1)) == year and "预算" in tail
