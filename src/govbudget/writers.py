"""Write a disclosure out: CSV (one file per table), Excel, pandas DataFrames.

Every writer keeps every figure exact, each cell written by the one codec,
:mod:`govbudget.cells`. CSV cells are the figures as printed (``"24.20"``, ``""`` for a
blank), under a line naming the table's unit. The Excel workbook is govbudget's own
layout, written and read back by :mod:`govbudget.workbook` (:func:`to_xlsx`,
:func:`sheet_name` and :data:`METADATA_SHEET` are re-exported here). The long DataFrame
(:func:`to_dataframe`) holds ``Decimal`` values, never floats, and rebuilds the same
disclosure (:func:`from_dataframe`), budget or final accounts.

>>> from govbudget import Disclosure
>>> to_dataframe(Disclosure(department="某单位", year=2020)).shape
(0, 13)
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from govbudget import cells, serialize
from govbudget.cells import cell_object
from govbudget.disclosure import Disclosure
from govbudget.errors import FormatError
from govbudget.tables.base import TableKind
from govbudget.workbook import METADATA_SHEET, sheet_name, to_xlsx

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


def _csv_name(kind: TableKind) -> str:
    return f"{kind.number:02d}_{kind.name.lower()}.csv"


def to_csv(disclosure: Disclosure, folder: str | Path) -> list[Path]:
    """Write each table to a CSV file in *folder* (created if missing); return the paths.

    A file is named by the table's number within its family and its kind
    (``02_income.csv``, ``02_budget_income.csv``: names never collide between families),
    encoded UTF-8 with a byte-order mark so spreadsheet programs show the Chinese text.
    Its first line names the table's unit (``单位：万元``); the header is ``编码或行, 名称``
    and the printed column headers; a row is the code (or the fixed line's key), the
    printed name and the figures as printed (:func:`govbudget.cells.table_text`): ``""``
    for a blank and for a cell not printed, and a figure the table's unit cannot print
    (another unit, a precision coarser than whole units) as its cell object in JSON.

    .. versionadded:: 0.1
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for table in disclosure.tables.values():
        path = target / _csv_name(table.kind)
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([f"单位：{table.unit.value}"])
            writer.writerow(["编码或行", "名称", *(c.label for c in table.columns)])
            for row in table.rows:
                figures = (
                    cells.table_text(row.cells.get(c.key), table.unit) for c in table.columns
                )
                writer.writerow([row.key, row.label, *figures])
        written.append(path)
    return written


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
    figures: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
    for record in frame[list(LONG_COLUMNS)].to_dict("records"):
        key = (str(record["table"]), str(record["row"]))
        figures.setdefault(key, {})[str(record["column"])] = {
            "value": str(record["value"]),
            "unit": str(record["unit"]),
            "places": int(str(record["places"])),
            "blank": bool(record["blank"]),
        }
    data = dict(skeleton)
    data["tables"] = [
        table
        | {
            "rows": [
                row | {"cells": figures.get((table["kind"], row.get("code") or row["line"]), {})}
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
    Figures are in the table's own unit, which ``df.attrs["govbudget"]`` names beside
    the kind, the family and the printed precision (a budget's 三公 table may be in 万元
    beside tables in 元). The frames are for analysis; :func:`to_dataframe` is the form
    that rebuilds the disclosure.

    Raises:
        ImportError: When pandas is not installed.

    .. versionadded:: 0.1
    """
    _pandas("to_dataframes")
    frames = {}
    for table in disclosure.tables.values():
        frame = table.to_dataframe()
        frame.attrs["govbudget"] = {
            "kind": table.kind.name.lower(),
            "family": table.kind.family.value,
            "unit": table.unit.value,
            "places": table.places,
        }
        frames[table.kind] = frame
    return frames


def _pandas(name: str) -> Any:
    try:
        import pandas  # noqa: PLC0415 - optional dependency, imported on use
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(f"{name}() needs pandas: pip install 'govbudget[pandas]'") from exc
    return pandas
