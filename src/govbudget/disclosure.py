"""A whole disclosure: who published it, for which year, its tables and its narrative."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from govbudget.amount import Unit
from govbudget.location import Location
from govbudget.pages import Page
from govbudget.tables.base import Family, Table, TableKind

__all__ = ["Disclosure", "Problem"]


@attrs.frozen
class Problem:
    """Something a reader found in a document and could not use, kept so nothing is lost.

    A cell that is not a figure, a row or a column the reader could not place, a table it
    does not know: the reader records a problem and goes on reading the rest. The checks
    report every problem as a finding (rule ``read.problem``).

    Attributes:
        message: What is wrong, in one sentence.
        location: Where: file, page, table, row and column, as far as known.
        text: The printed text that could not be used, verbatim.
        repaired: Whether the reader could still read it, one way only, and did (a code
            whose 款 lost its leading zero): reported as a warning (``read.repaired``)
            naming both the printed text and the reading, instead of an error.

    >>> str(Problem("not a figure", Location(file="a.txt", row="201"), "12..5"))
    "not a figure: '12..5' (a.txt, row 201)"

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       ``repaired``.
    """

    message: str
    location: Location = attrs.field(factory=Location)
    text: str | None = None
    repaired: bool = False

    def __str__(self) -> str:
        out = self.message
        if self.text is not None:
            out += f": {self.text!r}"
        if self.location != Location():
            out += f" ({self.location})"
        return out


def _problems(items: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(items)


def _pages(items: Iterable[Page]) -> tuple[Page, ...]:
    return tuple(items)


def _tables(value: Mapping[TableKind, Table]) -> dict[TableKind, Table]:
    return dict(value)


@attrs.frozen
class Disclosure:
    """One department's budget or final-account disclosure (部门预算 / 部门决算公开).

    Attributes:
        department: The publishing department or unit, as printed.
        year: The budget year the disclosure covers.
        family: Final accounts (决算) or budget (预算).
        unit: The unit most of its tables print (tables carry their own unit too).
        tables: The tables found, by kind.
        narrative: The narrative text (情况说明 and the rest), verbatim.
        source: Where it was read from (a path or address), if anywhere.
        template: Whether the document is a blank template (placeholders, no figures).
        problems: What the reader could not use, in the order met.
        pages: The printed pages, for a paged format (PDF): each page's text outside the
            tables, for the document review; empty when the format has no pages.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       ``pages``.
    """

    department: str
    year: int = attrs.field(validator=attrs.validators.instance_of(int))
    family: Family = Family.FINAL
    unit: Unit = Unit.WAN
    tables: dict[TableKind, Table] = attrs.field(factory=dict, converter=_tables)
    narrative: str = ""
    source: str | None = None
    template: bool = False
    problems: tuple[Problem, ...] = attrs.field(default=(), converter=_problems)
    pages: tuple[Page, ...] = attrs.field(default=(), converter=_pages)

    @tables.validator
    def _check_tables(
        self, _attribute: attrs.Attribute[dict[TableKind, Table]], tables: dict[TableKind, Table]
    ) -> None:
        for kind, table in tables.items():
            if table.kind is not kind:
                raise ValueError(f"table {table.kind.label} is filed under {kind.label}")

    def table(self, kind: TableKind) -> Table | None:
        """The table of *kind*, or ``None`` when the disclosure lacks it."""
        return self.tables.get(kind)

    def _repr_html_(self) -> str:
        """Every table as an HTML table, for notebooks (text escaped)."""
        from govbudget._html import disclosure_html  # noqa: PLC0415 - only notebooks need it

        return disclosure_html(self)
