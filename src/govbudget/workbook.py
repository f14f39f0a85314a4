"""govbudget's own Excel workbook: written by :func:`to_xlsx`, read back by :func:`from_workbook`.

The layout, in one place for both directions. Each table is a sheet (:func:`sheet_name`)
printing its title, ``单位：…`` with the table's own unit, the column headers, then one
row per table row: code or line key, name, figures. A figure is a spreadsheet number
formatted to its printed precision when a number holds it exactly (up to 15 significant
digits), else its text from :mod:`govbudget.cells`; a blank is an empty cell. A hidden
sheet ``_govbudget``
(:data:`METADATA_SHEET`) keeps the disclosure as govbudget JSON, so reading the workbook
back restores the same disclosure (family, kinds, units per table, blank versus zero
versus not printed), with the figures read from the table sheets: a figure edited in a
spreadsheet is read as edited.

Published workbooks, laid out by departments, are read by :mod:`govbudget.readers.excel`,
which hands a workbook with a ``_govbudget`` sheet to :func:`from_workbook`.

.. versionadded:: 0.2
   The layout's writer and reader in one module (they were in :mod:`govbudget.writers`
   and :mod:`govbudget.readers.excel`).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import attrs

from govbudget import cells, serialize
from govbudget.amount import Amount, Unit
from govbudget.disclosure import Disclosure
from govbudget.errors import FormatError, InputError
from govbudget.location import Location
from govbudget.tables.base import Family, Table, TableKind

__all__ = [
    "HEADER_ROWS",
    "METADATA_SHEET",
    "format_places",
    "from_workbook",
    "is_govbudget_workbook",
    "restore_cell",
    "sheet_name",
    "sheet_number",
    "to_xlsx",
]

#: The sheet of a govbudget workbook that holds the disclosure's structure as JSON.
METADATA_SHEET: Final = "_govbudget"

#: The rows above a table sheet's first table row: title, unit, column headers.
HEADER_ROWS: Final = 3

#: The columns left of a table sheet's first figure: code or line key, name.
_LABEL_COLUMNS: Final = 2

#: The significant digits a spreadsheet number holds exactly.
_DIGITS: Final = 15

#: The most characters one spreadsheet cell holds is 32767; the JSON is split below it.
_CHUNK: Final = 30000


def sheet_name(kind: TableKind) -> str:
    """The sheet a table is written to, unique across kinds and families.

    A final-account table's sheet is its number, ``"公开02表"``; a budget table's is its
    usual title, since the budget sets number their tables differently by region.

    >>> sheet_name(TableKind.INCOME), sheet_name(TableKind.BUDGET_INCOME)
    ('公开02表', '收入预算总表')

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       Budget kinds are named by their title.
    """
    if kind.family is Family.FINAL:
        return f"公开{kind.number:02d}表"
    return kind.value


def _number_format(places: int) -> str:
    return "0" if places <= 0 else "0." + "0" * places


def _sheet_value(amount: Amount, unit: Unit) -> float | str | None:
    """A figure as a spreadsheet number when that is exact, else as its cell text."""
    if amount.blank:
        return None  # the metadata keeps a blank's precision
    if cells.says_everything(amount, unit):
        number = float(amount.value)
        # Spreadsheets keep 15 significant digits (openpyxl writes 16): past that, text.
        if Decimal(f"{number:.{_DIGITS}g}") == amount.value:
            return number
    return cells.encode_text(amount, unit)


def _write_table(book: Any, table: Table) -> None:
    sheet = book.create_sheet(sheet_name(table.kind))
    sheet.append([table.title])
    sheet.append([f"单位：{table.unit.value}"])
    sheet.append(["编码或行", "名称", *(c.label for c in table.columns)])
    for row in table.rows:
        values: list[object] = [row.key, row.label]
        formats: list[str | None] = [None] * _LABEL_COLUMNS
        for column in table.columns:
            amount = row.cells.get(column.key)
            values.append(None if amount is None else _sheet_value(amount, table.unit))
            formats.append(None if amount is None else _number_format(amount.places))
        sheet.append(values)
        for cell, number_format in zip(sheet[sheet.max_row], formats, strict=False):
            if number_format is not None and isinstance(cell.value, float):
                cell.number_format = number_format
    sheet.column_dimensions["B"].width = 30


def to_xlsx(disclosure: Disclosure, path: str | Path) -> Path:
    """Write the disclosure as an Excel workbook: one sheet per table, figures as numbers.

    Each table sheet prints the title, the table's unit and the column headers, then one
    row per table row (code or line, name, figures). Figures are numbers formatted to
    their printed precision; blanks are empty cells. The ``_govbudget`` sheet keeps the
    rest (department, year, family, narrative, row keys, blank-versus-missing), so
    reading the workbook back gives the same disclosure; figures edited in the sheets are
    read as edited.

    .. versionadded:: 0.1
    """
    from openpyxl import Workbook  # noqa: PLC0415 - imported on use, like every writer

    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    for table in disclosure.tables.values():
        _write_table(book, table)
    metadata = book.create_sheet(METADATA_SHEET)
    text = serialize.dumps(disclosure, indent=None)
    for start in range(0, len(text), _CHUNK):
        metadata.append([text[start : start + _CHUNK]])
    metadata.sheet_state = "hidden"
    target = Path(path)
    book.save(target)
    return target


def is_govbudget_workbook(book: Any) -> bool:
    """Whether an openpyxl workbook was written by :func:`to_xlsx` (has the metadata sheet).

    .. versionadded:: 0.2
    """
    return METADATA_SHEET in book.sheetnames


def from_workbook(book: Any, *, source: str | None = None) -> Disclosure:
    """The disclosure of a workbook written by :func:`to_xlsx`, figures read from its sheets.

    Args:
        book: The workbook, opened by openpyxl with ``data_only=True``.
        source: Where it was read from; named in errors and kept as the source.

    Raises:
        FormatError: When the metadata sheet is missing or damaged, or a table's sheet
            is missing.
        AmountError: When a text cell is not a figure; the message names sheet, table,
            row and column.

    .. versionadded:: 0.2
    """
    where = Location(file=source)
    if not is_govbudget_workbook(book):
        raise FormatError(f"not a govbudget workbook (no {METADATA_SHEET} sheet)", location=where)
    metadata = book[METADATA_SHEET]
    text = "".join(str(row[0].value or "") for row in metadata.iter_rows())
    try:
        recorded = serialize.loads(text, source=source)
    except FormatError as exc:
        raise FormatError(
            f"the {METADATA_SHEET} sheet is damaged: {exc.message}", location=where
        ) from None
    tables = {}
    for kind, table in recorded.tables.items():
        name = sheet_name(kind)
        if name not in book.sheetnames:
            raise FormatError(f"the sheet {name} is missing", location=where)
        tables[kind] = _read_table(book[name], table, where.evolve(page=name))
    return attrs.evolve(recorded, tables=tables, source=source)


def _read_table(sheet: Any, table: Table, where: Location) -> Table:
    """*table* as recorded, with each figure read from its cell in *sheet*."""
    offsets = {column.key: offset for offset, column in enumerate(table.columns)}
    rows = []
    for index, row in enumerate(table.rows):
        figures: dict[str, Amount] = {}
        # The recorded cells first, in their order, then any figure typed in since.
        order = [*row.cells, *(key for key in offsets if key not in row.cells)]
        for key in order:
            offset = offsets[key]
            cell = sheet.cell(HEADER_ROWS + 1 + index, _LABEL_COLUMNS + 1 + offset)
            before = row.cells.get(key)
            if before is None and cell.value is None:
                continue  # not printed, and still empty
            label = table.columns[offset].label
            at = where.evolve(table=table.kind.label, row=row.key, column=label)
            try:
                figures[key] = restore_cell(cell.value, cell.number_format, before, table.unit)
            except InputError as exc:
                raise exc.at(at) from None
        rows.append(attrs.evolve(row, cells=figures))
    return attrs.evolve(table, rows=rows)


def format_places(number_format: str) -> int | None:
    """The decimals a number format prints (``"#,##0.00"`` → 2), or ``None`` for General.

    >>> format_places("#,##0.00"), format_places("0"), format_places("General")
    (2, 0, None)

    .. versionadded:: 0.2
    """
    if not number_format or number_format == "General":
        return None
    if "." not in number_format:
        return 0
    count = 0
    for char in number_format.split(".", 1)[1]:
        if char not in "0#":
            break
        count += 1
    return count


def sheet_number(value: float | int) -> Decimal:
    """A spreadsheet's number as the decimal it shows: a float by its shortest repr.

    >>> sheet_number(0.1), sheet_number(12)
    (Decimal('0.1'), Decimal('12'))

    .. versionadded:: 0.2
    """
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def restore_cell(value: object, number_format: str, recorded: Amount | None, unit: Unit) -> Amount:
    """A cell of a govbudget workbook as an amount, honouring edits made in a spreadsheet.

    An empty cell is the recorded blank (or a new blank); a number equal to the recorded
    figure is the recorded figure, precision and all, and a different number takes the
    decimals its format prints; text is read by :func:`govbudget.cells.decode`.

    Args:
        value: The cell's value (a number, text, or ``None`` when empty).
        number_format: The cell's number format (gives the printed precision).
        recorded: The cell as recorded in the metadata sheet, if it was printed.
        unit: The table's unit.

    Raises:
        AmountError: When a text cell is not a figure.
        FormatError: When a text cell holds a malformed cell object.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       Moved here from :mod:`govbudget.readers.excel`.
    """
    if value is None or value == "":
        if recorded is not None and recorded.blank:
            return recorded
        return Amount.empty(unit, 0)
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = sheet_number(value)
        if (
            recorded is not None
            and not recorded.blank
            and recorded.unit is unit
            and recorded.value == number
        ):
            return recorded
        decimals = max(-int(number.as_tuple().exponent), 0)
        return Amount(number, unit, max(format_places(number_format) or 0, decimals))
    return cells.decode(str(value), unit)
