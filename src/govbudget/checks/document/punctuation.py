"""Punctuation: doubled stops, unmatched pairs, paragraphs without their closing stop."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Final

from govbudget.checks.document._common import _at, _paragraphs, _review, _sentence_at
from govbudget.checks.registry import Context
from govbudget.report import Finding, Severity
from govbudget.review.text import (
    LIST_MARK,
    STOPS,
    Paragraph,
    sentences,
)

__all__ = ["closing_stop", "punctuation"]

_DOUBLED: Final = re.compile(r"(?<![。，.])([。，])\1(?![。，.])|。，|，。")
_PAIRS: Final = (("“", "”"), ("‘", "’"), ("（(", "）)"), ("《", "》"), ("【", "】"))


@_review(
    "document.punctuation",
    "Punctuation is single and balanced",
    "标点无重复、成对",
    Severity.WARNING,
)
def punctuation(context: Context) -> Iterator[Finding]:
    """Doubled stops (。。 ，，), and quotation marks or brackets left unmatched in a paragraph.

    Example: 「增长10.00%。。」; 「“三公经费预算0.95万元。」.
    """
    prose = _paragraphs(context)
    for paragraph in prose:
        if paragraph.contents:
            continue
        make = _at(context, "document.punctuation", Severity.WARNING, paragraph)
        for start, doubled in _doubled(paragraph.text):
            yield make(
                f"doubled punctuation: {doubled}",
                f"标点重复：{doubled}",
                quote=_sentence_at(paragraph, start),
                stated=doubled,
                computed=doubled[-1],
            )
        for opens, closes in _PAIRS:
            position = _unmatched(paragraph.text, opens, closes)
            if position is None or _split_pair(prose, paragraph.index, opens, closes, position):
                continue
            mark = paragraph.text[position]
            other = closes[0] if mark in opens else opens[0]
            yield make(
                f"{mark} has no matching {other}",
                f"「{mark}」缺少对应的「{other}」",
                quote=_sentence_at(paragraph, position),
                stated=mark,
                computed=f"{opens[0]}…{closes[0]}",
            )


@functools.lru_cache(maxsize=1024)
def _doubled(text: str) -> tuple[tuple[int, str], ...]:
    """Where *text* doubles its stops, and how (once per text)."""
    return tuple((match.start(), match.group()) for match in _DOUBLED.finditer(text))


def _split_pair(
    prose: tuple[Paragraph, ...], index: int, opens: str, closes: str, position: int
) -> bool:
    """Whether an unmatched mark is half of a pair split between two paragraphs.

    A paragraph the reader broke in two (a page end it did not join) leaves an opening
    mark unmatched at the end of one and its closing mark at the start of the next.
    """
    text = prose[index].text
    if text[position] in opens and index + 1 < len(prose):
        following = _unmatched(prose[index + 1].text, opens, closes)
        return following is not None and prose[index + 1].text[following] in closes
    if text[position] in closes and index > 0:
        before = _unmatched(prose[index - 1].text, opens, closes)
        return before is not None and prose[index - 1].text[before] in opens
    return False


@functools.lru_cache(maxsize=8192)
def _unmatched(text: str, opens: str, closes: str) -> int | None:
    """The position of the first mark of a pair left unmatched in *text*, if any.

    A list number closed by a bracket alone (「1）」, 「a)」) opens nothing and is skipped.
    """
    if not any(mark in text for mark in opens) and not any(mark in text for mark in closes):
        return None  # no mark of the pair at all: nothing to match
    stack: list[int] = []
    numbered = {m.end() - 1 for m in _NUMBER_CLOSER.finditer(text)}
    for position, char in enumerate(text):
        if position in numbered:
            continue
        if char in opens:
            if opens == "“" and stack and closes == "”":
                return stack[-1]  # “ … “ : the first was never closed
            stack.append(position)
        elif char in closes:
            if not stack:
                return position
            stack.pop()
    return stack[0] if stack else None


_NUMBER_CLOSER: Final = re.compile(
    r"(?:^|(?<=[；;。，,：:\s]))[\d一二三四五六七八九十a-zA-Z]{1,2}[）)]"
)
_TABLE_LINE: Final = re.compile(r"\S+\s+\S+\s+\S+")


@_review(
    "document.closing-stop",
    "Every paragraph ends with its stop",
    "段落结尾有句号",
    Severity.WARNING,
)
def closing_stop(context: Context) -> Iterator[Finding]:
    """A paragraph of running text that ends without 。 (or ；：！？) before the next item.

    Headings, contents lines and short labels are left alone; a paragraph is judged
    only when a heading or numbered item follows it (else the page break may have cut it).

    Example: 「主要原因是项目调整」 followed by 「2. …」.
    """
    if context.disclosure.template:
        return
    prose = _paragraphs(context)
    for index, paragraph in enumerate(prose):
        text = paragraph.text.strip()
        if text.rstrip("”’）)》】」』")[-1:] in STOPS or text[-1:] in STOPS:
            continue  # the common case first: it ends with its stop
        if (
            paragraph.heading
            or paragraph.contents
            or paragraph.page == 1
            or len(text) < 12
            or "，" not in re.sub(r"[（(][^（）()]*[）)]$", "", text)
            or _TABLE_LINE.search(text) is not None
        ):
            continue
        following = prose[index + 1] if index + 1 < len(prose) else None
        if following is not None and not (following.heading or LIST_MARK.match(following.text)):
            continue
        if not _neighbour_stops(prose, index):
            continue  # its neighbours end without a stop too: the document's list style
        last = list(sentences(paragraph))[-1].text
        yield _at(context, "document.closing-stop", Severity.WARNING, paragraph)(
            "the paragraph ends without a full stop",
            "段落结尾缺少句号",
            quote=last,
            stated=text[-1],
            computed=f"{text[-1]}。",
        )


def _neighbour_stops(prose: tuple[Paragraph, ...], index: int) -> bool:
    """Whether the nearest running-text paragraph before or after *index* ends with a stop."""
    for step in (-1, 1):
        at = index + step
        while 0 <= at < len(prose) and (prose[at].heading or prose[at].contents):
            at += step
        if 0 <= at < len(prose) and _ends_with_stop(prose[at].text):
            return True
    return False


def _ends_with_stop(text: str) -> bool:
    flat = text.strip().rstrip("”’）)》】」』")
    return bool(flat) and flat[-1] in STOPS
