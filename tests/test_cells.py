"""The cell codec: every amount survives text and back, in any table's unit; bad cells fail."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govbudget import Amount, AmountError, FormatError, Location, Unit
from govbudget.cells import (
    CELL_KEYS,
    cell_object,
    decode,
    encode,
    encode_text,
    says_everything,
    table_text,
)


@st.composite
def any_amounts(draw: st.DrawFn) -> Amount:
    """Figures and blanks in any unit, at any precision, converted or not, zeros included."""
    unit = draw(st.sampled_from(Unit))
    places = draw(st.integers(0, 4))
    if draw(st.booleans()):
        amount = Amount.empty(unit, places)
    else:
        value = draw(st.decimals(min_value=-(10**15), max_value=10**15, places=places))
        amount = Amount(value, unit, places)
    if draw(st.booleans()):
        amount = amount.to(draw(st.sampled_from(Unit)))
    return amount


@given(any_amounts(), st.sampled_from(Unit))
def test_encode_and_encode_text_round_trip(amount: Amount, unit: Unit) -> None:
    """decode(encode(a)) == a and decode(encode_text(a)) == a, whatever the table's unit."""
    data = encode(amount, unit)

    assert decode(data, unit) == amount
    assert decode(encode_text(amount, unit), unit) == amount
    assert isinstance(data, str) == says_everything(amount, unit)


@given(any_amounts(), st.sampled_from(Unit))
def test_table_text_is_printed_text_or_exact(amount: Amount, unit: Unit) -> None:
    """A blank shows empty; any other figure shows text that reads back exactly."""
    text = table_text(amount, unit)

    if amount.blank:
        assert text == ""
    else:
        assert decode(text, unit) == amount


def test_blank_zero_and_not_printed_stay_apart() -> None:
    """A blank is "", a zero is "0.00", a cell not printed has no text at all."""
    blank, zero = Amount.empty(Unit.WAN, 0), Amount(Decimal("0.00"), Unit.WAN)

    assert (encode(blank, Unit.WAN), encode(zero, Unit.WAN)) == ("", "0.00")
    assert decode("", Unit.WAN) == blank
    assert decode("0.00", Unit.WAN) == zero
    assert table_text(None, Unit.WAN) == ""
    assert list(cell_object(zero)) == list(CELL_KEYS)


def test_a_figure_in_another_unit_is_an_object() -> None:
    """876.17 万元 in a 元 table cannot be printed as 元 text: it is stored as an object."""
    amount = Amount(Decimal("876.17"), Unit.WAN)

    assert encode(amount, Unit.YUAN) == cell_object(amount)
    assert json.loads(encode_text(amount, Unit.YUAN))["unit"] == "万元"


@pytest.mark.parametrize(
    ("data", "error", "match"),
    [
        ("12..5", AmountError, "not a figure"),
        ("{not json", AmountError, "not a figure"),
        (1.5, FormatError, "a string or an object"),
        ({"value": "1"}, FormatError, "missing 'places'"),
        ({"value": 1.5, "places": 1}, FormatError, "decimal string"),
        ({"value": "1", "places": "2"}, FormatError, "places must be an integer"),
        ({"value": "1", "places": True}, FormatError, "places must be an integer"),
        ({"value": "1", "places": 0, "blank": 1}, FormatError, "blank must be"),
        ({"value": "x", "places": 0}, FormatError, "a bad cell"),
        ({"value": "1.25", "places": 1}, FormatError, "more decimals"),
        ({"value": "1", "places": 0, "unit": "磅"}, AmountError, "not a unit"),
        ('{"value": "1", "places": 0.0}', FormatError, "places must be an integer"),
    ],
)
def test_bad_cells_say_what_and_where(data: object, error: type[Exception], match: str) -> None:
    """Every malformed cell raises an input error naming the place it was met."""
    where = Location(file="x.json", row="201", column="total")

    with pytest.raises(error, match=match) as caught:
        decode(data, Unit.WAN, location=where)

    assert "x.json" in str(caught.value)
