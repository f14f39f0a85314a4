"""Property tests of the checker: no false positives, and every injected error caught."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from govbudget import Disclosure, Unit, check
from govbudget.checks import covered_cells, relations_of
from govbudget.report import Report
from govbudget.strategies import (
    InjectedError,
    consistent_disclosures,
    disclosures_with_error,
    tables,
)
from govbudget.tables import CellRef, Table

#: Generated rows are labelled 科目301 …: their names are not the catalogue's.
CATALOGUE = ["catalogue.*"]


@settings(max_examples=60)
@given(consistent_disclosures())
def test_consistent_disclosures_have_no_findings(disclosure: Disclosure) -> None:
    """Ledgers exact to the fen, printed rounded to 0.01 万元: zero false positives."""
    report = check(disclosure, skip=CATALOGUE)

    assert report.findings == ()
    assert report.suspects == ()
    assert report.checked > 20


@given(
    st.sampled_from([(Unit.YUAN, 2), (Unit.YUAN, 0), (Unit.QIAN, 1), (Unit.WAN, 4)]).flatmap(
        lambda up: consistent_disclosures(unit=up[0], places=up[1])
    )
)
def test_no_false_positives_in_other_units_and_precisions(disclosure: Disclosure) -> None:
    """The same holds for tables printed in 元, 千元 or at other precisions."""
    assert check(disclosure, skip=CATALOGUE).findings == ()


@given(tables())
def test_tables_strategy_gives_typed_tables(table: Table) -> None:
    """Single tables carry a kind, columns and rows keyed by code or line."""
    assert table.columns
    assert all(row.key for row in table.rows)
    assert table.no_data == (not table.rows)


def _tightest(disclosure: Disclosure, cell: CellRef) -> Decimal | None:
    """The smallest tolerance among the relations the cell takes part in."""
    tolerances = [
        r.comparison.tolerance for r in relations_of(disclosure) if cell in r.coefficients()
    ]
    return min(tolerances, default=None)


@settings(max_examples=60)
@given(disclosures_with_error(kinds=["change"]))
def test_a_change_beyond_tolerance_is_caught_and_blamed(injected: InjectedError) -> None:
    """A cell moved beyond tolerance is caught and named among the likely wrong cells.

    Beyond tolerance: by more than twice the tightest tolerance among the relations the
    cell takes part in (its printed value may already sit at the edge of one).
    """
    assert injected.printed is not None
    assert injected.changed is not None
    moved = abs(injected.changed.value - injected.printed.value)
    tightest = _tightest(injected.original, injected.cell)
    assert tightest is not None, f"{injected.cell} takes part in no relation"
    report = check(injected.disclosure, skip=CATALOGUE)

    if moved > 2 * tightest:
        assert not report.ok
    if not report.ok:
        # Named — unless a slip of the pen at other cells explains it as well.
        named = {s.cell for s in report.suspects}
        assert injected.cell in named or all(s.signature for s in report.suspects)


def _top_or_tied(report: Report, cell: CellRef) -> None:
    """*cell* is the one suspect, or among suspects all marked tied."""
    named = [
        (s.cell.row, s.cell.column, s.signature, s.explains, s.breaks) for s in report.suspects
    ]
    assert cell in {s.cell for s in report.suspects}, named
    assert all(s.tied for s in report.suspects) == (len(report.suspects) > 1)


@settings(max_examples=80)
@given(
    disclosures_with_error(
        kinds=["unit_slip", "tenfold", "sign_flip", "transposed_digits"], covered=covered_cells
    )
)
def test_slips_flips_and_transpositions_are_caught_and_blamed(injected: InjectedError) -> None:
    """A 元/万元 or ×10 slip, a sign flip, two swapped digits: caught, top suspect or tied."""
    report = check(injected.disclosure, skip=CATALOGUE)

    assert not report.ok, injected.kind
    _top_or_tied(report, injected.cell)
    assert injected.cell in {s.cell for s in report.suspects if s.signature is not None}


@settings(max_examples=60)
@given(disclosures_with_error(kinds=["neighbour_copy"], covered=covered_cells))
def test_a_figure_copied_from_the_next_column_is_caught_and_blamed(
    injected: InjectedError,
) -> None:
    """The figure of the neighbouring column, copied: caught beyond tolerance, and blamed."""
    assert injected.printed is not None
    assert injected.changed is not None
    moved = abs(injected.changed.value - injected.printed.value)
    tightest = _tightest(injected.original, injected.cell)
    assert tightest is not None
    report = check(injected.disclosure, skip=CATALOGUE)

    if moved > 2 * tightest:
        assert not report.ok
    if not report.ok:
        _top_or_tied(report, injected.cell)


@settings(max_examples=60)
@given(disclosures_with_error(kinds=["dropped_row"]))
def test_a_dropped_row_is_caught(injected: InjectedError) -> None:
    """A coded row holding a figure of at least 1.00, left out, is reported in its table.

    Mostly as a broken sum (an error); a 款 left out from under its printed 项 keeps every
    sum intact and shows as 项 without their 款 (a warning).
    """
    report = check(injected.disclosure, skip=CATALOGUE)

    assert any(f.table is injected.cell.table for f in report.findings)
    if not report.errors():
        assert {f.rule for f in report.findings} == {"structure.orphan"}
