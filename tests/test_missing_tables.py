"""Missing tables: an error where the region requires every table, a warning elsewhere.

The requirement is data (:mod:`govbudget.tables.publication`); the region is read from
the department name or the cover, or given by the caller. A table printed empty, with a
note saying so, is present; a table whose note calls it empty but which prints figures
is a finding. Departments and figures here are our own.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govbudget import Disclosure, Family, Severity, TableKind, Unit, check
from govbudget.amount import Amount, parse_amount
from govbudget.readers.layout import assemble
from govbudget.readers.printed import PrintedDocument
from govbudget.readers.text import read_text
from govbudget.report import Finding
from govbudget.tables import Row, Table
from govbudget.tables.base import Column
from govbudget.tables.budget import SETS
from govbudget.tables.publication import (
    EMPTY_WORDING,
    REQUIREMENTS,
    Requirement,
    empty_wording_in,
    region_of,
    requirement_for,
)

K = TableKind


def _disclosure(
    department: str,
    year: int,
    family: Family,
    kinds: tuple[TableKind, ...],
    narrative: str = "",
) -> Disclosure:
    """A disclosure printing the given tables, each empty and saying so."""
    tables = {
        kind: Table(kind, Unit.WAN, [], [], note="此表无数据", no_data=True) for kind in kinds
    }
    return Disclosure(
        department=department, year=year, family=family, tables=tables, narrative=narrative
    )


def _missing(report_findings: tuple[Finding, ...]) -> dict[TableKind, Severity]:
    return {f.table: f.severity for f in report_findings if f.table is not None}


FINAL = TableKind.of_family(Family.FINAL)


@pytest.mark.parametrize(
    ("department", "narrative", "region"),
    [
        ("上海市示范区档案局", "", "上海"),
        ("江苏省示范研究所", "", "江苏"),
        ("示范区档案局", "2024年度\n上海市示范区档案局\n部门决算", "上海"),
        ("示范区档案局", "示范说明，无地名。", None),
        ("湖南省示范中心", "上海市的合作项目", "湖南"),
    ],
)
def test_region_of_reads_the_department_then_the_cover(
    department: str, narrative: str, region: str | None
) -> None:
    """The department's own name decides; a name without its province defers to the cover."""
    disclosure = _disclosure(department, 2024, Family.FINAL, (), narrative)
    assert region_of(disclosure) == region


@pytest.mark.parametrize(
    ("family", "region", "year", "required"),
    [
        (Family.FINAL, "上海", 2024, True),
        (Family.FINAL, "上海", 2025, True),
        (Family.FINAL, "上海", 2023, False),
        (Family.BUDGET, "上海", 2024, True),
        (Family.BUDGET, "上海", 2023, False),
        (Family.BUDGET, "江苏", 2017, True),
        (Family.BUDGET, "江苏", 2018, True),
        (Family.BUDGET, "江苏", 2019, False),
        (Family.FINAL, "江苏", 2018, False),
        (Family.FINAL, "湖南", 2024, False),
        (Family.FINAL, None, 2024, False),
    ],
)
def test_requirements_by_family_region_and_year(
    family: Family, region: str | None, year: int, required: bool
) -> None:
    """Shanghai final accounts and budgets from 2024, Jiangsu budgets 2017–2018."""
    assert (requirement_for(family, region, year) is not None) is required


def test_requirements_are_whole_sets() -> None:
    """Each requirement names every table of its family's set, and how empty ones say so."""
    for requirement in REQUIREMENTS:
        assert all(kind.family is requirement.family for kind in requirement.tables)
        assert requirement.empty_wording
    by_region = {(r.family, r.region): r.tables for r in REQUIREMENTS}
    assert by_region[Family.FINAL, "上海"] == FINAL
    assert by_region[Family.BUDGET, "上海"] == SETS["上海"]
    assert by_region[Family.BUDGET, "江苏"] == SETS["江苏"]


def test_missing_table_is_an_error_where_every_table_is_required() -> None:
    """A Shanghai 2024 final account without its 08 table: an error naming the region."""
    kinds = tuple(k for k in FINAL if k is not K.GOV_FUND)
    report = check(
        _disclosure("上海市示范区档案局", 2024, Family.FINAL, kinds), rules=["structure.tables"]
    )

    assert _missing(report.findings) == {K.GOV_FUND: Severity.ERROR}
    finding = report.findings[0]
    assert "上海" in finding.message_zh
    assert "此表无数据" in finding.message_zh


