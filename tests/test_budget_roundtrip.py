"""Budgets (预算) round-trip exactly, like final accounts: JSON, xlsx, long DataFrame, CSV.

A local strategy builds budget disclosures of a few tables (functional- and
economic-code rows under a total line, summary lines, the 三公 table in another unit),
printed at 0 or 2 decimals, with blanks, zeros, cells not printed, figures too long for
a spreadsheet number and figures in another unit. Every round trip must give back
byte-identical JSON.
"""

from __future__ import annotations

import csv
import tempfile
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from govbudget import (
    Amount,
    AmountError,
    Column,
    Disclosure,
    Family,
    Location,
    Problem,
    Row,
    Table,
    TableKind,
    Unit,
    read,
)
from govbudget.cells import decode, says_everything
from govbudget.serialize import dumps, loads, to_dict
from govbudget.strategies import dept_economic_codes, function_codes
from govbudget.tables import RowCode, spec
from govbudget.writers import (
    METADATA_SHEET,
    from_dataframe,
    sheet_name,
    to_csv,
    to_dataframe,
    to_dataframes,
    to_xlsx,
)

K = TableKind

#: Printed names: Chinese text, brackets and quotes, digits; nothing a sheet refuses.
LABELS = st.text(
    alphabet="行政运行人大会议一般公共服务支出（）“”、其中：0123456789 ab", max_size=12
)

#: Budget tables keyed by functional codes.
FUNCTIONAL = (K.BUDGET_EXPENDITURE, K.BUDGET_GENERAL_EXPENDITURE, K.BUDGET_GOV_FUND)
#: Budget tables keyed by departmental economic codes.
ECONOMIC = (K.BUDGET_GENERAL_BASIC, K.BUDGET_APPROPRIATION_BASIC)
#: Budget tables of fixed lines only.
SUMMARIES = (K.BUDGET_SUMMARY, K.BUDGET_APPROPRIATION_SUMMARY, K.BUDGET_PROCUREMENT)


@st.composite
def cells_of(draw: st.DrawFn, unit: Unit, places: int) -> Amount | None:
    """One cell of a table printed in *unit* at *places*: maybe not printed at all."""
    choice = draw(st.sampled_from(["missing", "blank", "blank_wide", "zero", "figure", "figure"]))
    if choice == "missing":
        return None
    if choice == "blank":
        return Amount.empty(unit, 0)  # a blank as readers read it
    if choice == "blank_wide":
        return Amount.empty(unit, places)
    if choice == "zero":
        return Amount(Decimal(0).scaleb(-places), unit, places)
    digits = draw(st.sampled_from([12, 18]))  # 18 digits: too long for a spreadsheet number
    value = draw(st.integers(-(10**digits), 10**digits))
    amount = Amount(Decimal(value).scaleb(-places), unit, places)
    if places and draw(st.booleans()):  # "24.2" in a two-decimal table
        amount = Amount(amount.value.normalize(), unit) if value else amount
    if draw(st.integers(0, 9)) == 0:  # a figure converted to another unit
        amount = amount.to(draw(st.sampled_from([u for u in Unit if u is not unit])))
    return amount


@st.composite
def budget_tables(draw: st.DrawFn, kind: TableKind, unit: Unit) -> Table:
    """A budget table of *kind* in *unit*, at 0 or 2 decimals, some of its columns."""
    table_spec = spec(kind)
    places = draw(st.sampled_from([0, 2]))
    columns = [c for c in table_spec.columns if draw(st.booleans())] or [table_spec.columns[0]]

    def row_cells() -> dict[str, Amount]:
        drawn = {c.key: draw(cells_of(unit, places)) for c in columns}
        return {key: amount for key, amount in drawn.items() if amount is not None}

    def where() -> Location:
        page = draw(st.none() | st.integers(1, 40))
        return Location() if page is None else Location(page=str(page))

    rows: list[Row] = []
    if kind in FUNCTIONAL or kind in ECONOMIC:
        rows.append(Row(line="total", label="合计", cells=row_cells()))
        codes: st.SearchStrategy[RowCode] = (
            function_codes() if kind in FUNCTIONAL else dept_economic_codes()
        )
        for code in draw(st.lists(codes, max_size=6, unique_by=lambda c: c.digits)):
            rows.append(Row(code=code, label=draw(LABELS), cells=row_cells(), location=where()))
    else:
        lines = [line for line in table_spec.lines if draw(st.booleans())]
        for line in lines or table_spec.lines[:1]:
            rows.append(Row(line=line.key, label=line.label, cells=row_cells(), location=where()))
    return Table(
        kind,
        unit,
        columns,
        rows,
        title=draw(st.sampled_from([kind.value, *table_spec.titles])),
        note=draw(st.sampled_from(["", "注：本表无政府性基金预算支出。"])),
        no_data=draw(st.booleans()) if not any(r.cells for r in rows) else False,
        location=draw(st.sampled_from([Location(), Location(page="3")])),
    )


