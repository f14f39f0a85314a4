"""Never reinterpret a cell: what does not parse exactly is a read problem, quoted.

A code cell holding a letter where a digit belongs (O for 0, l for 1) is not read as the
digits before the letter; a figure cell that is not a figure is not a figure; an Excel
true/false, date or error cell is not a figure; a number is read as its format prints
it. Each is a problem naming the cell, table and row, and the rest is still read.
Departments and figures are our own.
"""

from __future__ import annotations

import datetime
import json
import types
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govbudget import CodeError, Disclosure, TableKind, check, read
from govbudget.codes import DeptEconomicCode, FunctionCode, letter_problem, parse_code
from govbudget.readers.excel import _text, _xls_value
from govbudget.readers.layout import assemble
from govbudget.readers.text import read_text
from govbudget.serialize import dumps, loads

K = TableKind


@pytest.mark.parametrize(
    ("text", "letter"),
    [
        ("2O10101", "O"),
        ("20101O1", "O"),
        ("2010l01", "l"),
        ("2010101O", "O"),
        ("[2O10101]行政运行", "O"),
        ("201 O1 01", "O"),
        ("2O10101 行政运行", "O"),
        ("3O1O2", "O"),
    ],
)
def test_a_letter_in_a_code_is_a_code_error_naming_it(text: str, letter: str) -> None:
    """Nothing is read from a code cell with a letter in it, and the message says which."""
    with pytest.raises(CodeError, match=f"letter '{letter}' where a digit belongs"):
        parse_code(text)


@pytest.mark.parametrize(
    ("text", "digits", "name"),
    [
        ("2010101 行政运行", "2010101", "行政运行"),
        ("2010101 IT运维", "2010101", "IT运维"),
        ("30217公务接待费", "30217", "公务接待费"),
        ("[２０１０１０１]行政运行", "2010101", "行政运行"),
    ],
)
def test_codes_with_names_still_read(text: str, digits: str, name: str) -> None:
    """A name after the code, even one starting with Latin letters after a space, is a name."""
    code, rest = type(parse_code(text)).parse_with_name(text)
    assert (code.digits, rest) == (digits, name)


def test_split_code_cells_with_a_letter_are_code_errors() -> None:
    """类/款/项 cells: ``201 | O1 | 01`` is not 2010101."""
    with pytest.raises(CodeError, match="letter 'O'"):
        FunctionCode.from_parts("201", "O1", "01")
    with pytest.raises(CodeError, match="letter 'l'"):
        DeptEconomicCode.from_parts("301", "l2")
    assert letter_problem("201") is None


_LOOKALIKES = {"0": "Oo", "1": "lI"}


@given(
    digits=st.sampled_from(["201", "20101", "2010101", "2080505", "301", "30217", "50101"]),
    data=st.data(),
)
def test_no_lookalike_letter_is_ever_read_as_a_code(digits: str, data: st.DataObject) -> None:
    """Swap any 0 or 1 of a valid code for a look-alike letter: the cell never reads."""
    places = [i for i, d in enumerate(digits) if d in _LOOKALIKES]
    if not places:
        return
    at = data.draw(st.sampled_from(places))
    letter = data.draw(st.sampled_from(_LOOKALIKES[digits[at]]))
    text = digits[:at] + letter + digits[at + 1 :]
    suffix = data.draw(st.sampled_from(["", " 行政运行", "行政运行"]))
    with pytest.raises(CodeError):
        parse_code(text + suffix)
    assert letter_problem(text + suffix) is not None


_T = "\t"
_HEAD = ["2023年度", "示范区档案局", "部门决算", ""]
_TITLE = ["一般公共预算财政拨款支出决算表", "公开05表", "单位：万元"]


def _split_code_table(*rows: list[str]) -> str:
    header = [
        _T.join(["科目编码", "", "", "科目名称", "本年支出", "", ""]),
        _T.join(["类", "款", "项", "", "合计", "基本支出", "项目支出"]),
    ]
    return "\n".join([*_HEAD, *_TITLE, *header, *(_T.join(r) for r in rows), ""])


