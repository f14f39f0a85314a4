"""Pages: blank pages, pages printed twice, text that does not display."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Final

from govbudget.checks.compiled import of_shape
from govbudget.checks.document._common import _at, _finding, _paragraphs, _review
from govbudget.checks.registry import Context
from govbudget.report import Finding, Severity
from govbudget.tables.base import Table

__all__ = ["blank_page", "repeated_page", "undisplayable"]


@_review("document.blank-page", "No blank page", "无空白页", Severity.WARNING)
def blank_page(context: Context) -> Iterator[Finding]:
    """A page that prints nothing, or a table page that prints a table's title but no table.

    Example: an empty page after the contents; a page holding only 「部门收入预算总表」 and
    「单位：万元」, its table on the next page.
    """
    pages = context.disclosure.pages
    for index, page in enumerate(pages):
        if page.blank and 0 < index < len(pages) - 1:
            yield _finding(
                context,
                "document.blank-page",
                Severity.WARNING,
                f"page {page.number} is blank",
                f"第{page.number}页为空白页",
                page=page.number,
                stated="（空白）",
                computed="删除空白页",
            )
            continue
        lines = [line for line in page.text.split("\n") if line.strip()]
        if page.tables or not lines or len(lines) > 4:
            continue
        titles = [line for line in lines if _TABLE_TITLE.search(line.replace(" ", ""))]
        rest = [line for line in lines if line not in titles and not _TABLE_FURNITURE.search(line)]
        if titles and not rest:
            yield _finding(
                context,
                "document.blank-page",
                Severity.WARNING,
                f"page {page.number} prints a table's title but no table",
                f"第{page.number}页只有表名、没有表格",
                page=page.number,
                quote=" ".join(lines),
                stated=titles[0],
                computed="表名与表格在同一页",
            )


_TABLE_TITLE: Final = re.compile(
    r"(?:预算|决算)\S{0,6}表$|(?:预算|决算)\S{0,6}表[（(]|公开\d{1,2}表"
)
_TABLE_FURNITURE: Final = re.compile(
    r"单位[：:]|公开\s*\d{1,2}\s*表|部门[：:]|编制单位|^\s*\d{1,3}\s*$|此表无数据|本表无数据"
)


@_review("document.repeated-page", "No page printed twice", "无重复页", Severity.WARNING)
def repeated_page(context: Context) -> Iterator[Finding]:
    """A page of text that repeats an earlier page word for word.

    Example: the 预算编制说明 printed on page 7 and again on page 8.
    """
    earlier: list[tuple[int, set[str]]] = []
    for page in context.disclosure.pages:
        lines = {"".join(line.split()) for line in page.text.split("\n")}
        lines = {line for line in lines if len(line) >= 20}
        if len(lines) < 3:
            continue
        for number, other in earlier:
            shared = lines & other
            if len(shared) >= 0.9 * len(lines):
                first = next(
                    line for line in page.text.split("\n") if "".join(line.split()) in shared
                )
                yield _finding(
                    context,
                    "document.repeated-page",
                    Severity.WARNING,
                    f"page {page.number} repeats page {number}",
                    f"第{page.number}页重复了第{number}页的内容",
                    page=page.number,
                    quote=first,
                    computed=f"删除重复的第{page.number}页",
                )
                break
        earlier.append((page.number, lines))


_CID: Final = re.compile(r"\(cid:\d+\)")


# Every character the scan below can flag (controls but layout ones, surrogates,
# private use, U+FFFD) and the start of a (cid:N) glyph: text with none of them is
# skipped without a scan. A test checks the class against every code point.
_FLAGGED: Final = (
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffd\U000f0000-\U0010ffff]"
)
_MAYBE_UNDISPLAYABLE: Final = re.compile(_FLAGGED + "|\\(cid:")
_FLAGGED_CHAR: Final = re.compile(_FLAGGED)  # the same without "(cid:", found faster by `in`


def _undisplayable(text: str) -> Iterator[tuple[int, str]]:
    if _MAYBE_UNDISPLAYABLE.search(text) is None:
        return iter(())
    return _undisplayable_scan(text)


@functools.lru_cache(maxsize=1024)
def _undisplayed(text: str) -> tuple[tuple[int, str], ...]:
    """:func:`_undisplayable` of a paragraph's *text*, once per text."""
    return tuple(_undisplayable(text))


def _undisplayable_scan(text: str) -> Iterator[tuple[int, str]]:
    for match in _CID.finditer(text):
        yield match.start(), match.group()
    for position, char in enumerate(text):
        category = unicodedata.category(char)
        if (
            char == "\ufffd"
            or category in ("Co", "Cs")
            or (category == "Cc" and char not in "\t\n\r\f\v")
        ):
            yield position, f"U+{ord(char):04X}"


@_review("document.undisplayable", "Every character displays", "文字均能正常显示", Severity.ERROR)
def undisplayable(context: Context) -> Iterator[Finding]:
    """Text that does not display: private-use or replacement characters, ``(cid:N)`` glyphs.

    A glyph the font maps to no character reads as ``(cid:N)``, a private-use code point
    or U+FFFD; a reader sees a box or nothing. Reported with the text around it.

    Example: 「支出预算(cid:3028)万元」.
    """
    for paragraph in _paragraphs(context):
        found = _undisplayed(paragraph.text)
        if not found:
            continue
        position, what = found[0]
        around = paragraph.text[max(0, position - 12) : position + 12]
        yield _at(context, "document.undisplayable", Severity.ERROR, paragraph)(
            f"{len(found)} character(s) that do not display ({what})",
            f"有{len(found)}处文字无法正常显示（{what}）",
            quote=around,
            stated=what,
            computed="可正常显示的文字",
        )
    for table in context.disclosure.tables.values():
        rows = table.rows
        for place, what in of_shape(table, _undisplayable_labels):
            row = rows[place]
            yield Finding(
                rule="document.undisplayable",
                severity=Severity.ERROR,
                message=f"the row's name has characters that do not display ({what})",
                message_zh=f"行名称有文字无法正常显示（{what}）",
                table=table.kind,
                row=row.key,
                row_label=row.label,
                location=table.location_of(row.key, None),
                quote=row.label,
                stated=what,
                computed="可正常显示的文字",
            )


def _undisplayable_labels(table: Table) -> tuple[tuple[int, str], ...]:
    """The rows of *table* whose names do not display: each row's place, the first hit.

    Read from the labels alone, so worked out once per table shape.
    """
    # One pass over every label, joined by a space (which parts a "(cid:" across two
    # labels): no hit there is no hit in any label. Printable text (no control,
    # surrogate or private-use character) holds no flagged character but U+FFFD.
    labels = " ".join([row.label for row in table.rows])
    printable = labels.isprintable() and "\ufffd" not in labels
    if "(cid:" not in labels and (printable or _FLAGGED_CHAR.search(labels) is None):
        return ()
    found: list[tuple[int, str]] = []
    for place, row in enumerate(table.rows):
        hits = list(_undisplayable(row.label))
        if hits:
            found.append((place, hits[0][1]))
    return tuple(found)
