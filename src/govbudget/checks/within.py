"""Rules within one table: hierarchies, totals, row identities, summary tables, 06 and 07.

Each rule yields :class:`~govbudget.checks.relations.Relation` objects; the runner judges
them with interval arithmetic and turns the violated ones into findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from govbudget.checks.registry import Context, rule
from govbudget.checks.relations import Relation, Term, all_blank, cell, expand, terms_of
from govbudget.codes import Level
from govbudget.tables import APPROPRIATION_LINES, SPECS, LineEqual, LineSum, RowSum, spec
from govbudget.tables.base import Row, Table, TableKind

__all__ = ["declared_relations", "row_identity"]

K = TableKind
_CODED = tuple(kind for kind in TableKind if SPECS[kind].hierarchy)
_TOTALLED = tuple(kind for kind in TableKind if SPECS[kind].total_line)


def _declaring(rule_id: str) -> tuple[TableKind, ...]:
    """The kinds whose specs declare an identity judged by *rule_id*."""
    return tuple(
        kind for kind in TableKind if any(i.rule == rule_id for i in SPECS[kind].identities)
    )


def _tables(context: Context, kinds: tuple[TableKind, ...]) -> Iterator[Table]:
    for kind in kinds:
        table = context.disclosure.table(kind)
        if table is not None:
            yield table


def _column_label(table: Table, column: str) -> str:
    return next((c.label for c in table.columns if c.key == column), column)


def relation(found: Term | None, parts: list[Term], what: str, what_zh: str) -> Relation | None:
    """A relation, or ``None`` when the judged cell does not exist."""
    if found is None:
        return None
    return Relation(found, tuple(parts), what, what_zh)


_KINDS: Final = tuple(TableKind)  # iterating the enum itself is slow


def declared_relations(context: Context, rule_id: str) -> Iterator[Relation]:
    """The relations of every identity the specs declare for *rule_id*, table by table.

    Tables are visited in :class:`~govbudget.tables.base.TableKind` order, identities in
    the order their spec declares them.

    .. versionadded:: 0.2
    """
    for kind in _KINDS:
        table = context.disclosure.table(kind)
        if table is None:
            continue
        for identity in SPECS[kind].identities:
            if identity.rule != rule_id:
                continue
            if isinstance(identity, RowSum):
                yield from row_identity(table, identity.total, identity.parts)
            elif isinstance(identity, LineSum):
                yield from _line_identity(table, identity)
            else:
                yield from _line_equal(table, identity)


def _printed(table: Table, line: str, column: str) -> bool:
    """Whether *line* is a row of *table* that prints a cell under *column*."""
    row = table.row(line)
    return row is not None and column in row.cells


def _line_identity(table: Table, identity: LineSum) -> Iterator[Relation]:
    """``found = Σ parts`` for a declared line sum; skipped where nothing of it is printed."""
    if not any(table.row(p) is not None for p in identity.parts):
        return
    for column in identity.columns or table.column_keys:
        if column not in table.column_keys or not _printed(table, identity.found, column):
            continue
        parts = terms_of(cell(table, p, column) for p in identity.parts if table.row(p))
        rel = relation(
            cell(table, identity.found, column),
            parts,
            f"{table.kind.label}: {table.cell_name(identity.found, column)} = "
            + " + ".join(table.row_name(p) for p in identity.parts),
            f"{table.kind.label}：{identity.what_zh}",
        )
        if rel is not None:
            yield rel


def _line_equal(table: Table, identity: LineEqual) -> Iterator[Relation]:
    """One declared cell against another, when both are printed."""
    (line, column), (other_line, other_column) = identity.found, identity.other
    if not (_printed(table, line, column) and _printed(table, other_line, other_column)):
        return
    rel = relation(
        cell(table, line, column),
        terms_of([cell(table, other_line, other_column)]),
        f"{table.kind.label}: {table.cell_name(line, column)} = "
        f"{table.cell_name(other_line, other_column)}",
        f"{table.kind.label}：{identity.what_zh}",
    )
    if rel is not None:
        yield rel


def row_identity(table: Table, total: str, parts: tuple[str, ...]) -> Iterator[Relation]:
    """``total = Σ parts`` across the columns of every row of *table*."""
    present = [p for p in parts if p in table.column_keys]
    if total not in table.column_keys or not present:
        return
    names = " + ".join(_column_label(table, p) for p in present)
    for row in table.rows:
        found = cell(table, row.key, total)
        rel = relation(
            found,
            terms_of(cell(table, row.key, p) for p in present),
            f"{table.kind.label} row {table.row_name(row.key)}: "
            f"{_column_label(table, total)} = {names}",
            f"{table.kind.label}「{table.row_name(row.key)}」行："
            f"{_column_label(table, total)} = {names}",
        )
        if rel is not None:
            yield rel


@rule(
    "sum.hierarchy",
    "A parent code equals the sum of its children",
    "上级科目等于下级科目之和",
    tables=_CODED,
)
def hierarchy(context: Context) -> Iterator[Relation]:
    """Every 类 equals the sum of its 款, every 款 the sum of its 项, in every column.

    Applies to every table whose rows are keyed by codes (final accounts: 02, 03, 05, 06,
    08, 09; budgets: every table of functional or economic codes but the summaries). A
    parent printed blank over printed children is left to ``sum.blank-parent``. Some 款
    have no 项, but every 类 has 款: a 类 with a figure and no 款 row is judged against
    an empty sum, which catches a dropped row.

    Example: in 05, 201 一般公共服务支出 prints 836.91 while its 款 20101 prints 826.91.
    """
    for table in _tables(context, _CODED):
        for row in table.coded_rows():
            assert row.code is not None
            levels = type(row.code).levels
            depth = levels.index(row.code.level)
            children = table.children(row.key)
            if depth + 1 >= len(levels) or (not children and depth > 0):
                continue  # some 款 have no 项; every 类 has 款
            level = levels[depth + 1].label
            for column in table.column_keys:
                found = cell(table, row.key, column)
                parts = [t for child in children for t in expand(table, child.key, column)]
                if found is None or (found.amount.blank and not all_blank(parts)):
                    continue  # a blank over printed children: sum.blank-parent says so
                yield Relation(
                    found,
                    tuple(parts),
                    f"{table.kind.label} {table.cell_name(row.key, column)} = Σ its {level}",
                    f"{table.kind.label}「{row.key} {row.label}」{_column_label(table, column)}"
                    f" = 所属{level}之和",
                )


@rule(
    "sum.total",
    "The 合计 row equals the sum of the 类 rows",
    "合计行等于各类之和",
    tables=_TOTALLED,
)
def grand_total(context: Context) -> Iterator[Relation]:
    """The 合计 row of a coded table equals the sum of its 类 rows, in every column.

    Final accounts: 02, 03, 05, 08, 09. Budgets: every table keyed by functional or
    economic code (收入预算总表, 支出预算总表, the 一般公共预算, 政府性基金 and 国有资本经营
    tables, the economic tables and 机关运行经费).

    Example: 03's 合计 prints 876.17 while its 类 rows 201 and 221 add up to 866.17.
    """
    for table in _tables(context, _TOTALLED):
        categories = [r for r in table.coded_rows() if r.code and r.code.level is Level.CATEGORY]
        if not categories and table.kind is K.BUDGET_EXPENDITURE:
            continue  # Jiangsu's 支出预算总表 prints its 合计 line alone, with no 类 under it
        for column in table.column_keys:
            found = cell(table, "total", column)
            rel = relation(
                found,
                [t for r in categories for t in expand(table, r.key, column)],
                f"{table.kind.label} {table.cell_name('total', column)} = Σ 类",
                f"{table.kind.label} 合计「{_column_label(table, column)}」= 各类之和",
            )
            if rel is not None:
                yield rel


@rule(
    "row.columns",
    "A row's total column equals the sum of its part columns",
    "行内合计栏等于各分栏之和",
    tables=_declaring("row.columns"),
)
def row_columns(context: Context) -> Iterator[Relation]:
    """A row's total column equals the sum of its part columns.

    In every row: 02 本年收入合计 = Σ income sources; 03 本年支出合计 = 基本 + 项目 + …;
    05, 08 and 09 小计 = 基本支出 + 项目支出. Budgets: 收入预算总表 合计 = 财政拨款收入 +
    事业收入 + …; 支出预算总表 and the functional tables 合计 = 基本支出 + 项目支出 (+ 单位预留机动
    经费 + 结转下年资金); the economic table 合计 = 人员经费 + 公用经费. Declared on each
    table's spec (:class:`~govbudget.tables.RowSum`).

    Example: a 05 row printing 小计 56.25 with 基本支出 50.00 and 项目支出 5.25.
    """
    yield from declared_relations(context, "row.columns")


@rule(
    "row.balance",
    "Closing balance = opening balance + income − expenditure",
    "年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出",
    tables=(K.GOV_FUND, K.STATE_CAPITAL),
)
def balance(context: Context) -> Iterator[Relation]:
    """08 and 09: closing = opening + income − expenditure.

    In 08 (and 09 where it prints balances), every row's closing balance equals its
    opening balance plus income minus expenditure.

    Example: opening 10.00, income 50.00, expenditure 45.00, closing printed 5.00 (15.00).
    """
    for table in _tables(context, (K.GOV_FUND, K.STATE_CAPITAL)):
        if not {"opening", "income", "total", "closing"} <= set(table.column_keys):
            continue
        for row in table.rows:
            rel = relation(
                cell(table, row.key, "closing"),
                terms_of(
                    [
                        cell(table, row.key, "opening"),
                        cell(table, row.key, "income"),
                        cell(table, row.key, "total", sign=-1),
                    ]
                ),
                f"{table.kind.label} row {table.row_name(row.key)}: "
                "年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出",
                f"{table.kind.label}「{table.row_name(row.key)}」行："
                "年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出",
            )
            if rel is not None:
                yield rel


def _line_sum(  # noqa: PLR0917 - a relation between named lines, spelled out
    table: Table, found: str, parts: tuple[str, ...], column: str, what: str, what_zh: str
) -> Relation | None:
    return relation(
        cell(table, found, column),
        terms_of(cell(table, p, column) for p in parts),
        f"{table.kind.label}: {what} [{_column_label(table, column)}]",
        f"{table.kind.label}：{what_zh}",
    )


@rule(
    "summary.income",
    "本年收入合计 equals the sum of the income lines",
    "本年收入合计等于各项收入之和",
    tables=(K.INCOME_EXPENDITURE_SUMMARY, K.APPROPRIATION_SUMMARY, *_declaring("summary.income")),
)
def summary_income(context: Context) -> Iterator[Relation]:
    """01: 本年收入合计 = the eight income lines; 04: = the three appropriation lines.

    Example: 01 prints 一般公共预算财政拨款收入 876.17 and 本年收入合计 886.17.
    """
    summary = context.disclosure.table(K.INCOME_EXPENDITURE_SUMMARY)
    if summary is not None:
        lines = tuple(line.key for line in spec(K.INCOME_EXPENDITURE_SUMMARY).lines[:8])
        rel = _line_sum(
            summary,
            "income_total",
            lines,
            "amount",
            "本年收入合计 = Σ income lines",
            "本年收入合计 = 各项收入之和",
        )
        if rel is not None:
            yield rel
    appropriation = context.disclosure.table(K.APPROPRIATION_SUMMARY)
    if appropriation is not None:
        rel = _line_sum(
            appropriation,
            "income_total",
            APPROPRIATION_LINES,
            "amount",
            "本年收入合计 = Σ appropriation lines",
            "本年收入合计 = 各项财政拨款收入之和",
        )
        if rel is not None:
            yield rel
    yield from declared_relations(context, "summary.income")


@rule(
    "summary.expenditure",
    "本年支出合计 equals the sum of the 类 lines",
    "本年支出合计等于各类支出之和",
    tables=(
        K.INCOME_EXPENDITURE_SUMMARY,
        K.APPROPRIATION_SUMMARY,
        *_declaring("summary.expenditure"),
    ),
)
def summary_expenditure(context: Context) -> Iterator[Relation]:
    """01 and 04: 本年支出合计 = the sum of the 类 lines.

    本年支出合计 = the sum of the expenditure lines by functional 类, in every
    column (04 prints 合计 and one column per fund).

    Example: 01 prints 一般公共服务支出 836.91, 住房保障支出 39.26 and 本年支出合计 886.17.
    """
    for table in _tables(context, (K.INCOME_EXPENDITURE_SUMMARY, K.APPROPRIATION_SUMMARY)):
        categories = [r.key for r in table.coded_rows()]
        for column in table.column_keys:
            rel = relation(
                cell(table, "expenditure_total", column),
                terms_of(cell(table, key, column) for key in categories),
                f"{table.kind.label}: {table.cell_name('expenditure_total', column)} = Σ 类 lines",
                f"{table.kind.label}：本年支出合计「{_column_label(table, column)}」= 各类支出之和",
            )
            if rel is not None and not (rel.found.amount.blank and not categories):
                yield rel
    for table in _tables(context, (K.BUDGET_SUMMARY, K.BUDGET_APPROPRIATION_SUMMARY)):
        yield from _budget_categories(table)
    yield from declared_relations(context, "summary.expenditure")


def _budget_categories(table: Table) -> Iterator[Relation]:
    """A budget summary's expenditure by 类 adds up to its 当年支出小计 (or its 支出总计)."""
    categories = [r.key for r in table.coded_rows()]
    line = "expenditure_subtotal" if table.row("expenditure_subtotal") else "expenditure_total"
    found_row = table.row(line)
    if not categories or found_row is None:
        return
    for column in table.column_keys:
        if column not in found_row.cells:
            continue
        rel = relation(
            cell(table, line, column),
            terms_of(cell(table, key, column) for key in categories),
            f"{table.kind.label}: {table.cell_name(line, column)} = Σ 类 lines",
            f"{table.kind.label}：{found_row.label or '支出合计'}「{_column_label(table, column)}」"
            "= 各类支出之和",
        )
        if rel is not None:
            yield rel


