"""Stated changes: a change's word or rate against the sentence's own two amounts."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from govbudget.checks.document._common import _at, _paragraphs, _review, _sentence_at
from govbudget.checks.registry import Context
from govbudget.report import Finding, Severity

__all__ = ["stated_change"]

_N: Final = r"(\d[\d,]*(?:\.\d+)?)"
_OUTTURN: Final = re.compile(
    r"(?:预算数?|年初预算数?)为"
    + _N
    + r"\s*万元[，,]\s*(?:支出)?决算数?为"
    + _N
    + r"\s*万元[，,]\s*完成(?:年初)?预算的"
    + _N
    + r"\s*%"
)
_VERSUS: Final = re.compile(r"决算数?(大于|小于|等于|多于|少于)(?:年初)?预算数?")
_ON_LAST: Final = re.compile(
    r"(?:上年|\d{4}\s*年)(?:当年)?预算执行数为" + _N + r"\s*万元[，,]\s*(?:本年|\d{4}\s*年)"
    r"(?:预算)?安排"
    + _N
    + r"\s*万元[，,]\s*(?:比|较)[^，。；]{0,16}?(增加|减少|增长|下降|持平)\s*"
    + r"(?:"
    + _N
    + r"\s*%)?"
)
_UP: Final = frozenset({"增加", "增长", "大于", "多于"})
_DOWN: Final = frozenset({"减少", "下降", "小于", "少于"})


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _half(text: str) -> Decimal:
    """Half a unit of the last printed place: the rounding radius of *text*."""
    places = len(text.split(".")[1]) if "." in text else 0
    return Decimal(5) / Decimal(10) ** (places + 1)


def _ratio_range(top: str, base: str, *, minus_one: bool) -> tuple[Decimal, Decimal] | None:
    """The smallest and largest 100 × top / base (− 100) the printed amounts allow."""
    t, b = _number(top), _number(base)
    dt, db = _half(top), _half(base)
    if b - db <= 0:
        return None
    corners = [(t + x) / (b + y) for x in (-dt, dt) for y in (-db, db)]
    shift = Decimal(100) if minus_one else Decimal(0)
    return min(corners) * 100 - shift, max(corners) * 100 - shift


def _rate_ok(printed: str, low: Decimal, high: Decimal) -> bool:
    """Whether the printed rate fits [low, high] at its precision, or at whole percent."""
    rate, half = _number(printed), _half(printed)
    if rate + half >= low and rate - half <= high:
        return True
    return rate + 1 >= low and rate - 1 <= high  # printed coarser than its decimals claim


def _shown_rate(low: Decimal, high: Decimal, printed: str) -> str:
    places = len(printed.split(".")[1]) if "." in printed else 2
    middle = (low + high) / 2
    return f"{middle.quantize(Decimal(1).scaleb(-max(places, 2)), rounding=ROUND_HALF_UP)}%"


@_review(
    "document.stated-change",
    "A stated change agrees with its own two amounts",
    "增减表述与所列两个金额相符",
    Severity.WARNING,
)
def stated_change(context: Context) -> Iterator[Finding]:
    """A change whose word or rate contradicts the two amounts the same sentence gives.

    Two shapes are read: 「年初预算为A万元，支出决算为B万元，完成年初预算的R%」 (R is
    B ÷ A, and a following 决算数大于/小于/等于年初预算数 must agree with B against A),
    and 「YYYY年预算执行数为A万元，YYYY年预算安排B万元，比…减少R%」 (the word is the
    sign of B − A, R is |B − A| ÷ A). Rates are judged at the precision printed (or at
    whole percent, as some documents print 111.0% for 111.46%).

    Example: 「年初预算为10.00万元，支出决算为12.00万元，完成年初预算的80.00%。决算数
    小于年初预算数」.
    """
    for paragraph in _paragraphs(context):
        found = _contradicted(paragraph.text)
        if not found:
            continue
        make = _at(context, "document.stated-change", Severity.WARNING, paragraph)
        for position, message, message_zh, stated, computed in found:
            yield make(
                message,
                message_zh,
                quote=_sentence_at(paragraph, position),
                stated=stated,
                computed=computed,
            )


@functools.lru_cache(maxsize=1024)
def _contradicted(text: str) -> tuple[tuple[int, str, str, str, str], ...]:
    """What :func:`stated_change` finds in one paragraph's *text*, once per text.

    Each as (where the sentence quoted is, message, message in Chinese, stated, computed).
    """
    found: list[tuple[int, str, str, str, str]] = []

    def make(message: str, message_zh: str, *, at: int, stated: str, computed: str) -> None:
        found.append((at, message, message_zh, stated, computed))

    for match in _OUTTURN.finditer(text):
        base, outturn, rate = match.groups()
        quote = match.start()
        span = _ratio_range(outturn, base, minus_one=False)
        if span is not None and not _rate_ok(rate, *span):
            make(
                f"{rate}% of the budget stated; {outturn} of {base} is {_shown_rate(*span, rate)}",
                f"完成预算的{rate}%与所列金额不符：{outturn}÷{base}为{_shown_rate(*span, rate)}",
                at=quote,
                stated=f"{rate}%",
                computed=_shown_rate(*span, rate),
            )
        word = _VERSUS.search(text, match.end(), match.end() + 40)
        if word is not None:
            expected = _compare_word(_number(outturn), _number(base))
            if expected is not None and word.group(1) not in expected:
                make(
                    f"决算数{word.group(1)}年初预算数 is stated; {outturn} against {base} "
                    f"is {expected[0]}",
                    f"「决算数{word.group(1)}预算数」与所列金额不符：{outturn}对{base}应为"
                    f"「{expected[0]}」",
                    at=word.start(),
                    stated=word.group(1),
                    computed=expected[0],
                )
    for match in _ON_LAST.finditer(text):
        base, new, said, rate = match.groups()
        a, b = _number(base), _number(new)
        quote = match.start()
        direction = "持平" if a == b else "增加" if b > a else "减少"
        if (said in _UP and b < a) or (said in _DOWN and b > a) or (said == "持平" and a != b):
            make(
                f"{said} is stated; {new} against {base} is a change of the other kind",
                f"「{said}」与所列金额不符：{base}万元到{new}万元应为「{direction}」",
                at=quote,
                stated=said,
                computed=direction,
            )
            continue
        if rate is None or a == b:
            continue
        span = _ratio_range(new, base, minus_one=True)
        if span is None:
            continue
        low, high = sorted((abs(span[0]), abs(span[1])))
        if not _rate_ok(rate, low, high):
            make(
                f"a change of {rate}% is stated; {base} to {new} is {_shown_rate(low, high, rate)}",
                f"变动率{rate}%与所列金额不符：{base}万元到{new}万元为"
                f"{_shown_rate(low, high, rate)}",
                at=quote,
                stated=f"{rate}%",
                computed=_shown_rate(low, high, rate),
            )
    return tuple(found)


def _compare_word(outturn: Decimal, base: Decimal) -> tuple[str, ...] | None:
    if outturn > base:
        return ("大于", "多于")
    if outturn < base:
        return ("小于", "少于")
    return ("等于",)
