"""The short paths taken for speed give exactly what the long paths give.

Stored figures printed plainly skip :func:`~govbudget.amount.parse_amount`'s cleaning,
stored rows skip :class:`~govbudget.tables.base.Row`'s checks, and text with nothing
undisplayable skips the character-by-character scan: each is compared here with the
path it shortens, on any input.
"""

import string
import sys
import unicodedata

import attrs
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from govbudget import Disclosure, serialize
from govbudget.amount import Amount, Unit, parse_amount, read_plain
from govbudget.cells import decode, decode_cells, known_figures
from govbudget.checks.document.pages import _MAYBE_UNDISPLAYABLE, _undisplayable_scan
from govbudget.checks.registry import Registry, Rule
from govbudget.codes import parse_code
from govbudget.errors import InputError
from govbudget.location import Location
from govbudget.report import Severity
from govbudget.strategies import consistent_disclosures
from govbudget.tables.base import Row

_FIGURE_CHARS = string.digits + "-+.,  \t０１２３４５６７８９－，．—eE_{}\"'"


@given(st.text(alphabet=_FIGURE_CHARS, max_size=12), st.sampled_from(list(Unit)))
@example("1_000", Unit.WAN)
@example("1e3", Unit.WAN)
@example(" 12", Unit.WAN)
@example("-0", Unit.YUAN)
@example("007.50", Unit.YUAN)
@example(".5", Unit.YUAN)
@example("5.", Unit.YUAN)
def test_read_plain_reads_as_parse_amount_does(text: str, unit: Unit) -> None:
    """A plain figure reads the same both ways; anything else is left to parse_amount."""
    plain = read_plain(text, unit)
    try:
        parsed = parse_amount(text, unit)
    except InputError:
        assert plain is None
        return
    if plain is not None:
        assert plain == parsed
        assert str(plain.value) == str(parsed.value)


@given(
    st.dictionaries(
        st.sampled_from(["a", "b", "c"]),
        st.one_of(
            st.text(alphabet=_FIGURE_CHARS, max_size=8),
            st.integers(),
            st.none(),
            st.fixed_dictionaries(
                {"value": st.sampled_from(["1", "2.50", "x"]), "places": st.integers(-2, 2)}
            ),
        ),
    ),
    st.sampled_from(list(Unit)),
)
def test_decode_cells_decodes_each_cell(data: dict[str, object], unit: Unit) -> None:
    """A row's cells decode (or fail) as :func:`decode` does each one."""
    try:
        expected = {key: decode(value, unit) for key, value in data.items()}
    except InputError as exc:
        with pytest.raises(type(exc)):
            decode_cells(data, unit)
        return
    assert decode_cells(data, unit) == expected


def test_stored_rows_equal_rows_made_with_checks() -> None:
    """The rows serialize makes without Row's checks equal Row(...) field for field."""
    assert [f.name for f in attrs.fields(Row)] == ["code", "line", "label", "cells", "location"]
    figures = {"a": parse_amount("1.5", Unit.WAN)}
    where = Location(page=3)
    coded = serialize._row(parse_code("2010101"), None, "行政运行", dict(figures), where)
    assert coded == Row(code=parse_code("2010101"), label="行政运行", cells=figures, location=where)
    lined = serialize._row(None, "total", "合计", dict(figures), Location())
    assert lined == Row(line="total", label="合计", cells=figures)
    assert lined.key == "total"


def test_a_row_with_neither_code_nor_line_is_refused() -> None:
    """Keyed by nothing, a stored row is a format error, as before."""
    text = (
        '{"schema": "govbudget.disclosure/1", "year": 2020, "tables": [{"kind": "income", '
        '"unit": "万元", "rows": [{"label": "x", "cells": {}}]}]}'
    )
    with pytest.raises(InputError, match="exactly one of code= and line="):
        serialize.loads(text)


def test_every_code_point_the_scan_flags_is_caught_by_the_gate() -> None:
    """The quick test for undisplayable text misses no character the full scan flags."""
    for point in range(sys.maxunicode + 1):
        char = chr(point)
        category = unicodedata.category(char)
        if category in ("Co", "Cs", "Cc") or char == "\ufffd":
            flagged = bool(list(_undisplayable_scan(char)))
            if flagged:
                assert _MAYBE_UNDISPLAYABLE.search(char), f"U+{point:04X}"


@settings(max_examples=30)
@given(consistent_disclosures())
def test_a_stored_table_keeps_the_index_and_layout_it_would_work_out(disclosure: object) -> None:
    """What the JSON reader fills in while building rows equals what the table computes."""
    assert isinstance(disclosure, Disclosure)
    read = serialize.loads(serialize.dumps(disclosure))
    for table in read.tables.values():
        fresh = attrs.evolve(table)  # the same table, nothing filled in
        assert table._layout == fresh._layout
        assert table._index == fresh._index
        assert table.column_keys == fresh.column_keys
        assert table._column_set == fresh._column_set
        assert table.prints_negative == fresh.prints_negative
        assert table.places == fresh.places
        assert all(table._index[k] is fresh._index[k] for k in fresh._index)


@settings(max_examples=30)
@given(consistent_disclosures(), st.data())
def test_a_stored_negative_figure_is_known_to_its_table_each_time_it_is_read(
    disclosure: Disclosure, data: st.DataObject
) -> None:
    """A figure below zero marks its table, on the first read of its text and on later ones."""
    printed = [
        (kind, i, column)
        for kind, table in disclosure.tables.items()
        for i, row in enumerate(table.rows)
        for column, amount in row.cells.items()
        if not amount.blank and amount.value
    ]
    assume(printed)
    kind, index, column = data.draw(st.sampled_from(printed))
    table = disclosure.tables[kind]
    row = table.rows[index]
    old = row.cells[column]
    cells = {**row.cells, column: Amount(-abs(old.value), old.unit, old.places)}
    rows = [attrs.evolve(row, cells=cells) if i == index else r for i, r in enumerate(table.rows)]
    changed = attrs.evolve(
        disclosure, tables={**disclosure.tables, kind: attrs.evolve(table, rows=rows)}
    )
    text = serialize.dumps(changed)
    for _ in range(2):  # the second read finds every other text known
        read = serialize.loads(text)
        assert read.tables[kind].prints_negative
        for table in read.tables.values():
            assert table.prints_negative == attrs.evolve(table).prints_negative


def test_known_figures_keep_plain_figures_read_but_no_negative_one() -> None:
    """decode_cells keeps what it read by its text, except a figure below zero."""
    unit = Unit.WAN
    read = decode_cells({"a": "12.50", "b": "-3.00", "c": ""}, unit)
    known = known_figures(unit)

    assert known["12.50"] is read["a"]
    assert "-3.00" not in known
    assert known[""].blank
    assert known[""].places == 0


def test_by_id_follows_the_registry_and_cannot_change_it() -> None:
    """Registry.by_id is a live, read-only view of the rules by id."""
    registry = Registry()
    view = registry.by_id
    made = Rule("x.one", "one", "一", Severity.ERROR, (), lambda context: [])

    registry.add(made)

    assert view["x.one"] is made
    with pytest.raises(TypeError):
        view["x.two"] = made  # type: ignore[index]
    registry.remove("x.one")
    assert "x.one" not in view
