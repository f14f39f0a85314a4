"""Budget checks: generated budgets pass, injected errors are caught and blamed, keys are typed."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from govbudget import Disclosure, check
from govbudget.amount import Amount
from govbudget.checks import Context, Registry, covered_cells, rule
from govbudget.checks.relations import Relation, cell, declared
from govbudget.errors import RuleError
from govbudget.strategies import (
    BUDGET_LAYOUTS,
    InjectedError,
    budgets_with_error,
    consistent_budgets,
)
from govbudget.tables import Column, Family, LineSum, Row, RowSum, Table, TableKind, TableSpec
from govbudget.tables.budget import SETS

CATALOGUE = ["catalogue.*"]
K = TableKind


@settings(max_examples=80)
@given(consistent_budgets())
def test_consistent_budgets_have_no_findings(budget: Disclosure) -> None:
    """Budgets of either layout, exact to the fen and printed rounded, raise nothing."""
    report = check(budget, skip=CATALOGUE)

    assert budget.family is Family.BUDGET
    assert report.findings == ()
    assert report.checked > 20


@pytest.mark.parametrize("layout", BUDGET_LAYOUTS)
@settings(max_examples=20)
@given(data=st.data())
def test_each_layout_prints_its_whole_set(layout: str, data: st.DataObject) -> None:
    """A generated budget holds exactly its layout's tables, the 三公 table in 万元."""
    budget = data.draw(consistent_budgets(layout=layout))

    assert set(budget.tables) == set(SETS[layout])
    assert budget.tables[K.BUDGET_THREE_PUBLIC].unit.value == "万元"


def _move(budget: Disclosure, kind: TableKind, row: str, column: str, by: int = 1000) -> Disclosure:
    """*budget* with one cell raised by *by* in its table's unit (a blank becomes *by*)."""
    table = budget.tables[kind]
    rows = []
    for printed in table.rows:
        if printed.key == row:
            old = table.amount(row, column)
            assert old is not None
            base = Decimal(0) if old.blank else old.value
            new = Amount(base + by, old.unit, table.places)
            rows.append(attrs.evolve(printed, cells={**printed.cells, column: new}))
        else:
            rows.append(printed)
    return attrs.evolve(budget, tables={**budget.tables, kind: attrs.evolve(table, rows=rows)})


#: (layout, table, row, column, the rule that must object) — one per budget identity family.
MOVES = [
    ("上海", K.BUDGET_SUMMARY, "appropriation", "amount", "summary.income"),
    ("上海", K.BUDGET_SUMMARY, "income_total", "amount", "summary.balanced"),
    ("上海", K.BUDGET_INCOME, "total", "business", "budget.income"),
    ("上海", K.BUDGET_EXPENDITURE, "total", "total", "budget.expenditure"),
    ("上海", K.BUDGET_APPROPRIATION_SUMMARY, "income_total", "amount", "budget.appropriation"),
    ("上海", K.BUDGET_APPROPRIATION_SUMMARY, "expenditure_total", "gov_fund", "budget.gov-fund"),
    (
        "上海",
        K.BUDGET_APPROPRIATION_SUMMARY,
        "expenditure_total",
        "state_capital",
        "budget.state-capital",
    ),
    ("上海", K.BUDGET_GENERAL_EXPENDITURE, "total", "total", "budget.general-budget"),
    ("上海", K.BUDGET_GENERAL_EXPENDITURE, "total", "basic", "budget.basic"),
    ("上海", K.BUDGET_GENERAL_BASIC, "total", "personnel", "budget.personnel-public"),
    ("上海", K.BUDGET_GENERAL_BASIC, "total", "public", "row.columns"),
    ("上海", K.BUDGET_THREE_PUBLIC, "three_public", "reception", "three-public.sum"),
    ("江苏", K.BUDGET_SUMMARY, "use_basic", "amount", "summary.expenditure"),
    ("江苏", K.BUDGET_SUMMARY, "carry_forward", "amount", "summary.grand-total"),
    ("江苏", K.BUDGET_INCOME, "general_budget_special", "total", "summary.income"),
    ("江苏", K.BUDGET_EXPENDITURE, "total", "reserve", "row.columns"),
    (
        "江苏",
        K.BUDGET_APPROPRIATION_EXPENDITURE,
        "total",
        "total",
        "budget.appropriation-expenditure",
    ),
    ("江苏", K.BUDGET_GENERAL_EXPENDITURE, "total", "total", "budget.general-budget"),
    ("上海", K.BUDGET_EXPENDITURE, "total", "project", "row.columns"),
    ("江苏", K.BUDGET_GOV_FUND, "total", "total", "budget.gov-fund"),
    ("江苏", K.BUDGET_THREE_PUBLIC, "three_public", "meeting", "three-public.sum"),
    ("江苏", K.BUDGET_PROCUREMENT, "goods", "total", "summary.procurement"),
]


