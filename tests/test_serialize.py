"""The JSON interchange format: exact round trips, clear errors, and read() by content."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given

from govbudget import (
    Amount,
    AmountError,
    Disclosure,
    FormatError,
    Row,
    Table,
    TableKind,
    Unit,
    check,
    read,
)
from govbudget.serialize import DISCLOSURE_SCHEMA, dumps, loads, to_dict
from govbudget.strategies import InjectedError, consistent_disclosures, disclosures_with_error
from govbudget.tables import spec

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "seed_2020.json"


@given(consistent_disclosures())
def test_round_trip_is_exact(disclosure: Disclosure) -> None:
    """Objects → JSON → objects gives equal objects, blank and zero and precision kept."""
    assert loads(dumps(disclosure)) == disclosure


@given(disclosures_with_error(kinds=["change", "unit_slip", "sign_flip"]))
def test_round_trip_keeps_errors_and_their_verdicts(injected: InjectedError) -> None:
    """A disclosure with an error reads back with the same error and the same report."""
    back = loads(dumps(injected.disclosure))

    assert back == injected.disclosure
    assert check(back).findings == check(injected.disclosure).findings


@given(consistent_disclosures(unit=Unit.YUAN, places=0))
def test_round_trip_in_yuan(disclosure: Disclosure) -> None:
    """Whole-yuan tables round-trip too."""
    assert loads(dumps(disclosure)) == disclosure


def test_cells_are_printed_text_or_objects() -> None:
    """Printed text where it says everything; an object for converted or odd figures."""
    columns = spec(TableKind.GENERAL_BUDGET_EXPENDITURE).columns
    cells = {
        "total": Amount(Decimal("24.2"), Unit.WAN),
        "basic": Amount.empty(Unit.WAN, 2),
        "project": Amount(Decimal("8761700"), Unit.YUAN, -2),
    }
    table = Table(
        TableKind.GENERAL_BUDGET_EXPENDITURE,
        Unit.WAN,
        columns,
        [Row(line="total", label="合计", cells=cells)],
    )
    disclosure = Disclosure("某单位", 2020, tables={table.kind: table})
    data = to_dict(disclosure)

    assert data["schema"] == DISCLOSURE_SCHEMA
    assert data["tables"][0]["rows"][0]["cells"] == {
        "total": "24.2",
        "basic": {"value": "0", "unit": "万元", "places": 2, "blank": True},
        "project": {"value": "8761700", "unit": "元", "places": -2, "blank": False},
    }
    assert loads(json.dumps(data)) == disclosure


def test_example_json_is_what_the_example_script_builds(seed: Disclosure) -> None:
    """examples/seed_2020.json is current: it reads back to the disclosure built in code."""
    assert attrs.evolve(read(EXAMPLE), source=None) == attrs.evolve(seed, source=None)


def test_bad_cells_name_file_table_row_and_column() -> None:
    """An unreadable figure names where it is."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["tables"][4]["rows"][3]["cells"]["basic"] = "657,19.x"

    with pytest.raises(AmountError) as caught:
        loads(json.dumps(data), source="bad.json")

    message = str(caught.value)
    assert "657,19.x" in message
    assert "bad.json" in message
    assert "公开05表" in message
    assert "2010101" in message
    assert "basic" in message


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ('{"schema": "govbudget.report/1"}', "not a govbudget.disclosure/1 document"),
        ("[1, 2]", "a disclosure is a JSON object"),
        ("{", "not JSON"),
        (
            '{"schema": "govbudget.disclosure/1", "year": 2020, "tables": [{"kind": "nope"}]}',
            "does not follow",
        ),
        (
            '{"schema": "govbudget.disclosure/1", "year": 2020, "tables": [{"kind": "income",'
            ' "unit": "万元", "rows": [{"line": "total", "cells": {"total": 1.5}}]}]}',
            "not bare numbers",
        ),
    ],
)
def test_malformed_documents_raise_format_errors(text: str, match: str) -> None:
    """Everything wrong with a document is a FormatError (a ValueError) saying what."""
    with pytest.raises(FormatError, match=match) as caught:
        loads(text, source="x.json")
    assert "x.json" in str(caught.value)


def test_read_picks_the_reader_by_content(tmp_path: Path) -> None:
    """A JSON file named .txt still reads; a broken PDF named .json is read as a PDF."""
    renamed = tmp_path / "seed.txt"
    renamed.write_bytes(EXAMPLE.read_bytes())
    assert read(renamed).department == "株洲市渌口区人大常委会"

    pdf = tmp_path / "a.json"
    pdf.write_bytes(b"%PDF-1.7\n...")
    with pytest.raises(FormatError) as caught:
        read(pdf)
    assert str(pdf) in str(caught.value)