@rule(
    "summary.grand-total",
    "总计 equals 本年合计 plus carry-overs, on both sides",
    "总计等于本年合计加结转结余",
    tables=(
        K.INCOME_EXPENDITURE_SUMMARY,
        K.APPROPRIATION_SUMMARY,
        *_declaring("summary.grand-total"),
    ),
)
def summary_grand_total(context: Context) -> Iterator[Relation]:
    """01 and 04: 总计 = 本年合计 plus carry-overs.

    01: income 总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余; expenditure 总计 =
    本年支出合计 + 结余分配 + 年末结转和结余. 04 likewise with the appropriation balances, and
    its 年初财政拨款结转和结余 = the three fund lines under it.

    Example: 本年收入合计 876.17, 年初结转和结余 12.00, 总计 printed 876.17.
    """
    yield from declared_relations(context, "summary.grand-total")
    summary = context.disclosure.table(K.INCOME_EXPENDITURE_SUMMARY)
    if summary is not None:
        for rel in (
            _line_sum(
                summary,
                "income_grand_total",
                ("income_total", "use_non_appropriation_balance", "opening_balance"),
                "amount",
                "收入总计 = 本年收入合计 + balances used + opening balance",
                "收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
            ),
            _line_sum(
                summary,
                "expenditure_grand_total",
                ("expenditure_total", "surplus_distribution", "closing_balance"),
                "amount",
                "支出总计 = 本年支出合计 + surplus distribution + closing balance",
                "支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余",
            ),
        ):
            if rel is not None:
                yield rel
    appropriation = context.disclosure.table(K.APPROPRIATION_SUMMARY)
    if appropriation is None:
        return
    rels = [
        _line_sum(
            appropriation,
            "income_grand_total",
            ("income_total", "opening_balance"),
            "amount",
            "收入总计 = 本年收入合计 + opening balance",
            "收入总计 = 本年收入合计 + 年初财政拨款结转和结余",
        ),
    ]
    if appropriation.row("opening_general_budget") is not None:
        rels.append(
            _line_sum(
                appropriation,
                "opening_balance",
                ("opening_general_budget", "opening_gov_fund", "opening_state_capital"),
                "amount",
                "opening balance = Σ its fund lines",
                "年初财政拨款结转和结余 = 各项资金之和",
            )
        )
    for column in ("total", "general_budget", "gov_fund", "state_capital"):
        rels.append(
            _line_sum(
                appropriation,
                "expenditure_grand_total",
                ("expenditure_total", "closing_balance"),
                column,
                "支出总计 = 本年支出合计 + closing balance",
                f"支出总计「{_column_label(appropriation, column)}」"
                "= 本年支出合计 + 年末财政拨款结转和结余",
            )
        )
    yield from (r for r in rels if r is not None)