@st.composite
def budget_disclosures(draw: st.DrawFn) -> Disclosure:
    """A budget disclosure: a few tables in 元 or 万元, the 三公 table in the other unit."""
    unit = draw(st.sampled_from([Unit.YUAN, Unit.WAN]))
    other = Unit.WAN if unit is Unit.YUAN else Unit.YUAN
    kinds = [
        draw(st.sampled_from(SUMMARIES)),
        *draw(st.lists(st.sampled_from(FUNCTIONAL), min_size=1, max_size=2, unique=True)),
        *draw(st.lists(st.sampled_from(ECONOMIC), max_size=1)),
    ]
    tables = [draw(budget_tables(kind, unit)) for kind in kinds]
    if draw(st.booleans()):
        tables.append(draw(budget_tables(K.BUDGET_THREE_PUBLIC, other)))
    problems = draw(
        st.lists(st.just(Problem("not a figure", Location(page="2"), "12..5")), max_size=1)
    )
    return Disclosure(
        department=draw(st.sampled_from(["上海市普陀区某局", "某单位"])),
        year=draw(st.integers(2018, 2026)),
        family=Family.BUDGET,
        unit=unit,
        tables={t.kind: t for t in draw(st.permutations(tables))},
        narrative=draw(st.sampled_from(["", "一、部门职能\n二、收支预算情况说明"])),
        template=draw(st.booleans()),
        problems=problems,
    )


def as_json(disclosure: Disclosure) -> str:
    """The disclosure's JSON, whatever file it was read from."""
    return dumps(attrs.evolve(disclosure, source=None))


@settings(max_examples=200)
@given(budget_disclosures())
def test_budget_json_round_trip_is_exact(disclosure: Disclosure) -> None:
    """Budget → JSON → budget: equal objects, byte-identical JSON, budget kinds kept."""
    text = dumps(disclosure)
    back = loads(text)

    assert back == disclosure
    assert dumps(back) == text
    assert back.family is Family.BUDGET
    assert all(kind.family is Family.BUDGET for kind in back.tables)


@settings(max_examples=40)
@given(budget_disclosures())
def test_budget_xlsx_round_trip_is_exact(disclosure: Disclosure) -> None:
    """Budget → xlsx → budget gives byte-identical JSON; each sheet prints its own unit."""
    with tempfile.TemporaryDirectory() as folder:
        path = to_xlsx(disclosure, Path(folder) / "budget.xlsx")
        back = read(path)
        book = load_workbook(path)
        units = {sheet_name(kind): book[sheet_name(kind)]["A2"].value for kind in disclosure.tables}

    assert as_json(back) == as_json(disclosure)
    assert units == {sheet_name(k): f"单位：{t.unit.value}" for k, t in disclosure.tables.items()}


@settings(max_examples=100)
@given(budget_disclosures())
def test_budget_long_dataframe_round_trip_is_exact(disclosure: Disclosure) -> None:
    """Budget → long DataFrame → budget gives byte-identical JSON: family and kinds kept."""
    frame = to_dataframe(disclosure)

    assert as_json(from_dataframe(frame)) == as_json(disclosure)
    assert set(frame["table"]) <= {kind.name.lower() for kind in disclosure.tables}


@settings(max_examples=100)
@given(budget_disclosures())
def test_budget_csv_is_exact(disclosure: Disclosure) -> None:
    """One CSV per table, named by its kind; every figure reads back exactly in its unit."""
    with tempfile.TemporaryDirectory() as folder:
        paths = to_csv(disclosure, folder)
        files = {}
        for path in paths:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                files[path.name] = list(csv.reader(handle))

    assert sorted(files) == sorted(
        f"{kind.number:02d}_{kind.name.lower()}.csv" for kind in disclosure.tables
    )
    for table in disclosure.tables.values():
        lines = files[f"{table.kind.number:02d}_{table.kind.name.lower()}.csv"]
        assert lines[0] == [f"单位：{table.unit.value}"]
        assert lines[1] == ["编码或行", "名称", *(c.label for c in table.columns)]
        assert [line[:2] for line in lines[2:]] == [[r.key, r.label] for r in table.rows]
        for row, line in zip(table.rows, lines[2:], strict=True):
            for column, text in zip(table.columns, line[2:], strict=True):
                amount = row.cells.get(column.key)
                if amount is None or amount.blank:
                    assert text == ""
                else:
                    assert decode(text, table.unit) == amount
                    if says_everything(amount, table.unit):
                        assert text == amount.printed()


@settings(max_examples=50)
@given(budget_disclosures())
def test_budget_wide_dataframes_name_kind_family_and_unit(disclosure: Disclosure) -> None:
    """One wide frame per budget kind, figures Decimal in the unit its attrs name."""
    frames = to_dataframes(disclosure)

    assert list(frames) == list(disclosure.tables)
    for kind, frame in frames.items():
        table = disclosure.tables[kind]
        assert frame.attrs["govbudget"] == {
            "kind": kind.name.lower(),
            "family": "预算",
            "unit": table.unit.value,
            "places": table.places,
        }
        for position, row in enumerate(table.rows):
            for column in table.columns:
                amount = row.cells.get(column.key)
                expected = None if amount is None or amount.blank else amount.value
                assert frame.iloc[position][column.key] == expected


