"""Budgets (部门预算 / 单位预算) read into typed tables: the real documents, then each rule.

The real documents are in ``../shared/corpus/budgets/``; each is read once, and the
figures asserted here were read off the rendered pages (pdfplumber page text), not off
the reader's own output. The rules the documents needed are then shown one by one on
small grids built in code, so they hold without the PDFs.
"""

import functools
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from govbudget import Disclosure, Family, TableKind, check
from govbudget.cli import main
from govbudget.disclosure import Problem
from govbudget.readers import heading, read, read_many
from govbudget.readers.layout import assemble
from govbudget.readers.pdf import _peel, _widen
from govbudget.readers.printed import PrintedDocument, PrintedRow, PrintedTable

K = TableKind
BUDGETS = "corpus/budgets"

SHANGHAI = frozenset(
    {
        K.BUDGET_SUMMARY,
        K.BUDGET_INCOME,
        K.BUDGET_EXPENDITURE,
        K.BUDGET_APPROPRIATION_SUMMARY,
        K.BUDGET_GENERAL_EXPENDITURE,
        K.BUDGET_GOV_FUND,
        K.BUDGET_STATE_CAPITAL,
        K.BUDGET_GENERAL_BASIC,
        K.BUDGET_THREE_PUBLIC,
    }
)
JIANGSU = frozenset(set(TableKind.of_family(Family.BUDGET)) - {K.BUDGET_STATE_CAPITAL})

#: file, year, department, kinds, and cells (kind, row, column, printed figure).
DOCUMENTS = [
    (
        "shanghai-putuo-finance-bureau-2025-budget.pdf",
        2025,
        "上海市普陀区财政局",
        SHANGHAI,
        [
            (K.BUDGET_SUMMARY, "appropriation", "amount", "31214205.80"),
            (K.BUDGET_INCOME, "2010601", "total", "16231840.80"),
            (K.BUDGET_GENERAL_BASIC, "30217", "public", "9500.00"),
            (K.BUDGET_THREE_PUBLIC, "three_public", "reception", "0.95"),
            (K.BUDGET_THREE_PUBLIC, "three_public", "operating_costs", "229.43"),
        ],
    ),
    (
        "shanghai-putuo-wanli-subdistrict-2024-budget.pdf",
        2024,
        "上海市普陀区人民政府万里街道办事处",
        SHANGHAI,
        [
            (K.BUDGET_GENERAL_BASIC, "30102", "total", "16623810"),
            (K.BUDGET_GENERAL_BASIC, "30107", "personnel", "11447100"),
            (K.BUDGET_INCOME, "total", "total", "156211123"),
            (K.BUDGET_THREE_PUBLIC, "three_public", "vehicle_purchase", "25"),
            (K.BUDGET_THREE_PUBLIC, "three_public", "operating_costs", "443.18"),
        ],
    ),
    (
        "shanghai-putuo-welfare-home-2024-unit-budget.pdf",
        2024,
        "上海市普陀区社会福利院",
        SHANGHAI,
        [
            (K.BUDGET_SUMMARY, "208", "personnel", "6540674"),
            (K.BUDGET_SUMMARY, "208", "project", "2620000"),
            (K.BUDGET_EXPENDITURE, "2101102", "total", "503724"),
            (K.BUDGET_APPROPRIATION_SUMMARY, "income_total", "amount", "9501164"),
            (K.BUDGET_GENERAL_BASIC, "30101", "total", "758448"),
        ],
    ),
    (
        "jiangsu-npc-office-2018-budget.pdf",
        2018,
        "江苏省人大常委会办公厅",
        JIANGSU,
        [
            (K.BUDGET_SUMMARY, "201", "amount", "12706.28"),
            (K.BUDGET_SUMMARY, "use_reserve", "amount", "1685.72"),
            (K.BUDGET_INCOME, "general_budget_appropriation", "total", "15897.44"),
            (K.BUDGET_EXPENDITURE, "total", "reserve", "1685.72"),
            (K.BUDGET_THREE_PUBLIC, "three_public", "vehicle", "183.60"),
            (K.BUDGET_THREE_PUBLIC, "three_public", "meeting", "1305.25"),
            (K.BUDGET_APPROPRIATION_EXPENDITURE, "2080505", "total", "580.01"),
            (K.BUDGET_PROCUREMENT, "services", "total", "2005.25"),
        ],
    ),
    (
        "jiangsu-cppcc-office-2018-budget-tables.pdf",
        2018,
        "江苏省政协办公厅",
        JIANGSU,
        [
            (K.BUDGET_SUMMARY, "use_reserve", "amount", "1157.63"),
            (K.BUDGET_SUMMARY, "other_funds", "amount", "80.00"),
            (K.BUDGET_INCOME, "other_funds_other", "total", "80.00"),
            (K.BUDGET_INCOME, "other_funds_subtotal", "total", "80.00"),
            (K.BUDGET_THREE_PUBLIC, "three_public", "three_public", "675.10"),
        ],
    ),
    (
        "jiangsu-high-court-2017-budget.pdf",
        2017,
        "江苏省高级人民法院",
        JIANGSU,
        [
            (K.BUDGET_EXPENDITURE, "total", "basic", "17123.19"),
            (K.BUDGET_INCOME, "general_budget_subtotal", "total", "28849.38"),
            (K.BUDGET_GENERAL_EXPENDITURE, "2040501", "total", "11786.92"),
            (K.BUDGET_GENERAL_BASIC, "30206", "total", "235.00"),
            (K.BUDGET_OPERATING_COSTS, "31002", "total", "143.40"),
        ],
    ),
]