@rule(
    "summary.balanced",
    "Income 总计 equals expenditure 总计",
    "收入总计等于支出总计",
    tables=(K.INCOME_EXPENDITURE_SUMMARY, K.APPROPRIATION_SUMMARY, *_declaring("summary.balanced")),
)
def summary_balanced(context: Context) -> Iterator[Relation]:
    """01 and 04: the income side's 总计 equals the expenditure side's 总计.

    Example: 收入总计 876.17 against 支出总计 867.17.
    """
    pairs = ((K.INCOME_EXPENDITURE_SUMMARY, "amount"), (K.APPROPRIATION_SUMMARY, "total"))
    for kind, column in pairs:
        table = context.disclosure.table(kind)
        if table is None:
            continue
        rel = relation(
            cell(table, "expenditure_grand_total", column),
            terms_of([cell(table, "income_grand_total", "amount")]),
            f"{kind.label}: 支出总计 = 收入总计",
            f"{kind.label}：支出总计 = 收入总计",
        )
        if rel is not None:
            yield rel
    yield from declared_relations(context, "summary.balanced")


@rule(
    "summary.fund-columns",
    "04: 合计 equals the sum of the three fund columns",
    "财政拨款支出合计等于三项资金之和",
    tables=_declaring("summary.fund-columns"),
)
def summary_fund_columns(context: Context) -> Iterator[Relation]:
    """04: on every expenditure-side line, 合计 = 一般公共预算 + 政府性基金 + 国有资本经营.

    The same for the budget's 财政拨款收支预算总表.

    Example: 一般公共服务支出 合计 836.91 with 一般公共预算财政拨款 826.91 and nothing else.
    """
    yield from declared_relations(context, "summary.fund-columns")


