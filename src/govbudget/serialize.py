"""The lossless interchange format: a disclosure as JSON, in a versioned schema.

One :mod:`cattrs` converter (:data:`converter`) turns the model into plain data and back.
Figures are strings, never floats: a cell is the figure exactly as printed (``"24.2"``,
``""`` for a blank) when that says everything, and an object
``{"value": "8761700", "unit": "元", "places": -2, "blank": false}`` otherwise, so blank
and zero, and the printed precision, survive every round trip (the codec is
:mod:`govbudget.cells`). A table names its kind (``"income"``, ``"budget_income"``) and
its own unit, so a budget whose 三公 table is in 万元 beside tables in 元 reads back as it
was; the disclosure names its family (``"决算"`` or ``"预算"``).

>>> from govbudget import Disclosure
>>> loads(dumps(Disclosure(department="某单位", year=2020))).year
2020
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Final

import cattrs

from govbudget import cells
from govbudget.amount import Amount, Unit, common_places
from govbudget.codes import parse_code
from govbudget.disclosure import Disclosure, Problem
from govbudget.errors import CodeError, FormatError, InputError
from govbudget.location import Location
from govbudget.pages import Page
from govbudget.tables.base import Column, Family, Row, RowCode, Table, TableKind, _row_layout

__all__ = ["DISCLOSURE_SCHEMA", "converter", "dumps", "from_dict", "load", "loads", "to_dict"]

#: The identifier of the disclosure JSON format; readers refuse other versions.
DISCLOSURE_SCHEMA: Final = "govbudget.disclosure/1"

#: The converter for the model's plain parts (locations, columns, enums, decimals).
converter = cattrs.Converter(omit_if_default=True)
converter.register_unstructure_hook(Decimal, str)
converter.register_structure_hook(Decimal, lambda value, _: _decimal(value))
converter.register_unstructure_hook(TableKind, lambda kind: kind.name.lower())
converter.register_structure_hook(TableKind, lambda value, _: TableKind[str(value).upper()])
converter.register_unstructure_hook(Unit, lambda unit: unit.value)
converter.register_structure_hook(Unit, lambda value, _: _unit(value))
converter.register_unstructure_hook(Family, lambda family: family.value)
converter.register_structure_hook(Family, lambda value, _: Family(value))


_UNITS: Final = {unit.value: unit for unit in Unit}


def _unit(value: object) -> Unit:
    """A unit as stored: its name (``"万元"``) at once, else read as a label."""
    if type(value) is str:
        known = _UNITS.get(value)
        if known is not None:
            return known
    return Unit.parse(str(value))


def _decimal(value: object) -> Decimal:
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise FormatError(
            f"figures are strings in JSON, not {type(value).__name__}", text=str(value)
        )
    try:
        return Decimal(value)
    except InvalidOperation:
        raise FormatError("not a decimal number", text=str(value)) from None


def _table_dict(table: Table) -> dict[str, Any]:
    rows = []
    for row in table.rows:
        entry: dict[str, Any] = {"code": row.code.digits} if row.code else {"line": row.line}
        entry["label"] = row.label
        entry["cells"] = {key: cells.encode(a, table.unit) for key, a in row.cells.items()}
        if row.location != Location():
            entry["location"] = converter.unstructure(row.location)
        rows.append(entry)
    out: dict[str, Any] = {
        "kind": converter.unstructure(table.kind),
        "title": table.title,
        "unit": table.unit.value,
        "columns": [converter.unstructure(c) for c in table.columns],
        "rows": rows,
    }
    if table.note:
        out["note"] = table.note
    if table.no_data:
        out["no_data"] = True
    if table.location != Location():
        out["location"] = converter.unstructure(table.location)
    return out


_NOWHERE: Final = Location()


def _located(
    exc: InputError, entry: dict[str, Any], unit: Unit, at: Location, index: int
) -> InputError:
    """The error a bad row gives when read naming its row and column (as the reader says)."""
    key = entry.get("code") or entry.get("line")
    row_at = at.evolve(row=str(key if key is not None else index))
    try:
        if entry.get("code"):
            _exact_code(entry["code"], row_at)
        for column, value in entry.get("cells", {}).items():
            cells.decode(value, unit, location=row_at.evolve(column=column))
    except InputError as located:
        return located
    return exc.at(row_at)


def _table(data: dict[str, Any], where: Location) -> Table:
    kind = converter.structure(data["kind"], TableKind)
    unit = converter.structure(data["unit"], Unit)
    rows = []
    first: dict[str, Row] = {}  # the first row of each key, as Table._index keeps it
    layout: list[tuple[object, ...]] = []  # each row as Table._layout describes it
    decode_cells = cells.decode_cells
    known = cells.known_figures(unit).get
    codes = _CODES
    negative = False  # whether a figure is below zero: only a row read in full may hold one
    places = 0  # the table's precision
    for index, entry in enumerate(data.get("rows", [])):
        try:
            digits = entry.get("code")
            if digits:
                code = codes.get(digits) if type(digits) is str else None
                if code is None:
                    code = _exact_code(digits, None)
                    if len(codes) < _CODES_KEPT:
                        codes[digits] = code
            else:
                code = None
            stored = entry.get("cells", _NO_CELLS)
            figures: dict[str, Amount] = {}
            for column, value in stored.items():  # most cells: a text read before
                amount = known(value) if type(value) is str else None
                if amount is None:
                    figures = decode_cells(stored, unit)
                    negative = negative or any(a.value < 0 for a in figures.values())
                    places = max(places, common_places(figures.values()))
                    break
                figures[column] = amount
                # Known figures are blanks at 0 places or printed figures: the precision
                # is the largest of their places.
                if amount.places > places:  # noqa: PLR1730 -- cheaper than a call, per cell
                    places = amount.places
        except InputError as exc:  # read again, naming where: only a bad row pays for it
            at = where.evolve(table=kind.label)
            raise _located(exc, entry, unit, at, index) from None
        found = entry.get("location")
        location = _NOWHERE if found is None else _location(found)
        line = entry.get("line") if code is None else None
        if code is None and line is None:
            raise ValueError("a row is keyed by exactly one of code= and line=")
        label = entry.get("label", "")
        row = _row(code, line, label, figures, location)
        rows.append(row)
        key = row.key
        first.setdefault(key, row)
        layout.append(_row_layout(key, line, label, figures))
    table = Table(
        kind,
        unit,
        [_column(c) for c in data.get("columns", [])],
        rows,
        title=data.get("title", kind.value),
        note=data.get("note", ""),
        no_data=bool(data.get("no_data", False)),
        location=_location(data.get("location")),
    )
    table._prefill(first, layout, negative=negative, places=places)
    return table


def _location(data: object) -> Location:
    """A stored location (none stored, or an empty one: the one shared empty location)."""
    if data is None or (type(data) is dict and not data):
        return _NOWHERE
    return converter.structure(data, Location)


_NO_CELLS: Final[dict[str, object]] = {}

# Columns by their stored key and label (immutable; a family prints the same few dozen).
_COLUMNS: dict[tuple[object, object], Column] = {}


def _column(data: object) -> Column:
    """A stored column, as ``converter.structure(data, Column)`` reads it."""
    if type(data) is dict and len(data) == 2:  # exactly a key and a label
        key = (data.get("key"), data.get("label"))
        if type(key[0]) is str and type(key[1]) is str:
            found = _COLUMNS.get(key)
            if found is None:
                found = converter.structure(data, Column)
                if len(_COLUMNS) < _CODES_KEPT:
                    _COLUMNS[key] = found
            return found
    return converter.structure(data, Column)


# Codes read exactly from their digits (codes are immutable, and a disclosure prints the
# same few hundred): each stored spelling is read and validated once per process.
_CODES: dict[str, RowCode] = {}
_CODES_KEPT: Final = 65536


def _row(
    code: RowCode | None,
    line: str | None,
    label: str,
    figures: dict[str, Amount],
    location: Location,
) -> Row:
    """A :class:`Row` from fields already read and checked, without checking them again.

    Exactly one of *code* and *line* is set, and *figures* is a fresh dict, as
    :class:`Row` would make them; a test compares the result with ``Row(...)``.
    """
    row = object.__new__(Row)
    _SET_CODE(row, code)
    _SET_LINE(row, line)
    _SET_LABEL(row, label)
    _SET_CELLS(row, figures)
    _SET_LOCATION(row, location)
    _SET_KEY(row, code.digits if code is not None else line)  # Row.key, cached
    return row


# Row's slots, each set through its own descriptor (cheaper than object.__setattr__).
_SET_CODE, _SET_LINE, _SET_LABEL, _SET_CELLS, _SET_LOCATION, _SET_KEY = (
    vars(Row)[name].__set__ for name in ("code", "line", "label", "cells", "location", "key")
)


def _exact_code(text: object, where: Location | None) -> RowCode:
    """A row's code as stored: its compact digits exactly, nothing read around them.

    A printed spelling (``201 01 01``, ``2010101 行政运行``) is for the readers of printed
    documents; the JSON format stores the digits, so anything else is a bad code.
    """
    if not isinstance(text, str):
        raise CodeError("a code is stored as a string of digits", text=repr(text), location=where)
    code = parse_code(text, location=where)
    if code.digits != text:
        raise CodeError(
            f"a code is stored as its digits alone ({code.digits})", text=text, location=where
        )
    return code


def to_dict(disclosure: Disclosure) -> dict[str, Any]:
    """The disclosure as JSON-ready data in the :data:`DISCLOSURE_SCHEMA` format.

    .. versionadded:: 0.1
    """
    out: dict[str, Any] = {
        "schema": DISCLOSURE_SCHEMA,
        "department": disclosure.department,
        "year": disclosure.year,
        "family": converter.unstructure(disclosure.family),
        "unit": disclosure.unit.value,
        "tables": [_table_dict(t) for t in disclosure.tables.values()],
        "narrative": disclosure.narrative,
    }
    if disclosure.source is not None:
        out["source"] = disclosure.source
    if disclosure.template:
        out["template"] = True
    if disclosure.problems:
        out["problems"] = [converter.unstructure(p) for p in disclosure.problems]
    if disclosure.pages:
        out["pages"] = [converter.unstructure(p) for p in disclosure.pages]
    return out


def from_dict(data: object, *, source: str | None = None) -> Disclosure:
    """A disclosure from data in the :data:`DISCLOSURE_SCHEMA` format.

    Args:
        data: The decoded JSON.
        source: Where it was read from; named in errors and kept as the disclosure's
            source when the data names none.

    Raises:
        FormatError: When the data is not a disclosure of this schema; the message names
            the file, table, row and column where known.
        AmountError: When a cell is not a figure.
        CodeError: When a row's code is malformed.

    .. versionadded:: 0.1
    """
    where = Location(file=source)
    if not isinstance(data, dict):
        raise FormatError("a disclosure is a JSON object", location=where)
    schema = data.get("schema")
    if schema != DISCLOSURE_SCHEMA:
        raise FormatError(f"not a {DISCLOSURE_SCHEMA} document", text=str(schema), location=where)
    try:
        tables = [_table(t, where) for t in data.get("tables", [])]
        return Disclosure(
            department=str(data.get("department", "")),
            year=int(data["year"]),
            family=_family(data.get("family"), tables),
            unit=converter.structure(data.get("unit", "万元"), Unit),
            tables={t.kind: t for t in tables},
            narrative=str(data.get("narrative", "")),
            source=data.get("source", source),
            template=bool(data.get("template", False)),
            problems=[converter.structure(p, Problem) for p in data.get("problems", [])],
            pages=[converter.structure(p, Page) for p in data.get("pages", [])],
        )
    except InputError:
        raise
    except (KeyError, TypeError, ValueError, cattrs.BaseValidationError) as exc:
        raise FormatError(f"does not follow {DISCLOSURE_SCHEMA}: {exc!r}", location=where) from None


def _family(value: object, tables: list[Table]) -> Family:
    """The family named, or (in a document that names none) the family of its tables."""
    if value is not None:
        return converter.structure(value, Family)
    return tables[0].kind.family if tables else Family.FINAL


def dumps(disclosure: Disclosure, *, indent: int | None = 1) -> str:
    """The disclosure as JSON text (UTF-8 characters kept as they are).

    .. versionadded:: 0.1
    """
    return json.dumps(to_dict(disclosure), ensure_ascii=False, indent=indent)


def loads(text: str, *, source: str | None = None) -> Disclosure:
    """A disclosure from JSON text.

    Raises:
        FormatError: When the text is not JSON or not a disclosure.

    .. versionadded:: 0.1
    """
    try:
        data = json.loads(text, parse_float=_refuse_float)
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"not JSON ({exc.msg} at line {exc.lineno})", location=Location(file=source)
        ) from None
    except FormatError as exc:  # a bare number where a figure string belongs
        raise exc.at(Location(file=source)) from None
    return from_dict(data, source=source)


def load(path: str | Path) -> Disclosure:
    """A disclosure from a JSON file.

    .. versionadded:: 0.1
    """
    file = Path(path)
    return loads(file.read_text(encoding="utf-8"), source=str(path))


def _refuse_float(text: str) -> Decimal:
    raise FormatError("figures are strings in JSON, not bare numbers", text=text)
