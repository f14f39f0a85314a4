"""The PDF reader on the real Shanghai disclosure, its blank template, and hostile files.

Expected figures were read off the rendered pages of the published PDF, not off the
reader's own output.
"""

import functools
import re
from pathlib import Path

import pytest

from govbudget.errors import FormatError
from govbudget.readers.pdf import ENGINES, Limits, _heading, _Line, read_pdf
from govbudget.readers.printed import PrintedDocument, PrintedTable

PUTUO = "corpus/shanghai-putuo-finance-bureau-2024-final-accounts.pdf"
TEMPLATE = "corpus/shanghai-final-accounts-template-2024.pdf"

TITLES = [
    "收入支出决算总表",
    "收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表",
    "财政拨款“三公”经费支出决算表",
    "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款收入支出决算表",
]


@functools.cache
def _read(path: Path) -> PrintedDocument:
    return read_pdf(path)


def _table(document: PrintedDocument, title: str) -> PrintedTable:
    (table,) = [t for t in document.tables if t.title == title]
    return table


def _grid(table: PrintedTable) -> list[tuple[str, ...]]:
    return [row.cells for row in table.rows]


def _pages(table: PrintedTable) -> list[int]:
    return sorted({int(row.location.page or 0) for row in table.rows})


@pytest.fixture
def putuo(shared: Path) -> PrintedDocument:
    """The 2024 final accounts of 上海市普陀区财政局, read once per session."""
    return _read(shared / PUTUO)


@pytest.fixture
def template(shared: Path) -> PrintedDocument:
    """The blank 2024 Shanghai template, read once per session."""
    return _read(shared / TEMPLATE)


def test_every_table_found_with_its_pages_and_row_count(putuo: PrintedDocument) -> None:
    """The nine tables, in printed order, with the pages they run over and their rows."""
    expected = [
        ("收入支出决算总表", [6, 7], 32),
        ("收入决算表", [8, 9], 23),
        ("支出决算表", [10, 11], 23),
        ("财政拨款收入支出决算总表", [12, 13, 14], 35),
        ("一般公共预算财政拨款支出决算表", [15], 24),
        ("一般公共预算财政拨款基本支出决算表", [16, 17], 43),
        ("财政拨款“三公”经费支出决算表", [18], 6),
        ("政府性基金预算财政拨款收入支出决算表", [19], 12),
        ("国有资本经营预算财政拨款收入支出决算表", [20], 12),
    ]

    actual = [(t.title, _pages(t), len(t.rows)) for t in putuo.tables]

    assert actual == expected


def test_cover_and_table_metadata(putuo: PrintedDocument) -> None:
    """Department and year come from the cover; every table is in 万元 and starts on its page."""
    assert (putuo.department, putuo.year, putuo.template) == ("上海市普陀区财政局", 2024, False)
    assert {t.unit for t in putuo.tables} == {"万元"}
    assert [t.location.page for t in putuo.tables] == [
        "6", "8", "10", "12", "15", "16", "18", "19", "20"
    ]  # fmt: skip
    assert all(row.location.file == str(Path(putuo.source)) for t in putuo.tables for row in t.rows)


def test_income_and_expenditure_summary_cell_by_cell(putuo: PrintedDocument) -> None:
    """收入支出决算总表: both sides, blanks kept blank, the continuation page appended."""
    expenditure = [
        "一、一般公共服务支出", "二、外交支出", "三、国防支出", "四、公共安全支出",
        "五、教育支出", "六、科学技术支出", "七、文化旅游体育与传媒支出",
        "八、社会保障和就业支出", "九、卫生健康支出", "十、节能环保支出",
        "十一、城乡社区支出", "十二、农林水支出", "十三、交通运输支出",
        "十四、资源勘探工业信息等支出", "十五、商业服务业等支出", "十六、金融支出",
        "十七、援助其他地区支出", "十八、自然资源海洋气象等支出", "十九、住房保障支出",
        "二十、粮油物资储备支出", "二十一、国有资本经营预算支出",
        "二十二、灾害防治及应急管理支出", "二十三、其他支出", "二十四、债务还本支出",
        "二十五、债务付息支出", "二十六、抗疫特别国债安排的支出",
    ]  # fmt: skip
    income = [
        "一、一般公共预算财政拨款收入", "二、政府性基金预算财政拨款收入",
        "三、国有资本经营预算财政拨款收入", "四、上级补助收入", "五、事业收入",
        "六、经营收入", "七、附属单位上缴收入", "八、其他收入",
    ]  # fmt: skip
    figures = {
        "一、一般公共预算财政拨款收入": "2,940.05",
        "八、其他收入": "6.20",
        "一、一般公共服务支出": "2,106.66",
        "八、社会保障和就业支出": "326.71",
        "九、卫生健康支出": "60.99",
        "十九、住房保障支出": "445.69",
    }
    body = [
        (
            income[i] if i < len(income) else "",
            figures.get(income[i], "") if i < len(income) else "",
            label,
            figures.get(label, ""),
        )
        for i, label in enumerate(expenditure)
    ]
    expected = [
        ("收入", "", "支出", ""),
        ("项目", "决算数", "项目", "决算数"),
        *body,
        ("本年收入合计", "2,946.25", "本年支出合计", "2,940.05"),
        ("使用非财政拨款结余（含专用结余）", "", "结余分配", ""),
        ("年初结转和结余", "49.14", "年末结转和结余", "55.34"),
        ("总计", "2,995.39", "总计", "2,995.39"),
    ]

    actual = _grid(_table(putuo, "收入支出决算总表"))

    assert actual == expected


