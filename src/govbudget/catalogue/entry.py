"""The records the catalogue hands out: an entry, a search match, a year-to-year diff."""

from __future__ import annotations

import attrs

from govbudget.codes import Code, Level, Scheme

__all__ = ["Entry", "Match", "Rename", "YearDiff"]


@attrs.frozen
class Entry:
    """A code with its official name in one year, and where that name was verified.

    Attributes:
        code: The code (its class says the scheme).
        name: The official name in :attr:`year`.
        year: The year this entry belongs to.
        source: Where the name was verified: the citations of the shipped data, or
            ``"user file <path>"`` for a name read from a user's list.
        years: Every year of the catalogue that lists the code (under any name).

    .. versionadded:: 0.1
    """

    code: Code
    name: str
    year: int
    source: str
    years: tuple[int, ...] = ()

    @property
    def scheme(self) -> Scheme:
        """The classification the code belongs to."""
        return self.code.scheme

    @property
    def level(self) -> Level:
        """类, 款 or 项."""
        return self.code.level

    @property
    def parent(self) -> Code | None:
        """The code one level up, or ``None`` for a 类."""
        return self.code.parent

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


@attrs.frozen
class Match:
    """One result of :meth:`Catalogue.search <govbudget.catalogue.Catalogue.search>`.

    Attributes:
        entry: The entry found (in the latest year it bears this name).
        how: ``"code"`` (the text is the code or its prefix), ``"exact"`` (the whole name),
            ``"substring"`` (part of the name) or ``"fuzzy"`` (a close name, by difflib).
        score: How close, from 0 to 1 (1 for an exact name).
        years: The years in which the code bears this name.

    .. versionadded:: 0.1
    """

    entry: Entry
    how: str
    score: float
    years: tuple[int, ...]


@attrs.frozen
class Rename:
    """A code listed in both years of a diff under different names.

    .. versionadded:: 0.1
    """

    code: Code
    old: Entry
    new: Entry


@attrs.frozen
class YearDiff:
    """What changed between two years of the catalogue.

    Attributes:
        year_a: The earlier (first) year.
        year_b: The later (second) year.
        added: Entries of *year_b* whose code *year_a* does not list.
        removed: Entries of *year_a* whose code *year_b* does not list.
        renamed: Codes listed in both years under different names.
        partial: Whether either year's catalogue lists only verified codes (the shipped
            data does): then "added" and "removed" may mean "verified in one year only".

    .. versionadded:: 0.1
    """

    year_a: int
    year_b: int
    added: tuple[Entry, ...]
    removed: tuple[Entry, ...]
    renamed: tuple[Rename, ...]
    partial: bool
