"""Plots: the bars drawn carry the table figures (read off the artists, not images)."""

from collections.abc import Iterator
from decimal import Decimal

import attrs
import matplotlib as mpl
import pytest

mpl.use("Agg")

from matplotlib import pyplot as plt

from govbudget import Disclosure, GovbudgetError, Table, TableKind
from govbudget.plotting import (
    Figure,
    budget_and_final,
    economic_categories,
    functional_categories,
    plot_budget_vs_final,
    plot_economic,
    plot_functional,
)


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    """Every test starts and ends with no open figure."""
    yield
    plt.close("all")


def test_functional_categories_are_the_03_category_rows(seed: Disclosure) -> None:
    """The seed spent 836.91 on 201 and 39.26 on 221 (公开03表, 本年支出合计)."""
    assert functional_categories(seed) == [
        Figure("201", "一般公共服务支出", Decimal("836.91")),
        Figure("221", "住房保障支出", Decimal("39.26")),
    ]


def test_functional_categories_from_another_table(seed: Disclosure) -> None:
    """The 01 table's 类 lines give the same figures in its amount column."""
    figures = functional_categories(
        seed, table=TableKind.INCOME_EXPENDITURE_SUMMARY, column="amount"
    )

    assert [(f.key, f.value) for f in figures] == [
        ("201", Decimal("836.91")),
        ("221", Decimal("39.26")),
    ]


def test_plot_functional_bar_heights_are_the_figures(seed: Disclosure) -> None:
    """One bar per 类, its height the printed figure, labelled by code and name."""
    ax = plot_functional(seed)

    bars = ax.containers[0]
    assert [bar.get_height() for bar in bars] == [836.91, 39.26]
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "201 一般公共服务支出",
        "221 住房保障支出",
    ]
    assert ax.get_ylabel() == "万元"


def test_economic_categories_leave_blank_cells_out(seed: Disclosure) -> None:
    """301, 303 and 302 carry figures; 307, 310 and 399 are printed blank (not drawn)."""
    assert [(f.key, f.value) for f in economic_categories(seed)] == [
        ("301", Decimal("547.16")),
        ("303", Decimal("53.72")),
        ("302", Decimal("272.02")),
    ]


def test_plot_economic_on_given_axes_code_labels(seed: Disclosure) -> None:
    """Drawn on the axes passed in; names=False labels by code only."""
    _figure, ax = plt.subplots()

    returned = plot_economic(seed, ax=ax, names=False)

    assert returned is ax
    assert [bar.get_height() for bar in ax.containers[0]] == [547.16, 53.72, 272.02]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["301", "303", "302"]
    assert ax.get_ylabel() == "yuan x 10^4"


def test_budget_and_final_pairs_of_the_three_public_table(seed: Disclosure) -> None:
    """公开07表: six items printed as budget and final; blanks count as 0."""
    pairs = budget_and_final(seed)

    assert [(b.key, b.value, a.value) for b, a in pairs] == [
        ("total", Decimal("2.01"), Decimal("1.98")),
        ("abroad", Decimal("0.00"), Decimal("0.00")),
        ("vehicle", Decimal("0.00"), Decimal("0.00")),
        ("vehicle_purchase", Decimal("0.00"), Decimal("0.00")),
        ("vehicle_operation", Decimal("0.00"), Decimal("0.00")),
        ("reception", Decimal("2.01"), Decimal("1.98")),
    ]
    assert pairs[-1][0].label == "公务接待费"


def test_plot_budget_vs_final_two_groups(seed: Disclosure) -> None:
    """Two bar containers, budget then final, one bar per item, with a legend."""
    ax = plot_budget_vs_final(seed, names=False)

    budget, final = ax.containers
    assert [bar.get_height() for bar in budget] == [2.01, 0, 0, 0, 0, 2.01]
    assert [bar.get_height() for bar in final] == [1.98, 0, 0, 0, 0, 1.98]
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["budget", "final"]
    assert [t.get_text() for t in ax.get_xticklabels()][-1] == "reception"


def test_budget_and_final_needs_a_pair(seed: Disclosure) -> None:
    """A table printing only final figures (01) has nothing to compare: an error says so."""
    with pytest.raises(GovbudgetError, match="no budget column"):
        budget_and_final(seed, table=TableKind.INCOME_EXPENDITURE_SUMMARY)


def test_missing_table_is_an_error(seed: Disclosure) -> None:
    """A disclosure without 公开06表 cannot be drawn by economic 类."""
    tables: dict[TableKind, Table] = {
        k: t for k, t in seed.tables.items() if k is not TableKind.GENERAL_BUDGET_BASIC_EXPENDITURE
    }
    partial = attrs.evolve(seed, tables=tables)

    with pytest.raises(GovbudgetError, match="no 公开06表"):
        plot_economic(partial)


def test_importing_plotting_does_not_import_matplotlib() -> None:
    """The plotting module imports matplotlib only when a plot is drawn."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    code = "import sys, govbudget.plotting; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert out.stdout.strip() == "False"
