"""Write a disclosure out: CSV (one file per table), Excel, pandas DataFrames.

Every writer keeps every figure exact. CSV cells are the figures as printed
(``"24.20"``, ``""`` for a blank). An Excel workbook stores figures as numbers with a
number format that prints them at their precision, one sheet per table, and a sheet
``_govbudget`` holding the disclosure's structure, so :func:`govbudget.read` restores
the same disclosure from it, blank and zero and printed precision included; a figure
that a spreadsheet number cannot hold exactly (more than 15 significant digits) is
written as its printed text. DataFrames hold ``Decimal`` values, never floats.

>>> from govbudget import Disclosure
>>> to_dataframe(Disclosure(department="某单位", year=2020)).shape
(0, 13)
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from govbudget import serialize
from govbudget.amount import Amount, Unit
from govbudget.disclosure import Disclosure
from govbudget.errors import FormatError
from govbudget.tables.base import TableKind

if TYPE_CHECKING:
    import pandas

__all__ = [
    "LONG_COLUMNS",
    "METADATA_SHEET",
    "cell_object",
    "from_dataframe",
    "sheet_name",
    "to_csv",
    "to_dataframe",
    "to_dataframes",
    "to_xlsx",
]

#: The sheet of a govbudget workbook that holds the disclosure's structure as JSON.
METADATA_SHEET: Final = "_govbudget"

#: The columns of the long DataFrame form, one row per cell.
LONG_COLUMNS: Final = (
    "table",
    "table_label",
    "row",
    "code",
    "line",
    "label",
    "column",
    "column_label",
    "value",
    "unit",
    "places",
    "blank",
    "printed",
)


def sheet_name(kind: TableKind) -> str:
    """The sheet a table is written to: its usual number, ``"公开02表"``.

    >>> sheet_name(TableKind.INCOME)
    '公开02表'
    """
    return f"公开{kind.number:02d}表"


def _csv_name(kind: TableKind) -> str:
    return f"{kind.number:02d}_{kind.name.lower()}.csv"


def to_csv(disclosure: Disclosure, folder: str | Path) -> list[Path]:
    """Write each table to a CSV file in *folder* (created if missing); return the paths.

    A file is named by the table's number and kind (``02_income.csv``), encoded UTF-8
    with a byte-order mark so spreadsheet programs show the Chinese text. Its header is
    ``编码或行, 名称`` and the printed column headers; a row is the code (or the fixed
    line's key), the printed name and the figures as printed, ``""`` for a blank.

    .. versionadded:: 0.1
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for table in disclosure.tables.values():
        path = target / _csv_name(table.kind)
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["编码或行", "名称", *(c.label for c in table.columns)])
            for row in table.rows:
                writer.writerow(
                    [
                        row.key,
                        row.label,
                        *(_printed(row.cells.get(c.key)) for c in table.columns),
                    ]
                )
        written.append(path)
    return written


def _printed(amount: Amount | None) -> str:
    return "" if amount is None else amount.printed()


def _number_format(places: int) -> str:
    return "0" if places <= 0 else "0." + "0" * places


def _spreadsheet_value(amount: Amount, unit: Unit) -> float | str | None:
    """A cell as a spreadsheet number when that is exact, else as text."""
    if amount.blank:
        return None
    if amount.unit is unit and amount.places >= 0:
        number = float(amount.value)
        if Decimal(repr(number)) == amount.value:
            return number
        return amount.printed()
    return json.dumps(serialize.converter.unstructure(cell_object(amount)))


def cell_object(amount: Amount) -> dict[str, Any]:
    """A figure as the JSON object of the interchange format (value, unit, places, blank)."""
    return {
        "value": str(amount.value),
        "unit": amount.unit.value,
        "places": amount.places,
        "blank": amount.blank,
    }


def to_xlsx(disclosure: Disclosure, path: str | Path) -> Path:
    """Write the disclosure as an Excel workbook: one sheet per table, figures as numbers.

    Each table sheet prints the title, the unit and the column headers, then one row per
    table row (code or line, name, figures). Figures are numbers formatted to their
    printed precision; blanks are empty cells. The ``_govbudget`` sheet keeps the rest
    (department, year, narrative, row keys, blank-versus-missing), so reading the
    workbook back gives the same disclosure; figures edited in the sheets are read as
    edited.

    .. versionadded:: 0.1
    """
    from openpyxl import Workbook  # noqa: PLC0415 - imported on use, like every writer

    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    for table in disclosure.tables.values():
        sheet = book.create_sheet(sheet_name(table.kind))
        sheet.append([table.title])
        sheet.append([f"单位：{table.unit.value}"])
        sheet.append(["编码或行", "名称", *(c.label for c in table.columns)])
        for row in table.rows:
            values: list[object] = [row.key, row.label]
            formats: list[str | None] = [None, None]
            for column in table.columns:
                amount = row.cells.get(column.key)
                values.append(None if amount is None else _spreadsheet_value(amount, table.unit))
                formats.append(None if amount is None else _number_format(amount.places))
            sheet.append(values)
            for cell, number_format in zip(sheet[sheet.max_row], formats, strict=False):
                if number_format is not None and isinstance(cell.value, float):
                    cell.number_format = number_format
        sheet.column_dimensions["B"].width = 30
    metadata = book.create_sheet(METADATA_SHEET)
    text = serialize.dumps(disclosure, indent=None)
    # A cell holds at most 32767 characters: split the JSON over rows.
    for start in range(0, len(text), 30000):
        metadata.append([text[start : start + 30000]])
    metadata.sheet_state = "hidden"
    target = Path(path)
    book.save(target)
    return target