def _one_cell_code_table(*rows: list[str]) -> str:
    header = [
        _T.join(["科目编码", "科目名称", "本年支出", "", ""]),
        _T.join(["", "", "合计", "基本支出", "项目支出"]),
    ]
    return "\n".join([*_HEAD, *_TITLE, *header, *(_T.join(r) for r in rows), ""])


def _read(text: str) -> Disclosure:
    return assemble(read_text(text, source="05.txt"))


def test_a_lettered_code_cell_is_a_problem_and_the_rest_is_read() -> None:
    """``2O10101`` and ``20101O2``: problems quoting the cell and row; other rows read."""
    disclosure = _read(
        _one_cell_code_table(
            ["合计", "", "30.00", "20.00", "10.00"],
            ["201", "一般公共服务支出", "30.00", "20.00", "10.00"],
            ["20101", "人大事务", "30.00", "20.00", "10.00"],
            ["2O10101", "行政运行", "20.00", "20.00", ""],
            ["20101O2", "一般行政管理事务", "10.00", "", "10.00"],
        )
    )
    table = disclosure.tables[K.GENERAL_BUDGET_EXPENDITURE]

    assert [row.key for row in table.rows] == ["total", "201", "20101"]
    texts = [p.text for p in disclosure.problems]
    assert texts == ["2O10101", "20101O2"]
    for problem in disclosure.problems:
        assert "where a digit belongs" in problem.message
        assert problem.location.table == K.GENERAL_BUDGET_EXPENDITURE.label
        assert problem.location.row is not None
        assert problem.location.row.startswith("line ")
        assert not problem.repaired


def test_a_lettered_code_is_reported_as_a_read_problem() -> None:
    """The report's read.problem finding quotes the cell; nothing calls it 20101."""
    disclosure = _read(
        _one_cell_code_table(
            ["201", "一般公共服务支出", "10.00", "", "10.00"],
            ["20101", "人大事务", "10.00", "", "10.00"],
            ["20101O2", "一般行政管理事务", "10.00", "", "10.00"],
        )
    )

    report = check(disclosure, rules=["read.*", "structure.duplicate"])

    assert [(f.rule, f.severity.value) for f in report.findings] == [("read.problem", "error")]
    assert "20101O2" in report.findings[0].message_zh


def test_a_lettered_split_code_is_never_repaired() -> None:
    """``201 | O1`` is not repaired to 20101 (as ``7 | 11 | 02`` may be): it is unread."""
    disclosure = _read(
        _split_code_table(
            ["201", "", "", "一般公共服务支出", "30.00", "20.00", "10.00"],
            ["201", "O1", "", "人大事务", "30.00", "20.00", "10.00"],
            ["2O1", "01", "01", "行政运行", "30.00", "20.00", "10.00"],
        )
    )

    assert [row.key for row in disclosure.tables[K.GENERAL_BUDGET_EXPENDITURE].rows] == ["201"]
    assert [p.text for p in disclosure.problems] == ["201 O1", "2O1 01 01"]
    assert not any(p.repaired for p in disclosure.problems)


def test_a_figure_with_a_letter_is_a_problem_naming_its_column() -> None:
    """``1O.00`` is not 10.00: the cell is a problem; the row's other cells are read."""
    disclosure = _read(
        _one_cell_code_table(["2010101", "行政运行", "10.00", "", "1O.00"]),
    )

    row = disclosure.tables[K.GENERAL_BUDGET_EXPENDITURE].row("2010101")
    assert row is not None
    assert "project" not in row.cells
    assert row.cells["total"].value == Decimal("10.00")
    [problem] = disclosure.problems
    assert problem.text == "1O.00"
    assert problem.location.row == "2010101"
    assert problem.location.column == "本年支出 / 项目支出"


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (12.5, "0.00", "12.50"),
        (12.5, "#,##0.00;[Red]-#,##0.00", "12.50"),
        (12.5, "General", "12.5"),
        (12.5, "@", "12.5"),
        (3, "0", "3"),
        (2, "00", "02"),
        (-3, "00", "-03"),
        (12.345, "0.0", "12.3"),
        (0.125, "0.00%", "12.50%"),
        (12345.0, "0.00E+00", "1.23E+4"),
        (True, "General", "TRUE"),
        (False, "General", "FALSE"),
        (datetime.datetime(2023, 5, 1), "yyyy-mm-dd", "2023-05-01 00:00:00"),
        ("#DIV/0!", "General", "#DIV/0!"),
    ],
)
def test_an_excel_cell_is_read_as_its_format_prints_it(
    value: object, number_format: str, shown: str
) -> None:
    """Numbers at their format's decimals; percent, true/false, dates, errors as their text."""
    assert _text(value, number_format) == shown


