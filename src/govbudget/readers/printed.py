"""What a reader sees before it understands it: tables as grids of printed text.

Every reader (extracted text, PDF, Excel) turns its format into a
:class:`PrintedDocument`: the tables as rows of cell texts with their headers, titles,
units and notes, and the narrative as text. :mod:`govbudget.readers.layout` then turns
that into the typed :class:`~govbudget.disclosure.Disclosure`, the same way for every
format, so a layout rule (which header means which column, which line is which) is written
once.

A grid keeps what was printed and nothing more: a cell is its text with wrapped lines
joined, ``""`` for an empty cell; a cell merged across columns holds its text in the
first column and ``""`` in the rest; a cell merged down rows holds its text in the top
row. Header rows stay in the grid: the assembler tells header from body, one way for
every format.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from govbudget.location import Location
from govbudget.pages import Page
from govbudget.tables.base import Family

__all__ = ["PrintedDocument", "PrintedRow", "PrintedTable"]


def _texts(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


@attrs.frozen
class PrintedRow:
    """One printed row of a grid: its cell texts, left to right, and where it was.

    .. versionadded:: 0.1
    """

    cells: tuple[str, ...] = attrs.field(converter=_texts)
    location: Location = attrs.field(factory=Location)

    def is_empty(self) -> bool:
        """Whether every cell is empty."""
        return not any(cell.strip() for cell in self.cells)


def _rows(items: Iterable[PrintedRow]) -> tuple[PrintedRow, ...]:
    return tuple(items)


@attrs.frozen
class PrintedTable:
    """A table as printed: title, unit, header rows and body rows of text.

    Attributes:
        title: The title as printed (``"收入决算表"``).
        rows: Every row of the grid, header rows included, in printed order across
            pages (a header repeated on a continuation page is left out).
        number: The printed number (``"公开02表"``), if any.
        unit: The unit text (``"万元"``), if printed.
        department: The department printed over the table (``部门：…``), if any.
        note: The notes printed under the table (``注：…``).
        location: Where the table starts (file, page).

    .. versionadded:: 0.1
    """

    title: str
    rows: tuple[PrintedRow, ...] = attrs.field(converter=_rows)
    number: str | None = None
    unit: str | None = None
    department: str | None = None
    note: str = ""
    location: Location = attrs.field(factory=Location)


def _pages(items: Iterable[Page]) -> tuple[Page, ...]:
    return tuple(items)


def _tables(items: Iterable[PrintedTable]) -> tuple[PrintedTable, ...]:
    return tuple(items)


@attrs.frozen
class PrintedDocument:
    """A whole document as printed: its tables, its narrative, and what it says it is.

    Attributes:
        source: The file it was read from.
        tables: The tables, in printed order.
        narrative: The text outside the tables, in reading order.
        department: The department named on the cover or over the tables, if found.
        year: The year named on the cover, if found.
        template: Whether the document is a blank template (placeholders such as ``XX``).
        family: Budget or final accounts, as the document's own words say (title,
            cover, headings), if they say; the kinds of its tables decide otherwise.
        pages: The printed pages with their text outside the tables (paged formats).

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       ``family``, ``pages``.
    """

    source: str
    tables: tuple[PrintedTable, ...] = attrs.field(converter=_tables)
    narrative: str = ""
    department: str | None = None
    year: int | None = None
    template: bool = False
    family: Family | None = None
    pages: tuple[Page, ...] = attrs.field(default=(), converter=_pages)
