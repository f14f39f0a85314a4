"""Rules across tables of one disclosure: the same figure printed in two places agrees.

A row printed in one table and missing from the other stands for zero there (a table that
says 此表无数据 has no rows), so a figure that one table has and the other lacks is caught.
A rule whose tables are missing from the disclosure does not run; ``structure.tables``
reports the missing tables.
"""

from __future__ import annotations

from collections.abc import Iterator

from govbudget.checks.registry import Context, rule
from govbudget.checks.relations import Op, Relation, Term, absent, expand
from govbudget.codes import Level
from govbudget.tables.base import Table, TableKind

__all__: list[str] = []

K = TableKind


def lookup(table: Table | None, row: str, column: str, *, sign: int = 1) -> list[Term] | None:
    """The terms for a cell another table is compared with.

    ``None`` when the table is missing or does not print the column (nothing to compare);
    an exact zero when the row is missing (the table has no such figure).
    """
    if table is None or (table.columns and column not in table.column_keys):
        return None
    if table.row(row) is None:
        return [absent(table.kind, row, column, table.unit, sign=sign)]
    return expand(table, row, column, sign=sign)


def equal(
    left: list[Term] | None, right: list[Term] | None, what: str, what_zh: str, op: Op = Op.EQ
) -> Iterator[Relation]:
    """``left op right`` when both sides exist.

    *left* is the judged side (one term, or
    several when a blank parent stands for its children, then moved to the right).
    """
    if not left or right is None:
        return
    found, *rest = left
    parts = (*right, *(t.negated() for t in rest))
    if not found.printed and all(not t.printed for t in parts):
        return
    yield Relation(found, parts, what, what_zh, op)


def category_keys(*tables: Table | None) -> list[str]:
    """The 类 codes listed by any of *tables*, in first-printed order."""
    keys: list[str] = []
    for table in tables:
        if table is None:
            continue
        for row in table.coded_rows():
            if row.code is not None and row.code.level is Level.CATEGORY and row.key not in keys:
                keys.append(row.key)
    return keys


def by_category(
    summary: Table | None, column: str, detail: Table | None, detail_column: str, name: str
) -> Iterator[Relation]:
    """Every 类 line of a summary table against the 类 row of a detail table."""
    if summary is None or detail is None:
        return
    for key in category_keys(summary, detail):
        yield from equal(
            lookup(summary, key, column),
            lookup(detail, key, detail_column),
            f"{summary.kind.label} {summary.cell_name(key, column)} = "
            f"{detail.kind.label} {detail.cell_name(key, detail_column)}",
            f"{summary.kind.label}「{key}」{name} = {detail.kind.label}「{key}」",
        )


def spending(
    summary: Table | None, column: str, detail: Table | None, name: str
) -> Iterator[Relation]:
    """A summary table's expenditure *column*, in total and by 类, against a detail table.

    01 against 03; 04's fund columns against 05, 08 and 09 (their 合计 column).
    """
    if summary is None or detail is None:
        return
    yield from equal(
        lookup(summary, "expenditure_total", column),
        lookup(detail, "total", "total"),
        f"{summary.kind.label} {summary.cell_name('expenditure_total', column)} = "
        f"{detail.kind.label} 合计",
        f"{summary.kind.label}本年支出合计「{name}」= {detail.kind.label}合计",
    )
    yield from by_category(summary, column, detail, "total", name)


@rule(
    "across.income",
    "01 income by source equals 02's 合计 row",
    "总表收入与收入决算表一致",
    tables=(K.INCOME_EXPENDITURE_SUMMARY, K.INCOME),
)
def income(context: Context) -> Iterator[Relation]:
    """01's income equals 02's 合计 row.

    01 本年收入合计 = 02 合计; and each income source in 01 equals 02's 合计 in that
    column (the three appropriation lines of 01 together equal 02's 财政拨款收入).

    Example: 01 本年收入合计 876.17 against 02 合计 本年收入合计 867.17.
    """
    summary = context.disclosure.table(K.INCOME_EXPENDITURE_SUMMARY)
    detail = context.disclosure.table(K.INCOME)
    if summary is None or detail is None:
        return
    pairs: list[tuple[tuple[str, ...], str, str]] = [
        (("income_total",), "total", "本年收入合计"),
        (
            ("general_budget_income", "gov_fund_income", "state_capital_income"),
            "appropriation",
            "财政拨款收入",
        ),
        (("superior_subsidy_income",), "superior_subsidy", "上级补助收入"),
        (("business_income",), "business", "事业收入"),
        (("operating_income",), "operating", "经营收入"),
        (("affiliated_income",), "affiliated", "附属单位上缴收入"),
        (("other_income",), "other", "其他收入"),
    ]
    for lines, column, name in pairs:
        right: list[Term] = []
        for line in lines:
            found = lookup(summary, line, "amount")
            right.extend(found or [])
        if all(not t.printed for t in right):
            continue
        yield from equal(
            lookup(detail, "total", column),
            right,
            f"{detail.kind.label} {detail.cell_name('total', column)} = {summary.kind.label} "
            + " + ".join(summary.row_name(line) for line in lines),
            f"{detail.kind.label} 合计「{name}」= {summary.kind.label}「{name}」",
        )