def test_excel_cells_that_are_not_figures_are_problems(tmp_path: Path) -> None:
    """A true/false, a date, an error and a percent in figure cells: four problems, rest read."""
    import openpyxl  # noqa: PLC0415 - only this test writes a workbook

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for line in ["2023年度示范区档案局部门决算", *_TITLE]:
        sheet.append([line])
    sheet.append(["科目编码", "科目名称", "本年支出", None, None])
    sheet.append([None, None, "合计", "基本支出", "项目支出"])
    sheet.append(["2010101", "行政运行", 20, True, datetime.datetime(2023, 5, 1)])
    sheet.append(["2010102", "一般行政管理事务", "#DIV/0!", 0.5, 3])
    sheet.cell(sheet.max_row, 4).number_format = "0.00%"
    sheet.cell(sheet.max_row, 5).number_format = "0.00"
    path = tmp_path / "05.xlsx"
    book.save(path)

    disclosure = read(path)

    texts = sorted(p.text or "" for p in disclosure.problems)
    assert texts == sorted(["TRUE", "2023-05-01 00:00:00", "#DIV/0!", "50.00%"])
    assert all(p.location.page == "Sheet" for p in disclosure.problems)
    table = disclosure.tables[K.GENERAL_BUDGET_EXPENDITURE]
    first, second = table.row("2010101"), table.row("2010102")
    assert first is not None
    assert second is not None
    assert set(first.cells) == {"total"}
    assert set(second.cells) == {"project"}
    assert second.cells["project"].printed() == "3.00"


def _stored(code: str) -> str:
    data = json.loads(dumps(_read(_one_cell_code_table(["2010101", "行政运行", "1.00", "", ""]))))
    data["tables"][0]["rows"][0]["code"] = code
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("code", ["2010101 行政运行", "201 01 01", "20101O1", "2O10101"])
def test_json_codes_are_read_exactly(code: str) -> None:
    """The JSON format stores a code's digits; any other spelling is a bad code."""
    with pytest.raises(CodeError) as caught:
        loads(_stored(code), source="d.json")
    assert "d.json" in str(caught.value)


def test_json_code_as_digits_reads() -> None:
    """The stored digits read back."""
    disclosure = loads(_stored("2010101"), source="d.json")
    assert disclosure.tables[K.GENERAL_BUDGET_EXPENDITURE].row("2010101") is not None


@pytest.mark.parametrize(
    ("ctype", "value", "shown"),
    [
        ("XL_CELL_DATE", 45000.0, "2023-03-15 00:00:00"),
        ("XL_CELL_BOOLEAN", 1, "TRUE"),
        ("XL_CELL_ERROR", 7, "#DIV/0!"),
        ("XL_CELL_NUMBER", 12.5, "12.5"),
    ],
)
def test_an_xls_cell_is_a_figure_only_when_it_is_a_number(
    ctype: str, value: float, shown: str
) -> None:
    """.xls stores dates, true/false and errors as numbers: they print as what they are."""
    xlrd = pytest.importorskip("xlrd")
    cell = types.SimpleNamespace(ctype=getattr(xlrd, ctype), value=value)

    assert _text(_xls_value(cell), "General") == shown
