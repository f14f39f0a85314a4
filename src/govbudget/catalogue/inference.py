"""Years between sightings: a name verified in two years, with no known change between.

Where a code bears the same name in two verified years and no known change (a rename of
the code or of an ancestor, a reform of its scheme) may lie between them, the catalogue
answers for the years in between too, marked *inferred* and citing both sightings.
Nothing is inferred before the first sighting or after the last one.

>>> from govbudget.codes import Scheme
>>> list(infer({2019: "卫生健康支出", 2024: "卫生健康支出"}, Scheme.FUNCTIONAL, "210", ()))
[(2020, 2019, 2024), (2021, 2019, 2024), (2022, 2019, 2024), (2023, 2019, 2024)]

.. versionadded:: 0.3
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping

from govbudget.catalogue.entry import Change
from govbudget.catalogue.sighting import name_key
from govbudget.codes import Scheme

__all__ = ["blocking", "infer"]


def blocking(
    changes: Iterable[Change], scheme: Scheme, code: str, year_a: int, year_b: int
) -> tuple[Change, ...]:
    """The known changes that may lie after *year_a*, by *year_b*, and touch *code*.

    A change touches a code when it renames the code or one of its ancestors (a 款 under
    a renamed 类 may have been redrawn with it), or reforms its whole scheme.
    """
    return tuple(
        c
        for c in changes
        if c.scheme is scheme
        and (
            (c.kind == "reform" and c.year is not None and year_a < c.year <= year_b)
            or (c.kind == "rename" and code.startswith(c.code) and c.between(year_a, year_b))
        )
    )


def infer(
    verified: Mapping[int, str], scheme: Scheme, code: str, changes: Iterable[Change]
) -> Iterator[tuple[int, int, int]]:
    """``(year, from_year, to_year)`` for every year *code*'s name can be inferred for.

    Args:
        verified: The code's verified names by year.
        scheme: The code's classification.
        code: The code's digits.
        changes: The known changes (see :class:`~govbudget.catalogue.entry.Change`).
    """
    known = tuple(changes)
    for year_a, year_b in itertools.pairwise(sorted(verified)):
        if year_b - year_a < 2 or name_key(verified[year_a]) != name_key(verified[year_b]):
            continue
        if blocking(known, scheme, code, year_a, year_b):
            continue
        for year in range(year_a + 1, year_b):
            yield year, year_a, year_b
