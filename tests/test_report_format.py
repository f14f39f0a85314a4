"""The JSON report format (govbudget.report/2): its exact keys, and the notebook views."""

import json
from decimal import Decimal

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govbudget import (
    COVERAGE_KEYS,
    DOCUMENT_KEYS,
    FINDING_KEYS,
    Amount,
    Column,
    Disclosure,
    Family,
    Finding,
    Report,
    Row,
    Severity,
    Table,
    TableKind,
    Unit,
    Unreadable,
    check,
    reports_to_dict,
    reports_to_json,
)
from govbudget.strategies import (
    InjectedError,
    budgets_with_error,
    disclosures_with_error,
)
from govbudget.writers import to_dataframes


@pytest.fixture(scope="module")
def broken(seed: Disclosure) -> Disclosure:
    """The seed with 2010101 基本支出 in 公开05表 printed 10 万元 too high."""
    table = seed.tables[TableKind.GENERAL_BUDGET_EXPENDITURE]
    rows = [
        attrs.evolve(r, cells={**r.cells, "basic": Amount(Decimal("667.19"), Unit.WAN, 2)})
        if r.key == "2010101"
        else r
        for r in table.rows
    ]
    tables = {**seed.tables, table.kind: attrs.evolve(table, rows=rows)}
    return attrs.evolve(seed, tables=tables, source="broken.json")


def test_document_keys_are_exactly_the_documented_ones(seed: Disclosure) -> None:
    """A read document has exactly DOCUMENT_KEYS, in order; the format's seven come first."""
    document = reports_to_dict([check(seed)])["documents"][0]

    assert tuple(document) == DOCUMENT_KEYS
    assert DOCUMENT_KEYS[:7] == (
        "path",
        "department",
        "year",
        "kind",
        "tables",
        "findings",
        "coverage",
    )


def test_finding_keys_are_exactly_the_documented_ones(broken: Disclosure) -> None:
    """Every finding has exactly the seventeen documented keys, in order."""
    document = reports_to_dict([check(broken)])["documents"][0]

    assert document["findings"]
    for finding in document["findings"]:
        assert tuple(finding) == FINDING_KEYS
    assert FINDING_KEYS == (
        "rule",
        "severity",
        "table",
        "row",
        "row_label",
        "column",
        "column_label",
        "page",
        "section",
        "message",
        "message_zh",
        "expected",
        "found",
        "difference",
        "tolerance",
        "quote",
        "stated",
        "computed",
    )


def test_a_table_finding_in_json(broken: Disclosure) -> None:
    """A sum finding: numbers as strings, narrative fields null."""
    document = reports_to_dict([check(broken)])["documents"][0]
    hierarchy = next(f for f in document["findings"] if f["rule"] == "sum.hierarchy")

    assert hierarchy == {
        "rule": "sum.hierarchy",
        "severity": "error",
        "table": "general_budget_expenditure",
        "row": "20101",
        "row_label": "人大事务",
        "column": "basic",
        "column_label": "基本支出",
        "page": None,
        "section": None,
        "message": hierarchy["message"],
        "message_zh": hierarchy["message_zh"],
        "expected": "846.91",
        "found": "836.91",
        "difference": "-10.00",
        "tolerance": "0.03",
        "quote": None,
        "stated": None,
        "computed": None,
    }
    assert "expected 846.91" in hierarchy["message"]
    assert "「20101 人大事务」基本支出" in hierarchy["message"]
    assert "(basic)" not in hierarchy["message"]
    assert "应为846.91万元" in hierarchy["message_zh"]


def test_a_narrative_finding_in_json(seed: Disclosure) -> None:
    """A narrative finding carries the quote, the number as stated and as computed."""
    changed = attrs.evolve(
        seed, narrative=seed.narrative.replace("住房保障支出39.26", "住房保障支出39.96")
    )
    document = reports_to_dict([check(changed, rules=["narrative.amount"])])["documents"][0]
    (finding,) = document["findings"]

    assert (finding["rule"], finding["severity"]) == ("narrative.amount", "error")
    assert finding["quote"] == "其中一般公共服务支出836.91万元，住房保障支出39.96万元。"
    assert finding["stated"] == "39.96"
    assert finding["computed"].startswith("39.26")
    assert (finding["expected"], finding["found"]) == ("39.26", "39.96")