def to_dataframe(disclosure: Disclosure) -> pandas.DataFrame:
    """The disclosure in long form: one row per printed cell; values stay ``Decimal``.

    Columns are :data:`LONG_COLUMNS`. ``df.attrs`` keeps department, year, unit,
    family, narrative and source, so :func:`from_dataframe` rebuilds the disclosure.

    Raises:
        ImportError: When pandas is not installed (``pip install 'govbudget[pandas]'``).

    .. versionadded:: 0.1
    """
    pd = _pandas("to_dataframe")
    records = []
    for table in disclosure.tables.values():
        labels = {c.key: c.label for c in table.columns}
        for row in table.rows:
            for column, amount in row.cells.items():
                records.append(
                    (
                        table.kind.name.lower(),
                        table.kind.label,
                        row.key,
                        row.code.digits if row.code is not None else None,
                        row.line,
                        row.label,
                        column,
                        labels.get(column, column),
                        amount.value,
                        amount.unit.value,
                        amount.places,
                        amount.blank,
                        amount.printed(),
                    )
                )
    frame: pandas.DataFrame = pd.DataFrame.from_records(records, columns=list(LONG_COLUMNS))
    data = serialize.to_dict(disclosure)
    frame.attrs["govbudget"] = {k: v for k, v in data.items() if k != "tables"} | {
        "tables": [_skeleton(t) for t in data["tables"]]
    }
    return frame


def _skeleton(table: dict[str, Any]) -> dict[str, Any]:
    """A table's JSON without its figures: the rows keep keys, labels and locations."""
    rows = [{k: v for k, v in row.items() if k != "cells"} for row in table["rows"]]
    return {k: v for k, v in table.items() if k != "rows"} | {"rows": rows}


def from_dataframe(frame: pandas.DataFrame) -> Disclosure:
    """Rebuild a disclosure from its long DataFrame (as :func:`to_dataframe` makes it).

    Raises:
        FormatError: When the frame lacks the ``govbudget`` attrs or a column.

    .. versionadded:: 0.1
    """
    skeleton = frame.attrs.get("govbudget")
    if not isinstance(skeleton, dict):
        raise FormatError("the DataFrame has no govbudget attrs (made by to_dataframe?)")
    missing = [c for c in LONG_COLUMNS if c not in frame.columns]
    if missing:
        raise FormatError(f"the DataFrame lacks columns {missing}")
    cells: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
    for record in frame[list(LONG_COLUMNS)].to_dict("records"):
        amount = Amount(
            Decimal(str(record["value"])),
            Unit.parse(str(record["unit"])),
            int(str(record["places"])),
            blank=bool(record["blank"]),
        )
        key = (str(record["table"]), str(record["row"]))
        cells.setdefault(key, {})[str(record["column"])] = cell_object(amount)
    data = dict(skeleton)
    data["tables"] = [
        table
        | {
            "rows": [
                row | {"cells": cells.get((table["kind"], row.get("code") or row["line"]), {})}
                for row in table["rows"]
            ]
        }
        for table in skeleton["tables"]
    ]
    return serialize.from_dict(data)


def to_dataframes(disclosure: Disclosure) -> dict[TableKind, pandas.DataFrame]:
    """Each table in wide form: one row per table row, one column per figure column.

    The index is the row key; ``label`` is the printed name; figures are ``Decimal``
    (``None`` for a cell not printed, and for a blank, which ``Row.cells`` tells apart).

    Raises:
        ImportError: When pandas is not installed.

    .. versionadded:: 0.1
    """
    _pandas("to_dataframes")
    return {table.kind: table.to_dataframe() for table in disclosure.tables.values()}


def _pandas(name: str) -> Any:
    try:
        import pandas  # noqa: PLC0415 - optional dependency, imported on use
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(f"{name}() needs pandas: pip install 'govbudget[pandas]'") from exc
    return pandas