@rule(
    "across.expenditure",
    "01 expenditure equals 03, in total and by 类",
    "总表支出与支出决算表一致",
    tables=(K.INCOME_EXPENDITURE_SUMMARY, K.EXPENDITURE),
)
def expenditure(context: Context) -> Iterator[Relation]:
    """01 本年支出合计 = 03 合计 本年支出合计, and each 类 line of 01 = that 类's row in 03.

    Example: 01 一般公共服务支出 836.91 against 03's 201 row 本年支出合计 826.91.
    """
    yield from spending(
        context.disclosure.table(K.INCOME_EXPENDITURE_SUMMARY),
        "amount",
        context.disclosure.table(K.EXPENDITURE),
        "支出",
    )


@rule(
    "across.appropriation",
    "01 appropriation income equals 04",
    "总表财政拨款收入与财政拨款收入支出决算总表一致",
    tables=(K.INCOME_EXPENDITURE_SUMMARY, K.APPROPRIATION_SUMMARY),
)
def appropriation(context: Context) -> Iterator[Relation]:
    """01's appropriation income equals 04's.

    Each appropriation income line of 01 (一般公共预算, 政府性基金, 国有资本经营) equals
    the same line of 04.

    Example: 01 一般公共预算财政拨款收入 876.17 against 04's 866.17.
    """
    summary = context.disclosure.table(K.INCOME_EXPENDITURE_SUMMARY)
    detail = context.disclosure.table(K.APPROPRIATION_SUMMARY)
    if summary is None or detail is None:
        return
    for line in ("general_budget_income", "gov_fund_income", "state_capital_income"):
        yield from equal(
            lookup(detail, line, "amount"),
            lookup(summary, line, "amount"),
            f"{detail.kind.label} {detail.row_name(line)} = "
            f"{summary.kind.label} {summary.row_name(line)}",
            "财政拨款收入支出决算总表与收入支出决算总表的同一收入项一致",
        )


def _fund(  # noqa: PLR0917 - one fund's column against its own table
    context: Context, column: str, kind: TableKind, income_line: str, opening_line: str, name: str
) -> Iterator[Relation]:
    summary = context.disclosure.table(K.APPROPRIATION_SUMMARY)
    detail = context.disclosure.table(kind)
    if summary is None or detail is None:
        return
    yield from spending(summary, column, detail, name)
    for line, detail_column, what_zh in (
        (income_line, "income", "本年收入"),
        (opening_line, "opening", "年初结转和结余"),
        ("closing_balance", "closing", "年末结转和结余"),
    ):
        if summary.row(line) is None:
            continue
        summary_column = column if line == "closing_balance" else "amount"
        yield from equal(
            lookup(summary, line, summary_column),
            lookup(detail, "total", detail_column),
            f"{summary.kind.label} {summary.cell_name(line, summary_column)} = "
            f"{kind.label} {detail.cell_name('total', detail_column)}",
            f"财政拨款收入支出决算总表{name}{what_zh} = {kind.label}合计{what_zh}",
        )


@rule(
    "across.general-budget",
    "04's 一般公共预算 column equals 05",
    "一般公共预算财政拨款支出与05表一致",
    tables=(K.APPROPRIATION_SUMMARY, K.GENERAL_BUDGET_EXPENDITURE),
)
def general_budget(context: Context) -> Iterator[Relation]:
    """04's 一般公共预算财政拨款 column, in total and by 类, equals 05's 合计 and 类 rows.

    Example: 04 一般公共服务支出 一般公共预算财政拨款 836.91 against 05's 201 小计 826.91.
    """
    yield from spending(
        context.disclosure.table(K.APPROPRIATION_SUMMARY),
        "general_budget",
        context.disclosure.table(K.GENERAL_BUDGET_EXPENDITURE),
        "一般公共预算财政拨款",
    )


