"""Parts that cannot exceed their whole, within one passage of the narrative.

Two forms are read (:func:`parts_claims`):

- a list: ``W万元，其中：A万元、B万元…`` in one sentence; the parts after 其中 (up to a
  nested 其中) are disjoint pieces of W, so their sum cannot exceed it;
- procurement: the amounts won by small and medium firms in the two disjoint kinds of
  project (those reserved for them, 面向中小企业预留的项目, and all others, 其他政府采购项目)
  are parts of the department's total procurement (政府采购金额/支出总额), stated sentences
  earlier.

Each is a :attr:`~govbudget.narrative.ClaimKind.PARTS` claim whose ``number`` is the
whole and whose ``parts`` are the parts; it fails when the parts' least possible sum is
above the whole's greatest possible value.

.. versionadded:: 0.3
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from govbudget.narrative.claims import Claim, ClaimKind, Number, numbers

__all__ = ["parts_claims"]

_SENTENCE: Final = re.compile(r"[^。！!？?\n]+[。！!？?]?")
#: Where a list of parts ends: a nested list (其中, 包括) or a new whole's own list.
_NESTED: Final = re.compile(r"其中|包括")
#: Words before a figure that make it no piece of the whole: a rate, a change, last year.
_NOT_A_PART: Final = re.compile(r"占|增|减|下降|上升|上年|同比|比|较|执行|结转|年初|调整")
#: The department's total procurement.
_PROCUREMENT: Final = re.compile(r"政府采购(?:支出|合同)?(?:总额|金额)[^，,。；;\d]*?(?:为|是)?$")
#: The two disjoint kinds of project a small or medium firm's award is stated for.
_RESERVED: Final = re.compile(r"面向中小企业预留[^；;。]*中小企业[^；;。]*(?:中标|成交)")
_OTHERS: Final = re.compile(r"其他政府采购项目[^；;。]*中小企业[^；;。]*(?:中标|成交)")
_CLAUSE: Final = re.compile(r"[^；;。]+[；;。]?")


def parts_claims(narrative: str) -> Iterator[Claim]:
    """The lists and procurement awards of *narrative* whose parts must fit their whole.

    >>> [c.kind.value for c in parts_claims("支出合计100.00万元，其中：甲60.00万元、乙30.00万元。")]
    ['parts']
    """
    yield from _lists(narrative)
    yield from _procurement(narrative)


def _lists(narrative: str) -> Iterator[Claim]:
    for sentence in _SENTENCE.finditer(narrative):
        text, start = sentence.group(0), sentence.start()
        among = text.find("其中")
        if among < 0:
            continue
        before = [n for n in numbers(text[:among]) if not n.percent]
        if not before or text[before[-1].end : among].strip("，, \n") != "":
            continue
        whole = before[-1]
        rest = text[among + 2 :]
        nested = _NESTED.search(rest)
        found = list(numbers(rest if nested is None else rest[: nested.start()]))
        if (
            nested is not None
            and found
            and not rest[found[-1].end : nested.start()].strip("，,： ")
        ):
            found.pop()  # the figure right before a nested list is a whole of its own
        offset = start + among + 2
        parts = tuple(
            _shifted(n, offset) for n in found if not n.percent and not _NOT_A_PART.search(n.lead)
        )
        if len(parts) >= 2 and not _NOT_A_PART.search(whole.lead):
            yield _claim(text.strip(), start, _shifted(whole, start), parts)


def _procurement(narrative: str) -> Iterator[Claim]:
    total: Number | None = None
    reserved: Number | None = None
    for clause in _CLAUSE.finditer(narrative):
        text = clause.group(0)
        for number in numbers(text):
            if number.percent:
                continue
            if _PROCUREMENT.search(number.lead) or _PROCUREMENT.search(
                text[: number.start].split("，")[-1]
            ):
                total, reserved = _shifted(number, clause.start()), None
            elif _RESERVED.search(text[: number.start]):
                reserved = _shifted(number, clause.start())
            elif _OTHERS.search(text[: number.start]) and total is not None and reserved:
                other = _shifted(number, clause.start())
                quote = narrative[reserved.start - len(reserved.lead) : other.end]
                yield _claim(quote, total.start, total, (reserved, other))
                reserved = None


def _shifted(number: Number, offset: int) -> Number:
    return Number(
        number.text,
        number.value,
        number.places,
        number.unit,
        number.start + offset,
        number.end + offset,
        number.lead,
    )


def _claim(quote: str, start: int, whole: Number, parts: tuple[Number, ...]) -> Claim:
    return Claim(ClaimKind.PARTS, quote, start, whole, parts=parts)
