"""The second tier: long sums that hold only through improbable rounding are warnings."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import attrs
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from govbudget import Amount, Disclosure, Severity, TableKind, check
from govbudget.checks import relations_of
from govbudget.checks.rounding import MIN_PARTS, THRESHOLD, improbable, tail
from govbudget.strategies import consistent_budgets, consistent_disclosures
from govbudget.tables import CellRef

K = TableKind
CATALOGUE = ["catalogue.*"]
RULE = "rounding.improbable"
LONG = (15, 30)  # economic 款 under each 类: sums of 15 to 30 parts


def edit(d: Disclosure, kind: TableKind, row: str, column: str, value: Amount) -> Disclosure:
    """The disclosure with one printed cell replaced by *value*."""
    table = d.tables[kind]
    rows = [
        attrs.evolve(r, cells={**r.cells, column: value}) if r.key == row else r for r in table.rows
    ]
    return attrs.evolve(d, tables={**d.tables, kind: attrs.evolve(table, rows=rows)})


def test_tail_matches_the_irwin_hall_distribution_by_hand() -> None:
    """Two errors: a triangle, P(|S| ≥ ½) = ¼; three: 2·(1/6); one: never a whole step."""
    assert tail(2, 1) == Fraction(1, 4)
    assert tail(3, 1) == Fraction(1, 3)
    assert tail(1, 1) == 0
    assert tail(21, 0) == 1
    # 21 figures (a parent over twenty children): 0.05 happens 1 in 2000, 0.09 ~never.
    assert Fraction(1, 2500) < tail(21, 5) < Fraction(1, 1500)
    assert tail(21, 9) < Fraction(1, 10**9)


@given(st.integers(1, 60), st.integers(0, 40))
def test_tail_is_a_probability_falling_with_the_difference(terms: int, steps: int) -> None:
    """Between 0 and 1, symmetric in the sign, never rising as the difference grows."""
    p = tail(terms, steps)

    assert 0 <= p <= 1
    assert tail(terms, -steps) == p
    assert tail(terms, steps + 1) <= p
    if 2 * steps > terms:  # beyond the interval tolerance: impossible
        assert p == 0


def test_tail_agrees_with_a_normal_approximation_in_the_middle() -> None:
    """For many terms the sum is nearly normal (variance terms/12): a sanity check."""
    terms, steps = 48, 3
    z = (steps - 0.5) / math.sqrt(terms / 12)
    normal = math.erfc(z / math.sqrt(2))

    assert abs(float(tail(terms, steps)) - normal) < 0.01


def test_a_swap_under_a_long_parent_is_a_warning_naming_the_cell(seed: Disclosure) -> None:
    """06's 302 adds twenty 款; 30207 printed 12.23 for 12.32 passes the interval, not this."""
    table = seed.tables[K.GENERAL_BUDGET_BASIC_EXPENDITURE]
    assert len(table.children("302")) >= MIN_PARTS
    broken = edit(
        seed,
        K.GENERAL_BUDGET_BASIC_EXPENDITURE,
        "30207",
        "amount",
        Amount(Decimal("12.23"), table.unit, 2),
    )
    report = check(broken, skip=CATALOGUE)

    assert report.ok  # never an error: the interval verdict holds
    warnings = [f for f in report.findings if f.rule == RULE]
    assert len(warnings) == 1
    warning = warnings[0]
    assert warning.severity is Severity.WARNING
    assert "probability 3.2×10^-7%" in warning.message
    assert "概率仅为3.2×10^-7%" in warning.message_zh
    assert "30207 " in warning.message_zh
    (found,) = improbable(relations_of(broken))
    assert found.probability < THRESHOLD
    assert CellRef(K.GENERAL_BUDGET_BASIC_EXPENDITURE, "30207", "amount") in {
        t.ref for t in found.suspects
    }


def test_the_seed_and_short_sums_give_no_warning(seed: Disclosure) -> None:
    """The published seed: none; 20101 = Σ 5 项 off by its full tolerance: too short."""
    assert not [f for f in check(seed, skip=CATALOGUE).findings if f.rule == RULE]
    table = seed.tables[K.GENERAL_BUDGET_EXPENDITURE]
    edge = edit(
        seed,
        K.GENERAL_BUDGET_EXPENDITURE,
        "2010101",
        "basic",
        Amount(Decimal("657.16"), table.unit, 2),
    )
    report = check(edge, rules=["sum.hierarchy", RULE])
    assert report.findings == ()


def _long_disclosures() -> st.SearchStrategy[Disclosure]:
    """Consistent final accounts and budgets whose economic 类 each add 15 to 30 款."""
    return st.one_of(
        consistent_disclosures(economic_sections=LONG),
        consistent_budgets(economic_sections=LONG),
    )