def test_missing_table_is_a_warning_elsewhere() -> None:
    """The same gap in a final account of a region without the requirement: a warning."""
    kinds = tuple(k for k in FINAL if k is not K.GOV_FUND)
    report = check(
        _disclosure("湖南省示范中心", 2024, Family.FINAL, kinds), rules=["structure.tables"]
    )

    assert _missing(report.findings) == {K.GOV_FUND: Severity.WARNING}


def test_before_the_first_year_a_missing_table_is_a_warning() -> None:
    """Shanghai 2023: before the requirement applies."""
    kinds = tuple(k for k in FINAL if k is not K.THREE_PUBLIC)
    report = check(
        _disclosure("上海市示范区档案局", 2023, Family.FINAL, kinds), rules=["structure.tables"]
    )

    assert _missing(report.findings) == {K.THREE_PUBLIC: Severity.WARNING}


def test_the_caller_may_name_the_region() -> None:
    """check(region=...) overrides what the department says, either way."""
    kinds = tuple(k for k in FINAL if k is not K.GOV_FUND)
    unnamed = _disclosure("示范区档案局", 2024, Family.FINAL, kinds)
    shanghai = _disclosure("上海市示范区档案局", 2024, Family.FINAL, kinds)

    assert _missing(check(unnamed, rules=["structure.tables"]).findings) == {
        K.GOV_FUND: Severity.WARNING
    }
    assert _missing(check(unnamed, rules=["structure.tables"], region="上海").findings) == {
        K.GOV_FUND: Severity.ERROR
    }
    assert _missing(check(shanghai, rules=["structure.tables"], region="湖南").findings) == {
        K.GOV_FUND: Severity.WARNING
    }


def test_jiangsu_budget_of_2018_requires_its_twelve_tables() -> None:
    """A Jiangsu 2018 budget missing 政府采购 and 机关运行经费: two errors; in 2019, warnings."""
    kinds = tuple(
        k for k in SETS["江苏"] if k not in (K.BUDGET_PROCUREMENT, K.BUDGET_OPERATING_COSTS)
    )
    for year, severity in ((2018, Severity.ERROR), (2019, Severity.WARNING)):
        disclosure = _disclosure("江苏省示范研究所", year, Family.BUDGET, kinds)
        report = check(disclosure, rules=["structure.tables"])
        assert _missing(report.findings) == {
            K.BUDGET_PROCUREMENT: severity,
            K.BUDGET_OPERATING_COSTS: severity,
        }


def test_a_custom_requirement_list() -> None:
    """The requirement is data: a caller's own list is used when given."""
    own = Requirement(Family.FINAL, "湖南", 2020, 2020, FINAL)
    assert requirement_for(Family.FINAL, "湖南", 2020, requirements=(own,)) is own
    assert requirement_for(Family.FINAL, "湖南", 2021, requirements=(own,)) is None
    assert own.years == "2020年"
    assert REQUIREMENTS[0].years == "2024年起"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("注：本部门无政府性基金收支，故本表为空表。", "本表为空表"),
        ("此表无数据", "此表无数据"),
        ("本 表 无 数 据", "本表无数据"),
        ("注：本年度没有国有资本经营预算支出。", None),
    ],
)
def test_empty_wording(text: str, word: str | None) -> None:
    """The words that call a table empty, whatever the spacing."""
    assert empty_wording_in(text) == word


_HEAD = "2024年度\n上海市示范区档案局\n部门决算\n\n"
_EMPTY_08 = "政府性基金预算财政拨款收入支出决算表\n公开08表\n单位：万元\n本表为空表\n\n"
_THREE = (
    "一般公共预算财政拨款“三公”经费支出决算表\n公开07表\n单位：万元\n"
    "预算数\t\t\t\t\t\t决算数\t\t\t\t\t\n"
    + "合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\t" * 2
    + "\n"
    + "\t\t小计\t公务用车购置费\t公务用车运行费\t\t" * 2
    + "\n"
    + "1.00\t0\t0\t0\t0\t1.00\t0.90\t0\t0\t0\t0\t0.90\n\n"
)


def test_a_title_with_only_an_empty_note_is_a_present_empty_table() -> None:
    """Text: 08 printed as its title and 本表为空表, no grid — present, empty, not missing."""
    disclosure = assemble(read_text(_HEAD + _EMPTY_08 + _THREE, source="a.txt"))

    table = disclosure.tables[K.GOV_FUND]
    assert table.no_data
    assert not table.rows
    findings = check(disclosure, rules=["structure.tables"]).findings
    assert K.GOV_FUND not in _missing(findings)
    assert _missing(findings)[K.INCOME] is Severity.ERROR


