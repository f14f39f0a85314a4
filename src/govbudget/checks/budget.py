"""Rules across the tables of a budget (部门预算 / 单位预算): the same figure agrees everywhere.

The budget's summary tables repeat what the detail tables hold: 收支预算总表's income lines
are 收入预算总表's 合计, its expenditure by 类 is 支出预算总表's, 财政拨款收支预算总表's fund
columns are the 一般公共预算, 政府性基金 and 国有资本经营 tables', and the economic table's
合计 is the 基本支出 of the functional one. The two published layouts (Shanghai's nine
tables, Jiangsu's twelve) print different subsets of these cells, so a figure is compared
only where both tables print it; a 类 printed in one coded table and missing from another
that lists 类 stands for zero there, so a dropped row is caught.

Within-table identities of budgets (hierarchies, 合计 = Σ 类, row and summary sums) are
declared on the table specs and judged by the same rules as the final accounts'
(``sum.*``, ``row.columns``, ``summary.*``, ``three-public.sum``).
"""

from __future__ import annotations

from collections.abc import Iterator

from govbudget.checks.across import category_keys, equal, lookup
from govbudget.checks.registry import Context, rule
from govbudget.checks.relations import Op, Relation, Term, declared, expand
from govbudget.tables.base import Table, TableKind

__all__: list[str] = []

K = TableKind


def at(table: Table | None, row: str, column: str) -> list[Term] | None:
    """The terms of a cell that *table* prints in *row* (``None`` when it does not).

    A parent printed blank over printed children stands for them, as in :func:`expand`.
    """
    if table is None:
        return None
    declared(table.kind, row, column)  # a misspelt key raises, printed or not
    found = table.row(row)
    if found is None or column not in found.cells:
        return None
    return expand(table, row, column)


def same(
    left: tuple[Table | None, str, str],
    right: tuple[Table | None, str, str],
    what_zh: str,
) -> Iterator[Relation]:
    """``left = right`` when both tables print both cells."""
    (table, row, column), (other, other_row, other_column) = left, right
    found, expected = at(table, row, column), at(other, other_row, other_column)
    if not found or not expected or table is None or other is None:
        return
    yield from equal(
        found,
        expected,
        f"{table.kind.label} {table.cell_name(row, column)} = "
        f"{other.kind.label} {other.cell_name(other_row, other_column)}",
        what_zh,
    )


def by_category(
    summary: Table | None, column: str, detail: Table | None, detail_column: str, name: str
) -> Iterator[Relation]:
    """Each 类 of *summary*'s *column* against *detail*'s 类 rows, when both list 类.

    A 类 listed in one and not the other stands for zero there.
    """
    left, right = category_keys(summary), category_keys(detail)
    if summary is None or detail is None or not left or not right:
        return
    if detail_column not in detail.column_keys or column not in summary.column_keys:
        return
    for key in dict.fromkeys([*left, *right]):
        found = lookup(summary, key, column)
        expected = lookup(detail, key, detail_column)
        if found is None or expected is None:
            continue
        yield from equal(
            found,
            expected,
            f"{summary.kind.label} {summary.cell_name(key, column)} = "
            f"{detail.kind.label} {detail.cell_name(key, detail_column)}",
            f"{summary.kind.label}「{key}」{name} = {detail.kind.label}「{key}」",
        )


def _tables(context: Context, *kinds: TableKind) -> list[Table | None]:
    return [context.disclosure.table(kind) for kind in kinds]


@rule(
    "budget.income",
    "收支预算总表's income equals 收入预算总表's 合计",
    "收支预算总表收入与收入预算总表一致",
    tables=(K.BUDGET_SUMMARY, K.BUDGET_INCOME),
)
def income(context: Context) -> Iterator[Relation]:
    """The summary's income lines equal the income table's totals.

    收入总计 = the income table's 合计 (Shanghai: its 合计 row's 合计 column; Jiangsu: its
    收入总计 line); 财政拨款收入, 事业收入, 事业单位经营收入 and 其他收入 = the 合计 row's
    columns of the same names.

    Example: 收支预算总表 prints 收入总计 31,214,205.80 while 收入预算总表's 合计 is
    31,204,205.80.
    """
    summary, detail = _tables(context, K.BUDGET_SUMMARY, K.BUDGET_INCOME)
    yield from same(
        (detail, "total", "total"),
        (summary, "income_total", "amount"),
        "收入预算总表合计 = 收入总计",
    )
    yield from same(
        (detail, "income_total", "total"),
        (summary, "income_total", "amount"),
        "收入预算总表收入总计 = 收支预算总表收入总计",
    )
    for line, column, name in (
        ("appropriation", "appropriation", "财政拨款收入"),
        ("business", "business", "事业收入"),
        ("operating", "operating", "事业单位经营收入"),
        ("other", "other", "其他收入"),
    ):
        yield from same(
            (detail, "total", column),
            (summary, line, "amount"),
            f"收入预算总表合计「{name}」= 收支预算总表「{name}」",
        )