def test_income_table_cell_by_cell(putuo: PrintedDocument) -> None:
    """收入决算表: wrapped headers joined, 类/款/项 in their own cells, page 9 appended."""
    blank4 = ("", "", "", "")
    expected = [
        ("项目", "", "", "", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入",
         "经营收入", "附属单位上缴收入", "其他收入"),
        ("支出功能分类", "", "", "科目名称", "", "", "", "", "", "", ""),
        ("科目编码", "", "", "", "", "", "", "", "", "", ""),
        ("类", "款", "项", "合计", "2,946.25", "2,940.05", *blank4, "6.20"),
        ("201", "", "", "一般公共服务支出", "2,112.86", "2,106.66", *blank4, "6.20"),
        ("201", "06", "", "财政事务", "2,112.86", "2,106.66", *blank4, "6.20"),
        ("201", "06", "01", "行政运行", "1,511.90", "1,511.89", *blank4, "0.01"),
        ("201", "06", "02", "一般行政管理事务", "16.19", "10.00", *blank4, "6.19"),
        ("201", "06", "07", "信息化建设", "135.25", "135.25", *blank4, ""),
        ("201", "06", "08", "财政委托业务支出", "449.52", "449.52", *blank4, ""),
        ("208", "", "", "社会保障和就业支出", "326.72", "326.72", *blank4, ""),
        ("208", "05", "", "行政事业单位养老支出", "326.72", "326.72", *blank4, ""),
        ("208", "05", "01", "行政单位离退休", "84.65", "84.65", *blank4, ""),
        ("208", "05", "05", "机关事业单位基本养老保险缴费支出", "160.75", "160.75", *blank4, ""),
        ("208", "05", "06", "机关事业单位职业年金缴费支出", "80.38", "80.38", *blank4, ""),
        ("208", "05", "99", "其他行政事业单位养老支出", "0.94", "0.94", *blank4, ""),
        ("210", "", "", "卫生健康支出", "60.99", "60.99", *blank4, ""),
        ("210", "11", "", "行政事业单位医疗", "60.99", "60.99", *blank4, ""),
        ("210", "11", "01", "行政单位医疗", "60.99", "60.99", *blank4, ""),
        ("221", "", "", "住房保障支出", "445.69", "445.69", *blank4, ""),
        ("221", "02", "", "住房改革支出", "445.69", "445.69", *blank4, ""),
        ("221", "02", "01", "住房公积金", "187.19", "187.19", *blank4, ""),
        ("221", "02", "03", "购房补贴", "258.50", "258.50", *blank4, ""),
    ]  # fmt: skip

    table = _table(putuo, "收入决算表")

    assert _grid(table) == expected
    assert [row.location.page for row in table.rows[-6:]] == ["8", "9", "9", "9", "9", "9"]


def test_basic_expenditure_table_keeps_its_two_blocks(putuo: PrintedDocument) -> None:
    """基本支出决算表: personnel and public blocks side by side, totals in the last row."""
    table = _table(putuo, "一般公共预算财政拨款基本支出决算表")
    rows = _grid(table)

    assert rows[3] == ("301", "", "工资福利支出", "2,082.85", "302", "", "商品和服务支出", "171.07")
    assert rows[5] == ("301", "02", "津贴补贴", "1,238.58", "302", "02", "印刷费", "7.61")
    assert rows[13] == ("301", "12", "其他社会保障缴费", "1.61", "302", "11", "差旅费", "1.20")
    assert rows[14] == ("301", "13", "住房公积金", "187.19", "302", "12", "因公出国（境）费用", "")
    assert rows[19] == ("303", "02", "退休费", "69.10", "302", "17", "公务接待费", "")
    assert rows[22] == ("",) * 8  # the empty first row printed on page 17
    assert rows[26] == ("303", "09", "奖励金", "0.31", "302", "28", "工会经费", "24.42")
    assert rows[31] == ("", "", "", "", "302", "99", "其他商品和服务支出", "11.53")
    assert rows[-1] == ("人员经费合计", "", "", "2,152.26", "公用经费合计", "", "", "184.65")


