"""Writers and the Excel readers: every round trip is exact; published workbooks are read."""

from __future__ import annotations

import csv
import tempfile
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from govbudget import Amount, Disclosure, FormatError, TableKind, Unit, read
from govbudget.cli import main
from govbudget.readers.excel import read_xls, read_xlsx
from govbudget.serialize import dumps
from govbudget.strategies import consistent_disclosures
from govbudget.workbook import restore_cell
from govbudget.writers import (
    METADATA_SHEET,
    from_dataframe,
    sheet_name,
    to_csv,
    to_dataframe,
    to_dataframes,
    to_xlsx,
)


def same(a: Disclosure, b: Disclosure) -> bool:
    """Equal as JSON, whatever file each was read from."""
    return dumps(attrs.evolve(a, source=None)) == dumps(attrs.evolve(b, source=None))


@settings(max_examples=25)
@given(st.sampled_from(Unit).flatmap(lambda unit: consistent_disclosures(unit=unit)))
def test_xlsx_round_trip_is_exact(disclosure: Disclosure) -> None:
    """JSON -> objects -> Excel -> objects -> JSON gives the same JSON."""
    with tempfile.TemporaryDirectory() as folder:
        path = to_xlsx(disclosure, Path(folder) / "d.xlsx")
        assert same(read(path), disclosure)


@settings(max_examples=25)
@given(st.sampled_from(Unit).flatmap(lambda unit: consistent_disclosures(unit=unit)))
def test_dataframe_round_trip_is_exact(disclosure: Disclosure) -> None:
    """Long DataFrame and back gives the same disclosure; values stay Decimal."""
    frame = to_dataframe(disclosure)
    assert all(isinstance(v, Decimal) for v in frame["value"])
    assert same(from_dataframe(frame), disclosure)


def test_seed_round_trips(seed: Disclosure, tmp_path: Path) -> None:
    """The seed example survives xlsx and DataFrame, blank and zero and 24.2 included."""
    back = read(to_xlsx(seed, tmp_path / "seed.xlsx"))
    assert same(back, seed)
    row = back.tables[TableKind.INCOME].row("2010104")
    assert row is not None
    assert row.cells["total"].printed() == "24.2"
    assert row.cells["other"].blank
    assert same(from_dataframe(to_dataframe(seed)), seed)


def test_xlsx_stores_numbers_with_their_precision(seed: Disclosure, tmp_path: Path) -> None:
    """Figures are spreadsheet numbers formatted to their printed decimals."""
    path = to_xlsx(seed, tmp_path / "seed.xlsx")
    book = load_workbook(path)
    assert book[METADATA_SHEET].sheet_state == "hidden"
    sheet = book[sheet_name(TableKind.INCOME)]
    assert sheet["A1"].value == "收入决算表"
    assert sheet["A2"].value == "单位：万元"
    assert [c.value for c in sheet[3]][:3] == ["编码或行", "名称", "本年收入合计"]
    total = sheet["C4"]
    assert total.value == pytest.approx(876.17)
    assert isinstance(total.value, float)
    assert total.number_format == "0.00"
    assert sheet["D5"].value == pytest.approx(836.91)
    assert sheet["E5"].value is None  # blank stays empty, not 0


def test_an_edited_figure_is_read_as_edited(seed: Disclosure, tmp_path: Path) -> None:
    """A figure changed in a spreadsheet is read back changed, and the checks see it."""
    path = to_xlsx(seed, tmp_path / "seed.xlsx")
    book = load_workbook(path)
    book[sheet_name(TableKind.INCOME)]["C4"] = 876.18
    book.save(path)
    row = read(path).tables[TableKind.INCOME].row("total")
    assert row is not None
    assert row.cells["total"].value == Decimal("876.18")


def test_restore_cell() -> None:
    """Numbers take their format's decimals; text figures and JSON cells are parsed."""
    assert restore_cell(1.5, "0.00", None, Unit.WAN).printed() == "1.50"
    assert restore_cell("2,940.05", "General", None, Unit.WAN).value == Decimal("2940.05")
    assert restore_cell(None, "General", None, Unit.WAN).blank
    big = '{"value": "8761700", "unit": "元", "places": -2, "blank": false}'
    assert restore_cell(big, "General", None, Unit.WAN).places == -2


def test_restore_cell_keeps_recorded_cells_and_reads_edits() -> None:
    """An untouched cell is the recorded one; a zero typed over a blank is a zero."""
    blank = Amount.empty(Unit.WAN, 2)
    figure = Amount(Decimal("24.2"), Unit.WAN)

    assert restore_cell(None, "General", blank, Unit.WAN) is blank
    assert restore_cell(24.2, "0.00", figure, Unit.WAN) is figure
    assert restore_cell(0, "0.00", blank, Unit.WAN) == Amount(Decimal("0.00"), Unit.WAN)