#: Codes misprinted in the documents, read one way only and reported (read.repaired).
REPAIRED = {
    "shanghai-putuo-welfare-home-2024-unit-budget.pdf": ["7 11 02", "7 11 02"],
    "shanghai-putuo-wanli-subdistrict-2024-budget.pdf": ["301 2", "301 7"],
}


@functools.cache
def _read(path: Path) -> Disclosure:
    return read(path)


@pytest.mark.parametrize("expected", DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_real_budget_reads_whole(
    shared: Path,
    expected: tuple[str, int, str, frozenset[TableKind], list[tuple[TableKind, str, str, str]]],
) -> None:
    """Every table typed, family, year and department right, nothing left unread."""
    name, year, department, kinds, cells = expected
    disclosure = _read(shared / BUDGETS / name)

    assert [p for p in disclosure.problems if not p.repaired] == []
    assert [p.text for p in disclosure.problems if p.repaired] == REPAIRED.get(name, [])
    assert disclosure.family is Family.BUDGET
    assert (disclosure.year, disclosure.department) == (year, department)
    assert set(disclosure.tables) == kinds
    assert not disclosure.template
    for kind, row, column, printed in cells:
        found = disclosure.tables[kind].row(row)
        assert found is not None, (kind, row)
        assert found.cells[column].value == Decimal(printed), (kind, row, column)


def test_narrative_file_alone_is_a_disclosure_without_tables(shared: Path) -> None:
    """The CPPCC narrative file: year and department from its own words, no table."""
    disclosure = read(shared / BUDGETS / "jiangsu-cppcc-office-2018-budget-narrative.pdf")

    assert (disclosure.year, disclosure.department) == (2018, "江苏省政协办公厅")
    assert disclosure.family is Family.BUDGET
    assert disclosure.tables == {}


def test_two_files_read_as_one_disclosure(shared: Path) -> None:
    """Tables from one file and narrative from the other make one disclosure."""
    folder = shared / BUDGETS
    disclosure = read_many(
        [
            folder / "jiangsu-cppcc-office-2018-budget-tables.pdf",
            folder / "jiangsu-cppcc-office-2018-budget-narrative.pdf",
        ]
    )

    assert disclosure.problems == ()
    assert set(disclosure.tables) == JIANGSU
    assert (disclosure.year, disclosure.department) == (2018, "江苏省政协办公厅")
    assert "10,150.48万元" in disclosure.narrative


@pytest.mark.parametrize(
    ("name", "department"),
    [
        ("shanghai-putuo-budget-template-2026-department.xlsx", "上海市普陀区XX局"),
        ("shanghai-putuo-budget-template-2026-unit.xls", "上海市普陀区XX单位"),
    ],
)
def test_workbook_templates_read_as_templates(shared: Path, name: str, department: str) -> None:
    """The official 2026 templates: nine typed tables, placeholders, no figure, no problem."""
    disclosure = read(shared / BUDGETS / name)

    assert disclosure.template
    assert disclosure.problems == ()
    assert (disclosure.year, disclosure.department) == (2026, department)
    assert disclosure.family is Family.BUDGET
    assert set(disclosure.tables) == SHANGHAI
    figures = [
        cell
        for table in disclosure.tables.values()
        for row in table.rows
        for cell in row.cells.values()
        if not cell.blank
    ]
    assert figures == []


# --- the heading module --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit"),
    [("单位：万元", "万元"), ("金额单位：元", "元"), ("单位:千元", "千元"), ("单位：亿元", "亿元")],
)
def test_every_unit_is_read(text: str, unit: str) -> None:
    """元, 千元, 万元 and 亿元, with either colon."""
    assert heading.unit_in(text) == unit