@pytest.mark.parametrize(("layout", "kind", "row", "column", "rule_id"), MOVES)
@settings(max_examples=8)
@given(data=st.data())
def test_each_budget_identity_objects_to_a_moved_cell(  # noqa: PLR0917 - one case spelled out
    layout: str, kind: TableKind, row: str, column: str, rule_id: str, data: st.DataObject
) -> None:
    """Raising one declared cell by 1000 is an error of the rule that owns that identity."""
    budget = data.draw(consistent_budgets(layout=layout))
    report = check(_move(budget, kind, row, column), skip=CATALOGUE)

    assert rule_id in {f.rule for f in report.errors()}


@settings(max_examples=80)
@given(
    budgets_with_error(
        kinds=["unit_slip", "tenfold", "sign_flip", "transposed_digits"], covered=covered_cells
    )
)
def test_budget_slips_flips_and_swaps_are_caught_and_blamed(injected: InjectedError) -> None:
    """A ×10000 or ×10 slip, a flipped sign, two swapped digits: errors naming the cell.

    Only cells some relation judges are changed (the 三公 table's 机关运行经费 is stated
    by the narrative alone); the cell is the one suspect, or tied with others.
    """
    report = check(injected.disclosure, skip=CATALOGUE)

    assert not report.ok, injected.kind
    assert injected.cell in {s.cell for s in report.suspects}
    assert all(s.tied for s in report.suspects) == (len(report.suspects) > 1)


@settings(max_examples=40)
@given(budgets_with_error(kinds=["neighbour_copy"], covered=covered_cells))
def test_a_budget_figure_copied_from_the_next_column_is_blamed(injected: InjectedError) -> None:
    """A figure copied from the column beside it, once caught, is named (or tied)."""
    report = check(injected.disclosure, skip=CATALOGUE)

    named = [
        (s.cell.row, s.cell.column, s.signature, s.explains, s.breaks) for s in report.suspects
    ]
    if not report.ok:
        assert injected.cell in {s.cell for s in report.suspects}, (injected, named)


@settings(max_examples=80)
@given(budgets_with_error(kinds=["change"], covered=covered_cells))
def test_a_budget_cell_moved_by_a_tenth_or_more_is_caught_and_blamed(
    injected: InjectedError,
) -> None:
    """A figure moved by at least 0.10 of its unit is an error, and its cell a suspect.

    Budget identities have at most a few dozen terms, so 0.10 is beyond every tolerance
    (0.005 per term); a smaller move may hide in rounding, as the interval rule intends.
    """
    assert injected.printed is not None
    assert injected.changed is not None
    report = check(injected.disclosure, skip=CATALOGUE)
    moved = abs(injected.changed.value - injected.printed.value)

    if moved >= Decimal("0.1"):
        assert not report.ok
        # Named — unless a slip of the pen at other cells explains it as well: a plain
        # change is then the less likely story, and those cells are named instead.
        named = {s.cell for s in report.suspects}
        assert injected.cell in named or all(s.signature for s in report.suspects)


def test_a_misspelt_key_raises_instead_of_checking_nothing() -> None:
    """Asking for a column or line a kind does not declare is a RuleError, not None."""
    with pytest.raises(RuleError, match="declares no column 'totl'"):
        declared(K.BUDGET_GENERAL_EXPENDITURE, "total", "totl")
    with pytest.raises(RuleError, match="declares no line 'income_totl'"):
        declared(K.BUDGET_SUMMARY, "income_totl", "amount")

    declared(K.BUDGET_SUMMARY, "201", "amount")  # a code's digits are always a row key
    declared(K.BUDGET_PROCUREMENT, "item7", "total")  # so are a procurement table's items


@settings(max_examples=5)
@given(consistent_budgets(layout="上海"))
def test_a_rule_with_a_misspelt_key_reports_that_it_could_not_run(budget: Disclosure) -> None:
    """The typo surfaces as an error finding of the rule, never as a silent pass."""
    registry = Registry()

    @rule("mine.typo", "A rule with a typo", "拼写错误", registry=registry)
    def typo(context: Context) -> Iterator[Relation]:
        table = context.disclosure.table(K.BUDGET_EXPENDITURE)
        found = cell(table, "total", "totl")
        if found is not None:
            yield Relation(found, ())

    report = check(budget, registry=registry)

    assert [f.rule for f in report.errors()] == ["mine.typo"]
    assert "could not run" in report.errors()[0].message


