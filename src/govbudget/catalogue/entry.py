"""The records the catalogue hands out: an entry, a search match, a year-to-year diff."""

from __future__ import annotations

import attrs

from govbudget.codes import Code, Level, Scheme

__all__ = ["Change", "Entry", "Match", "Rename", "YearDiff"]


@attrs.frozen
class Entry:
    """A code with its official name in one year, and where that name was verified.

    Attributes:
        code: The code (its class says the scheme).
        name: The official name in :attr:`year`.
        year: The year this entry belongs to.
        source: Where the name was verified: the citations of the shipped data, or
            ``"user file <path>"`` for a name read from a user's list; for an inferred
            entry, the two sightings it is inferred from.
        years: Every year in which the code is verified (under any name).
        status: ``"verified"`` (a source prints the name that year) or ``"inferred"``
            (the same name is verified in a year before and a year after, with no known
            change between).
        evidence: One line per source: ``key p.6,8: citation`` for shipped data.
        inferred_from: For an inferred entry, the two years it is inferred from.
        inferred_years: Every year for which the code's name is inferred.

    .. versionadded:: 0.1
    .. versionchanged:: 0.3
       ``status``, ``evidence``, ``inferred_from`` and ``inferred_years``.
    """

    code: Code
    name: str
    year: int
    source: str
    years: tuple[int, ...] = ()
    status: str = "verified"
    evidence: tuple[str, ...] = ()
    inferred_from: tuple[int, int] | None = None
    inferred_years: tuple[int, ...] = ()

    @property
    def verified(self) -> bool:
        """Whether a source prints this name in this year (not inferred)."""
        return self.status == "verified"

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
        changes: Known changes (renames, reforms) that may lie between the two years,
            whether or not both years list the code.

    .. versionadded:: 0.1
    .. versionchanged:: 0.3
       ``changes``.
    """

    year_a: int
    year_b: int
    added: tuple[Entry, ...]
    removed: tuple[Entry, ...]
    renamed: tuple[Rename, ...]
    partial: bool
    changes: tuple[Change, ...] = ()


@attrs.frozen
class Change:
    """A known change of a classification, with its source.

    Attributes:
        kind: ``"rename"`` (the code keeps its digits, takes a new name) or ``"reform"``
            (the whole scheme was redrawn in :attr:`year`; nothing is inferred across it).
        scheme: The classification.
        code: The code renamed (empty for a reform).
        old: The name before (empty for a reform).
        new: The name after (empty for a reform).
        year: The first year of the new name, when a source states it.
        after: The last year the old name is verified.
        by: The first year the new name is verified.
        source: Where the change is stated or seen.

    >>> Change("rename", Scheme.FUNCTIONAL, "210", "医疗卫生与计划生育支出", "卫生健康支出",
    ...        2019, 2018, 2019, "issue 3").when
    'from 2019'

    .. versionadded:: 0.3
    """

    kind: str
    scheme: Scheme
    code: str
    old: str
    new: str
    year: int | None
    after: int | None
    by: int | None
    source: str

    @property
    def first_possible(self) -> int:
        """The earliest year the new name can be in force."""
        if self.year is not None:
            return self.year
        return (self.after or 0) + 1

    @property
    def last_possible(self) -> int:
        """The latest year the change can have taken effect."""
        if self.year is not None:
            return self.year
        return self.by if self.by is not None else 9999

    def between(self, year_a: int, year_b: int) -> bool:
        """Whether the change may have taken effect after *year_a* and by *year_b*."""
        return self.first_possible <= year_b and self.last_possible > year_a

    @property
    def when(self) -> str:
        """``from 2019`` or ``between 2019 and 2024``."""
        if self.year is not None or self.first_possible == self.last_possible:
            return f"from {self.first_possible}"
        return f"between {self.first_possible} and {self.last_possible}"

    @property
    def when_zh(self) -> str:
        """``2019年起`` or ``2019年至2024年间``."""
        if self.year is not None or self.first_possible == self.last_possible:
            return f"{self.first_possible}年起"
        return f"{self.first_possible}年至{self.last_possible}年间"

    def __str__(self) -> str:
        if self.kind == "reform":
            return f"{self.scheme.value} reformed from {self.year}"
        return f"{self.code} {self.old} → {self.new} ({self.when})"