@rule(
    "budget.expenditure",
    "收支预算总表's expenditure equals 支出预算总表, in total, by 类 and by use",
    "收支预算总表支出与支出预算总表一致",
    tables=(K.BUDGET_SUMMARY, K.BUDGET_EXPENDITURE),
)
def expenditure(context: Context) -> Iterator[Relation]:
    """The summary's expenditure equals the expenditure table's.

    支出总计 = the expenditure table's 合计; each 类 line = that 类's 合计 (where the
    expenditure table lists 类); Jiangsu's expenditure by use (基本支出, 项目支出, 单位预留
    机动经费, 结转下年资金) = the expenditure table's columns of those names.

    Example: 一般公共服务支出 22,186,440.80 in the summary and 22,168,440.80 in 支出预算总表.
    """
    summary, detail = _tables(context, K.BUDGET_SUMMARY, K.BUDGET_EXPENDITURE)
    yield from same(
        (detail, "total", "total"),
        (summary, "expenditure_total", "amount"),
        "支出预算总表合计 = 支出总计",
    )
    yield from by_category(summary, "amount", detail, "total", "支出")
    for line, column, name in (
        ("use_basic", "basic", "基本支出"),
        ("use_project", "project", "项目支出"),
        ("use_reserve", "reserve", "单位预留机动经费"),
        ("carry_forward", "carry_forward", "结转下年资金"),
    ):
        yield from same(
            (detail, "total", column),
            (summary, line, "amount"),
            f"支出预算总表合计「{name}」= 收支预算总表「{name}」",
        )


@rule(
    "budget.appropriation",
    "收支预算总表's appropriation income equals 财政拨款收支预算总表's",
    "收支预算总表财政拨款收入与财政拨款收支预算总表一致",
    tables=(K.BUDGET_SUMMARY, K.BUDGET_APPROPRIATION_SUMMARY),
)
def appropriation(context: Context) -> Iterator[Relation]:
    """The appropriation income agrees between the two summary tables.

    财政拨款收入 of the summary = 收入总计 of the appropriation summary; 一般公共预算,
    政府性基金 and 国有资本经营预算 lines agree line by line; the summary's spending by use
    (基本支出, 项目支出, 单位预留机动经费: every fund) is at least the appropriation summary's.

    Example: 财政拨款收入 15,897.44 in one, 收入合计 15,879.44 in the other.
    """
    summary, detail = _tables(context, K.BUDGET_SUMMARY, K.BUDGET_APPROPRIATION_SUMMARY)
    yield from same(
        (detail, "income_total", "amount"),
        (summary, "appropriation", "amount"),
        "财政拨款收支预算总表收入总计 = 收支预算总表财政拨款收入",
    )
    for line, name in (
        ("general_budget", "一般公共预算"),
        ("gov_fund", "政府性基金"),
        ("state_capital", "国有资本经营预算"),
    ):
        yield from same(
            (detail, line, "amount"),
            (summary, line, "amount"),
            f"财政拨款收支预算总表「{name}」= 收支预算总表「{name}」",
        )
    for line, name in (
        ("use_basic", "基本支出"),
        ("use_project", "项目支出"),
        ("use_reserve", "单位预留机动经费"),
    ):
        found, part = at(summary, line, "amount"), at(detail, line, "amount")
        if found and part:
            yield from equal(
                found,
                part,
                f"收支预算总表「{name}」≥ 财政拨款收支预算总表「{name}」",
                f"收支预算总表「{name}」≥ 财政拨款收支预算总表「{name}」",
                Op.GE,
            )


def _fund(
    context: Context, column: str, income_line: str, kind: TableKind, name: str
) -> Iterator[Relation]:
    """One fund of the appropriation summary against its own expenditure table."""
    summary, detail = _tables(context, K.BUDGET_APPROPRIATION_SUMMARY, kind)
    yield from same(
        (detail, "total", "total"),
        (summary, "expenditure_total", column),
        f"{kind.value}合计 = 财政拨款收支预算总表支出总计「{name}」",
    )
    yield from by_category(summary, column, detail, "total", name)
    if summary is not None and column not in summary.column_keys:
        # Jiangsu prints no fund columns: the fund's income line stands for its spending.
        yield from same(
            (detail, "total", "total"),
            (summary, income_line, "amount"),
            f"{kind.value}合计 = 财政拨款收支预算总表「{name}」收入",
        )