def test_three_public_expenses_table_cell_by_cell(putuo: PrintedDocument) -> None:
    """The “三公” table: merged header cells hold their text in the first cell."""
    blank = ("",) * 12
    expected = [
        ("财政拨款“三公”经费", *blank[1:]),
        ("合计", "", "因公出国（境）费", "", "公务用车购置及运行费", "", "", "", "", "",
         "公务接待费", ""),
        ("", "", "", "", "小计", "", "公务用车购置费", "", "公务用车运行费", "", "", ""),
        blank,
        ("预算数", "决算数") * 6,
        ("0.95", *blank[1:10], "0.95", ""),
    ]  # fmt: skip

    actual = _grid(_table(putuo, "财政拨款“三公”经费支出决算表"))

    assert actual == expected


def test_notes_under_tables(putuo: PrintedDocument) -> None:
    """A note printed under a table belongs to it, not to the narrative."""
    fund = _table(putuo, "政府性基金预算财政拨款收入支出决算表")

    assert fund.note.startswith("注：")
    assert "无政府性基金预算财政拨款支出" in fund.note
    assert fund.rows[-1].cells[0] == "合计"
    assert "故本表无数据" not in putuo.narrative


def test_narrative_keeps_figures_in_their_sentences(putuo: PrintedDocument) -> None:
    """Figures set below their line are put back; wrapped lines join into whole sentences."""
    expected = [
        "上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比",
        "减少56.95万元，下降1.87%。",
        "财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%；",
        "基本支出2336.91万元，占79.49%；项目支出603.14万元，占20.51%；",
        "住房保障支出（类）445.69万元，占15.16%；",
        "年初预算为1560.05万元，支出决算为1511.89万元。",
        "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。",
    ]

    missing = [text for text in expected if text not in putuo.narrative]

    assert missing == []
    assert not re.search(r"^[\d.%\s]+$", putuo.narrative, flags=re.MULTILINE)


def test_narrative_leaves_table_text_out(putuo: PrintedDocument) -> None:
    """Table cells and titles are not narrative; the contents pages still are."""
    assert "2,940.05" not in putuo.narrative
    assert "\n收入支出决算总表\n" not in putuo.narrative
    assert "一、收入支出决算总表" in putuo.narrative  # the contents page


def test_template_is_flagged_and_keeps_its_tables(template: PrintedDocument) -> None:
    """The blank template: every table found, placeholders in the narrative, no figures."""
    cells = [cell for table in template.tables for row in table.rows for cell in row.cells]

    assert template.template is True
    assert (template.department, template.year) == ("上海市XX局", 2024)
    assert [t.title for t in template.tables] == TITLES
    assert not [cell for cell in cells if re.search(r"\d\.\d", cell)]
    assert "XXX万元" in template.narrative.replace(" ", "")