@rule(
    "economic.personnel-public",
    "人员经费合计 = 301 + 303; 公用经费合计 = the other 类",
    "人员经费合计 = 301 + 303；公用经费合计 = 其余各类",
    tables=(K.GENERAL_BUDGET_BASIC_EXPENDITURE,),
)
def personnel_public(context: Context) -> Iterator[Relation]:
    """06's 人员经费合计 and 公用经费合计 equal their economic 类.

    人员经费合计 equals 工资福利支出 (301) plus 对个人和家庭的补助 (303); 公用经费合计
    equals every other economic 类 (302, 307, 310, 399 …). A 类 printed blank over printed
    款 counts as the sum of its 款.

    Example: 301 547.16 and 303 53.72 with 人员经费合计 printed 610.88.
    """
    for table in _tables(context, (K.GENERAL_BUDGET_BASIC_EXPENDITURE,)):
        categories = [
            r.key for r in table.coded_rows() if r.code and r.code.level is Level.CATEGORY
        ]
        personnel = [k for k in categories if k in ("301", "303")]
        public = [k for k in categories if k not in ("301", "303")]
        for line, keys, what, what_zh in (
            (
                "personnel_total",
                personnel,
                "人员经费合计 = 301 + 303",
                "人员经费合计 = 工资福利支出 + 对个人和家庭的补助",
            ),
            ("public_total", public, "公用经费合计 = Σ other 类", "公用经费合计 = 其余各类之和"),
        ):
            for column in table.column_keys:
                rel = relation(
                    cell(table, line, column),
                    [t for k in keys for t in expand(table, k, column)],
                    f"{table.kind.label}: {what}",
                    f"{table.kind.label}：{what_zh}",
                )
                if rel is not None:
                    yield rel


