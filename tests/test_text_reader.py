"""The extracted-text reader and the layout assembler, on the seed and on small fixtures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from govbudget import Disclosure, Family, FormatError, Severity, TableKind, Unit, check, read
from govbudget.readers.layout import assemble, compact, kind_of
from govbudget.readers.printed import PrintedDocument, PrintedRow, PrintedTable
from govbudget.readers.text import MAX_CHARACTERS, read_text

SEED = "seeds/000_424111e6d4059655.txt"


@pytest.fixture
def seed_text(shared: Path) -> Disclosure:
    """The seed disclosure read from its extracted text."""
    return read(shared / SEED)


def figure(d: Disclosure, kind: TableKind, row: str, column: str) -> str:
    """The printed figure at (row, column) of a table of *d*."""
    table = d.tables[kind]
    found = table.row(row)
    assert found is not None, f"{kind.label} has no row {row}"
    return found.cells[column].printed()


# Expectations read off the published document, table by table.
SEED_FIGURES = [
    (TableKind.INCOME_EXPENDITURE_SUMMARY, "general_budget_income", "amount", "876.17"),
    (TableKind.INCOME_EXPENDITURE_SUMMARY, "201", "amount", "836.91"),
    (TableKind.INCOME_EXPENDITURE_SUMMARY, "221", "amount", "39.26"),
    (TableKind.INCOME_EXPENDITURE_SUMMARY, "202", "amount", ""),
    (TableKind.INCOME_EXPENDITURE_SUMMARY, "expenditure_grand_total", "amount", "876.17"),
    (TableKind.INCOME, "total", "appropriation", "876.17"),
    (TableKind.INCOME, "2010104", "total", "24.2"),
    (TableKind.INCOME, "2010107", "appropriation", "56.25"),
    (TableKind.INCOME, "2010107", "other", ""),
    (TableKind.EXPENDITURE, "2010106", "basic", "92.84"),
    (TableKind.EXPENDITURE, "2210201", "project", ""),
    (TableKind.APPROPRIATION_SUMMARY, "general_budget_income", "amount", "876.17"),
    (TableKind.APPROPRIATION_SUMMARY, "201", "general_budget", "836.91"),
    (TableKind.APPROPRIATION_SUMMARY, "expenditure_total", "total", "876.17"),
    (TableKind.APPROPRIATION_SUMMARY, "opening_general_budget", "amount", ""),
    (TableKind.GENERAL_BUDGET_EXPENDITURE, "total", "basic", "876.17"),
    (TableKind.GENERAL_BUDGET_EXPENDITURE, "2010101", "total", "657.19"),
    (TableKind.GENERAL_BUDGET_BASIC_EXPENDITURE, "301", "amount", "547.16"),
    (TableKind.GENERAL_BUDGET_BASIC_EXPENDITURE, "30217", "amount", "1.98"),
    (TableKind.GENERAL_BUDGET_BASIC_EXPENDITURE, "31002", "amount", "3.27"),
    (TableKind.GENERAL_BUDGET_BASIC_EXPENDITURE, "30227", "amount", "9.5"),
    (TableKind.GENERAL_BUDGET_BASIC_EXPENDITURE, "39999", "amount", ""),
    (TableKind.GENERAL_BUDGET_BASIC_EXPENDITURE, "personnel_total", "amount", "600.88"),
    (TableKind.GENERAL_BUDGET_BASIC_EXPENDITURE, "public_total", "amount", "275.29"),
    (TableKind.THREE_PUBLIC, "three_public", "budget_total", "2.01"),
    (TableKind.THREE_PUBLIC, "three_public", "budget_reception", "2.01"),
    (TableKind.THREE_PUBLIC, "three_public", "actual_total", "1.98"),
    (TableKind.THREE_PUBLIC, "three_public", "actual_vehicle", ""),
]


@pytest.mark.parametrize(("kind", "row", "column", "printed"), SEED_FIGURES)
def test_seed_text_figures(
    seed_text: Disclosure, kind: TableKind, row: str, column: str, printed: str
) -> None:
    """Figures read off the published seed land in their cells."""
    assert figure(seed_text, kind, row, column) == printed


def test_seed_text_is_the_published_disclosure(seed_text: Disclosure, seed: Disclosure) -> None:
    """Cell by cell, the text reads into the disclosure the example builds from the figures."""
    assert seed_text.department == "株洲市渌口区人大常委会"
    assert seed_text.year == 2020
    assert seed_text.unit is Unit.WAN
    assert not seed_text.problems
    assert not seed_text.template
    assert set(seed_text.tables) == set(TableKind.of_family(Family.FINAL))
    compared = 0
    for kind, expected in seed.tables.items():
        table = seed_text.tables[kind]
        assert sorted(r.key for r in table.rows) == sorted(r.key for r in expected.rows), kind
        for row in expected.rows:
            got = table.row(row.key)
            assert got is not None
            for column, amount in row.cells.items():
                cell = got.cells.get(column)
                assert (cell.printed() if cell else "") == amount.printed(), (kind, row.key)
                compared += 1
    assert compared > 300
    assert seed_text.tables[TableKind.GOV_FUND].no_data
    assert seed_text.tables[TableKind.STATE_CAPITAL].no_data
    assert seed_text.tables[TableKind.INCOME].row("2010107") is not None
    assert seed_text.tables[TableKind.INCOME].rows[7].label == "人大代表履职能力提升"


def test_seed_text_notes_narrative_and_check(seed_text: Disclosure) -> None:
    """Notes stay with their tables, the narrative keeps its sentences, checks agree."""
    assert "尾数误差" in seed_text.tables[TableKind.INCOME_EXPENDITURE_SUMMARY].note
    assert "故本表无数据" in seed_text.tables[TableKind.GOV_FUND].note
    assert "2020年度收、支总计均为876.17万元" in seed_text.narrative
    assert "核定编制数 24 个" in seed_text.narrative
    assert "行政运行\t657.19" not in seed_text.narrative  # table rows stay in tables
    report = check(seed_text)
    assert report.checked == 209
    # The tables hold together (the narrative's own slips are judged in test_narrative.py,
    # the document review's finds in test_document_review.py).
    tables = [f.rule for f in report.findings if not f.rule.startswith(("narrative.", "document."))]
    assert tables == ["sum.blank-parent"]


HEADER = "2021年度\n某某县示范局\n部门决算\n\n"


def income_table(*rows: str, unit: str = "万元") -> str:
    """A 公开02表 in extracted-text layout with the given body rows."""
    lines = [
        "收入决算表",
        "公开 02 表",
        f"部门：某某县示范局\t单位：{unit}",
        "项目\t\t本年收入合计\t财政拨款收入\t其他收入",
        "功能分类科目编码\t科目名称\t\t\t",
        "栏次\t\t1\t2\t3",
        *rows,
        "注：本表为测试所写。",
        "",
    ]
    return "\n".join(lines)


def test_a_bad_figure_is_a_problem_naming_its_cell_and_the_rest_is_read() -> None:
    """A cell that is not a figure names file, table, row and column; nothing else is lost."""
    text = HEADER + income_table(
        "合计\t\t100.00\t100.00\t",
        "201\t一般公共服务支出\t100.00\t1OO.00\t",
        "20101\t人大事务\t100.00\t100.00\t",
    )
    disclosure = assemble(read_text(text, source="bad.txt"))
    [problem] = disclosure.problems
    assert problem.text == "1OO.00"
    assert problem.location.file == "bad.txt"
    assert problem.location.table == TableKind.INCOME.label
    assert problem.location.row == "201"
    assert problem.location.column == "财政拨款收入"
    table = disclosure.tables[TableKind.INCOME]
    assert [r.key for r in table.rows] == ["total", "201", "20101"]
    assert table.amount("201", "total") is not None
    assert "appropriation" not in table.rows[1].cells
    findings = check(disclosure).findings
    assert any(f.rule == "read.problem" and f.severity is Severity.ERROR for f in findings)


def test_unknown_rows_tables_and_columns_are_problems() -> None:
    """What cannot be placed is a problem; the rest is read."""
    text = (
        HEADER
        + income_table("合计\t\t5\t5\t", "某个说不清的行\t\t5\t5\t")
        + "\n某某自定义决算表\n项目\t金额\n甲\t1.00\n"
    )
    disclosure = assemble(read_text(text, source="odd.txt"))
    messages = sorted(p.message for p in disclosure.problems)
    assert messages == ["a row govbudget cannot place", "a table govbudget does not know"]
    assert disclosure.tables[TableKind.INCOME].row("total") is not None


def test_space_separated_layout_and_yuan_unit() -> None:
    """Output of pdftotext -layout (runs of spaces) and a table in 元."""
    lines = income_table("合计    100    100", "201    一般公共服务支出    100    100", unit="元")
    spaced = HEADER + lines.replace("\t\t", "    ").replace("\t", "    ")
    disclosure = assemble(read_text(spaced, source="layout.txt"))
    table = disclosure.tables[TableKind.INCOME]
    assert table.unit is Unit.YUAN
    row = table.row("201")
    assert row is not None
    assert row.cells["appropriation"].value == Decimal(100)
    assert row.label == "一般公共服务支出"


def test_split_code_cells_and_wrapped_headers() -> None:
    """Codes printed in 类/款/项 cells are joined; merged headers find columns."""
    printed = PrintedTable(
        "一般公共预算财政拨款支出决算表",
        [
            PrintedRow(["项目", "", "", "", "本年支出", "", ""]),
            PrintedRow(
                ["支出功能分类科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"]
            ),
            PrintedRow(["类", "款", "项", "", "", "", ""]),
            PrintedRow(["", "", "", "合计", "10.00", "4.00", "6.00"]),
            PrintedRow(["201", "", "", "一般公共服务支出", "10.00", "4.00", "6.00"]),
            PrintedRow(["201", "06", "", "财政事务", "10.00", "4.00", "6.00"]),
            PrintedRow(["201", "06", "01", "行政运行", "4.00", "4.00", ""]),
            PrintedRow(["201", "06", "02", "一般行政管理事务", "6.00", "", "6.00"]),
        ],
        unit="万元",
    )
    document = PrintedDocument("split.pdf", [printed], year=2024, department="某局")
    disclosure = assemble(document)
    assert not disclosure.problems
    table = disclosure.tables[TableKind.GENERAL_BUDGET_EXPENDITURE]
    assert [r.key for r in table.rows] == ["total", "201", "20106", "2010601", "2010602"]
    assert table.column_keys == ("total", "basic", "project")
    assert not [f for f in check(disclosure).findings if f.severity is Severity.ERROR]


def test_gb18030_text_is_read(tmp_path: Path) -> None:
    """Text saved as GB 18030 is decoded."""
    path = tmp_path / "gbk.txt"
    path.write_bytes((HEADER + income_table("合计\t\t1.00\t1.00\t")).encode("gb18030"))
    disclosure = read(path)
    assert disclosure.department == "某某县示范局"
    assert disclosure.year == 2021


def test_text_that_is_not_a_disclosure(tmp_path: Path) -> None:
    """Text with no table and no year is refused, naming the file."""
    path = tmp_path / "poem.txt"
    path.write_text("床前明月光\n疑是地上霜\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"not a disclosure.*poem\.txt"):
        read(path)


def test_oversized_text_fails_fast() -> None:
    """Text over the bound is refused before it is read."""
    with pytest.raises(FormatError, match="characters"):
        read_text("x" * (MAX_CHARACTERS + 1), source="big.txt")


def test_a_template_has_placeholders_and_no_figures() -> None:
    """Placeholders are not figures; the report says it is a template."""
    text = HEADER + income_table("合计\t\tXX\tXX\t", "201\t一般公共服务支出\tXX.XX\tXX\t")
    disclosure = assemble(read_text(text, source="template.txt"))
    assert disclosure.template
    assert not disclosure.problems
    table = disclosure.tables[TableKind.INCOME]
    assert all(cell.blank for row in table.rows for cell in row.cells.values())
    rules = [f.rule for f in check(disclosure).findings]
    assert "read.template" in rules


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("收入支出决算总表", TableKind.INCOME_EXPENDITURE_SUMMARY),
        ("财政拨款 三公 经费支出决算表", TableKind.THREE_PUBLIC),
        ("一般公共预算财政拨款“三公”经费支出决算表", TableKind.THREE_PUBLIC),
        ("国有资本经营预算财政拨款收入支出决算表", TableKind.STATE_CAPITAL),
        ("六、一般公共预算财政拨款基本支出决算表", TableKind.GENERAL_BUDGET_BASIC_EXPENDITURE),
        ("收入支出决算总体情况说明", None),
    ],
)
def test_titles(title: str, kind: TableKind | None) -> None:
    """Titles are recognised whatever their spacing, quotes and numbering."""
    assert kind_of(title) is kind


def test_compact() -> None:
    """Wrapped cells compare equal to their unwrapped text."""
    assert compact("人大代表履职能力提 升") == "人大代表履职能力提升"