def _encrypted_pdf() -> bytes:
    """A one-page PDF under the standard security handler; no empty password opens it."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /P -4 /O <"
        + b"ab" * 32
        + b"> /U <"
        + b"cd" * 32
        + b"> >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    ident = b"<0123456789abcdef0123456789abcdef>"
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [%s %s] >>\n" % (
        len(objects) + 1,
        ident,
        ident,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


@pytest.mark.parametrize("engine", ENGINES)
def test_encrypted_pdf_is_refused(tmp_path: Path, engine: str) -> None:
    """A PDF that needs a password raises FormatError saying so and naming the file."""
    path = tmp_path / "locked.pdf"
    path.write_bytes(_encrypted_pdf())

    with pytest.raises(FormatError, match="encrypted") as caught:
        read_pdf(path, engine=engine)

    assert caught.value.location.file == str(path)


@pytest.mark.parametrize("engine", ENGINES)
def test_truncated_pdf_is_refused(shared: Path, tmp_path: Path, engine: str) -> None:
    """The first 10 KB of a real disclosure: a FormatError naming the file, not a pdfminer error."""
    path = tmp_path / "cut.pdf"
    path.write_bytes((shared / PUTUO).read_bytes()[:10_240])

    with pytest.raises(FormatError, match="cannot open the PDF") as caught:
        read_pdf(path, engine=engine)

    assert caught.value.location.file == str(path)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("content", [b"", b"hello, world\n", b"PK\x03\x04not a pdf"])
def test_not_a_pdf_is_refused(tmp_path: Path, content: bytes, engine: str) -> None:
    """A file without a PDF header is refused before any parsing."""
    path = tmp_path / "file.pdf"
    path.write_bytes(content)

    with pytest.raises(FormatError, match="not a PDF") as caught:
        read_pdf(path, engine=engine)

    assert str(path) in str(caught.value)


@pytest.mark.parametrize("engine", ENGINES)
def test_header_only_pdf_is_refused(tmp_path: Path, engine: str) -> None:
    """A PDF header and nothing else is a FormatError too."""
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"%PDF-1.7\n")

    with pytest.raises(FormatError, match="cannot open the PDF"):
        read_pdf(path, engine=engine)


@pytest.mark.parametrize(
    ("limits", "message", "page"),
    [
        (Limits(max_pages=3), "25 pages; the limit is 3", None),
        (Limits(max_chars=100), "353 characters; the limit is 100", "2"),
        (Limits(max_objects=100), "353 objects; the limit is 100", "2"),
        (Limits(max_seconds=1e-9), "over 1e-09 seconds", "1"),
    ],
)
@pytest.mark.parametrize("engine", ENGINES)
def test_limits_stop_reading(
    shared: Path, limits: Limits, message: str, page: str | None, engine: str
) -> None:
    """Each bound, when hit, raises a FormatError naming the file and the page."""
    path = shared / PUTUO

    with pytest.raises(FormatError, match=re.escape(message)) as caught:
        read_pdf(path, limits=limits, engine=engine)

    assert (caught.value.location.file, caught.value.location.page) == (str(path), page)


@pytest.mark.parametrize("field", ["max_pages", "max_chars", "max_objects", "max_seconds"])
def test_limits_must_be_positive(field: str) -> None:
    """A bound of zero is refused when the Limits are made."""
    with pytest.raises(ValueError, match=field):
        Limits(**{field: 0})


@pytest.mark.parametrize("engine", ENGINES)
def test_missing_file(tmp_path: Path, engine: str) -> None:
    """No such file: FileNotFoundError, as for every reader."""
    with pytest.raises(FileNotFoundError):
        read_pdf(tmp_path / "absent.pdf", engine=engine)


def _lines(*texts: str) -> list[_Line]:
    return [_Line(text, 0.0, 100.0, 20.0 * i, 20.0 * i + 12, 12.0) for i, text in enumerate(texts)]


@pytest.mark.parametrize(
    ("above", "expected"),
    [
        (
            ("第二部分 某某局决算表", "公开02表", "收入决算表", "部门：某某局   单位：万元"),
            (1, "收入决算表", "公开02表", "万元", "某某局"),
        ),
        (
            ("公开05表 一般公共预算财政拨款支出决算表", "编制单位：某某局", "金额单位：元"),
            (0, "一般公共预算财政拨款支出决算表", "公开05表", "元", "某某局"),
        ),
        (("部门预算", "收支预算总表"), (1, "收支预算总表", None, None, None)),
        (("收入决算表", "这是一段说明，不是表头的元信息"), None),
        (("纳入编制范围的单位包括：",), None),
    ],
)
def test_heading_layouts_of_other_regions(
    above: tuple[str, ...], expected: tuple[object, ...] | None
) -> None:
    """Numbers before or over the title, 编制单位 and 金额单位 lines, budget tables."""
    assert _heading(_lines(*above)) == expected


def test_putuo_reads_into_a_consistent_disclosure(shared: Path) -> None:
    """read() on the Putuo PDF: every table typed, figures in place, no false finding."""
    from govbudget import Family, TableKind, check, read  # noqa: PLC0415 - the whole stack

    disclosure = read(shared / PUTUO)
    assert not disclosure.problems
    assert set(disclosure.tables) == set(TableKind.of_family(Family.FINAL))
    summary = disclosure.tables[TableKind.INCOME_EXPENDITURE_SUMMARY]
    assert summary.amount("general_budget_income", "amount") is not None
    income = disclosure.tables[TableKind.INCOME]
    assert [r.key for r in income.rows][:4] == ["total", "201", "20106", "2010601"]
    row = income.row("2010601")
    assert row is not None
    assert row.cells["total"].printed() == "1511.90"
    assert row.cells["other"].printed() == "0.01"
    three = disclosure.tables[TableKind.THREE_PUBLIC].row("three_public")
    assert three is not None
    assert three.cells["budget_total"].printed() == "0.95"
    assert three.cells["budget_reception"].printed() == "0.95"
    assert disclosure.tables[TableKind.GOV_FUND].no_data
    report = check(disclosure)
    assert report.checked > 400
    # The tables hold together; what the narrative says is judged in test_narrative.py.
    assert [f for f in report.findings if not f.rule.startswith("narrative.")] == []
