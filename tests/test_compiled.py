"""Compiled relations judge exactly as the rules do, and claims are found once per text.

A report made through compiled relations (the second check of a shape) must equal the
report the rules make themselves (the first check after :func:`compiled.clear`), for any
figures: the mutations below change one printed figure and keep the shape.
"""

from decimal import Decimal

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from govbudget import Disclosure, check
from govbudget.amount import Amount, Unit
from govbudget.checks import compiled
from govbudget.checks.registry import REGISTRY, Context, Registry, Rule
from govbudget.checks.relations import Relation, cell
from govbudget.checks.runner import relations_of
from govbudget.narrative.claims import _found, claims
from govbudget.report import Report, Severity
from govbudget.strategies import consistent_disclosures
from govbudget.tables.base import Table, TableKind


def _printed_cells(disclosure: Disclosure) -> list[tuple[TableKind, int, str]]:
    return [
        (kind, index, column)
        for kind, table in disclosure.tables.items()
        for index, row in enumerate(table.rows)
        for column, amount in row.cells.items()
        if not amount.blank
    ]


def _changed(
    disclosure: Disclosure, where: tuple[TableKind, int, str], delta: Decimal
) -> Disclosure:
    """*disclosure* with one printed figure moved by *delta* (same places, same shape)."""
    kind, index, column = where
    table = disclosure.tables[kind]
    row = table.rows[index]
    old = row.cells[column]
    new = Amount(old.value + delta, old.unit, old.places)
    rows = list(table.rows)
    rows[index] = attrs.evolve(row, cells={**row.cells, column: new})
    tables = {**disclosure.tables, kind: attrs.evolve(table, rows=rows)}
    return attrs.evolve(disclosure, tables=tables)


def _nudged(data: st.DataObject, disclosure: Disclosure) -> Disclosure:
    """*disclosure* with one printed figure (if any) moved by a drawn amount up to 1.00."""
    cells = _printed_cells(disclosure)
    if not cells:
        return disclosure
    where = data.draw(st.sampled_from(cells))
    delta = data.draw(st.decimals(min_value=-1, max_value=1, places=2))
    return _changed(disclosure, where, delta)


def _plain_and_compiled(first: Disclosure, second: Disclosure) -> tuple[Report, Report]:
    """The report on *second* by the rules themselves, then through compiled relations."""
    compiled.clear()
    plain = check(second)
    compiled.clear()
    check(first)
    check(first)  # the second check of a shape compiles it
    return plain, check(second)


def test_the_seed_judged_compiled_equals_judged_plain(seed: Disclosure) -> None:
    """Every printed figure of the seed bumped in turn: the same report either way."""
    cells = _printed_cells(seed)[::7]

    for where in cells:
        changed = _changed(seed, where, Decimal("1.00"))
        plain, fast = _plain_and_compiled(seed, changed)

        assert fast == plain, where


def test_a_defect_is_found_and_blamed_through_compiled_relations(seed: Disclosure) -> None:
    """A figure made wrong after the shape is compiled is reported, and its cell suspected."""
    where = next(w for w in _printed_cells(seed) if w[0] is TableKind.EXPENDITURE)
    changed = _changed(seed, where, Decimal("100.00"))
    compiled.clear()
    check(seed)
    check(seed)

    report = check(changed)

    assert not report.ok
    assert report.suspects
    assert report == _plain_and_compiled(seed, changed)[0]


@settings(max_examples=25)
@given(data=st.data(), disclosure=consistent_disclosures())
def test_compiled_equals_plain_for_any_figures(data: st.DataObject, disclosure: Disclosure) -> None:
    """Generated disclosures with one figure moved: the same report either way."""
    cells = _printed_cells(disclosure)
    if not cells:
        return
    where = data.draw(st.sampled_from(cells))
    delta = data.draw(st.decimals(min_value=-500, max_value=500, places=0))
    changed = _changed(disclosure, where, delta)

    plain, fast = _plain_and_compiled(disclosure, changed)

    assert fast == plain


def test_relations_of_gives_full_relations(seed: Disclosure) -> None:
    """relations_of() after compiling returns Relation objects equal to the rules' own."""
    compiled.clear()
    plain = relations_of(seed)
    relations_of(seed)  # the second look at a shape compiles it

    again = relations_of(seed)

    assert all(isinstance(r, Relation) for r in again)
    assert again == plain


def test_a_rule_under_a_compiled_id_but_another_function_runs_as_written(
    seed: Disclosure,
) -> None:
    """A registry's own rule named like a compiled one is never replaced by a template."""
    calls: list[int] = []

    def mine(context: object) -> list[Relation]:
        calls.append(1)
        found = cell(seed.table(TableKind.EXPENDITURE), "total", "total")
        return [] if found is None else [Relation(found, ())]

    registry = Registry()
    registry.add(Rule("sum.hierarchy", "mine", "我的", Severity.ERROR, (), mine))

    check(seed, registry=registry)
    check(seed, registry=registry)

    assert calls == [1, 1]