@pytest.mark.parametrize(
    ("text", "department"),
    [
        ("编制部门：上海市普陀区财政局 单位：元", "上海市普陀区财政局"),
        ("编制单位：上海市普陀区社会福利院", "上海市普陀区社会福利院"),
        ("部门名称：江苏省人大常委会办公厅 单位：万元", "江苏省人大常委会办公厅"),
        ("预算主管部门：上海市普陀区人民政府万里街道办事处", "上海市普陀区人民政府万里街道办事处"),
        ("预算单位：某某院", "某某院"),
        ("部门：某某局\t单位：万元", "某某局"),
    ],
)
def test_every_department_label_is_read(text: str, department: str) -> None:
    """编制部门, 编制单位, 部门名称, 预算主管部门, 预算单位 and 部门 lines."""
    assert heading.department_in(text) == department


def test_a_department_wrapped_under_its_label_is_joined() -> None:
    """部门名称：江苏省人大 / 单位:万元 / 常委会办公厅: the name's end is on a line below."""
    found = heading.heading(
        ["公开01表", "收支预算总表", "部门名称：江苏省人大", "单位:万元", "常委会办公厅"]
    )

    assert found == heading.Heading(0, "收支预算总表", "公开01表", "万元", "江苏省人大常委会办公厅")


def test_a_line_under_a_complete_department_line_is_not_its_name() -> None:
    """Only a label left without its unit may wrap; text under a full line is not a name."""
    assert heading.heading(["收入决算表", "部门：某局 单位：万元", "本表反映收入情况"]) is None


def test_titles_with_a_bracketed_note_and_long_old_titles() -> None:
    """…预算表（功能科目） is a title; so is a 44-character title naming a known kind."""
    long_title = (
        "十一、2017年江苏省高级人民法院部门一般公共预算“三公”经费、会议费、培训费支出预算表"
    )

    assert heading.is_title("财政拨款支出预算表（功能科目）")
    assert heading.is_title(long_title)
    assert not heading.is_title("公开 05表")
    assert not heading.is_title("本表反映部门预算收支情况。")


def test_the_one_template_rule() -> None:
    """A placeholder department, or placeholders in three places; one stray XX is not."""
    assert heading.is_template("上海市XX局", [])
    assert heading.is_template(None, ["XX万元", "增长XX%", "XX"])
    assert not heading.is_template("某局", ["型号XX"])


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("上海市普陀区2025年区级部门预算", Family.BUDGET),
        ("2024年度 某某局 部门决算", Family.FINAL),
        ("某某局单位预算", Family.BUDGET),
        ("目录", None),
    ],
)
def test_family_from_the_documents_own_words(text: str, family: Family | None) -> None:
    """预算 or 决算 on the cover decides; nothing when neither is printed."""
    assert heading.family_in(text) is family


def test_cover_department_prefers_a_labelled_line() -> None:
    """A cover's 预算主管部门 line wins over the words before 部门预算."""
    cover = "上海市普陀区2025年区级部门预算 预算主管部门：上海市普陀区财政局"

    assert heading.cover_department(cover) == "上海市普陀区财政局"
    assert heading.cover_department("2020年度 株洲市渌口区人大常委会 部门决算") == (
        "株洲市渌口区人大常委会"
    )