@rule(
    "three-public.sum",
    "三公 合计 = 出国 + 公务用车 + 接待; 公务用车 = 购置 + 运行",
    "“三公”经费合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费",
    tables=(K.THREE_PUBLIC, K.BUDGET_THREE_PUBLIC),
)
def three_public(context: Context) -> Iterator[Relation]:
    """07's 合计 and 公务用车 columns add up.

    For the budget and the actual figures alike: 合计 = 因公出国（境）费 +
    公务用车购置及运行费 + 公务接待费, and 公务用车购置及运行费 = 购置费 + 运行费.

    The budget's table likewise (Jiangsu adds 会议费 and 培训费 to its 合计, and prints a
    “三公” 小计).

    Example: actual 合计 1.98 with 公务接待费 1.98 and 因公出国（境）费 0.50.
    """
    for table in _tables(context, (K.THREE_PUBLIC,)):
        keys = table.column_keys
        for row in table.rows:
            for side, side_zh in (("budget", "预算数"), ("actual", "决算数")):
                vehicle = (
                    (f"{side}_vehicle",)
                    if f"{side}_vehicle" in keys
                    else (f"{side}_vehicle_purchase", f"{side}_vehicle_operation")
                )
                parts = (f"{side}_abroad", *vehicle, f"{side}_reception")
                rels = [
                    relation(
                        cell(table, row.key, f"{side}_total"),
                        terms_of(cell(table, row.key, p) for p in parts),
                        f"{table.kind.label} {side_zh}: 合计 = 因公出国（境）费"
                        " + 公务用车购置及运行费 + 公务接待费",
                        f"{table.kind.label} {side_zh}：合计 = 因公出国（境）费"
                        " + 公务用车购置及运行费 + 公务接待费",
                    ),
                    relation(
                        cell(table, row.key, f"{side}_vehicle"),
                        terms_of(
                            cell(table, row.key, p)
                            for p in (f"{side}_vehicle_purchase", f"{side}_vehicle_operation")
                        ),
                        f"{table.kind.label} {side_zh}: 公务用车购置及运行费 = 购置费 + 运行费",
                        f"{table.kind.label} {side_zh}：公务用车购置及运行费 = 购置费 + 运行费",
                    ),
                ]
                yield from (r for r in rels if r is not None)
    yield from declared_relations(context, "three-public.sum")