@rule(
    "across.basic",
    "05 basic expenditure equals 06 人员经费 + 公用经费",
    "一般公共预算基本支出等于人员经费与公用经费之和",
    tables=(K.GENERAL_BUDGET_EXPENDITURE, K.GENERAL_BUDGET_BASIC_EXPENDITURE),
)
def basic(context: Context) -> Iterator[Relation]:
    """05 合计 基本支出 = 06 人员经费合计 + 公用经费合计.

    Example: 05 基本支出 876.17 while 06 prints 600.88 and 265.29.
    """
    detail = context.disclosure.table(K.GENERAL_BUDGET_BASIC_EXPENDITURE)
    personnel = lookup(detail, "personnel_total", "amount")
    public = lookup(detail, "public_total", "amount")
    if personnel is None or public is None:
        return
    yield from equal(
        lookup(context.disclosure.table(K.GENERAL_BUDGET_EXPENDITURE), "total", "basic"),
        [*personnel, *public],
        "05 合计「基本支出」= 06 人员经费合计 + 公用经费合计",
        "一般公共预算财政拨款支出决算表基本支出 = 人员经费合计 + 公用经费合计",
    )


@rule(
    "across.gov-fund",
    "04's 政府性基金 column equals 08",
    "政府性基金预算财政拨款与08表一致",
    tables=(K.APPROPRIATION_SUMMARY, K.GOV_FUND),
)
def gov_fund(context: Context) -> Iterator[Relation]:
    """04's government-fund figures equal 08's.

    04's 政府性基金预算财政拨款 figures (expenditure in total and by 类, income, opening and
    closing balances) equal 08's; a 08 that says 此表无数据 stands for zeros.

    Example: 04 prints 政府性基金 expenditure 12.00 while 08 says it has no data.
    """
    yield from _fund(
        context,
        "gov_fund",
        K.GOV_FUND,
        "gov_fund_income",
        "opening_gov_fund",
        "政府性基金预算财政拨款",
    )


@rule(
    "across.state-capital",
    "04's 国有资本经营 column equals 09",
    "国有资本经营预算财政拨款与09表一致",
    tables=(K.APPROPRIATION_SUMMARY, K.STATE_CAPITAL),
)
def state_capital(context: Context) -> Iterator[Relation]:
    """04's 国有资本经营预算财政拨款 figures equal 09's, as ``across.gov-fund`` does for 08.

    Example: 04 prints 国有资本经营 expenditure 3.00 while 09 prints 合计 0.
    """
    yield from _fund(
        context,
        "state_capital",
        K.STATE_CAPITAL,
        "state_capital_income",
        "opening_state_capital",
        "国有资本经营预算财政拨款",
    )


@rule(
    "across.three-public",
    "07 actual reception and vehicle operation are at least 06's",
    "“三公”经费决算数不小于基本支出中的对应科目",
    tables=(K.THREE_PUBLIC, K.GENERAL_BUDGET_BASIC_EXPENDITURE),
)
def three_public(context: Context) -> Iterator[Relation]:
    """07's actual figures are at least 06's matching economic items.

    07 决算数 公务接待费 ≥ 06 30217 公务接待费, and 公务用车运行费 ≥ 06 30231
    公务用车运行维护费 (07 also counts project spending, so it may be larger, never smaller).

    Example: 07 公务接待费 1.98 while 06 30217 prints 2.98.
    """
    table = context.disclosure.table(K.THREE_PUBLIC)
    detail = context.disclosure.table(K.GENERAL_BUDGET_BASIC_EXPENDITURE)
    if table is None or detail is None:
        return
    for column, code, name in (
        ("actual_reception", "30217", "公务接待费"),
        ("actual_vehicle_operation", "30231", "公务用车运行费"),
    ):
        right = lookup(detail, code, "amount")
        for row in table.rows:
            if detail.row(code) is None:
                continue
            yield from equal(
                lookup(table, row.key, column),
                right,
                f"{table.kind.label} {table.cell_name(row.key, column)} ≥ "
                f"{detail.kind.label} {detail.row_name(code)}",
                f"“三公”经费{name}决算数 ≥ 基本支出决算表{code}",
                Op.GE,
            )
