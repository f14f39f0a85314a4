"""Which cell is wrong: signatures of an accountant's slips, ties, names as printed."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from govbudget import Column, Disclosure, Row, Table, TableKind, Unit, check, parse_amount
from govbudget.checks.blame import SIGNATURES, signature
from govbudget.checks.relations import Term, cell
from govbudget.cli import main

K = TableKind
CATALOGUE = ["catalogue.*"]


def edit(d: Disclosure, kind: TableKind, row: str, column: str, text: str) -> Disclosure:
    """The disclosure with one printed cell replaced by *text*."""
    table = d.tables[kind]
    rows = [
        attrs.evolve(r, cells={**r.cells, column: parse_amount(text, table.unit)})
        if r.key == row
        else r
        for r in table.rows
    ]
    return attrs.evolve(d, tables={**d.tables, kind: attrs.evolve(table, rows=rows)})


def _term(text: str, *, neighbour: str | None = None) -> Term:
    """A term for one cell of a small 05 table; *neighbour* is printed in the next column."""
    cells = {"total": parse_amount(text, Unit.WAN)}
    if neighbour is not None:
        cells["basic"] = parse_amount(neighbour, Unit.WAN)
    table = Table(
        K.GENERAL_BUDGET_EXPENDITURE,
        Unit.WAN,
        (Column("total", "合计"), Column("basic", "基本支出")),
        (Row(line="total", label="合计", cells=cells),),
        title="一般公共预算财政拨款支出决算表",
    )
    found = cell(table, "total", "total")
    assert found is not None
    return found


D = Decimal


@pytest.mark.parametrize(
    ("printed", "low", "high", "expected"),
    [
        ("4431800.00", D("443.17"), D("443.19"), "unit"),  # 元 digits in a 万元 table
        ("44.32", D("443.19"), D("443.21"), "tenfold"),  # a digit left out
        ("-12.50", D("12.49"), D("12.51"), "sign"),
        ("12.23", D("12.31"), D("12.33"), "swap"),  # 0.09: divisible by 9
        ("657.19", D("675.18"), D("675.20"), "swap"),
        ("12.23", D("12.40"), D("12.50"), None),  # a plain change
    ],
)
def test_the_signature_of_a_repair(printed: str, low: D, high: D, expected: str | None) -> None:
    """A repair that undoes a slip of the pen names it; a plain change names none."""
    assert signature(_term(printed), low, high) == expected
    assert expected is None or expected in SIGNATURES


def test_a_figure_equal_to_its_neighbour_was_copied() -> None:
    """A figure equal to the figure beside it in its row is a copy; a different one is not."""
    assert signature(_term("30.07", neighbour="30.07"), D("12.31"), D("12.33")) == "neighbour"
    assert signature(_term("30.07", neighbour="30.08"), D("12.31"), D("12.33")) is None


def test_a_child_under_a_parent_with_one_child_is_named(seed: Disclosure) -> None:
    """2210201 is the only 项 of 22102, the only 款 of 221: its swapped digits are found."""
    report = check(
        edit(seed, K.GENERAL_BUDGET_EXPENDITURE, "2210201", "basic", "39.62"), skip=CATALOGUE
    )

    assert not report.ok
    assert [(s.cell.row, s.cell.column) for s in report.suspects] == [("2210201", "basic")]
    suspect = report.suspects[0]
    assert (suspect.signature, suspect.tied) == ("swap", False)
    assert (suspect.row_label, suspect.column_label) == ("2210201 住房公积金", "基本支出")
    assert suspect.name.endswith("「2210201 住房公积金」基本支出")


def test_a_unit_slip_is_named_with_its_signature(seed: Disclosure) -> None:
    """The same cell printed in 元 digits in the 万元 table: named, as a 元/万元 slip."""
    report = check(
        edit(seed, K.GENERAL_BUDGET_EXPENDITURE, "2210201", "total", "392600.00"), skip=CATALOGUE
    )

    assert [(s.cell.row, s.cell.column, s.signature) for s in report.suspects] == [
        ("2210201", "total", "unit")
    ]


def test_a_tenfold_slip_and_a_flipped_sign_are_named(seed: Disclosure) -> None:
    """A digit too many and a minus sign: each named alone, with its signature."""
    tenfold = check(
        edit(seed, K.GENERAL_BUDGET_EXPENDITURE, "2010104", "basic", "242.00"), skip=CATALOGUE
    )
    flipped = check(
        edit(seed, K.GENERAL_BUDGET_EXPENDITURE, "2010104", "basic", "-24.20"), skip=CATALOGUE
    )

    assert [(s.cell.row, s.signature) for s in tenfold.suspects] == [("2010104", "tenfold")]
    assert [(s.cell.row, s.signature) for s in flipped.suspects] == [("2010104", "sign")]


def _only_in_one_sum(seed: Disclosure) -> Disclosure:
    """The seed with 06's 30201 raised by 0.50: every 款 of 302 could have caused it."""
    return edit(seed, K.GENERAL_BUDGET_BASIC_EXPENDITURE, "30201", "amount", "4.56")


def test_equally_likely_cells_are_tied_not_one_picked(seed: Disclosure) -> None:
    """When several cells repair equally well, all are reported, each marked tied."""
    broken = _only_in_one_sum(seed)
    table = broken.tables[K.GENERAL_BUDGET_BASIC_EXPENDITURE]
    report = check(broken, skip=CATALOGUE)

    assert len(report.suspects) > 1
    assert all(s.tied for s in report.suspects)
    assert "30201" in {s.cell.row for s in report.suspects}
    assert all(s.row_label == table.row_name(s.cell.row) for s in report.suspects)


def test_ties_show_in_the_json_and_text_reports(
    seed: Disclosure, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON: every suspect says whether it is tied and names its row as printed; text: 并列."""
    from govbudget import serialize  # noqa: PLC0415 - only this test writes a file

    broken = _only_in_one_sum(seed)
    document = json.loads(check(broken, skip=CATALOGUE).to_json())["documents"][0]
    first = document["suspects"][0]
    assert first["tied"] is True
    assert {"name", "row_label", "column_label", "signature"} <= set(first)
    assert first["row_label"].startswith(first["row"] + " ")

    path = tmp_path / "broken.json"
    path.write_text(serialize.dumps(broken), encoding="utf-8")
    main(["check", str(path), "--skip", "catalogue.*"])
    out = capsys.readouterr().out
    assert "并列" in out
    assert "「30201 " in out


def test_a_suspect_alone_is_not_tied(seed: Disclosure) -> None:
    """One cell repairs two sums: named alone, not tied; its JSON says so."""
    report = check(
        edit(seed, K.GENERAL_BUDGET_EXPENDITURE, "2010101", "basic", "667.19"), skip=CATALOGUE
    )

    assert [s.tied for s in report.suspects] == [False]
    assert report.suspects[0].to_dict()["name"].endswith("「2010101 行政运行」基本支出")