def test_coverage_has_every_count_zeros_included(seed: Disclosure) -> None:
    """Coverage keys are fixed, even when the narrative rules did not run."""
    full = reports_to_dict([check(seed)])["documents"][0]["coverage"]
    tables_only = reports_to_dict([check(seed, skip=["narrative.*"])])["documents"][0]["coverage"]

    # The documented counts come first, in order; rules may add counts of their own after.
    assert tuple(full)[: len(COVERAGE_KEYS)] == COVERAGE_KEYS
    assert tuple(tables_only)[: len(COVERAGE_KEYS)] == COVERAGE_KEYS
    assert all(isinstance(v, int) for v in full.values())
    assert full["relations_checked"] == 209
    assert full["claims_found"] == full["claims_bound"] == full["claims_consistent"] > 0
    assert full["claims_inconsistent"] == full["claims_unbound"] == 0
    assert tables_only["claims_found"] == 0
    assert tables_only["rules_run"] == full["rules_run"] - 9


def test_document_header_fields(seed: Disclosure) -> None:
    """path, department, year, kind and the table kinds found."""
    report = attrs.evolve(check(seed), source="a/seed.json")
    document = reports_to_dict([report])["documents"][0]

    assert document["path"] == "a/seed.json"
    assert (document["department"], document["year"], document["kind"]) == (
        "株洲市渌口区人大常委会",
        2020,
        "决算",
    )
    assert document["tables"] == [k.name.lower() for k in TableKind.of_family(Family.FINAL)]
    assert document["counts"] == {"error": 0, "warning": 1, "info": 0}
    assert document["error"] is None


def test_unreadable_document_has_every_key_and_the_error() -> None:
    """An unreadable file keeps its place with every key, empty, and the error line."""
    document = reports_to_dict([Unreadable("x.pdf", "x.pdf: not a PDF")])["documents"][0]

    assert tuple(document) == DOCUMENT_KEYS
    assert document == {
        "path": "x.pdf",
        "department": None,
        "year": None,
        "kind": None,
        "tables": [],
        "findings": [],
        "coverage": None,
        "counts": None,
        "suspects": [],
        "error": "x.pdf: not a PDF",
    }


def test_reports_to_json_keeps_order_and_schema(seed: Disclosure, broken: Disclosure) -> None:
    """Several documents in the order given, under the schema id; Chinese kept as text."""
    text = reports_to_json([check(broken), Unreadable("b.txt", "bad"), check(seed)])
    data = json.loads(text)

    assert data["schema"] == "govbudget.report/2"
    assert [d["path"] for d in data["documents"]] == [
        "broken.json",
        "b.txt",
        "examples/seed_2020.py",
    ]
    assert "株洲市" in text


def test_report_to_json_is_reports_to_json_of_one(seed: Disclosure) -> None:
    """Report.to_json() is the same format, with one document."""
    report = check(seed)

    assert report.to_json() == reports_to_json([report])


def _hostile_table() -> Table:
    return Table(
        TableKind.THREE_PUBLIC,
        Unit.WAN,
        [Column("actual_total", "决算数 <合计>")],
        [
            Row(
                line="three_public",
                label="<script>alert(1)</script> & 公务",
                cells={"actual_total": Amount(Decimal("1.98"), Unit.WAN, 2)},
            )
        ],
    )


def test_table_html_is_escaped() -> None:
    """Table._repr_html_: a caption, headers, the figure as printed; markup escaped."""
    out = _hostile_table()._repr_html_()

    assert "<caption>公开07表 “三公”经费支出决算表（单位：万元）</caption>" in out
    assert "<th>决算数 &lt;合计&gt;</th>" in out
    assert (
        "<td>three_public</td><td>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 公务</td>"
        "<td>1.98</td>"
    ) in out
    assert "<script>" not in out