def test_csv_one_file_per_table(seed: Disclosure, tmp_path: Path) -> None:
    """Each table is a CSV of printed figures under its unit; blank is empty, 24.2 stays 24.2."""
    paths = to_csv(seed, tmp_path / "out")
    assert len(paths) == len(seed.tables)
    with (tmp_path / "out" / "02_income.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["单位：万元"]
    assert rows[1][:3] == ["编码或行", "名称", "本年收入合计"]
    assert rows[2][:4] == ["total", "合计", "876.17", "876.17"]
    assert ["2010104", "人大会议", "24.2", "24.2", "", "", "", "", ""] in rows


def test_wide_dataframes(seed: Disclosure) -> None:
    """One wide frame per table, indexed by row key, Decimal figures, None for blank."""
    frames = to_dataframes(seed)
    income = frames[TableKind.INCOME]
    assert income.loc["2010101", "total"] == Decimal("657.19")
    assert income.loc["2010101", "other"] is None
    assert income.loc["2010101", "label"] == "行政运行"


def test_from_dataframe_needs_its_attrs(seed: Disclosure) -> None:
    """A frame not made by to_dataframe is refused with a clear error."""
    frame = to_dataframe(seed)
    frame.attrs.clear()
    with pytest.raises(FormatError, match="attrs"):
        from_dataframe(frame)


GROUPS = ["合计", "因公出国（境）费", "公务用车购置及运行费", None, None, "公务接待费"]
LEAVES = [None, None, "小计", "公务用车购置费", "公务用车运行费", None]


def published_workbook(path: Path) -> Path:
    """A workbook laid out as a department publishes it: two tables on one sheet."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "决算公开表"
    rows: list[list[object]] = [
        ["2023年度某某区示范局部门决算"],
        [],
        ["一般公共预算财政拨款支出决算表"],
        ["部门：某某区示范局", None, None, None, "单位：万元"],
        ["项目", None, "本年支出", None, None],
        ["功能分类科目编码", "科目名称", "小计", "基本支出", "项目支出"],
        ["栏次", None, 1, 2, 3],
        ["合计", None, 12.5, 10, 2.5],
        ["201", "一般公共服务支出", 12.5, 10, 2.5],
        ["20101", "人大事务", 12.5, 10, 2.5],
        ["2010101", "行政运行", 10, 10, None],
        ["2010104", "人大会议", 2.5, None, 2.5],
        ["注：本表为测试而编。"],
        [],
        ["财政拨款“三公”经费支出决算表"],
        ["单位：万元"],
        ["预算数", None, None, None, None, None, "决算数"],
        [*GROUPS, *GROUPS],
        [*LEAVES, *LEAVES],
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
        [1.2, None, None, None, None, 1.2, 1.1, None, None, None, None, 1.1],
    ]
    for row in rows:
        sheet.append(row)
    for cell in sheet["C"][7:12] + sheet["D"][7:12] + sheet["E"][7:12]:
        cell.number_format = "0.00"
    sheet["A21"].number_format = sheet["F21"].number_format = "0.00"
    sheet["G21"].number_format = sheet["L21"].number_format = "0.00"
    sheet["B10"].value = "人大事务"
    book.save(path)
    return path


def test_published_workbook_is_read(tmp_path: Path) -> None:
    """Several tables on a sheet, merged headers, numbers at their format's precision."""
    disclosure = read(published_workbook(tmp_path / "published.xlsx"))
    assert not disclosure.problems
    assert disclosure.year == 2023
    assert disclosure.department == "某某区示范局"
    table = disclosure.tables[TableKind.GENERAL_BUDGET_EXPENDITURE]
    assert [r.key for r in table.rows] == ["total", "201", "20101", "2010101", "2010104"]
    row = table.row("2010101")
    assert row is not None
    assert row.cells["total"].printed() == "10.00"
    assert row.cells["project"].blank
    assert row.location.page == "决算公开表"
    three = disclosure.tables[TableKind.THREE_PUBLIC].row("three_public")
    assert three is not None
    assert three.cells["actual_reception"].printed() == "1.10"
    assert three.cells["budget_vehicle_purchase"].blank


def test_damaged_workbooks_fail_with_the_file_named(tmp_path: Path) -> None:
    """A truncated .xlsx and a fake .xls are refused with a FormatError naming the file."""
    good = published_workbook(tmp_path / "good.xlsx")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[:300])
    with pytest.raises(FormatError, match=r"broken\.xlsx"):
        read_xlsx(broken)
    fake = tmp_path / "fake.xls"
    fake.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 600)
    with pytest.raises(FormatError, match=r"fake\.xls"):
        read_xls(fake)


def test_cli_convert(seed: Disclosure, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Convert reads any format and writes JSON, CSV or xlsx; misuse exits 2 with one line."""
    source = tmp_path / "seed.json"
    source.write_text(dumps(seed), encoding="utf-8")
    assert main(["convert", str(source), "--to", "xlsx", "-o", str(tmp_path / "s.xlsx")]) == 0
    assert main(["convert", str(tmp_path / "s.xlsx"), "--to", "json"]) == 0
    out = capsys.readouterr().out
    assert '"department": "株洲市渌口区人大常委会"' in out
    assert main(["convert", str(source), "--to", "csv", "-o", str(tmp_path / "csv")]) == 0
    assert (tmp_path / "csv" / "06_general_budget_basic_expenditure.csv").exists()
    assert main(["convert", str(source), "--to", "csv"]) == 2
    assert main(["convert", str(tmp_path / "missing.pdf"), "--to", "json"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == "govbudget convert: error: --to csv needs -o OUT (a folder)"
    assert "missing.pdf" in err[1]
    assert "Traceback" not in "".join(err)
