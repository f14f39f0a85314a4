"""Plots of a disclosure with matplotlib: where the money went, and budget against final.

Three figures a reader of a final account usually wants:

- :func:`plot_functional` — expenditure by functional 类 (what it was spent on: 201
  一般公共服务支出, 221 住房保障支出 …), from 公开03表 支出决算表 by default;
- :func:`plot_economic` — basic expenditure by economic 类 (how it was spent: 301
  工资福利支出, 302 商品和服务支出 …), from 公开06表;
- :func:`plot_budget_vs_final` — budget beside final for every pair of columns a table
  prints both ways; in the final-account set that is 公开07表 “三公”经费 (the summary
  tables 01 and 04 print only 决算数, so they have no pair to draw).

The figures drawn come from :func:`functional_categories`, :func:`economic_categories`
and :func:`budget_and_final`, which return them as exact ``Decimal``. Only the bars
convert them to ``float``, because matplotlib draws floats: a bar's height is the printed
figure to within float precision, far below what a plot can show. A blank cell draws no
bar in the structure plots, and a zero-height bar in the budget-against-final plot.

matplotlib is optional (``pip install 'govbudget[plot]'``) and imported only when a plot
is drawn. Category names are Chinese: with no CJK font installed matplotlib draws them as
boxes (and warns); pass ``names=False`` to label by code only, with the unit on the
value axis written in ASCII (``"yuan x 10^4"`` for 万元), so that no Chinese is drawn.

.. versionadded:: 0.1
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from govbudget.codes import Level
from govbudget.disclosure import Disclosure
from govbudget.errors import GovbudgetError
from govbudget.tables.base import Table, TableKind

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "Figure",
    "budget_and_final",
    "economic_categories",
    "functional_categories",
    "plot_budget_vs_final",
    "plot_economic",
    "plot_functional",
]


@attrs.frozen
class Figure:
    """One figure to draw: a row's key and printed name, and its exact amount.

    Attributes:
        key: The row's code (``"201"``) or the pair's column suffix (``"reception"``).
        label: The printed name (``"一般公共服务支出"``).
        value: The figure, exact.

    .. versionadded:: 0.1
    """

    key: str
    label: str
    value: Decimal


def _table(disclosure: Disclosure, kind: TableKind) -> Table:
    table = disclosure.table(kind)
    if table is None:
        raise GovbudgetError(f"the disclosure has no {kind.label}")
    return table


def functional_categories(
    disclosure: Disclosure,
    *,
    table: TableKind = TableKind.EXPENDITURE,
    column: str = "total",
) -> list[Figure]:
    """The figure of every functional 类 row of *table* in *column*, in printed order.

    Blank cells are left out. Any table keyed by functional codes will do (03, 05, 08,
    09); 公开01表 prints its 类 lines in column ``"amount"``.

    Raises:
        GovbudgetError: When the disclosure lacks the table.

    .. versionadded:: 0.1
    """
    found = _table(disclosure, table)
    return [
        Figure(row.key, row.label, cell.value)
        for row in found.coded_rows()
        if row.code is not None
        and row.code.level is Level.CATEGORY
        and (cell := row.cells.get(column)) is not None
        and not cell.blank
    ]


def economic_categories(disclosure: Disclosure) -> list[Figure]:
    """The basic expenditure of every economic 类 of 公开06表, in printed order.

    Blank cells are left out (a 类 printed blank over figures of its 款 is rule
    ``sum.blank-parent``).

    Raises:
        GovbudgetError: When the disclosure lacks 公开06表.

    .. versionadded:: 0.1
    """
    return functional_categories(
        disclosure, table=TableKind.GENERAL_BUDGET_BASIC_EXPENDITURE, column="amount"
    )


_BUDGET: Final = "budget_"
_ACTUAL: Final = "actual_"


def budget_and_final(
    disclosure: Disclosure,
    *,
    table: TableKind = TableKind.THREE_PUBLIC,
    row: str | None = None,
) -> list[tuple[Figure, Figure]]:
    """Budget and final figures of one row, for every column printed both ways.

    A pair is a column ``budget_X`` with a column ``actual_X`` (``budget_reception`` and
    ``actual_reception`` in 公开07表); the figures are the header's item name with the
    amount, a blank counting as 0. *row* is the row key (default: the table's first row).

    Raises:
        GovbudgetError: When the disclosure lacks the table, the row, or any such pair.

    .. versionadded:: 0.1
    """
    found = _table(disclosure, table)
    chosen = found.rows[0] if row is None and found.rows else found.row(row or "")
    if chosen is None:
        raise GovbudgetError(f"{table.label} has no row {row!r}")
    labels = {c.key: c.label for c in found.columns}
    pairs = []
    for key in found.column_keys:
        if not key.startswith(_BUDGET) or f"{_ACTUAL}{key.removeprefix(_BUDGET)}" not in labels:
            continue
        item = key.removeprefix(_BUDGET)
        name = labels[key].split(" ", 1)[-1]
        budget = found.amount(chosen.key, key)
        actual = found.amount(chosen.key, f"{_ACTUAL}{item}")
        pairs.append(
            (
                Figure(item, name, Decimal(0) if budget is None else budget.value),
                Figure(item, name, Decimal(0) if actual is None else actual.value),
            )
        )
    if not pairs:
        raise GovbudgetError(f"{table.label} prints no budget column beside a final one")
    return pairs


def _pyplot() -> Any:
    try:
        from matplotlib import pyplot  # noqa: PLC0415 - optional dependency, imported on use
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "govbudget.plotting needs matplotlib: pip install 'govbudget[plot]'"
        ) from exc
    return pyplot


def _axes(ax: Axes | None) -> Axes:
    if ax is not None:
        return ax
    _figure, new = _pyplot().subplots()
    result: Axes = new
    return result


def _unit(table: Table, names: bool) -> str:
    unit = table.unit
    if names:
        return unit.value
    return "yuan" if unit.exponent == 0 else f"yuan x 10^{unit.exponent}"


def _label(figure: Figure, names: bool) -> str:
    return f"{figure.key} {figure.label}" if names else figure.key


def _bars(ax: Axes, figures: list[Figure], names: bool, title: str, unit: str) -> Axes:
    labels = [_label(f, names) for f in figures]
    # matplotlib draws floats; the exact figures are the Figure values (module docstring).
    ax.bar(labels, [float(f.value) for f in figures])
    ax.set_title(title)
    ax.set_ylabel(unit)
    return ax


def plot_functional(
    disclosure: Disclosure,
    *,
    ax: Axes | None = None,
    table: TableKind = TableKind.EXPENDITURE,
    column: str = "total",
    names: bool = True,
) -> Axes:
    """Draw expenditure by functional 类 as bars; return the axes.

    Args:
        disclosure: The disclosure.
        ax: The axes to draw on (default: a new figure).
        table: The table read (default 公开03表 支出决算表).
        column: The column read (default ``"total"``).
        names: Label bars with code and name (``False``: code only).

    .. versionadded:: 0.1
    """
    figures = functional_categories(disclosure, table=table, column=column)
    unit = _unit(_table(disclosure, table), names)
    title = f"{disclosure.year} expenditure by functional category"
    return _bars(_axes(ax), figures, names, title, unit)


def plot_economic(disclosure: Disclosure, *, ax: Axes | None = None, names: bool = True) -> Axes:
    """Draw basic expenditure by economic 类 (公开06表) as bars; return the axes.

    .. versionadded:: 0.1
    """
    figures = economic_categories(disclosure)
    unit = _unit(_table(disclosure, TableKind.GENERAL_BUDGET_BASIC_EXPENDITURE), names)
    title = f"{disclosure.year} basic expenditure by economic category"
    return _bars(_axes(ax), figures, names, title, unit)


def plot_budget_vs_final(
    disclosure: Disclosure,
    *,
    ax: Axes | None = None,
    table: TableKind = TableKind.THREE_PUBLIC,
    names: bool = True,
) -> Axes:
    """Draw budget and final figures side by side (two bar groups); return the axes.

    The first bar container is the budget, labelled ``"budget"``; the second the final
    figures, ``"final"``; one pair of bars per item of :func:`budget_and_final`.

    .. versionadded:: 0.1
    """
    pairs = budget_and_final(disclosure, table=table)
    axes = _axes(ax)
    positions = list(range(len(pairs)))
    width = 0.4
    axes.bar(
        [p - width / 2 for p in positions],
        [float(b.value) for b, _ in pairs],
        width,
        label="budget",
    )
    axes.bar(
        [p + width / 2 for p in positions],
        [float(a.value) for _, a in pairs],
        width,
        label="final",
    )
    axes.set_xticks(positions, [b.label if names else b.key for b, _ in pairs])
    axes.set_title(f"{disclosure.year} budget and final: {table.label if names else table.name}")
    axes.set_ylabel(_unit(_table(disclosure, table), names))
    axes.legend()
    return axes
