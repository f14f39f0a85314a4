"""Direction words as claims: 大于/小于/等于, 增加/减少, 持平/无变化/一致.

A narrative that says 决算数大于年初预算数 or 与上年持平 asserts how two figures compare;
when both figures are known (stated, or in a table) the word is checked like a number.
Each figure is an interval (its printed precision), so the *gap* between them is an
interval too: a word of increase holds when the gap may be above zero, a word of decrease
when it may be below, a word of no change when it may be zero. A word that fails is
reported with the word that fits (:func:`right_word`) and the difference of the figures.

.. versionadded:: 0.3
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

__all__ = ["CHANGE_WORDS", "COMPARE_WORDS", "holds", "right_word", "sign_of"]

#: The comparison words and the sign of the gap each asserts (final less budget).
COMPARE_WORDS: Final = {
    "大于": 1,
    "高于": 1,
    "超过": 1,
    "超出": 1,
    "小于": -1,
    "低于": -1,
    "少于": -1,
    "等于": 0,
    "一致": 0,
    "相等": 0,
    "相同": 0,
    "持平": 0,
}

#: The change words and the sign of the gap each asserts (this year less last year).
CHANGE_WORDS: Final = {
    "增加": 1,
    "增长": 1,
    "上升": 1,
    "提高": 1,
    "减少": -1,
    "下降": -1,
    "降低": -1,
    "减幅": -1,
    "节约": -1,
    "持平": 0,
    "无变化": 0,
    "不变": 0,
    "一致": 0,
    "相同": 0,
    "相等": 0,
}

#: The plain word for each sign, by family.
_PLAIN: Final = {
    "compare": {1: "大于", -1: "小于", 0: "等于"},
    "change": {1: "增加", -1: "减少", 0: "持平"},
}


def sign_of(word: str) -> int | None:
    """The sign of the gap *word* asserts, or ``None`` for a word that is not a direction.

    >>> sign_of("小于"), sign_of("持平"), sign_of("增长"), sign_of("为")
    (-1, 0, 1, None)
    """
    if word in COMPARE_WORDS:
        return COMPARE_WORDS[word]
    return CHANGE_WORDS.get(word)


def holds(sign: int, gap: tuple[Decimal, Decimal]) -> bool:
    """Whether a word of *sign* can be true of a gap known to lie in ``[low, high]``.

    >>> holds(1, (Decimal("-0.01"), Decimal("0.01"))), holds(0, (Decimal(1), Decimal(2)))
    (True, False)
    """
    low, high = gap
    if sign > 0:
        return high > 0
    if sign < 0:
        return low < 0
    return low <= 0 <= high


def right_word(change: bool, gap: tuple[Decimal, Decimal]) -> str:
    """The word the gap ``[low, high]`` gives: 大于/小于/等于, or 增加/减少/持平 for a *change*.

    The word of the printed figures: the sign of the gap's midpoint, which always lies in
    it (so the word holds). Printed 0.01 against 0.02 gives 小于, though rounding alone
    could make them equal.

    >>> right_word(False, (Decimal("-0.46"), Decimal("-0.44")))
    '小于'
    >>> right_word(True, (Decimal("99.99"), Decimal("100.01")))
    '增加'
    >>> right_word(False, (Decimal("-0.02"), Decimal("0.00")))
    '小于'
    >>> right_word(False, (Decimal("-0.01"), Decimal("0.01")))
    '等于'
    """
    low, high = gap
    middle = low + high
    sign = 1 if middle > 0 else -1 if middle < 0 else 0
    return _PLAIN["change" if change else "compare"][sign]