# --- layout rules on grids built in code ---------------------------------------------


def _document(*tables: PrintedTable, year: int | None = 2024) -> PrintedDocument:
    return PrintedDocument("grid.pdf", tables, year=year, department="某局")


def _rows(*rows: tuple[str, ...]) -> list[PrintedRow]:
    return [PrintedRow(row) for row in rows]


def _cells(disclosure: Disclosure, kind: TableKind) -> dict[str, dict[str, str]]:
    table = disclosure.tables[kind]
    return {
        row.key: {k: a.printed() for k, a in row.cells.items() if not a.blank} for row in table.rows
    }


def test_shanghai_name_headers_and_split_codes() -> None:
    """功能分类科目名称 is the name column; 301 | 2 is 30102 (a lost leading zero)."""
    printed = PrintedTable(
        "2024年部门一般公共预算基本支出部门预算经济分类预算表",
        _rows(
            ("项目", "", "", "一般公共预算基本支出", "", ""),
            ("部门预算经济分类科目编码", "", "经济分类科目名称", "合计", "人员经费", "公用经费"),
            ("类", "款", "", "", "", ""),
            ("301", "", "工资福利支出", "30", "30", "0"),
            ("301", "01", "基本工资", "10", "10", "0"),
            ("301", "2", "津贴补贴", "20", "20", "0"),
            ("合计", "", "", "30", "30", "0"),
        ),
        unit="元",
    )
    disclosure = assemble(_document(printed))

    assert [(p.text, p.repaired) for p in disclosure.problems] == [("301 2", True)]
    assert _cells(disclosure, K.BUDGET_GENERAL_BASIC)["30102"] == {
        "total": "20",
        "personnel": "20",
        "public": "0",
    }


def test_a_misprinted_category_takes_the_category_of_its_section_row() -> None:
    """7 | 11 | 02 printed under 210 | 11 is read as 2101102, and the misprint reported."""
    printed = PrintedTable(
        "2024年预算单位支出预算总表",
        _rows(
            ("功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"),
            ("类", "款", "项", "", "", "", ""),
            ("210", "", "", "卫生健康支出", "5", "5", ""),
            ("210", "11", "", "行政事业单位医疗", "5", "5", ""),
            ("7", "11", "02", "事业单位医疗", "5", "5", ""),
            ("合计", "", "", "", "5", "5", ""),
        ),
        unit="元",
    )
    disclosure = assemble(_document(printed))

    assert [(p.text, p.repaired) for p in disclosure.problems] == [("7 11 02", True)]
    assert "read as 2101102" in disclosure.problems[0].message
    assert [r.key for r in disclosure.tables[K.BUDGET_EXPENDITURE].rows] == [
        "210",
        "21011",
        "2101102",
        "total",
    ]