@rule(
    "summary.procurement",
    "Procurement 合计 equals goods + works + services",
    "政府采购合计等于货物、工程、服务之和",
    tables=_declaring("summary.procurement"),
)
def summary_procurement(context: Context) -> Iterator[Relation]:
    """The budget's 政府采购支出预算表 adds up, level by level.

    合计 = 货物 + 工程 + 服务; each of those = the groups printed under it (a 专项 with its
    经济科目), or its items where it has no group; each group = the items printed under
    it (采购物品名称 with its 采购组织形式).

    Example: 合计 2,064.25 printed over 货物 59.00 and 服务 2,015.25.
    """
    yield from declared_relations(context, "summary.procurement")
    table = context.disclosure.table(K.BUDGET_PROCUREMENT)
    if table is None:
        return
    column = "total"
    for head, parts in _procurement_levels(table):
        rel = relation(
            cell(table, head.key, column),
            terms_of(cell(table, p.key, column) for p in parts),
            f"{table.kind.label}: {table.row_name(head.key)} = Σ the lines under it",
            f"{table.kind.label}「{head.label}」= 其下各行之和",
        )
        if rel is not None:
            yield rel


_PROCUREMENT_KINDS: Final = ("goods", "works", "services")


def _procurement_levels(table: Table) -> Iterator[tuple[Row, list[Row]]]:
    """Each category and group of a procurement table with the rows directly under it."""
    category: Row | None = None
    group: Row | None = None
    groups: list[Row] = []
    items: list[Row] = []  # under the current group, or the category when it has none
    loose: list[Row] = []  # items of the category printed before any group

    def close_group() -> Iterator[tuple[Row, list[Row]]]:
        if group is not None:
            yield group, items

    def close_category() -> Iterator[tuple[Row, list[Row]]]:
        if category is not None and (groups or items):  # a category printed alone: no detail
            yield category, [*loose, *groups] if groups else items

    for row in table.rows:
        key = row.key
        if key in _PROCUREMENT_KINDS:
            yield from close_group()
            yield from close_category()
            category, group, groups, items, loose = row, None, [], [], []
        elif key.startswith("group") and category is not None:
            yield from close_group()
            if group is None and not groups:
                loose = items
            group, items = row, []
            groups.append(row)
        elif key.startswith("item") and category is not None:
            items.append(row)
    yield from close_group()
    yield from close_category()