def test_disclosure_html_has_a_heading_and_every_table(seed: Disclosure) -> None:
    """Disclosure._repr_html_: department, year and family, then one HTML table per table."""
    out = seed._repr_html_()

    assert out.startswith("<h4>株洲市渌口区人大常委会 2020年决算（9 张表）</h4>")
    assert out.count("<table") == 9
    assert "<td>2010101</td><td>行政运行</td>" in out


def test_disclosure_html_escapes_the_department() -> None:
    """A department name is text, never markup."""
    out = Disclosure(department="<b>单位</b>", year=2020)._repr_html_()

    assert out == "<h4>&lt;b&gt;单位&lt;/b&gt; 2020年决算（0 张表）</h4>"


def test_report_html_lists_findings(broken: Disclosure) -> None:
    """Report._repr_html_: the counts as caption, one row per finding with its figures."""
    report = check(broken).filter(min_severity=Severity.ERROR)
    out = report._repr_html_()

    assert (
        "<caption>株洲市渌口区人大常委会 2020年决算：209 项勾稽关系已核对；错误 2，警告 0，提示 0"
        "</caption>"
    ) in out
    assert out.count("<tr>") == 1 + 2
    assert "<td>错误</td><td>sum.hierarchy</td>" in out
    assert "<td>846.91</td><td>836.91</td><td>-10.00</td><td>±0.03</td>" in out


def test_report_html_escapes_messages() -> None:
    """A message with markup is escaped."""
    finding = Finding("x.rule", Severity.INFO, "a < b", "甲 <乙>")

    out = Report([finding])._repr_html_()

    assert "<td>甲 &lt;乙&gt;</td>" in out
    assert "<caption>0 项勾稽关系已核对；错误 0，警告 0，提示 1</caption>" in out


def test_table_to_dataframe_is_wide_with_decimals(seed: Disclosure) -> None:
    """Table.to_dataframe(): rows by key, figures as Decimal, same as writers.to_dataframes."""
    table = seed.tables[TableKind.GENERAL_BUDGET_EXPENDITURE]
    frame = table.to_dataframe()

    assert list(frame.columns) == ["label", "total", "basic", "project"]
    assert frame.loc["2010101", "label"] == "行政运行"
    assert frame.loc["2010101", "total"] == Decimal("657.19")
    assert isinstance(frame.loc["2010101", "total"], Decimal)
    assert frame.equals(to_dataframes(seed)[TableKind.GENERAL_BUDGET_EXPENDITURE])


def test_report_to_dataframe_one_row_per_finding(broken: Disclosure) -> None:
    """Report.to_dataframe(): one row per finding, numbers as Decimal."""
    report = check(broken).filter(min_severity=Severity.ERROR)
    frame = report.to_dataframe()

    assert len(frame) == 2
    assert list(frame["rule"]) == ["sum.hierarchy", "row.columns"]
    assert frame.loc[0, "expected"] == Decimal("846.91")


def _internal_keys(disclosure: Disclosure) -> set[str]:
    """Every line key and column key of *disclosure* that a printed name stands for."""
    keys: set[str] = set()
    for table in disclosure.tables.values():
        keys.update(table.column_keys)
        keys.update(row.key for row in table.rows if row.code is None)
    return keys


def _leaks(message: str, keys: set[str]) -> list[str]:
    """The internal keys *message* names: ``(basic)``, ``[x, y]`` or any key with ``_``."""
    return sorted(
        key
        for key in keys
        if f"({key})" in message
        or f"[{key}" in message
        or f", {key}]" in message
        or ("_" in key and key in message)
    )


@given(
    st.one_of(
        disclosures_with_error(),
        budgets_with_error(),
    )
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_messages_name_rows_and_columns_as_printed(injected: InjectedError) -> None:
    """Property: no finding's message names a row or column by its internal key."""
    report = check(injected.disclosure)
    keys = _internal_keys(injected.disclosure)
    for finding in report.findings:
        assert _leaks(finding.message, keys) == [], finding.message
        assert _leaks(finding.message_zh, keys) == [], finding.message_zh
        data = finding.to_dict()
        assert data["message_zh"] == finding.message_zh
