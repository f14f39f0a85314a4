"""The 三公 final-account table whose column headers nest three deep.

Some final accounts print the 07 table with the vehicle columns grouped under
公务用车购置及运行维护费, split into 小计 / 购置费 / 运行维护费, and each of those (and
合计, 因公出国（境）费, 公务接待费) split again into 预算数 and 决算数. Every column of that
layout must find its place; the figures below are our own.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from govbudget import Disclosure, TableKind, check, read
from govbudget.readers.layout import assemble
from govbudget.readers.text import read_text

_GROUPS = ["合计", "", "因公出国（境）费", "", "公务用车购置及运行维护费"] + [""] * 5
_GROUPS += ["公务接待费", ""]
_PARTS = ["", "", "", "", "小计", "", "购置费", "", "运行维护费", "", "", ""]
_SIDES = ["预算数", "决算数"] * 6

#: Column keys in printed order, for the layout with 预算数 / 决算数 at the bottom.
_BOTTOM_KEYS = [
    f"{side}_{part}"
    for part in ("total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception")
    for side in ("budget", "actual")
]


def _figures(
    abroad: tuple[Decimal, Decimal],
    purchase: tuple[Decimal, Decimal],
    operation: tuple[Decimal, Decimal],
    reception: tuple[Decimal, Decimal],
) -> dict[str, Decimal]:
    """Every cell of a consistent 三公 row, by column key."""
    out: dict[str, Decimal] = {}
    for index, side in enumerate(("budget", "actual")):
        vehicle = purchase[index] + operation[index]
        out[f"{side}_abroad"] = abroad[index]
        out[f"{side}_vehicle_purchase"] = purchase[index]
        out[f"{side}_vehicle_operation"] = operation[index]
        out[f"{side}_vehicle"] = vehicle
        out[f"{side}_reception"] = reception[index]
        out[f"{side}_total"] = abroad[index] + vehicle + reception[index]
    return out


_OURS = _figures(
    (Decimal("3.00"), Decimal("2.80")),
    (Decimal("5.00"), Decimal("5.00")),
    (Decimal("3.00"), Decimal("2.40")),
    (Decimal("1.50"), Decimal("1.00")),
)


def _text(figures: dict[str, Decimal], header: list[list[str]], keys: list[str]) -> str:
    """A small final account holding only the 三公 table, as extracted text."""
    lines = [
        "2023年度",
        "示范区档案馆",
        "部门决算",
        "",
        "一般公共预算财政拨款“三公”经费支出决算表",
        "公开07表",
        "单位：万元",
        *("\t".join(row) for row in header),
        "\t".join(str(n) for n in range(1, 13)),
        "\t".join(f"{figures[key]:.2f}" for key in keys),
        "",
        "注：示范数据，仅供测试。",
    ]
    return "\n".join(lines) + "\n"


def _read(text: str) -> Disclosure:
    return assemble(read_text(text, source="three.txt"))


def _cells(disclosure: Disclosure) -> dict[str, Decimal]:
    table = disclosure.tables[TableKind.THREE_PUBLIC]
    row = table.row("three_public")
    assert row is not None
    return {key: amount.value for key, amount in row.cells.items()}


def test_three_deep_vehicle_columns_are_all_placed() -> None:
    """公务用车购置及运行维护费 › 小计 · 购置费 · 运行维护费, each › 预算数 · 决算数, all placed."""
    disclosure = _read(_text(_OURS, [_GROUPS, _PARTS, _SIDES], _BOTTOM_KEYS))

    assert not disclosure.problems
    assert _cells(disclosure) == _OURS


def test_three_deep_layout_checks_clean() -> None:
    """Read whole, the table's sums hold and nothing is reported but the other tables' absence."""
    disclosure = _read(_text(_OURS, [_GROUPS, _PARTS, _SIDES], _BOTTOM_KEYS))

    report = check(disclosure, skip=["structure.tables"])

    assert [f.message for f in report.findings] == []
    assert report.checked >= 4  # 合计 and 公务用车 sums, 预算数 and 决算数


def test_budget_and_actual_on_top_with_the_vehicle_group_beneath() -> None:
    """预算数 / 决算数 over the groups, 公务用车购置及运行维护费 › 小计 · 购置费 · 运行维护费."""
    groups = ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费"]
    parts = ["", "", "小计", "购置费", "运行维护费", ""]
    sides = ["预算数", "", "", "", "", "", "决算数", "", "", "", "", ""]
    order = ["total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"]
    keys = [f"{side}_{part}" for side in ("budget", "actual") for part in order]
    disclosure = _read(_text(_OURS, [sides, groups * 2, parts * 2], keys))

    assert not disclosure.problems
    assert _cells(disclosure) == _OURS


def test_a_wrong_purchase_figure_is_caught_in_its_column() -> None:
    """The layout is read, not guessed: a 购置费 预算数 off by 1.00 breaks the vehicle sum."""
    wrong = dict(_OURS, budget_vehicle_purchase=_OURS["budget_vehicle_purchase"] + 1)
    disclosure = _read(_text(wrong, [_GROUPS, _PARTS, _SIDES], _BOTTOM_KEYS))

    report = check(disclosure, rules=["three-public.sum"])

    assert [f.column for f in report.findings] == ["budget_vehicle"]
    assert report.findings[0].found == Decimal("8.00")


def test_the_old_spelling_still_reads() -> None:
    """公务用车购置及运行费 / 公务用车购置费 under 预算数 keeps its place."""
    groups = ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"]
    parts = ["", "", "小计", "公务用车购置费", "公务用车运行费", ""]
    sides = ["预算数", "", "", "", "", "", "决算数", "", "", "", "", ""]
    order = ["total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"]
    keys = [f"{side}_{part}" for side in ("budget", "actual") for part in order]
    disclosure = _read(_text(_OURS, [sides, groups * 2, parts * 2], keys))

    assert not disclosure.problems
    assert _cells(disclosure) == _OURS


def test_the_layout_as_a_workbook_with_merged_headers(tmp_path: Path) -> None:
    """The same grid in an .xlsx, headers merged across their columns, reads the same."""
    import openpyxl  # noqa: PLC0415 - only this test writes a workbook

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["2023年度示范区档案馆部门决算"])
    sheet.append(["一般公共预算财政拨款“三公”经费支出决算表"])
    sheet.append(["公开07表"])
    sheet.append(["单位：万元"])
    for row in (_GROUPS, _PARTS, _SIDES):
        sheet.append([cell or None for cell in row])
    sheet.merge_cells(start_row=5, start_column=5, end_row=5, end_column=10)
    for first in (1, 3, 11):
        sheet.merge_cells(start_row=5, start_column=first, end_row=6, end_column=first + 1)
    for first in (5, 7, 9):
        sheet.merge_cells(start_row=6, start_column=first, end_row=6, end_column=first + 1)
    sheet.append(list(range(1, 13)))
    sheet.append([float(_OURS[key]) for key in _BOTTOM_KEYS])
    for cell in sheet[sheet.max_row]:
        cell.number_format = "0.00"
    path = tmp_path / "three.xlsx"
    book.save(path)

    disclosure = read(path)

    assert [p.message for p in disclosure.problems] == []
    assert _cells(disclosure) == _OURS
    assert check(disclosure, skip=["structure.tables"]).findings == ()


_MONEY = st.decimals(min_value=0, max_value=999, places=2, allow_nan=False, allow_infinity=False)
_PAIR = st.tuples(_MONEY, _MONEY)


@settings(max_examples=40)
@given(abroad=_PAIR, purchase=_PAIR, operation=_PAIR, reception=_PAIR)
def test_every_figure_lands_in_its_column(
    abroad: tuple[Decimal, Decimal],
    purchase: tuple[Decimal, Decimal],
    operation: tuple[Decimal, Decimal],
    reception: tuple[Decimal, Decimal],
) -> None:
    """Whatever the figures, each printed cell is read into the column it is printed under."""
    figures = _figures(abroad, purchase, operation, reception)
    disclosure = _read(_text(figures, [_GROUPS, _PARTS, _SIDES], _BOTTOM_KEYS))

    assert not disclosure.problems
    assert _cells(disclosure) == figures
    assert not check(disclosure, rules=["three-public.sum"]).findings


def test_the_shanghai_2024_template_places_all_twelve_columns(shared: Path) -> None:
    """The 2024 Shanghai final-account template prints this layout: every column is placed."""
    disclosure = read(shared / "corpus" / "shanghai-final-accounts-template-2024.pdf")

    table = disclosure.tables[TableKind.THREE_PUBLIC]
    assert [c.key for c in table.columns] == [
        f"{side}_{part}"
        for side in ("budget", "actual")
        for part in (
            "total",
            "abroad",
            "vehicle",
            "vehicle_purchase",
            "vehicle_operation",
            "reception",
        )
    ]
    assert not [p for p in disclosure.problems if p.location.table == table.kind.label]
