"""Excel workbooks: as departments publish them (.xlsx, .xls), and as govbudget writes them.

A published workbook holds one table per sheet or several per sheet, laid out as on
paper: title, unit, headers, rows, notes. Each sheet's rows of cell texts go straight to
the row reader extracted text also uses (:func:`.text.read_rows`): titles, units,
departments and notes are read by :mod:`.heading`, and the grids by the one assembler;
a location's page is the sheet's name and its row the sheet's row number.
Formulas are never run: a cell's cached value is read (openpyxl ``data_only``).

A workbook written by :func:`govbudget.writers.to_xlsx` carries a ``_govbudget`` sheet
with the disclosure's structure; :mod:`govbudget.workbook`, which writes that layout,
reads it back exactly.
"""

from __future__ import annotations

import datetime
import re
import zipfile
from pathlib import Path
from typing import Any, Final

from govbudget import workbook
from govbudget.disclosure import Disclosure
from govbudget.errors import FormatError
from govbudget.location import Location
from govbudget.readers import heading
from govbudget.readers.printed import PrintedDocument
from govbudget.readers.text import read_rows

__all__ = ["MAX_CELLS", "MAX_UNZIPPED_BYTES", "read_xls", "read_xlsx"]

#: The most cells read from one sheet; a disclosure's sheets are far smaller.
MAX_CELLS: Final = 2_000_000
#: The most bytes an .xlsx may expand to when unzipped (a guard against zip bombs).
MAX_UNZIPPED_BYTES: Final = 512 * 1024 * 1024


def _text(value: object, number_format: str) -> str:
    """A cell as the text it shows: numbers as their format prints them, no line breaks.

    A number is printed at its format's decimals (General and text formats print it as
    stored); a percent format prints it ×100 with its ``%`` and a scientific one with its
    exponent, so neither passes for a figure. A true/false, date or error cell (``#DIV/0!``)
    prints its own text, never a number, and is therefore never read as a figure.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime | datetime.date | datetime.time | datetime.timedelta):
        return str(value)
    if isinstance(value, int | float):
        number = workbook.sheet_number(value)
        shown = _shown_format(number_format)
        places = workbook.format_places(shown) if shown else None
        if "%" in shown:
            return f"{number * 100:.{places or 0}f}%"
        if "E" in shown.upper():
            return f"{number:.{places or 0}E}"
        if places is None:
            return f"{number.normalize():f}" if number == number.to_integral() else f"{number:f}"
        return _padded(f"{number:.{places}f}", _integer_zeros(shown))
    return str(value).replace("\t", " ").replace("\r", "").replace("\n", "")


def _integer_zeros(shown: str) -> int:
    """How many integer digits a format always prints: ``"00"`` prints 1 as ``01``."""
    return shown.split(".", 1)[0].count("0")


def _padded(text: str, zeros: int) -> str:
    """*text* with its integer part padded with zeros to *zeros* digits, sign kept."""
    sign = "-" if text.startswith("-") else ""
    whole, dot, fraction = text.removeprefix("-").partition(".")
    return f"{sign}{whole.zfill(zeros)}{dot}{fraction}"


def _shown_format(number_format: str) -> str:
    """The section of a number format that prints a positive number, quoted text removed.

    ``""`` for General and for the text format ``@`` (the number as stored).
    """
    first = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", number_format or "").split(";", 1)[0]
    if first.strip().lower() in ("", "general", "@"):
        return ""
    return first


def _check_zip(path: Path, where: Location) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise FormatError("not a readable .xlsx file (bad zip)", location=where) from None
    if expanded > MAX_UNZIPPED_BYTES:
        raise FormatError(
            f"the workbook expands to {expanded} bytes; govbudget reads up to {MAX_UNZIPPED_BYTES}",
            location=where,
        )


def read_xlsx(path: str | Path) -> Disclosure | PrintedDocument:
    """Read an .xlsx workbook: a govbudget workbook exactly, a published one as grids.

    Returns the :class:`~govbudget.disclosure.Disclosure` when the workbook was written
    by govbudget, else the :class:`~govbudget.readers.printed.PrintedDocument` of every
    sheet for the assembler.

    Raises:
        FormatError: When the file is not a readable workbook or breaks a bound.

    .. versionadded:: 0.1
    """
    from openpyxl import load_workbook  # noqa: PLC0415 - imported on use

    file = Path(path)
    where = Location(file=str(path))
    _check_zip(file, where)
    try:
        book = load_workbook(file, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise FormatError(f"not a readable .xlsx workbook ({exc})", location=where) from None
    try:
        if workbook.is_govbudget_workbook(book):
            return workbook.from_workbook(book, source=where.file)
        sheets: list[tuple[str, list[list[str]]]] = []
        for sheet in book.worksheets:
            _check_size(sheet.max_row, sheet.max_column, where.evolve(page=sheet.title))
            grid = [
                [_text(cell.value, cell.number_format) for cell in row] for row in sheet.iter_rows()
            ]
            sheets.append((sheet.title, grid))
    finally:
        book.close()
    return _document(str(path), sheets)


def read_xls(path: str | Path) -> PrintedDocument:
    """Read a legacy .xls workbook (xlrd) as grids, one sheet after another.

    Raises:
        FormatError: When the file is not a readable .xls workbook or breaks a bound.

    .. versionadded:: 0.1
    """
    import xlrd  # type: ignore[import-untyped]  # noqa: PLC0415 - imported on use

    where = Location(file=str(path))
    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except Exception as exc:  # xlrd raises its own and struct errors on damaged files
        raise FormatError(f"not a readable .xls workbook ({exc})", location=where) from None
    sheets: list[tuple[str, list[list[str]]]] = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            _check_size(sheet.nrows, sheet.ncols, where.evolve(page=sheet.name))
            grid = [
                [_text(_xls_value(cell, book.datemode), "General") for cell in sheet.row(r)]
                for r in range(sheet.nrows)
            ]
            sheets.append((sheet.name, grid))
            book.unload_sheet(index)
    finally:
        book.release_resources()
    return _document(str(path), sheets)


def _xls_value(cell: Any, datemode: int = 0) -> object:
    import xlrd  # noqa: PLC0415 - imported on use

    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return float(cell.value)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    # A true/false, error or date cell stores a number that is not a figure.
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return str(xlrd.error_text_from_code.get(cell.value, f"#ERROR{cell.value}"))
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return f"date {cell.value!r}"
    return cell.value


def _check_size(rows: int, columns: int, where: Location) -> None:
    if rows * columns > MAX_CELLS:
        raise FormatError(
            f"the sheet has {rows} rows by {columns} columns; govbudget reads up to "
            f"{MAX_CELLS} cells",
            location=where,
        )


def _document(source: str, sheets: list[tuple[str, list[list[str]]]]) -> PrintedDocument:
    """One document from every sheet's rows of cell texts."""
    parts = [
        read_rows((("\t".join(row), row) for row in grid), source=source, page=name)
        for name, grid in sheets
    ]
    department = next((p.department for p in parts if p.department), None)
    texts = [cell for _name, grid in sheets for row in grid for cell in row]
    return PrintedDocument(
        source=source,
        tables=[t for part in parts for t in part.tables],
        narrative="\n".join(p.narrative for p in parts if p.narrative),
        department=department,
        year=next((p.year for p in parts if p.year is not None), None),
        template=heading.is_template(department, texts),
        family=next((p.family for p in parts if p.family is not None), None),
    )