def test_sheet_and_csv_names_are_unique_across_families() -> None:
    """Every kind of both families has its own sheet and CSV name; final accounts keep theirs."""
    sheets = [sheet_name(kind) for kind in TableKind]
    finals = [sheet_name(kind) for kind in TableKind.of_family(Family.FINAL)]

    assert len(set(sheets)) == len(sheets)
    assert finals == [f"公开{n:02d}表" for n in range(1, 10)]
    assert sheet_name(K.BUDGET_THREE_PUBLIC) == "“三公”经费支出预算表"
    assert all(len(name) <= 31 and not set(name) & set("[]:*?/\\") for name in sheets)
    assert METADATA_SHEET not in sheets


def test_a_workbook_mixing_families_reads_back(tmp_path: Path) -> None:
    """A 决算 table and a 预算 table of the same number share a workbook without clashing."""
    final = Table(
        K.INCOME_EXPENDITURE_SUMMARY,
        Unit.WAN,
        [Column("amount", "金额")],
        [
            Row(
                line="income_total",
                label="收入总计",
                cells={"amount": Amount(Decimal("1.50"), Unit.WAN)},
            )
        ],
    )
    budget = Table(
        K.BUDGET_SUMMARY,
        Unit.YUAN,
        [Column("amount", "预算数")],
        [
            Row(
                line="income_total",
                label="收入总计",
                cells={"amount": Amount(Decimal("15000"), Unit.YUAN)},
            )
        ],
    )
    disclosure = Disclosure(
        "某单位", 2024, family=Family.BUDGET, tables={t.kind: t for t in [final, budget]}
    )

    back = read(to_xlsx(disclosure, tmp_path / "mixed.xlsx"))

    assert as_json(back) == as_json(disclosure)
    assert load_workbook(tmp_path / "mixed.xlsx").sheetnames == [
        "公开01表",
        "收支预算总表",
        METADATA_SHEET,
    ]


def test_json_without_a_family_takes_its_tables_family() -> None:
    """A document that names no family is a budget when its tables are budget tables."""
    table = Table(K.BUDGET_PROCUREMENT, Unit.YUAN, [Column("total", "总计")], [Row(line="total")])
    data = to_dict(Disclosure("某单位", 2024, family=Family.BUDGET, tables={table.kind: table}))
    del data["family"]

    assert loads(dumps_data(data)).family is Family.BUDGET


def dumps_data(data: object) -> str:
    """Plain data as JSON text, Chinese kept."""
    import json  # noqa: PLC0415 - only this helper needs it

    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("edited", [12345.5, "12,345.50"])
def test_an_edited_budget_figure_is_read_as_edited(tmp_path: Path, edited: float | str) -> None:
    """A number or text typed over a figure of a budget sheet is read, in that sheet's unit."""
    table = Table(
        K.BUDGET_THREE_PUBLIC,
        Unit.WAN,
        [Column("total", "合计")],
        [Row(line="three_public", cells={"total": Amount(Decimal("1.20"), Unit.WAN)})],
    )
    path = to_xlsx(
        Disclosure("某单位", 2024, family=Family.BUDGET, tables={table.kind: table}),
        tmp_path / "b.xlsx",
    )
    book = load_workbook(path)
    book[sheet_name(K.BUDGET_THREE_PUBLIC)]["C4"] = edited
    book.save(path)

    row = read(path).tables[K.BUDGET_THREE_PUBLIC].row("three_public")

    assert row is not None
    assert row.cells["total"] == Amount(Decimal("12345.50"), Unit.WAN)


def test_a_bad_figure_typed_in_a_budget_sheet_names_where(tmp_path: Path) -> None:
    """Text that is not a figure fails with the file, sheet, table, row and column named."""
    table = Table(
        K.BUDGET_PROCUREMENT,
        Unit.YUAN,
        [Column("total", "总计")],
        [Row(line="goods", label="货物", cells={"total": Amount(Decimal("15000"), Unit.YUAN)})],
    )
    disclosure = Disclosure("某单位", 2024, family=Family.BUDGET, tables={table.kind: table})
    path = to_xlsx(disclosure, tmp_path / "bad.xlsx")
    book = load_workbook(path)
    book[sheet_name(K.BUDGET_PROCUREMENT)]["C4"] = "12..5"
    book.save(path)

    with pytest.raises(AmountError) as caught:
        read(path)

    assert str(caught.value) == (
        f"not a figure: '12..5' ({path}, page 政府采购支出预算表, table 政府采购支出预算表, "
        "row goods, column 总计)"
    )