@rule(
    "budget.general-budget",
    "财政拨款收支预算总表's 一般公共预算 equals the 一般公共预算 expenditure table",
    "一般公共预算支出与财政拨款收支预算总表一致",
    tables=(K.BUDGET_APPROPRIATION_SUMMARY, K.BUDGET_GENERAL_EXPENDITURE),
)
def general_budget(context: Context) -> Iterator[Relation]:
    """The 一般公共预算 column of the appropriation summary equals its expenditure table.

    In total and by 类 where the summary prints fund columns (Shanghai); against the
    一般公共预算 income line where it does not (Jiangsu).

    Example: 一般公共预算 column 住房保障支出 4,736,957.00 while the table's 221 prints
    4,763,957.00.
    """
    yield from _fund(
        context, "general_budget", "general_budget", K.BUDGET_GENERAL_EXPENDITURE, "一般公共预算"
    )


@rule(
    "budget.gov-fund",
    "财政拨款收支预算总表's 政府性基金 equals the 政府性基金 expenditure table",
    "政府性基金预算支出与财政拨款收支预算总表一致",
    tables=(K.BUDGET_APPROPRIATION_SUMMARY, K.BUDGET_GOV_FUND),
)
def gov_fund(context: Context) -> Iterator[Relation]:
    """The 政府性基金 figures agree as ``budget.general-budget`` says for 一般公共预算.

    A 政府性基金 table that prints no rows stands for zeros.

    Example: the summary's 政府性基金预算 column holds 120.00 while the table is empty.
    """
    yield from _fund(context, "gov_fund", "gov_fund", K.BUDGET_GOV_FUND, "政府性基金预算")


@rule(
    "budget.state-capital",
    "财政拨款收支预算总表's 国有资本经营 equals the 国有资本经营 expenditure table",
    "国有资本经营预算支出与财政拨款收支预算总表一致",
    tables=(K.BUDGET_APPROPRIATION_SUMMARY, K.BUDGET_STATE_CAPITAL),
)
def state_capital(context: Context) -> Iterator[Relation]:
    """The 国有资本经营 figures agree as ``budget.general-budget`` says for 一般公共预算.

    Example: the summary's 国有资本经营预算 column holds 3.00 while the table's 合计 is 0.
    """
    yield from _fund(
        context, "state_capital", "state_capital", K.BUDGET_STATE_CAPITAL, "国有资本经营预算"
    )


@rule(
    "budget.appropriation-expenditure",
    "Jiangsu 财政拨款支出预算表 and 财政拨款基本支出预算表 equal the appropriation summary",
    "财政拨款支出表与财政拨款收支预算总表一致",
    tables=(
        K.BUDGET_APPROPRIATION_SUMMARY,
        K.BUDGET_APPROPRIATION_EXPENDITURE,
        K.BUDGET_APPROPRIATION_BASIC,
    ),
)
def appropriation_expenditure(context: Context) -> Iterator[Relation]:
    """The appropriation expenditure tables agree with the appropriation summary.

    财政拨款支出预算表 合计 = 支出合计; 财政拨款基本支出预算表 合计 = its 基本支出 line.

    Example: 财政拨款支出预算表 合计 15,897.44 while the summary's 支出合计 is 15,879.44.
    """
    summary, spending, basic = _tables(
        context,
        K.BUDGET_APPROPRIATION_SUMMARY,
        K.BUDGET_APPROPRIATION_EXPENDITURE,
        K.BUDGET_APPROPRIATION_BASIC,
    )
    yield from same(
        (spending, "total", "total"),
        (summary, "expenditure_total", "amount"),
        "财政拨款支出预算表合计 = 财政拨款收支预算总表支出合计",
    )
    yield from same(
        (basic, "total", "total"),
        (summary, "use_basic", "amount"),
        "财政拨款基本支出预算表合计 = 财政拨款收支预算总表基本支出",
    )


