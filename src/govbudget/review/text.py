"""A disclosure's text as a reviewer reads it: paragraphs and sentences, page and section.

The readers keep the text outside the tables page by page
(:attr:`~govbudget.disclosure.Disclosure.pages`); :func:`paragraphs` turns it into
:class:`Paragraph` records, a paragraph broken by a page end joined again (and located on
the page it starts on), each knowing the heading it falls under. A disclosure read from a
format without pages (extracted text, a workbook) is read from its narrative, with the
page unknown.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Final

import attrs

from govbudget.disclosure import Disclosure

__all__ = [
    "LIST_MARK",
    "STOPS",
    "Paragraph",
    "Sentence",
    "is_contents_line",
    "is_heading",
    "paragraphs",
    "sentences",
]

#: The start of a numbered heading or list item: 第一部分, 一、, （一）, (1), 1. and 1、.
LIST_MARK: Final = re.compile(
    r"^\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]"
    r"|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}\s*[、.．](?!\d)|[①-⑳])"
)
#: What may close a paragraph: a full stop, question or exclamation mark, semicolon, a
#: colon introducing a list, an ellipsis (and those followed by a closing quote or bracket).
STOPS: Final = "。！？；;：:!?…"
_CLOSERS: Final = "”’）)》】」』"
_SENTENCE: Final = re.compile(r"[^。！？!?；;]*(?:[。！？!?；;]+[”’）)》】」』]*|$)")
_LEADER: Final = re.compile(r"[…．.·\-—_]{4,}\s*\d*\s*$")
_SECTION_WORDS: Final = re.compile(
    r"^(?:目\s*录|名词解释|附\s*件|附\s*表|封\s*面|.{0,40}(?:情况说明|编制说明|主要职能|机构设置"
    r"|部门职责|职能职责|决算表|预算表|概况))$"
)


@attrs.frozen
class Paragraph:
    """One paragraph of the text outside the tables.

    Attributes:
        text: The paragraph, wrapped lines joined.
        page: The page it starts on (``None`` when the format has no pages).
        section: The heading it falls under (the nearest heading above it), if any.
        index: Its position among the document's paragraphs, from 0.
        heading: Whether the paragraph is itself a heading.
        contents: Whether it is a line of the contents (目录) page.

    .. versionadded:: 0.2
    """

    text: str
    page: int | None = None
    section: str | None = None
    index: int = 0
    heading: bool = False
    contents: bool = False


@attrs.frozen
class Sentence:
    """One sentence of a paragraph: its text and where it starts in the paragraph.

    .. versionadded:: 0.2
    """

    text: str
    start: int
    paragraph: Paragraph


def is_contents_line(text: str) -> bool:
    """Whether *text* is an entry of a contents page: a title followed by dot leaders.

    >>> is_contents_line("一、部门主要职能……………………3"), is_contents_line("一、部门主要职能")
    (True, False)
    """
    return bool(_LEADER.search(text)) and len(_LEADER.sub("", text).strip()) > 1


def is_heading(text: str) -> bool:
    """Whether a paragraph is a heading: short, no closing stop, numbered or a section name.

    >>> is_heading("二、收入预算情况说明"), is_heading("二、收入预算10.00万元。")
    (True, False)
    """
    flat = text.strip()
    if not flat or len(flat) > 40 or any(mark in flat for mark in "。；，：;:,"):
        return False
    return bool(LIST_MARK.match(flat) or _SECTION_WORDS.match(flat.replace(" ", "")))


def _ends(text: str) -> bool:
    flat = text.rstrip().rstrip(_CLOSERS)
    return bool(flat) and flat[-1] in STOPS


def _starts_new(text: str) -> bool:
    """Whether a paragraph begins something new rather than continuing the previous one."""
    return bool(LIST_MARK.match(text)) or is_heading(text) or is_contents_line(text)


def _raw(pages: tuple[tuple[int, str], ...], narrative: str) -> list[tuple[str, int | None]]:
    if pages:
        return [
            (line, number) for number, text in pages for line in text.split("\n") if line.strip()
        ]
    return [(line, None) for line in narrative.split("\n") if line.strip()]


def _page_starts(pages: tuple[tuple[int, str], ...]) -> set[tuple[str, int]]:
    """The first line of every page, to know where a page break may split a paragraph."""
    starts: set[tuple[str, int]] = set()
    for number, text in pages:
        first = next((line for line in text.split("\n") if line.strip()), None)
        if first is not None:
            starts.add((first, number))
    return starts


def paragraphs(disclosure: Disclosure) -> tuple[Paragraph, ...]:
    """The paragraphs of *disclosure*'s text outside the tables, in reading order.

    A paragraph that a page end (or, without pages, a blank line of the extraction)
    breaks before its closing stop is joined to the next when the next does not begin a
    heading or a numbered item.

    .. versionadded:: 0.2
    """
    # They depend on the pages' numbers and text (else the narrative) and the department
    # only: the same text read again (a bulk run, a re-check) is split once per process.
    if disclosure.pages:
        pages = tuple((page.number, page.text) for page in disclosure.pages)
        return _split(pages, "", disclosure.department)
    return _split((), disclosure.narrative, disclosure.department)


@functools.lru_cache(maxsize=16)  # whole texts: enough to check one again
def _split(  # noqa: PLR0912 - one pass
    pages: tuple[tuple[int, str], ...], narrative: str, department: str
) -> tuple[Paragraph, ...]:
    """The paragraphs of the text of *pages* (number, text), else of *narrative*."""
    raw = _raw(pages, narrative)
    starts = _page_starts(pages)
    joined: list[tuple[str, int | None]] = []
    for text, page in raw:
        line = text.strip()
        if joined:
            previous, at = joined[-1]
            broken = page is None or (line, page) in starts
            if (
                broken
                and not _ends(previous)
                and not is_heading(previous)
                and not is_contents_line(previous)
                and not _starts_new(line)
                and len(previous) >= 20
            ):
                joined[-1] = (previous + line, at)
                continue
        joined.append((line, page))
    out: list[Paragraph] = []
    section: str | None = None
    in_contents = False
    listed: set[str] = set()
    marks: set[str] = set()
    for index, (text, page) in enumerate(joined):
        compact = text.replace(" ", "").replace("\u3000", "")
        if compact in ("目录", "目次"):
            in_contents = True
            listed, marks = set(), set()
            section = "目录"
            out.append(Paragraph(text, page, section, index, heading=True, contents=True))
            continue
        contents = in_contents and _contents_like(text)
        if contents and page is not None and index > 0 and joined[index - 1][1] != page:
            # the contents run on to this page only if its first lines are entries too
            run = 0
            for later, at in joined[index:]:
                if at != page or not _contents_like(later):
                    break
                run += 1
            contents = run >= 3 or is_contents_line(text)
        key = _entry_key(text, department)
        mark = _part_mark(text)
        if (
            contents
            and not is_contents_line(text)
            and ((key and key in listed) or (mark is not None and mark in marks))
        ):
            contents = False  # the body begins: it repeats the first entries' titles
        if in_contents and not contents:
            in_contents = False
        if contents:
            listed.add(key)
            if mark is not None:
                marks.add(mark)
        head = not contents and is_heading(text)
        if head:
            section = text
        out.append(Paragraph(text, page, section, index, heading=head, contents=contents))
    return tuple(out)


def _contents_like(text: str) -> bool:
    return is_contents_line(text) or ("。" not in text and not _ends(text) and len(text) < 50)


_PART: Final = re.compile(r"^\s*[-–•]?\s*(第[一二三四五六七八九十]+部分)")
_PREFIX: Final = re.compile(
    r"^\s*[-–•]?\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]"
    r"|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}\s*[、.．](?!\d)|\d{1,2}\s+(?!\d))?\s*"
)


def _part_mark(text: str) -> str | None:
    match = _PART.match(text)
    return None if match is None else match.group(1)


def _entry_key(text: str, department: str) -> str:
    """A contents entry or heading without numbering, leaders, spaces or the department."""
    flat = _LEADER.sub("", text)
    flat = _PREFIX.sub("", flat)
    flat = re.sub(r"\s", "", flat)
    if department:
        flat = flat.replace(department, "")
    return re.sub(r"^(?:X+)?[（(]?(?:部门|单位)[）)]?", "", flat)


def sentences(paragraph: Paragraph) -> Iterator[Sentence]:
    """The sentences of *paragraph*, each ending at its stop (。！？；) and closing quotes.

    >>> [s.text for s in sentences(Paragraph("甲。乙；丙"))]
    ['甲。', '乙；', '丙']
    """
    for match in _SENTENCE.finditer(paragraph.text):
        if match.group():
            yield Sentence(match.group(), match.start(), paragraph)
