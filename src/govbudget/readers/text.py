"""Text extracted from a PDF disclosure: tables as tab-separated lines, and the narrative.

Extraction tools write each table row as one line with cells separated by tabs (or, from
``pdftotext -layout``, by runs of spaces), headers over several lines, the title, the
table number (公开 01 表), the unit (单位：万元) and the department (部门：…) on lines of
their own, and notes (注：…) under the table. :func:`read_text` finds each table by its
title, collects its rows and notes, and keeps every other line as the narrative; the
result is a :class:`~govbudget.readers.printed.PrintedDocument` for the assembler.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Final

import attrs

from govbudget.errors import FormatError
from govbudget.location import Location
from govbudget.readers import heading
from govbudget.readers.layout import compact
from govbudget.readers.printed import PrintedDocument, PrintedRow, PrintedTable
from govbudget.tables.publication import empty_wording_in

__all__ = ["MAX_CHARACTERS", "read_rows", "read_text"]

#: The most characters :func:`read_text` reads; a disclosure's text is far shorter.
MAX_CHARACTERS: Final = 4_000_000

_SEPARATOR: Final = re.compile(r"^[\s\-—|]*$")
_SPACED: Final = re.compile(r"\s{2,}")
#: The longest line read as an empty table's note; a longer one is narrative.
_EMPTY_NOTE_LENGTH: Final = 80


@attrs.define
class _Section:
    title: str
    line: int
    rows: list[PrintedRow] = attrs.field(factory=list)
    notes: list[str] = attrs.field(factory=list)
    number: str | None = None
    unit: str | None = None
    department: str | None = None
    empty: bool = False


def _empty_note(section: _Section, line: str, cells: Sequence[str]) -> bool:
    """Whether *line*, right under a title and before any row, says the table is empty.

    A table published with nothing in it may print its title and only 本表为空表 (or
    此表无数据 …) under it, with no grid: the table is present, and empty.
    """
    if section.rows or section.notes or not line or len([c for c in cells if c]) > 1:
        return False
    return len(compact(line)) <= _EMPTY_NOTE_LENGTH and empty_wording_in(line) is not None


def read_text(text: str, *, source: str = "<text>", page: str | None = None) -> PrintedDocument:
    """Read the text of a disclosure extracted from its PDF.

    Args:
        text: The whole extracted text.
        source: The file it came from, named in every location.
        page: The page or sheet the text is, when it is one.

    Raises:
        FormatError: When the text is longer than :data:`MAX_CHARACTERS`.

    .. versionadded:: 0.1
    """
    if len(text) > MAX_CHARACTERS:
        raise FormatError(
            f"the text has {len(text)} characters; govbudget reads up to {MAX_CHARACTERS}",
            location=Location(file=source),
        )
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    tabbed = any("\t" in line for line in lines)
    return read_rows(
        ((line, _cells(line, tabbed)) for line in lines),
        source=source,
        page=page,
        whole=text,
    )


def read_rows(
    rows: Iterable[tuple[str, Sequence[str]]],
    *,
    source: str,
    page: str | None = None,
    whole: str | None = None,
    numbers: Sequence[int] | None = None,
) -> PrintedDocument:
    """Read printed rows, each as its line of text and its cells, into grids.

    The one loop behind :func:`read_text` and the Excel reader: a row whose one cell is
    a table's title starts a table; the number, unit and department rows under it are
    read (:mod:`.heading`); rows of two or more cells are the table's rows; ``注：``
    rows are its note; any other row is narrative.

    Args:
        rows: Each row's text (its cells joined by tabs, for a sheet) and its cells.
        source: The file, named in every location.
        page: The page or sheet the rows are on.
        whole: The whole text, for the template rule (default: the rows joined).
        numbers: Each row's printed row number (default 1, 2, 3 …).

    .. versionadded:: 0.2
    """
    sections: list[_Section] = []
    narrative: list[str] = []
    lines: list[str] = []
    current: _Section | None = None
    in_note = False
    for index, (line, row_cells) in enumerate(rows):
        number = numbers[index] if numbers is not None else index + 1
        lines.append(line)
        stripped = line.strip()
        title = None if "\t" in stripped else heading.title_of(stripped)
        if title is not None:
            current = _Section(title, number)
            sections.append(current)
            in_note = False
            continue
        if current is None:
            narrative.append(line)
            continue
        if _header_line(current, stripped):
            continue
        cells = list(row_cells)
        if _empty_note(current, stripped, cells):
            current.notes.append(stripped)
            current.empty = True
            continue
        if len(cells) > 1 and not current.notes and not heading.is_note(stripped):
            in_note = False
            if not _SEPARATOR.match(line):
                at = Location(file=source, page=page, row=f"line {number}")
                current.rows.append(PrintedRow(cells, at))
            continue
        if not stripped:
            in_note = False
            continue
        if heading.is_note(stripped) or (in_note and current.notes):
            current.notes.append(stripped)
            in_note = True
            continue
        if current.rows or current.notes:
            current = None
        narrative.append(line)
    body = "\n".join(narrative)
    head = " ".join(_head(lines))
    department = heading.cover_department(head)
    tables = [
        _table(section, source, page) for section in sections if section.rows or section.empty
    ]
    return PrintedDocument(
        source=source,
        tables=tables,
        narrative=body.strip("\n"),
        department=department,
        year=heading.year_in(head),
        template=heading.is_template(
            department, [whole if whole is not None else "\n".join(lines)]
        ),
        family=heading.family_in(head),
    )


def _cells(line: str, tabbed: bool) -> list[str]:
    if tabbed:
        return [cell.strip() for cell in line.split("\t")] if "\t" in line else [line.strip()]
    return [cell.strip() for cell in _SPACED.split(line.strip())]


def _header_line(section: _Section, line: str) -> bool:
    """Consume the number, unit and department lines printed around a table's title."""
    found = False
    if (number := heading.number_in(line)) is not None:
        section.number = number
        found = True
    if (unit := heading.unit_in(line)) is not None:
        section.unit = unit
        found = True
    if heading.DEPARTMENT.search(line) is not None:
        if (name := heading.department_in(line)) is not None:
            section.department = name
        found = True
    return found


def _table(section: _Section, source: str, page: str | None) -> PrintedTable:
    return PrintedTable(
        title=section.title,
        rows=section.rows,
        number=section.number,
        unit=section.unit,
        department=section.department,
        note="\n".join(section.notes),
        location=Location(file=source, page=page, row=f"line {section.line}"),
    )


def _head(lines: list[str]) -> Iterator[str]:
    """The lines of the cover: up to the first 目录 or 第一部分."""
    for line in lines[:40]:
        if compact(line) in ("目录", "目 录"):
            return
        yield line