def test_shape_ignores_figures_but_not_blanks(seed: Disclosure) -> None:
    """Moving a figure keeps the shape; blanking one changes it."""
    where = _printed_cells(seed)[0]
    kind, index, column = where
    moved = _changed(seed, where, Decimal("3"))
    table = seed.tables[kind]
    row = table.rows[index]
    blanked_row = attrs.evolve(
        row, cells={**row.cells, column: Amount.empty(row.cells[column].unit, 0)}
    )
    rows = [blanked_row if i == index else r for i, r in enumerate(table.rows)]
    blanked = attrs.evolve(seed, tables={**seed.tables, kind: attrs.evolve(table, rows=rows)})

    assert compiled.shape(moved) == compiled.shape(seed)
    assert compiled.shape(blanked) != compiled.shape(seed)


def test_claims_are_found_once_per_text() -> None:
    """The second reading of a text finds its claims in the cache: the same claims."""
    text = "本年支出合计123.45万元，其中：基本支出100.00万元，占81.0%。"
    first = list(claims(text))
    hits = _found.cache_info().hits

    second = list(claims(text))

    assert second == first
    assert _found.cache_info().hits == hits + 1
    assert [c.kind.value for c in first] == ["amount", "amount", "share"]


@settings(max_examples=25)
@given(data=st.data(), disclosure=consistent_disclosures())
def test_a_bound_relation_is_balanced_exactly_when_its_difference_is_zero(
    data: st.DataObject, disclosure: Disclosure
) -> None:
    """Bound.balanced is the full relation's difference being zero.

    It spares the second tier most long sums; checked on every compiled relation of a
    disclosure with one figure moved by up to 1.00.
    """
    disclosure = _nudged(data, disclosure)
    compiled.clear()
    check(disclosure)
    check(disclosure)  # the second check of a shape compiles it
    plans = compiled.Plans(disclosure)
    context_rules = [r for r in REGISTRY if r.id in compiled.SHAPE_ONLY]
    bound = [
        item
        for rule in context_rules
        for item in plans.judged(rule, Context(disclosure, None))
        if isinstance(item, compiled.Bound)
    ]

    assert bound
    for item in bound:
        assert item.balanced is (item.relation().comparison.difference == 0)


def test_every_compiled_or_quiet_id_names_a_registered_rule() -> None:
    """A renamed rule cannot drop out of the fast paths (or into them) unnoticed."""
    registered = {r.id for r in REGISTRY}

    assert registered >= compiled.SHAPE_ONLY
    assert registered >= compiled.QUIET_BY_SHAPE
    assert not compiled.SHAPE_ONLY & compiled.QUIET_BY_SHAPE


def test_a_rule_quiet_on_a_shape_is_not_run_again_but_counts_its_coverage(
    seed: Disclosure,
) -> None:
    """A second check of the seed's shape skips catalogue.code and still counts its codes.

    The seed's names are all right, so the first check found nothing there.
    """
    compiled.clear()
    first = check(seed)
    book = next(iter(compiled._SHAPES.values()))
    quiet = {rule for rule, _, _ in book.quiet}

    second = check(seed)

    assert {"catalogue.code", "structure.orphan", "structure.duplicate"} <= quiet
    assert "sum.blank-parent" not in quiet  # the seed's 310 is blank over its 款: found
    assert second.coverage == first.coverage
    assert second.coverage["codes_verified"] > 0
    assert second == first


def test_a_quiet_rule_is_asked_again_for_another_year(seed: Disclosure) -> None:
    """The catalogue differs by year: quiet in 2020 says nothing of the same rows in 2016."""
    other = attrs.evolve(seed, year=2016)
    compiled.clear()
    plain = check(other)
    compiled.clear()
    check(seed)

    assert check(other) == plain


def test_a_shape_is_compiled_on_its_second_check_only(seed: Disclosure) -> None:
    """A shape checked once (a bulk run over distinct documents) is not compiled."""
    compiled.clear()
    check(seed)
    book = next(iter(compiled._SHAPES.values()))
    assert not book.plans

    check(seed)

    assert compiled.COMPILE_AFTER == 2
    assert book.plans.get("sum.hierarchy")


