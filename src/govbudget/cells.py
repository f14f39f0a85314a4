"""One cell of a table, as text and back: the codec every format shares.

A cell is an :class:`~govbudget.amount.Amount` in a table printed in some unit. Its
*text* is the figure as the table prints it (``"24.2"``, ``"0.00"``, ``""`` for a blank)
whenever reading that text in the table's unit gives the same amount back: same value,
same printed precision, blank still blank. Otherwise (a figure in another unit, a
precision coarser than whole units, a blank known to two decimals) the cell is an
*object* ``{"value": "8761700", "unit": "元", "places": -2, "blank": false}``, so blank
and zero, the unit and the printed precision are never lost. A cell that was not printed
has no text at all: every format leaves it out, which keeps it apart from a blank.

JSON stores :func:`encode` (text or object); a spreadsheet's text cells store
:func:`encode_text` (text, or the object as JSON); CSV stores :func:`table_text` (the
same, with every blank empty); every reader of govbudget's own formats reads them back
with :func:`decode`.

>>> from decimal import Decimal
>>> from govbudget.amount import Amount, Unit
>>> encode(Amount(Decimal("24.2"), Unit.WAN), Unit.WAN)
'24.2'
>>> encode(Amount.empty(Unit.WAN, 2), Unit.WAN)
{'value': '0', 'unit': '万元', 'places': 2, 'blank': True}
>>> decode(encode_text(Amount(Decimal("8761700"), Unit.YUAN, -2), Unit.WAN), Unit.WAN)
Amount(value=Decimal('8761700'), unit=<Unit.YUAN: '元'>, places=-2, blank=False)

.. versionadded:: 0.2
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Final, TypeAlias

from govbudget.amount import Amount, Unit, parse_amount, read_plain
from govbudget.errors import AmountError, FormatError, InputError
from govbudget.location import Location

__all__ = [
    "CELL_KEYS",
    "CellData",
    "cell_object",
    "decode",
    "decode_cells",
    "encode",
    "encode_text",
    "from_object",
    "known_figures",
    "says_everything",
    "table_text",
]

#: The keys of a cell object, in the order written.
CELL_KEYS: Final = ("value", "unit", "places", "blank")

#: A cell as stored: the printed text, or an object with :data:`CELL_KEYS`.
CellData: TypeAlias = str | dict[str, Any]


def says_everything(amount: Amount, unit: Unit) -> bool:
    """Whether the printed text of *amount* restores it exactly in a table printed in *unit*.

    True for a figure in the table's unit printed to whole units or finer, and for a blank
    of precision 0 (which is what a blank reads as).

    >>> from decimal import Decimal
    >>> says_everything(Amount(Decimal("24.20"), Unit.WAN, 2), Unit.WAN)
    True
    >>> says_everything(Amount(Decimal("24.20"), Unit.WAN, 2), Unit.YUAN)
    False

    .. versionadded:: 0.2
    """
    return amount.unit is unit and (amount.places == 0 if amount.blank else amount.places >= 0)


def cell_object(amount: Amount) -> dict[str, Any]:
    """A figure as the object of the interchange format: value, unit, places and blank.

    >>> from decimal import Decimal
    >>> cell_object(Amount(Decimal("1.50"), Unit.WAN))
    {'value': '1.50', 'unit': '万元', 'places': 2, 'blank': False}

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       Moved here from :mod:`govbudget.writers` (which still re-exports it).
    """
    return {
        "value": str(amount.value),
        "unit": amount.unit.value,
        "places": amount.places,
        "blank": amount.blank,
    }


def encode(amount: Amount, unit: Unit) -> CellData:
    """A cell of a table printed in *unit*: its printed text when that says everything.

    Otherwise the :func:`cell_object`. :func:`decode` reverses it exactly.

    .. versionadded:: 0.2
    """
    return amount.printed() if says_everything(amount, unit) else cell_object(amount)


def encode_text(amount: Amount, unit: Unit) -> str:
    """A cell as one string: the printed text, or the cell object as compact JSON.

    For formats whose cells are text (CSV, a spreadsheet's text cells).

    >>> from decimal import Decimal
    >>> encode_text(Amount(Decimal("1.5"), Unit.WAN), Unit.YUAN)
    '{"value": "1.5", "unit": "万元", "places": 1, "blank": false}'

    .. versionadded:: 0.2
    """
    data = encode(amount, unit)
    return data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)


def table_text(amount: Amount | None, unit: Unit) -> str:
    """A cell as a table shows it: ``""`` for a cell not printed and for a blank.

    Any other figure is :func:`encode_text`. This is what CSV files hold: what a person
    reads in the printed table, figures exact; a blank's precision is not kept.

    .. versionadded:: 0.2
    """
    return "" if amount is None or amount.blank else encode_text(amount, unit)


def decode(data: object, unit: Unit, *, location: Location | None = None) -> Amount:
    """The amount a stored cell holds, in a table printed in *unit*.

    *data* is printed text (``"2,940.05"``, ``""``, ``"-"``: anything
    :func:`~govbudget.amount.parse_amount` reads), a cell object, or a cell object as
    JSON text (``"{...}"``).

    Raises:
        AmountError: When text is not a figure; the message quotes it.
        FormatError: When an object lacks a key or holds a value of the wrong type.

    .. versionadded:: 0.2
    """
    if isinstance(data, str):
        if not data.lstrip().startswith("{"):
            return parse_amount(data, unit, location=location)
        text = data
        try:
            data = json.loads(text, parse_float=Decimal)
        except json.JSONDecodeError:
            raise AmountError("not a figure", text=text, location=location) from None
    if not isinstance(data, Mapping):
        raise FormatError("a cell is a string or an object", text=repr(data), location=location)
    return from_object(data, unit, location=location)


def decode_cells(data: Mapping[str, object], unit: Unit) -> dict[str, Amount]:
    """A stored row's cells (column key to stored cell) decoded in a table printed in *unit*.

    Each cell reads as :func:`decode` reads it; blanks and plainly printed figures take
    a shorter path. Errors are :func:`decode`'s, without a location (the caller adds it).

    .. versionadded:: 0.4
    """
    known = known_figures(unit)
    out: dict[str, Amount] = {}
    for column, value in data.items():
        if type(value) is str:
            amount = known.get(value)
            if amount is None:
                amount = read_plain(value, unit)
                if amount is not None and amount.value >= 0:
                    known[value] = amount
            if amount is not None:
                out[column] = amount
                continue
        out[column] = decode(value, unit)
    return out


def known_figures(unit: Unit) -> dict[str, Amount]:
    """The blank (at 0 places) and plain figures already read in *unit*, by their text.

    :func:`decode_cells` adds each plain figure it reads that is not negative (so a reader
    that finds every cell of a row here knows the row prints no negative figure); a reader
    may look a stored text up here first (amounts are immutable). Read-only for callers.

    .. versionadded:: 0.4
    """
    known = _PLAIN.get(unit)
    if known is None or len(known) > _PLAIN_KEPT:
        known = _PLAIN[unit] = {"": Amount.empty(unit, 0)}
    return known


# Blanks and plainly printed figures by their text, per unit. Amounts are immutable, and a
# disclosure prints the same figure in several tables (a total in 01, 02, 04 and 05).
_PLAIN: dict[Unit, dict[str, Amount]] = {}
_PLAIN_KEPT: Final = 16384


def from_object(data: Mapping[str, Any], unit: Unit, *, location: Location | None = None) -> Amount:
    """The amount of a cell object; a missing ``unit`` is the table's *unit*.

    ``value`` is a decimal string (an ``int`` is accepted), ``places`` an ``int`` and
    ``blank`` a ``bool`` (``false`` when missing).

    Raises:
        FormatError: When a key is missing or holds a value of the wrong type.

    .. versionadded:: 0.2
    """
    where = location if location is not None else Location()
    try:
        value = data["value"]
        places = data["places"]
        blank = data.get("blank", False)
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise TypeError(f"value must be a decimal string, not {type(value).__name__}")
        if isinstance(places, bool) or not isinstance(places, int):
            raise TypeError(f"places must be an integer, not {type(places).__name__}")
        if not isinstance(blank, bool):
            raise TypeError(f"blank must be true or false, not {type(blank).__name__}")
        return Amount(
            Decimal(value), Unit.parse(str(data.get("unit", unit.value))), places, blank=blank
        )
    except InputError as exc:
        raise exc.at(where) from None
    except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
        message = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
        text = repr(dict(data))
        raise FormatError(f"a bad cell ({message})", text=text, location=where) from None