def test_an_empty_table_in_the_narrative_of_a_pdf_is_present() -> None:
    """A title and an empty note with no ruled grid (narrative, in a PDF) is a table.

    The PDF reader leaves both lines in the narrative; the assembler still finds it.
    """
    document = PrintedDocument(
        source="a.pdf",
        tables=[],
        narrative="目录\n政府性基金预算财政拨款收入支出决算表\n单位：万元\n本表无数据\n说明文字。",
        year=2024,
        department="上海市示范区档案局",
    )
    disclosure = assemble(document)

    assert disclosure.tables[K.GOV_FUND].no_data


def test_a_contents_page_publishes_no_table() -> None:
    """Titles listed one under another (目录) are not empty tables."""
    contents = "\n".join(f"{n}、{kind.value}" for n, kind in enumerate(FINAL, 1))
    document = PrintedDocument(
        source="a.pdf",
        tables=[],
        narrative=f"目录\n{contents}\n第三部分 说明\n本部门本年度无数据的表已注明。",
        year=2024,
        department="上海市示范区档案局",
    )
    assert assemble(document).tables == {}


def test_an_empty_note_with_figures_is_a_finding() -> None:
    """A table whose note says 本表为空表 but which prints 12.00: an error quoting the note."""
    spec_columns = [Column("total", "合计")]
    row = Row(line="total", label="合计", cells={"total": _wan("12.00")})
    table = Table(
        K.GOV_FUND, Unit.WAN, spec_columns, [row], note="注：故本表为空表。", no_data=True
    )
    disclosure = Disclosure(department="示范", year=2024, tables={K.GOV_FUND: table})

    findings = check(disclosure, rules=["structure.no-data"]).findings

    assert [(f.severity, f.column) for f in findings] == [(Severity.ERROR, "total")]
    assert "本表为空表" in findings[0].message_zh
    assert "12.00" in findings[0].message_zh


def test_every_empty_wording_marks_a_table_read_from_text() -> None:
    """Each wording in the data, printed as a table's note, makes the table no-data."""
    for word in EMPTY_WORDING:
        text = _HEAD + f"政府性基金预算财政拨款收入支出决算表\n{word}\n\n" + _THREE
        disclosure = assemble(read_text(text, source="a.txt"))
        assert disclosure.tables[K.GOV_FUND].no_data, word


def _wan(text: str) -> Amount:
    return parse_amount(text, Unit.WAN)


def test_figures_in_the_three_table_fixture_are_read() -> None:
    """The fixture's 三公 table reads, so the empty-table tests test what they say."""
    disclosure = assemble(read_text(_HEAD + _EMPTY_08 + _THREE, source="a.txt"))
    row = disclosure.tables[K.THREE_PUBLIC].row("three_public")
    assert row is not None
    assert row.cells["budget_total"].value == Decimal("1.00")


_CASES = st.sampled_from(
    [
        ("上海市示范区档案局", 2024, Family.FINAL),
        ("上海市示范区档案局", 2023, Family.FINAL),
        ("湖南省示范中心", 2024, Family.FINAL),
        ("上海市示范区档案局", 2025, Family.BUDGET),
        ("江苏省示范研究所", 2017, Family.BUDGET),
    ]
)


@given(case=_CASES, data=st.data())
def test_exactly_the_missing_tables_are_reported(
    case: tuple[str, int, Family], data: st.DataObject
) -> None:
    """Each table left out of a set is reported once: an error exactly where required."""
    department, year, family = case
    region = "上海" if department.startswith("上海") else department[:2]
    required = requirement_for(family, region, year)
    full = required.tables if required is not None else FINAL
    kept = data.draw(st.lists(st.sampled_from(full), min_size=1, unique=True))
    disclosure = _disclosure(department, year, family, tuple(kept))

    found = check(disclosure, rules=["structure.tables"]).findings

    missing = _missing(found)
    assert len(found) == len(missing)
    if required is not None:
        assert set(missing) == set(full) - set(kept)
        assert set(missing.values()) <= {Severity.ERROR}
    else:
        assert set(missing.values()) <= {Severity.WARNING}
        assert set(missing) == set(FINAL) - set(kept)