@settings(max_examples=40, derandomize=True, deadline=None)
@given(_long_disclosures())
def test_consistent_disclosures_are_warned_at_most_at_the_threshold_rate(
    disclosure: Disclosure,
) -> None:
    """Per long sum, a warning on a consistent disclosure is rarer than the threshold.

    Each example holds a handful of long sums; across examples the rate is measured by
    ``benchmarks/bench_rounding.py``. Here: no example has more warnings than a Poisson
    count at the threshold rate would allow (the expected count is far below one).
    """
    relations = relations_of(disclosure)
    long_sums = sum(1 for r in relations if len(r.parts) >= MIN_PARTS)
    warned = list(improbable(relations))
    event(f"long sums: {long_sums // 10 * 10}+")

    assert check(disclosure, skip=CATALOGUE).ok
    assert len(warned) <= THRESHOLD * long_sums + 1


def _children(disclosure: Disclosure) -> list[tuple[TableKind, str, str]]:
    """The economic 款 under a 类 with at least MIN_PARTS of them: (table, row, parent)."""
    found = []
    for kind, table in disclosure.tables.items():
        for row in table.coded_rows():
            parent = row.code.parent if row.code is not None else None
            if parent is not None and len(table.children(parent.digits)) >= MIN_PARTS:
                found.append((kind, row.key, parent.digits))
    return found


def _swapped(amount: Amount) -> Amount | None:
    """*amount* with its last two digits swapped, when they differ."""
    text = amount.printed()
    if len(text) < 2 or not (text[-1].isdigit() and text[-2].isdigit()) or text[-1] == text[-2]:
        return None
    return Amount(Decimal(text[:-2] + text[-1] + text[-2]), amount.unit, amount.places)


@settings(max_examples=60, deadline=None)
@given(_long_disclosures(), st.data())
def test_a_swapped_or_bumped_child_under_a_long_parent_is_warned_and_blamed(
    disclosure: Disclosure, data: st.DataObject
) -> None:
    """A 款 moved by a swap of its last two digits, or by 0.06 to 0.12, under a long 类.

    When the move leaves the sum within tolerance but its difference improbable, the
    warning names the cell (alone or tied; a swapped cell among the likeliest, a bumped one
    among the likeliest or, when another cell's slip happens to explain it, among the cells
    a plain change could explain); beyond tolerance it is an error naming it (or, for a
    bump, a sibling whose own slip repairs the sum). Either way
    it is caught when the printed difference is improbable.
    """
    children = _children(disclosure)
    kind, row, parent = data.draw(st.sampled_from(children))
    table = disclosure.tables[kind]
    column = table.column_keys[0]
    printed = table.amount(row, column)
    assert printed is not None
    assume(not printed.blank and printed.places == 2)
    how = data.draw(st.sampled_from(["swap", "bump"]))
    new = _swapped(printed) if how == "swap" else None
    if new is None:
        how = "bump"
        steps = data.draw(st.integers(6, 12)) * data.draw(st.sampled_from([1, -1]))
        new = Amount(printed.value + Decimal(steps).scaleb(-2), printed.unit, printed.places)
    broken = edit(disclosure, kind, row, column, new)
    ref = CellRef(kind, row, column)
    relations = relations_of(broken)
    (parent_sum,) = [
        r
        for r in relations
        if r.found.ref == CellRef(kind, parent, column) and ref in r.coefficients()
    ]
    report = check(broken, skip=CATALOGUE)

    if not parent_sum.holds:
        event("beyond tolerance: an error")
        assert not report.ok
        named = {s.cell for s in report.suspects}
        # A plain bump is no slip of the pen: a sibling whose own slip (two digits
        # swapped, a tenfold figure) happens to repair the sum is named before it.
        assert ref in named or (
            how == "bump" and all(s.signature is not None for s in report.suspects)
        )
        return
    warned = [w for w in improbable(relations) if w.relation.found.ref == parent_sum.found.ref]
    steps_now = int(parent_sum.comparison.difference.scaleb(2))
    if tail(len(parent_sum.terms), steps_now) < THRESHOLD:
        event("within tolerance, improbable: a warning")
        assert len(warned) == 1
        likeliest = {t.ref for t in warned[0].suspects}
        assert ref in (likeliest if how == "swap" else likeliest | {t.ref for t in warned[0].also})
        assert any(f.rule == RULE and f.severity is Severity.WARNING for f in report.findings)
    else:
        event("within tolerance and probable: rounding could explain it")
        assert not warned