@rule(
    "budget.basic",
    "The economic table's 合计 equals the 一般公共预算 table's 基本支出",
    "基本支出经济分类合计等于一般公共预算基本支出",
    tables=(K.BUDGET_GENERAL_EXPENDITURE, K.BUDGET_GENERAL_BASIC),
)
def basic(context: Context) -> Iterator[Relation]:
    """一般公共预算基本支出 by economic code adds up to the functional table's 基本支出.

    The economic table's 合计 (and its 人员经费 + 公用经费) = the 一般公共预算 table's 合计
    row, 基本支出 column, where that table prints one.

    Example: 基本支出 25,121,091.00 in the functional table, 25,112,091.00 in the economic.
    """
    functional, economic = _tables(context, K.BUDGET_GENERAL_EXPENDITURE, K.BUDGET_GENERAL_BASIC)
    yield from same(
        (economic, "total", "total"),
        (functional, "total", "basic"),
        "一般公共预算基本支出表合计 = 一般公共预算支出表基本支出合计",
    )


@rule(
    "budget.personnel-public",
    "人员经费 = 301 + 303; 公用经费 = the other economic 类",
    "人员经费 = 工资福利支出 + 对个人和家庭的补助；公用经费 = 其余各类",
    tables=(K.BUDGET_GENERAL_BASIC,),
)
def personnel_public(context: Context) -> Iterator[Relation]:
    """The economic table's 人员经费 and 公用经费 columns match its economic 类.

    On the 合计 row: 人员经费 = the 合计 of 工资福利支出 (301) and 对个人和家庭的补助 (303);
    公用经费 = the 合计 of every other 类 (302, 310 …).

    Example: 人员经费 22,826,756.00 while 301 and 303 add up to 22,836,756.00.
    """
    table = context.disclosure.table(K.BUDGET_GENERAL_BASIC)
    categories = category_keys(table)
    if table is None or not categories:
        return
    personnel = [k for k in categories if k in ("301", "303")]
    public = [k for k in categories if k not in ("301", "303")]
    for column, keys, what_zh in (
        ("personnel", personnel, "人员经费 = 工资福利支出 + 对个人和家庭的补助"),
        ("public", public, "公用经费 = 其余各类之和"),
    ):
        found = at(table, "total", column)
        if not found:
            continue
        yield from equal(
            found,
            [t for k in keys for t in expand(table, k, "total")],
            f"{table.kind.label}: {table.cell_name('total', column)} = Σ 类 {', '.join(keys)}",
            f"{table.kind.label}合计行：{what_zh}",
        )


def _codes(*tables: Table | None) -> list[str]:
    """The code keys printed in any of *tables*, in first-printed order."""
    keys: dict[str, None] = {}
    for table in tables:
        if table is not None:
            keys.update((row.key, None) for row in table.coded_rows())
    return list(keys)


@rule(
    "budget.funds-by-code",
    "Appropriation spending by code = 一般公共预算 + 政府性基金, code by code",
    "财政拨款支出逐科目等于一般公共预算与政府性基金之和",
    tables=(K.BUDGET_APPROPRIATION_EXPENDITURE, K.BUDGET_GENERAL_EXPENDITURE, K.BUDGET_GOV_FUND),
)
def funds_by_code(context: Context) -> Iterator[Relation]:
    """Jiangsu's 财政拨款支出预算表 adds up its funds' tables, code by code.

    Every functional code's 金额 in 财政拨款支出预算表 = its 金额 in 一般公共预算支出预算表 +
    its 金额 in 政府性基金预算财政拨款支出预算表 (a code a fund's table does not list stands for
    zero there; an empty fund table for zeros throughout).

    Example: 2010101 行政运行 6,372.32 in the appropriation table, 6,327.32 in the
    一般公共预算 table, and the 政府性基金 table empty.
    """
    spending, general, fund = _tables(
        context,
        K.BUDGET_APPROPRIATION_EXPENDITURE,
        K.BUDGET_GENERAL_EXPENDITURE,
        K.BUDGET_GOV_FUND,
    )
    if spending is None or general is None or not (_codes(spending) and _codes(general)):
        return
    for key in _codes(spending, general, fund):
        found = lookup(spending, key, "total")
        parts = [*(lookup(general, key, "total") or []), *(lookup(fund, key, "total") or [])]
        if found is None:
            continue
        yield from equal(
            found,
            parts,
            f"{spending.kind.label}「{spending.row_name(key)}」= {general.kind.label} + "
            f"{K.BUDGET_GOV_FUND.label}",
            f"{spending.kind.label}「{key}」= 一般公共预算 + 政府性基金",
        )


