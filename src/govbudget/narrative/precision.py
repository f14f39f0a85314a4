"""The precision a narrative figure is read at: the document's, not the digits typed.

Writers drop trailing zeros: a document whose amounts print two decimals states
``26万元`` for 26.00万元. Read alone, ``26`` stands for anything in 25.5…26.5, an interval
wide enough to let a wrong completion rate through. So an amount is read at the printed
precision of its document in its unit (:func:`document_places`): the tables' precision
where a table is printed in that unit, else the precision most of the narrative's own
amounts in that unit print (a narrative with no tables, or tables in 元 beside a
narrative in 万元). A figure printed with more decimals keeps them; percentages keep
their own.

.. versionadded:: 0.3
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable

import attrs

from govbudget.amount import Unit
from govbudget.disclosure import Disclosure
from govbudget.narrative.claims import Claim, Number, numbers

__all__ = ["at_precision", "document_places"]


def document_places(disclosure: Disclosure, numbers: Iterable[Number]) -> dict[Unit, int]:
    """The decimals amounts of each unit print in *disclosure*, tables first.

    Args:
        disclosure: The document (its tables give the precision of their unit).
        numbers: The narrative's figures (their most common precision, for a unit no
            table prints in; the higher one on a tie).

    .. versionadded:: 0.3
    """
    places: dict[Unit, int] = {}
    for table in disclosure.tables.values():
        if any(not a.blank for row in table.rows for a in row.cells.values()):
            places[table.unit] = max(places.get(table.unit, 0), table.places)
    for unit, most in _most_printed(numbers):
        if unit not in places:
            places[unit] = most
    return places


def _narrative_places(disclosure: Disclosure) -> dict[Unit, int]:
    """:func:`document_places` of the disclosure's own narrative's figures.

    The narrative's part (the precision its amounts print most in each unit) is worked
    out once per text; the tables' part is read afresh.
    """
    places = document_places(disclosure, ())
    for unit, most in _stated_places(disclosure.narrative):
        if unit not in places:
            places[unit] = most
    return places


@functools.lru_cache(maxsize=16)  # whole texts: enough to check one again
def _stated_places(narrative: str) -> tuple[tuple[Unit, int], ...]:
    return _most_printed(numbers(narrative))


def _most_printed(found: Iterable[Number]) -> tuple[tuple[Unit, int], ...]:
    """Each unit of *found* (in the order first seen) with the decimals most printed in it.

    The higher precision wins a tie.
    """
    counts: dict[Unit, Counter[int]] = {}
    for number in found:
        if number.unit is not None:
            counts.setdefault(number.unit, Counter())[number.places] += 1
    return tuple(
        (unit, max(counted, key=lambda p: (counted[p], p))) for unit, counted in counts.items()
    )


def _widened(number: Number | None, places: dict[Unit, int]) -> Number | None:
    if number is None or number.unit is None:
        return number
    wanted = places.get(number.unit, number.places)
    return attrs.evolve(number, places=wanted) if wanted > number.places else number


def at_precision(claim: Claim, places: dict[Unit, int]) -> Claim:
    """*claim* with every amount it states read at least at its unit's *places*.

    >>> from govbudget.narrative.claims import claims
    >>> (claim,) = [c for c in claims("年初预算为26万元。")]
    >>> at_precision(claim, {Unit.WAN: 2}).number.places
    2
    """
    number = _widened(claim.number, places)
    base = _widened(claim.base, places)
    other = _widened(claim.other, places)
    previous = _widened(claim.previous, places)
    alternatives = tuple((label, _widened(n, places) or n) for label, n in claim.alternatives)
    parts = tuple(_widened(n, places) or n for n in claim.parts)
    if (
        number is claim.number
        and base is claim.base
        and other is claim.other
        and previous is claim.previous
        and all(a[1] is b[1] for a, b in zip(alternatives, claim.alternatives, strict=True))
        and all(a is b for a, b in zip(parts, claim.parts, strict=True))
    ):
        return claim  # already at that precision: claims are immutable
    return attrs.evolve(
        claim,
        number=number,
        base=base,
        other=other,
        previous=previous,
        alternatives=alternatives,
        parts=parts,
    )
