"""Public Hypothesis strategies for govbudget's types.

For people who build tools on govbudget and want property-based tests of their own; the
project's tests use the same strategies. Requires the ``test`` extra (``hypothesis``).

>>> from hypothesis import find
>>> find(function_codes(levels=[Level.ITEM]), lambda c: True).level
<Level.ITEM: 7>

.. versionadded:: 0.1
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from govbudget.amount import Amount, Unit, to_decimal
from govbudget.codes import Code, DeptEconomicCode, FunctionCode, GovEconomicCode, Level

__all__ = [
    "amounts",
    "dept_economic_codes",
    "function_codes",
    "gov_economic_codes",
    "units",
]


C = TypeVar("C", bound=Code)


def _codes(cls: type[C], levels: Sequence[Level] | None) -> st.SearchStrategy[C]:
    chosen = tuple(cls.levels if levels is None else levels)
    if not chosen:
        raise InvalidArgument("levels must name at least one level")
    for level in chosen:
        if level not in cls.levels:
            raise InvalidArgument(f"{cls.__name__} has no {level.name} level")
    category = st.integers(0, 99).map(lambda n: f"{cls.leading}{n:02d}")
    part = st.integers(1, 99).map(lambda n: f"{n:02d}")

    def build(level: Level) -> st.SearchStrategy[C]:
        depth = cls.levels.index(level)
        return st.tuples(category, *([part] * depth)).map(lambda parts: cls("".join(parts)))

    return st.sampled_from(chosen).flatmap(build)


def function_codes(*, levels: Sequence[Level] | None = None) -> st.SearchStrategy[FunctionCode]:
    """Functional codes (2xx, 2xxxx, 2xxxxxx) at the given *levels* (default: all three).

    They are well formed; whether the catalogue knows them is another matter.

    Raises:
        InvalidArgument: When *levels* is empty or names a level the scheme lacks.
    """
    return _codes(FunctionCode, levels)


def dept_economic_codes(
    *, levels: Sequence[Level] | None = None
) -> st.SearchStrategy[DeptEconomicCode]:
    """Departmental economic codes (3xx, 3xxxx) at the given *levels* (default: both)."""
    return _codes(DeptEconomicCode, levels)


def gov_economic_codes(
    *, levels: Sequence[Level] | None = None
) -> st.SearchStrategy[GovEconomicCode]:
    """Government economic codes (5xx, 5xxxx) at the given *levels* (default: both)."""
    return _codes(GovEconomicCode, levels)


def units() -> st.SearchStrategy[Unit]:
    """Any unit of money: 元, 千元, 万元, 亿元."""
    return st.sampled_from(Unit)


def amounts(
    *,
    unit: Unit | None = Unit.WAN,
    places: int | None = 2,
    min_value: Decimal | int = -(10**9),
    max_value: Decimal | int = 10**9,
    allow_blank: bool = False,
) -> st.SearchStrategy[Amount]:
    """Amounts printed at *places* decimals in *unit*, between *min_value* and *max_value*.

    Pass ``unit=None`` or ``places=None`` to draw those too (places from 0 to 4). With
    *allow_blank*, blank cells are drawn as well.

    Raises:
        InvalidArgument: When the bounds are reversed or *places* is negative.
    """
    low, high = to_decimal(min_value), to_decimal(max_value)
    if low > high:
        raise InvalidArgument(f"min_value={low} is above max_value={high}")
    if places is not None and places < 0:
        raise InvalidArgument(f"places must be >= 0, not {places}")
    unit_st = units() if unit is None else st.just(unit)
    places_st = st.integers(0, 4) if places is None else st.just(places)

    def build(u: Unit, p: int) -> st.SearchStrategy[Amount]:
        figures = st.decimals(min_value=low, max_value=high, places=p).map(
            lambda v: Amount(v, u, p)
        )
        if allow_blank:
            return st.one_of(st.just(Amount.empty(u, p)), figures)
        return figures

    return st.tuples(unit_st, places_st).flatmap(lambda up: build(*up))