def test_a_year_before_a_header_is_ignored() -> None:
    """2024年机关运行经费预算数 is the 机关运行经费 column."""
    printed = PrintedTable(
        "部门“三公”经费和机关运行经费预算表",
        _rows(
            ("2024年“三公”经费预算数", "", "", "", "", "", "2024年机关运行经费预算数"),
            ("合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "", "", ""),
            ("", "", "", "小计", "购置费", "运行费", ""),
            ("3", "1", "1", "1", "0", "1", "9"),
        ),
        unit="万元",
    )
    disclosure = assemble(_document(printed))

    assert disclosure.problems == ()
    assert _cells(disclosure, K.BUDGET_THREE_PUBLIC)["three_public"]["operating_costs"] == "9"


def test_three_deep_headers_and_wrapped_header_words() -> None:
    """“三公”经费 / 公务用车… / 小计 is the vehicle subtotal; 因公出国 / （境）费 joins."""
    printed = PrintedTable(
        "“三公”经费、会议费、培训费支出预算表",
        _rows(
            ("合计", "“三公”经费", "", "", "", "", "", "会议费", "培训费"),
            ("", "小计", "因公出国", "公务用车购置及运行维护费", "", "", "公务接待费", "", ""),
            ("", "", "（境）费", "小计", "公务用车购置费", "公务用车运行维护费", "", "", ""),
            ("10.00", "6.00", "1.00", "3.00", "1.00", "2.00", "2.00", "3.00", "1.00"),
        ),
        unit="万元",
    )
    disclosure = assemble(_document(printed))

    assert disclosure.problems == ()
    assert _cells(disclosure, K.BUDGET_THREE_PUBLIC)["three_public"] == {
        "total": "10.00",
        "three_public": "6.00",
        "abroad": "1.00",
        "vehicle": "3.00",
        "vehicle_purchase": "1.00",
        "vehicle_operation": "2.00",
        "reception": "2.00",
        "meeting": "3.00",
        "training": "1.00",
    }


def test_three_blocks_of_a_jiangsu_summary() -> None:
    """Income lines, expenditure by 类 named in words, expenditure by use, side by side."""
    printed = PrintedTable(
        "收支预算总表",
        _rows(
            ("收入", "", "支出", "", "", ""),
            ("项目名称", "金额", "功能分类", "", "支出用途", ""),
            ("", "", "功能科目名称", "金额", "项目名称", "金额"),
            ("一、财政拨款", "10.00", "一、一般公共服务支出", "7.00", "一、基本支出", "6.00"),
            (
                "1. 一般公共预算",
                "10.00",
                "九、医疗卫生与计划生育支出",
                "3.00",
                "二、项目支出",
                "3.00",
            ),
            ("二、财政专户管理资金", "", "", "", "三、单位预留机动经费", "1.00"),
            ("当年收入小计", "10.00", "当年支出小计", "", "", "10.00"),
            ("收入合计", "10.00", "支出合计", "", "", "10.00"),
        ),
        unit="万元",
    )
    disclosure = assemble(_document(printed))

    assert disclosure.problems == ()
    cells = _cells(disclosure, K.BUDGET_SUMMARY)
    assert cells["210"] == {"amount": "3.00"}
    assert cells["use_reserve"] == {"amount": "1.00"}
    assert cells["expenditure_total"] == {"amount": "10.00"}


@pytest.mark.parametrize(
    "rows",
    [
        (  # the group label at the top of its merged cell
            ("收入总计", "", "9.00"),
            ("一般公共预算资金", "小计", "8.00"),
            ("", "公共财政拨款（补助）资金", "8.00"),
            ("", "专项收入", ""),
            ("其他资金", "小计", "1.00"),
            ("", "事业收入", ""),
            ("", "其他收入", "1.00"),
        ),
        (  # the group label centred in its merged cell
            ("收入总计", "", "9.00"),
            ("", "小计", "8.00"),
            ("一般公共预算资金", "公共财政拨款（补助）资金", "8.00"),
            ("", "专项收入", ""),
            ("", "小计", "1.00"),
            ("其他资金", "事业收入", ""),
            ("", "其他收入", "1.00"),
        ),
    ],
)
def test_lines_under_a_group_label_are_found_by_group(rows: tuple[tuple[str, ...], ...]) -> None:
    """Jiangsu 02: 小计 and 其他收入 are keyed by the group they are printed under."""
    printed = PrintedTable("收入预算总表", _rows(("项目名称", "", "金额"), *rows), unit="万元")
    disclosure = assemble(_document(printed))

    assert disclosure.problems == ()
    assert _cells(disclosure, K.BUDGET_INCOME) == {
        "income_total": {"total": "9.00"},
        "general_budget_subtotal": {"total": "8.00"},
        "general_budget_appropriation": {"total": "8.00"},
        "general_budget_special": {},
        "other_funds_subtotal": {"total": "1.00"},
        "other_funds_business": {},
        "other_funds_other": {"total": "1.00"},
    }


def test_one_unlabelled_row_is_the_total_line() -> None:
    """Jiangsu 03 prints one row of figures under its headers: line ``total``."""
    printed = PrintedTable(
        "支出预算总表",
        _rows(
            ("合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金"),
            ("10.00", "6.00", "3.00", "1.00", ""),
        ),
        unit="万元",
    )
    disclosure = assemble(_document(printed))

    assert disclosure.problems == ()
    assert _cells(disclosure, K.BUDGET_EXPENDITURE) == {
        "total": {"total": "10.00", "basic": "6.00", "project": "3.00", "reserve": "1.00"}
    }


def test_procurement_text_columns_are_labels() -> None:
    """采购品目大类, 专项名称, 采购物品名称, 采购组织形式 label the rows; items are kept."""
    printed = PrintedTable(
        "政府采购支出预算表",
        _rows(
            ("采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式", "总计"),
            ("合计", "", "", "", "", "8.00"),
            ("一、货物A", "", "", "", "", "8.00"),
            ("", "办公设备购置费", "办公设备购置", "", "", "8.00"),
            ("", "", "", "台式计算机", "分散自行组织", "8.00"),
        ),
        unit="万元",
    )
    disclosure = assemble(_document(printed))

    assert disclosure.problems == ()
    table = disclosure.tables[K.BUDGET_PROCUREMENT]
    assert [(r.key, r.label) for r in table.rows] == [  # a group heads the items under it
        ("total", "合计"),
        ("goods", "一、货物A"),
        ("group1", "办公设备购置费 / 办公设备购置"),
        ("item2", "台式计算机 / 分散自行组织"),
    ]


def test_a_unit_summary_splits_its_expenditure_side() -> None:
    """预算数 › 合计 is the amount; 人员经费, 公用经费, 项目支出 have their own columns."""
    printed = PrintedTable(
        "2024年预算单位财务收支预算总表",
        _rows(
            ("本年收入", "", "本年支出", "", "", "", ""),
            ("项目", "预算数", "项目", "预算数", "", "", ""),
            ("", "", "", "合计", "基本支出", "", "项目支出"),
            ("", "", "", "", "人员经费", "公用经费", ""),
            ("一、财政拨款收入", "9", "一、社会保障和就业支出", "9", "5", "3", "1"),
            ("收入总计", "9", "支出总计", "9", "5", "3", "1"),
        ),
        unit="元",
    )
    disclosure = assemble(_document(printed))

    assert disclosure.problems == ()
    cells = _cells(disclosure, K.BUDGET_SUMMARY)
    assert cells["208"] == {"amount": "9", "personnel": "5", "public": "3", "project": "1"}
    assert cells["income_total"] == {"amount": "9"}


def test_tables_without_a_year_are_a_disclosure_with_a_problem() -> None:
    """No year printed: a problem naming --year, not an error; a given year fills it."""
    printed = PrintedTable(
        "支出预算总表", _rows(("合计", "基本支出"), ("1.00", "1.00")), unit="万元"
    )
    unsure = assemble(_document(printed, year=None))
    given = assemble(_document(printed, year=None), year=2018)
    conflicting = assemble(_document(printed, year=2018), year=2019)

    assert unsure.year == 0
    assert [p.message for p in unsure.problems] == [
        "the year is not printed in the document (no title, heading or cover states it); "
        "it is read as 0 — give it with --year"
    ]
    assert (given.year, given.problems) == (2018, ())
    assert conflicting.year == 2018
    assert len(conflicting.problems) == 1
    assert "2019" in conflicting.problems[0].message


# --- PDF helpers ----------------------------------------------------------------------


def test_a_heading_drawn_inside_the_frame_is_peeled() -> None:
    """Title and 部门/单位 rows at the top of a grid (empty rows between) are the heading."""
    grid = [
        (["", "", ""], 0.0),
        (["2024年预算单位财政拨款收支预算总表", "", ""], 1.0),
        (["编制单位：某院", "", "单位：元"], 2.0),
        (["项目", "预算数", ""], 3.0),
    ]

    assert _peel(grid) == 3


def test_a_lone_total_row_is_widened_to_its_table() -> None:
    """合计 alone on a page: padded after its label so its figures stay in their columns."""
    rows = [PrintedRow(("合计", "9", "9", "0"))]

    widened = _widen(rows, 6)

    assert widened is not None
    assert widened[0].cells == ("合计", "", "", "9", "9", "0")
    assert _widen([PrintedRow(("公开 03表", "说明"))], 6) is None


# --- several files, and the command line ----------------------------------------------

TABLES_TEXT = "收入预算总表\n部门：某某县示范局\t单位：万元\n项目名称\t\t金额\n收入总计\t\t9.00\n"
NARRATIVE_TEXT = "2021年度\n某某县示范局\n部门预算\n\n目录\n一、收入预算总计9.00万元。\n"


def test_read_many_joins_tables_and_narrative(tmp_path: Path) -> None:
    """The tables file has no year; the narrative file gives it."""
    tables = tmp_path / "tables.txt"
    narrative = tmp_path / "narrative.txt"
    tables.write_text(TABLES_TEXT, encoding="utf-8")
    narrative.write_text(NARRATIVE_TEXT, encoding="utf-8")

    disclosure = read_many([tables, narrative])

    assert disclosure.problems == ()
    assert (disclosure.year, disclosure.department) == (2021, "某某县示范局")
    assert disclosure.family is Family.BUDGET
    assert set(disclosure.tables) == {K.BUDGET_INCOME}
    assert "收入预算总计9.00万元" in disclosure.narrative


def test_read_many_records_conflicting_years(tmp_path: Path) -> None:
    """Two files stating different years: a problem, the first year kept."""
    first = tmp_path / "a.txt"
    second = tmp_path / "b.txt"
    first.write_text(NARRATIVE_TEXT + TABLES_TEXT, encoding="utf-8")
    second.write_text(NARRATIVE_TEXT.replace("2021", "2022"), encoding="utf-8")

    disclosure = read_many([first, second])

    assert disclosure.year == 2021
    assert [p.message.split(" (")[0] for p in disclosure.problems] == [
        "the files state different years"
    ]
    assert isinstance(disclosure.problems[0], Problem)


def test_cli_together_and_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``check --together`` reads the files as one; ``--year`` supplies a missing year."""
    tables = tmp_path / "tables.txt"
    narrative = tmp_path / "narrative.txt"
    tables.write_text(TABLES_TEXT, encoding="utf-8")
    narrative.write_text(NARRATIVE_TEXT, encoding="utf-8")

    together = main(["check", "--together", str(tables), str(narrative), "--format", "json"])
    out = capsys.readouterr().out
    alone = main(["check", str(tables), "--year", "2021", "--format", "json"])
    out_alone = capsys.readouterr().out
    folder = main(["check", "--together", str(tmp_path)])
    err = capsys.readouterr().err

    assert together in (0, 1)
    assert '"year": 2021' in out
    assert alone in (0, 1)
    assert '"year": 2021' in out_alone
    assert "read.problem" not in out_alone
    assert folder == 2
    assert err.startswith("govbudget check: error: --together takes")


def test_a_repaired_code_is_a_warning_quoting_the_cell() -> None:
    """read.repaired warns, quoting the cell as printed; read.problem stays silent."""
    printed = PrintedTable(
        "2024年预算单位支出预算总表",
        _rows(
            ("功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"),
            ("类", "款", "项", "", "", "", ""),
            ("210", "", "", "卫生健康支出", "5", "5", ""),
            ("210", "11", "", "行政事业单位医疗", "5", "5", ""),
            ("7", "11", "02", "事业单位医疗", "5", "5", ""),
            ("合计", "", "", "", "5", "5", ""),
        ),
        unit="元",
    )
    report = check(assemble(_document(printed)), rules=["read.*"])

    assert [(f.rule, f.severity.value) for f in report.findings] == [("read.repaired", "warning")]
    assert "7 | 11 | 02" in report.findings[0].message


def _fill(sheet: Any, cells: dict[str, object]) -> None:
    for address, value in cells.items():
        sheet[address] = value


def _clear_rows(sheet: Any, *rows: int) -> None:
    for row in rows:
        for cell in sheet[row]:
            cell.value = None


def test_a_filled_template_reads_as_a_budget(shared: Path, tmp_path: Path) -> None:
    """The 2026 department workbook filled in (own figures): a budget, consistent, no problem.

    教育 1,000.00 (基本 600.00, 项目 400.00) and 文化旅游体育与传媒 500.00 (项目), all
    一般公共预算; basic spending 500.00 on 30101 and 100.00 on 30304; 三公 1.50 万元.
    """
    import openpyxl  # noqa: PLC0415 - only this test writes a workbook

    book = openpyxl.load_workbook(
        shared / BUDGETS / "shanghai-putuo-budget-template-2026-department.xlsx"
    )
    for sheet in book.worksheets:  # the narrative sheets: own words, no placeholder left
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and re.search(r"XX|xx|x,xxx|X家|XXX", cell.value):
                    cell.value = "本部门的情况说明（示例）。"
    book["封面"]["A2"] = "预算主管部门：上海市普陀区示例局"
    coded = {9: (1000, 600, 400), 10: (1000, 600, 400), 11: (1000, 600, 400), 13: (500, 0, 500)}
    for name in ("部门收入总表", "部门支出总表", "部门一般公共预算拨款表"):
        sheet = book[name]
        sheet["A4"] = "编制部门：上海市普陀区示例局"
        _clear_rows(sheet, 12, 15, 16, 17)
        sheet["B14"] = "99"  # 207 99 stays the only 款 of 207
        for at, (total, basic, project) in {**coded, 14: (500, 0, 500)}.items():
            if name == "部门收入总表":
                _fill(sheet, {f"E{at}": total, f"F{at}": total})
            else:
                _fill(sheet, {f"E{at}": total, f"F{at}": basic or None, f"G{at}": project})
        last = 20 if name != "部门一般公共预算拨款表" else 21
        if name == "部门收入总表":
            _fill(sheet, {f"E{last}": 1500, f"F{last}": 1500})
        else:
            _fill(sheet, {f"E{last}": 1500, f"F{last}": 600, f"G{last}": 900})
    summary = book["部门收支总表"]
    _fill(
        summary,
        {
            "A4": "编制部门：上海市普陀区示例局",
            "B8": 1500,
            "B9": 1500,
            "C8": "一、教育支出",
            "D8": 1000,
            "C9": "二、文化旅游体育与传媒支出",
            "D9": 500,
            "C10": None,
            "B21": 1500,
            "D21": 1500,
        },
    )
    appropriation = book["部门财政拨款收支总表"]
    _fill(
        appropriation,
        {
            "A4": "编制部门：上海市普陀区示例局",
            "B8": 1500,
            "C8": "一、教育支出",
            "D8": 1000,
            "E8": 1000,
            "C9": "二、文化旅游体育与传媒支出",
            "D9": 500,
            "E9": 500,
            "C10": None,
            "B21": 1500,
            "D21": 1500,
            "E21": 1500,
        },
    )
    for name in ("部门政府性基金拨款表", "部门国有资本经营预算拨款表 "):
        book[name]["A4"] = "编制部门：上海市普陀区示例局"
        _clear_rows(book[name], 9, 10, 11, 12, 13)
    economic = book["部门一般公共预算拨款基本支出明细表"]
    _clear_rows(economic, 11)
    _fill(
        economic,
        {
            "A4": "编制部门：上海市普陀区示例局",
            **{f"{c}{r}": v for r in (9, 10) for c, v in zip("DEF", (500, 500, 0), strict=True)},
            **{f"{c}{r}": v for r in (12, 13) for c, v in zip("DEF", (100, 100, 0), strict=True)},
            "D21": 600,
            "E21": 600,
            "F21": 0,
        },
    )
    three = book["部门“三公”经费和机关运行费预算表"]
    _fill(three, {"A3": "编制部门：上海市普陀区示例局", "A7": 1.5, "B7": 0.5, "C7": 1, "G7": 20})
    path = tmp_path / "filled.xlsx"
    book.save(path)

    disclosure = read(path)
    report = check(disclosure, skip=["catalogue.*", "narrative.*"])

    assert disclosure.problems == ()
    assert not disclosure.template
    assert disclosure.family is Family.BUDGET
    assert (disclosure.year, disclosure.department) == (2026, "上海市普陀区示例局")
    assert set(disclosure.tables) == SHANGHAI
    general = disclosure.tables[K.BUDGET_GENERAL_EXPENDITURE]
    assert general.amount("2050205", "project") is not None
    assert general.amount("2050205", "project").value == Decimal(400)  # type: ignore[union-attr]
    assert report.errors() == ()
    assert report.checked > 40
