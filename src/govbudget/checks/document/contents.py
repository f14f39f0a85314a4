"""Contents and sections: the contents page, the required sections, empty tables."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import Final

from govbudget.checks.document._common import _at, _finding, _paragraphs, _review
from govbudget.checks.registry import Context
from govbudget.report import Finding, Severity
from govbudget.review.data import Sections, required_sections
from govbudget.review.text import (
    Paragraph,
)
from govbudget.tables.publication import region_of

__all__ = ["contents", "empty_table", "sections_rule"]

_LEADERS: Final = re.compile(r"[…．.·\-—_\s]{2,}\d*\s*$")
_NUMBERING: Final = re.compile(
    r"^\s*[-–•]?\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}\s*[、.．](?!\d)|\d{1,2}\s+(?!\d))\s*"
)


@functools.lru_cache(maxsize=1024)
def _key(text: str, department: str = "") -> str:
    """A heading or contents entry reduced for comparison.

    Numbering, leaders, years, the department's name and a 部门/单位 prefix are left out.
    """
    flat = _LEADERS.sub("", text)
    flat = _NUMBERING.sub("", flat)
    flat = re.sub(r"(?:19|20)\d{2}\s*年度?", "", flat)
    flat = re.sub(r"[\s“”\"‘’「」]", "", flat)
    if department:
        flat = flat.replace(department, "")
    flat = re.sub(r"^(?:X+|本)?[（(]?(?:部门|单位)[）)]?", "", flat)
    return flat.removesuffix("的").strip()


def _subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)


def _matches(entry: str, body: str) -> bool:
    """Whether a body heading is the contents entry, give or take a few words."""
    if not entry or not body:
        return False
    if entry == body or body.startswith(entry):
        return True
    if len(entry) >= 6 and sorted(entry) == sorted(body):
        return True  # the same words in another order: 政府性基金财政拨款… for 财政拨款政府性基金…
    if len(entry) >= 4 and entry in body and len(body) <= len(entry) + 12:
        return True
    if len(body) >= 6 and (entry.endswith(body) or entry.startswith(body)):
        return len(body) >= 0.7 * len(entry)  # 情况 for 情况说明; a title without its prefix
    return len(entry) >= 4 and len(body) <= len(entry) + 6 and _subsequence(entry, body)


_TABLE_ENTRY: Final = re.compile(r"表$")
_TABLES_PART: Final = re.compile(r"^(?:部门|单位)?(?:预算|决算)(?:公开)?表$")


def _entries(context: Context) -> list[Paragraph]:
    department = context.disclosure.department
    return [
        p
        for p in _paragraphs(context)
        if p.contents and _key(p.text, department) not in ("目录", "目次", "")
    ]


def _body(context: Context) -> list[tuple[str, int | None, bool]]:
    """Every short paragraph of the body and every table's title, in page order.

    Each as (key, page, whether it is a table's title).
    """
    department = context.disclosure.department
    out: list[tuple[int, int, str, int | None, bool]] = []
    for paragraph in _paragraphs(context):
        if paragraph.contents or paragraph.page == 1:
            continue
        if paragraph.heading or len(paragraph.text) <= 50:
            page = paragraph.page if paragraph.page is not None else 0
            out.append(
                (page, paragraph.index, _key(paragraph.text, department), paragraph.page, False)
            )
        else:  # a heading printed on the line of its first sentence
            page = paragraph.page if paragraph.page is not None else 0
            head = re.split(r"[。，：:；]", paragraph.text, maxsplit=1)[0]
            out.append((page, paragraph.index, _key(head, department), paragraph.page, False))
    for table in context.disclosure.tables.values():
        try:
            page = int(table.location.page or 0)
        except ValueError:
            page = 0
        for title in {table.title, table.kind.label}:
            out.append((page, -1, _key(title, department), page or None, True))
    if all(item[3] is None for item in out):
        return [(key, at, table) for _p, _i, key, at, table in out]
    out.sort(key=lambda item: (item[0], item[1]))
    return [(key, at, table) for _p, _i, key, at, table in out]


@_review(
    "document.contents",
    "The contents match the document",
    "目录与正文一致",
    Severity.WARNING,
)
def contents(context: Context) -> Iterator[Finding]:
    """A section or table the contents (目录) list that is absent or out of order.

    Each entry is looked for among the headings and table titles (numbering, leaders,
    years, the department's name and spaces left out); a listed entry found nowhere is
    reported, and the first entry found out of the contents' order. An entry matches a
    title that prints the same words in another order. Entries for tables are not judged
    when the document holds no table (tables published in another file), nor is the
    order of a document read from several files (each numbers its own pages).

    Example: the contents list 七、项目经费情况说明, the document has no such section.
    """
    entries = _entries(context)
    if not entries:
        return  # no contents page: nothing to compare (the body is not read)
    body = _body(context)
    if not body:
        return
    department = context.disclosure.department
    has_tables = bool(context.disclosure.tables)
    judged = [e for e in entries if not _TABLE_ENTRY.search(_key(e.text, department))]
    absent = [e for e in judged if not any(_matches(_key(e.text, department), b) for b, *_ in body)]
    if len(absent) * 2 > len(judged):
        return  # most entries unmatched: the body's text is not readable (a scan), not absent
    cursor = 0
    reported_order = len({page.file for page in context.disclosure.pages}) > 1
    for entry in entries:
        key = _key(entry.text, department)
        if _TABLE_ENTRY.search(key) and (not has_tables or _TABLES_PART.match(key)):
            continue
        hits = [i for i, (b, _at, _t) in enumerate(body) if _matches(key, b)]
        if not hits:
            yield _at(context, "document.contents", Severity.WARNING, entry)(
                f"the contents list {key}; the document has no such section or table",
                f"目录列有「{key}」，正文中没有该部分或表格",
                quote=_LEADERS.sub("", entry.text),
                stated=key,
                computed="目录与正文一致",
            )
            continue
        if all(body[i][2] and body[i][1] is None for i in hits):
            continue  # a table of a format without pages: its place is not known
        ahead = [i for i in hits if i >= cursor]
        if ahead:
            cursor = ahead[0]
            continue
        if not reported_order:
            reported_order = True
            yield _at(context, "document.contents", Severity.WARNING, entry)(
                f"{key} is printed in another place than the contents give",
                f"「{key}」在正文中的位置与目录顺序不一致",
                quote=_LEADERS.sub("", entry.text),
                stated=key,
                computed="按目录顺序排列",
            )


def sections_rule(data: Sections | None = None) -> Callable[[Context], Iterator[Finding]]:
    """The function of ``document.sections`` judging against *data* (shipped by default).

    To check against your own list, load it with
    :func:`~govbudget.review.data.load_sections` and register the rule in a registry
    of your own (or in place of the shipped one, after ``REGISTRY.remove``)::

        mine = Registry()
        rule("document.sections", "Required sections are present", "必备内容齐全",
             severity=Severity.WARNING, registry=mine)(
            sections_rule(load_sections("mine.json")))
        check(disclosure, registry=mine)

    .. versionadded:: 0.2
    """

    def required(context: Context) -> Iterator[Finding]:
        """A section the family and region require that the document does not hold.

        The required sections are package data (``sections.json``) per family and region
        (Shanghai, Jiangsu, and ``*`` elsewhere); pass your own with :func:`sections_rule`.
        Headings, contents entries and the starts of paragraphs are searched.

        Example: a Shanghai budget without 名词解释.
        """
        disclosure = context.disclosure
        found = _paragraphs(context)
        if not disclosure.pages and not any(p.contents for p in found):
            return  # an excerpt (no pages, no contents): not a whole document to judge
        text = [p.text.replace(" ", "") for p in found if p.page != 1]
        if not text:
            return
        heads = [t[:60] for t in text]
        region = context.region or region_of(disclosure)
        for wordings in required_sections(disclosure.family, region, data):
            if any(w in h for w in wordings for h in heads):
                continue
            yield _finding(
                context,
                "document.sections",
                Severity.WARNING,
                f"no section on {wordings[0]}",
                f"缺少「{wordings[0]}」部分",
                page=None,
                stated="（无）",
                computed=wordings[0],
            )

    return required


_review(
    "document.sections",
    "Required sections are present",
    "必备内容齐全",
    Severity.WARNING,
)(sections_rule())


_SAYS_EMPTY: Final = re.compile(r"无数据|无相关|无此项|空表|没有[^。]{0,30}(?:收入|支出|收支)")


@_review(
    "document.empty-table",
    "A table without data says so",
    "无数据的表注明此表无数据",
    Severity.WARNING,
)
def empty_table(context: Context) -> Iterator[Finding]:
    """A table printed with no rows that does not say 此表无数据 (or 本表无数据).

    The table's note and the text of its page are read for the wording (此表无数据,
    本表无数据, 无相关收支, 无此项, 没有…收入/支出 …).

    Example: 政府性基金预算支出功能分类预算表 printed with its header only.
    """
    if context.disclosure.template:
        return
    pages = {str(page.number): page.text for page in context.disclosure.pages}
    for table in context.disclosure.tables.values():
        if table.rows or table.no_data:
            continue
        around = table.note + pages.get(table.location.page or "", "")
        if _SAYS_EMPTY.search(around.replace(" ", "")):
            continue
        yield Finding(
            rule="document.empty-table",
            severity=Severity.WARNING,
            message="the table has no rows and does not say 此表无数据",
            message_zh="表内无数据，但未注明「此表无数据」",
            table=table.kind,
            location=table.location.evolve(table=table.kind.label),
            stated="（空表）",
            computed="此表无数据",
        )