def test_a_spec_refuses_an_identity_over_undeclared_keys() -> None:
    """A typo in a declared identity fails when the spec is built (at import)."""
    with pytest.raises(RuleError, match="declares no column 'projct'"):
        TableSpec(
            K.BUDGET_EXPENDITURE,
            (Column("total", "合计"), Column("basic", "基本支出")),
            identities=(RowSum("row.columns", "total", ("basic", "projct")),),
        )
    with pytest.raises(RuleError, match="declares no line 'gross'"):
        TableSpec(
            K.BUDGET_SUMMARY,
            (Column("amount", "预算数"),),
            identities=(LineSum("summary.income", "gross", ()),),
        )


def test_budget_kinds_have_their_family_and_labels() -> None:
    """Budget kinds say 预算; their labels carry no final-account number."""
    assert K.BUDGET_INCOME.family is Family.BUDGET
    assert K.INCOME.family is Family.FINAL
    assert K.BUDGET_INCOME.label == "收入预算总表"
    assert K.INCOME.label == "公开02表 收入决算表"
    assert len(K.of_family(Family.BUDGET)) == 13


def _procurement(*rows: tuple[str, str, str]) -> Disclosure:
    """A budget holding only a procurement table of (key, label, 万元 figure) rows."""
    from govbudget.amount import Unit, parse_amount  # noqa: PLC0415 - this helper alone

    table = Table(
        K.BUDGET_PROCUREMENT,
        Unit.WAN,
        (Column("total", "总计"),),
        [
            Row(line=k, label=label, cells={"total": parse_amount(v, Unit.WAN)})
            for k, label, v in rows
        ],
    )
    return Disclosure("某单位", 2018, family=Family.BUDGET, tables={table.kind: table})


PROCUREMENT = (
    ("total", "合计", "100.00"),
    ("goods", "一、货物A", "60.00"),
    ("group1", "办公设备购置费 / 办公设备购置", "60.00"),
    ("item2", "台式计算机 / 分散自行组织", "45.00"),
    ("item3", "家具用具 / 分散自行组织", "15.00"),
    ("services", "三、服务C", "40.00"),
    ("item4", "会议服务 / 分散自行组织", "40.00"),
)


def test_procurement_adds_up_level_by_level() -> None:
    """合计 = categories; a category = its groups (or items); a group = its items."""
    assert check(_procurement(*PROCUREMENT), rules=["summary.procurement"]).findings == ()

    wrong = [(k, label, "54.00" if k == "item2" else v) for k, label, v in PROCUREMENT]
    report = check(_procurement(*wrong), rules=["summary.procurement"])

    assert [f.row for f in report.errors()] == ["group1"]
    assert [s.cell.row for s in report.suspects] == ["item2"]  # 45.00 → 54.00: a swap


def test_a_slip_of_the_pen_is_named_alone() -> None:
    """Of cells that repair the same sums, the one whose repair undoes a slip is named."""
    rows = [
        ("total", "合计", "100.00"),
        ("goods", "一、货物A", "60.00"),
        ("group1", "办公设备购置费 / 办公设备购置", "60.00"),
        ("item2", "台式计算机 / 分散自行组织", "450000.00"),  # 45.00 printed in 元 digits
        ("item3", "家具用具 / 分散自行组织", "15.00"),
        ("services", "三、服务C", "40.00"),
        ("item4", "会议服务 / 分散自行组织", "40.00"),
    ]
    report = check(_procurement(*rows), rules=["summary.procurement"])

    assert [s.cell.row for s in report.suspects] == ["item2"]


def test_a_blank_never_ties_with_a_printed_figure() -> None:
    """A figure moved beside a blank item: the figure is named, not the blank."""
    rows = [
        ("total", "合计", "100.00"),
        ("goods", "一、货物A", "100.00"),
        ("group1", "办公设备购置费 / 办公设备购置", "100.00"),
        ("item2", "台式计算机 / 分散自行组织", "100.37"),
        ("item3", "家具用具 / 分散自行组织", ""),
    ]
    report = check(_procurement(*rows), rules=["summary.procurement"])

    assert [s.cell.row for s in report.suspects] == ["item2"]


@settings(max_examples=10)
@given(consistent_budgets(layout="上海"))
def test_basic_reception_beyond_the_three_public_table_is_an_error(budget: Disclosure) -> None:
    """30217 公务接待费 raised past the 三公 table's 公务接待费 (万元 against 元) objects."""
    assume(budget.tables[K.BUDGET_GENERAL_BASIC].row("30217") is not None)
    far = 10**9  # 元: beyond any generated 三公 figure
    report = check(_move(budget, K.BUDGET_GENERAL_BASIC, "30217", "total", far), skip=CATALOGUE)

    assert "budget.three-public" in {f.rule for f in report.errors()}