@rule(
    "budget.basic-by-code",
    "Appropriation basic spending by economic code is at least the 一般公共预算 part",
    "财政拨款基本支出逐科目不小于一般公共预算基本支出",
    tables=(K.BUDGET_APPROPRIATION_BASIC, K.BUDGET_GENERAL_BASIC),
)
def basic_by_code(context: Context) -> Iterator[Relation]:
    """Jiangsu's 财政拨款基本支出预算表 holds at least the 一般公共预算 basic spending.

    Every economic code's 金额 in 财政拨款基本支出预算表 ≥ its 金额 in 一般公共预算基本支出
    预算表 (appropriations are 一般公共预算 and 政府性基金 money; the latter may add basic
    spending of its own).

    Example: 30101 基本工资 1,186.73 in the appropriation table, 1,168.73 in the other.
    """
    appropriation, general = _tables(context, K.BUDGET_APPROPRIATION_BASIC, K.BUDGET_GENERAL_BASIC)
    if appropriation is None or general is None:
        return
    if not (_codes(appropriation) and _codes(general)):
        return
    for key in _codes(appropriation, general):
        found, part = lookup(appropriation, key, "total"), lookup(general, key, "total")
        if found is None or part is None:
            continue
        yield from equal(
            found,
            part,
            f"{appropriation.kind.label}「{appropriation.row_name(key)}」≥ "
            f"{general.kind.label}「{general.row_name(key)}」",
            f"{appropriation.kind.label}「{key}」≥ 一般公共预算基本支出「{key}」",
            Op.GE,
        )


@rule(
    "budget.categories",
    "Each 类 of the summary is at least its appropriation spending",
    "收支预算总表各类支出不小于其财政拨款支出",
    tables=(K.BUDGET_SUMMARY, K.BUDGET_APPROPRIATION_EXPENDITURE, K.BUDGET_GENERAL_EXPENDITURE),
)
def categories(context: Context) -> Iterator[Relation]:
    """The summary's spending on a 类 covers every fund, so it is at least what one pays.

    Each 类 line of 收支预算总表 ≥ that 类 in 财政拨款支出预算表 (Jiangsu), or in the
    一般公共预算 table where there is no appropriation table (Shanghai).

    Example: 住房保障支出 2,122.38 in the summary, 2,212.38 in 财政拨款支出预算表.
    """
    summary, spending, general = _tables(
        context,
        K.BUDGET_SUMMARY,
        K.BUDGET_APPROPRIATION_EXPENDITURE,
        K.BUDGET_GENERAL_EXPENDITURE,
    )
    detail = spending if spending is not None and category_keys(spending) else general
    if summary is None or detail is None or "amount" not in summary.column_keys:
        return
    for key in category_keys(detail):
        found, part = lookup(summary, key, "amount"), lookup(detail, key, "total")
        if found is None or part is None:
            continue
        yield from equal(
            found,
            part,
            f"{summary.kind.label}「{summary.row_name(key)}」≥ "
            f"{detail.kind.label}「{detail.row_name(key)}」",
            f"{summary.kind.label}「{key}」≥ {detail.kind.label}「{key}」",
            Op.GE,
        )


@rule(
    "budget.three-public",
    "三公 reception and vehicle operation are at least the economic table's",
    "“三公”经费预算不小于基本支出中的对应科目",
    tables=(K.BUDGET_THREE_PUBLIC, K.BUDGET_GENERAL_BASIC),
)
def three_public(context: Context) -> Iterator[Relation]:
    """The 三公 table's 公务接待费 and 公务用车运行费 cover the economic table's.

    公务接待费 ≥ 30217 公务接待费 and 公务用车运行(维护)费 ≥ 30231 公务用车运行维护费 of the
    一般公共预算基本支出 table (the 三公 table also counts project spending, so it may be
    larger, never smaller). The 三公 table is often in 万元 beside economic tables in 元:
    the comparison converts exactly.

    Example: 公务接待费 0.95万元 while 30217 prints 19,500.00元.
    """
    table, economic = _tables(context, K.BUDGET_THREE_PUBLIC, K.BUDGET_GENERAL_BASIC)
    if table is None or economic is None:
        return
    for column, code, name in (
        ("reception", "30217", "公务接待费"),
        ("vehicle_operation", "30231", "公务用车运行维护费"),
    ):
        part = at(economic, code, "total")
        if not part:
            continue
        for row in table.rows:
            found = at(table, row.key, column)
            if found:
                yield from equal(
                    found,
                    part,
                    f"{table.kind.label} {table.cell_name(row.key, column)} ≥ "
                    f"{economic.kind.label}「{economic.row_name(code)}」",
                    f"“三公”经费{name} ≥ 基本支出{code}",
                    Op.GE,
                )