@given(data=st.data())
@settings(max_examples=15)
def test_a_figure_printed_in_another_unit_is_judged_as_the_rules_judge_it(
    seed: Disclosure, data: st.DataObject
) -> None:
    """One cell stored in 元 among 万元 figures (right or off by up to 100 元): same report."""
    kind, index, column = data.draw(st.sampled_from(_printed_cells(seed)))
    table = seed.tables[kind]
    row = table.rows[index]
    old = row.cells[column]
    off = data.draw(st.integers(min_value=-100, max_value=100))
    yuan = Amount(old.value * 10000 + off, Unit.YUAN, 0)
    rows = list(table.rows)
    rows[index] = attrs.evolve(row, cells={**row.cells, column: yuan})
    mixed = attrs.evolve(seed, tables={**seed.tables, kind: attrs.evolve(table, rows=rows)})

    plain, fast = _plain_and_compiled(mixed, mixed)

    assert fast == plain


def test_a_fact_of_a_shape_is_worked_out_once_for_tables_printed_alike(
    seed: Disclosure,
) -> None:
    """of_shape asks once per shape: again for a blank moved, not for a figure moved."""
    compiled.clear()
    asked: list[TableKind] = []

    def work(table: Table) -> int:
        asked.append(table.kind)
        return len(table.rows)

    where = _printed_cells(seed)[0]
    kind = where[0]
    moved = _changed(seed, where, Decimal("3"))
    assert compiled.of_shape(seed.tables[kind], work) == len(seed.tables[kind].rows)
    assert compiled.of_shape(moved.tables[kind], work) == len(seed.tables[kind].rows)
    assert asked == [kind]
    table = seed.tables[kind]
    row = table.rows[where[1]]
    blanked = attrs.evolve(
        row, cells={**row.cells, where[2]: Amount.empty(row.cells[where[2]].unit, 0)}
    )
    other = attrs.evolve(table, rows=[blanked if r is row else r for r in table.rows])
    compiled.of_shape(other, work)
    assert asked == [kind, kind]


def test_a_blank_parent_found_again_on_a_shape_reports_the_new_figures(
    seed: Disclosure,
) -> None:
    """sum.blank-parent's places come from the shape; its children's sum from the figures."""
    kind = TableKind.GENERAL_BUDGET_BASIC_EXPENDITURE
    table = seed.tables[kind]
    child, column = next(
        (i, c)
        for i, r in enumerate(table.rows)
        if r.code is not None and r.code.parent is not None and r.code.parent.digits == "310"
        for c, a in r.cells.items()
        if not a.blank
    )
    moved = _changed(seed, (kind, child, column), Decimal("1"))

    def blank_parent(disclosure: Disclosure) -> list[str]:
        return [
            f.message
            for f in check(disclosure, rules=["sum.blank-parent"]).findings
            if f.row == "310"
        ]

    compiled.clear()
    before = blank_parent(seed)
    after = blank_parent(moved)
    assert len(before) == len(after) == 1
    compiled.clear()
    assert blank_parent(moved) == after  # the same as worked out afresh
    assert before != after


def _judgements(disclosure: Disclosure) -> compiled.Judgements:
    """Every relation the default rules judge, gathered as the runner gathers them."""
    plans = compiled.Plans(disclosure)
    context = Context(disclosure, None)
    out = compiled.Judgements()
    for rule in REGISTRY:
        if rule.needs_names:
            continue
        judged = plans.judged(rule, context)
        if isinstance(judged, compiled.Judged):
            out.add(judged)
            continue
        for item in judged:
            if isinstance(item, Relation | compiled.Bound):
                out.add(item)
    return out


@settings(max_examples=25)
@given(data=st.data(), disclosure=consistent_disclosures())
def test_relations_judged_together_are_those_the_rules_yield(
    data: st.DataObject, disclosure: Disclosure
) -> None:
    """Compiled relations, judged a rule at a time, equal the rules' own relations.

    The same relations in the same order, the same verdicts, the same failing ones and
    the same long sums that hold only by rounding; with one figure moved by up to 1.00.
    """
    disclosure = _nudged(data, disclosure)
    compiled.clear()
    plain = _judgements(disclosure)
    _judgements(disclosure)  # the second look at a shape compiles it
    fast = _judgements(disclosure)

    assert any(isinstance(item, compiled.Judged) for item in fast._items)
    assert len(fast) == len(plain) == len(list(plain))
    assert [compiled.as_relation(r) for r in fast] == list(plain)
    assert fast.all_hold() is plain.all_hold() is all(r.holds for r in plain)
    for size in (0, 2, 7):
        assert [compiled.as_relation(r) for r in fast.off(size)] == plain.off(size)
    failing = [
        compiled.as_relation(r)
        for item in fast._items
        if isinstance(item, compiled.Judged)
        for r in item.failing()
    ]
    assert failing == [
        compiled.as_relation(r) for r in fast if isinstance(r, compiled.Bound) and not r.holds
    ]
