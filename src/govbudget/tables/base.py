"""The typed shape every disclosure table shares: columns, rows keyed by code or line, cells.

A :class:`Table` holds what was printed: its kind, unit, columns, rows and note. A row is
keyed either by a classification code (functional or economic) or by a *line* key naming
a fixed line of a summary table (``"income_total"`` for 本年收入合计). A cell is an
:class:`~govbudget.amount.Amount`; a column missing from a row was not printed there.

Printed precision belongs to the table: :attr:`Table.places` is inferred from every
figure, and :meth:`Table.amount` returns a cell widened to it, so ``24.2`` in a
two-decimal table is judged as 24.20 ± 0.005.
"""

from __future__ import annotations

import enum
import functools
import itertools
import operator
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

import attrs

from govbudget.amount import Amount, Unit, common_places
from govbudget.codes import DeptEconomicCode, FunctionCode, GovEconomicCode
from govbudget.location import Location

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["CellRef", "Column", "Family", "Row", "RowCode", "Table", "TableKind"]

#: The code types a row may be keyed by.
RowCode = FunctionCode | DeptEconomicCode | GovEconomicCode


class Family(enum.Enum):
    """Which disclosure a table belongs to: final accounts (决算) or budget (预算).

    .. versionadded:: 0.1
    """

    __hash__ = object.__hash__  # members are singletons: hashed by identity, in C

    FINAL = "决算"
    BUDGET = "预算"


class TableKind(enum.Enum):
    """What a table is, independent of its number (numbering varies by year and region).

    The value is the table's usual title; :attr:`family` says whether it belongs to the
    final accounts (决算, 公开01表 … 公开09表) or to the budget (预算: the Shanghai nine-table
    set and the Jiangsu 公开01表 … 公开12表 set, whose kinds overlap).

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       Budget kinds (``BUDGET_*``) beside the final-account kinds.
    """

    __hash__ = object.__hash__  # members are singletons: hashed by identity, in C

    INCOME_EXPENDITURE_SUMMARY = "收入支出决算总表"
    INCOME = "收入决算表"
    EXPENDITURE = "支出决算表"
    APPROPRIATION_SUMMARY = "财政拨款收入支出决算总表"
    GENERAL_BUDGET_EXPENDITURE = "一般公共预算财政拨款支出决算表"
    GENERAL_BUDGET_BASIC_EXPENDITURE = "一般公共预算财政拨款基本支出决算表"
    THREE_PUBLIC = "“三公”经费支出决算表"
    GOV_FUND = "政府性基金预算财政拨款收入支出决算表"
    STATE_CAPITAL = "国有资本经营预算财政拨款支出决算表"

    BUDGET_SUMMARY = "收支预算总表"
    BUDGET_INCOME = "收入预算总表"
    BUDGET_EXPENDITURE = "支出预算总表"
    BUDGET_APPROPRIATION_SUMMARY = "财政拨款收支预算总表"
    BUDGET_APPROPRIATION_EXPENDITURE = "财政拨款支出预算表"
    BUDGET_APPROPRIATION_BASIC = "财政拨款基本支出预算表"
    BUDGET_GENERAL_EXPENDITURE = "一般公共预算支出预算表"
    BUDGET_GENERAL_BASIC = "一般公共预算基本支出预算表"
    BUDGET_THREE_PUBLIC = "“三公”经费支出预算表"
    BUDGET_GOV_FUND = "政府性基金预算支出预算表"
    BUDGET_STATE_CAPITAL = "国有资本经营预算支出预算表"
    BUDGET_OPERATING_COSTS = "一般公共预算机关运行经费支出预算表"
    BUDGET_PROCUREMENT = "政府采购支出预算表"

    @property
    def number(self) -> int:
        """The table's usual number within its family's set.

        Final accounts: 公开01表 … 公开09表. Budgets follow the Jiangsu order (the longest
        set); the Shanghai set numbers its nine tables differently, so budget labels print
        no number.
        """
        return _NUMBERS[self]

    @property
    def family(self) -> Family:
        """Final accounts or budget."""
        return _FAMILIES[self]

    @property
    def label(self) -> str:
        """A short label for messages: ``"公开02表 收入决算表"``, ``"支出预算总表"``."""
        return _LABELS[self]

    @classmethod
    def of_family(cls, family: Family) -> tuple[TableKind, ...]:
        """The kinds of one family, in their usual order.

        >>> len(TableKind.of_family(Family.FINAL)), len(TableKind.of_family(Family.BUDGET))
        (9, 13)
        """
        return tuple(kind for kind in cls if kind.family is family)


_FAMILIES: dict[TableKind, Family] = {
    kind: Family.BUDGET if kind.name.startswith("BUDGET_") else Family.FINAL for kind in TableKind
}
_NUMBERS: dict[TableKind, int] = {
    kind: index + 1
    for family in Family
    for index, kind in enumerate(k for k in TableKind if _FAMILIES[k] is family)
}
_LABELS: dict[TableKind, str] = {
    kind: f"公开{_NUMBERS[kind]:02d}表 {kind.value}"
    if _FAMILIES[kind] is Family.FINAL
    else kind.value
    for kind in TableKind
}


def _columns(items: Iterable[Column]) -> tuple[Column, ...]:
    return tuple(items)


def _rows(items: Iterable[Row]) -> tuple[Row, ...]:
    return tuple(items)


@attrs.frozen(cache_hash=True)
class Column:
    """A column of figures: a stable key for code and the header text as printed.

    Attributes:
        key: The stable identifier (``"total"``, ``"basic"``, ``"project"`` …).
        label: The header text as printed (``"本年支出合计"``).

    .. versionadded:: 0.1
    """

    key: str
    label: str


@attrs.frozen(cache_hash=True)
class CellRef:
    """The address of one cell: table kind, row key, column key.

    .. versionadded:: 0.1
    """

    table: TableKind
    row: str
    column: str

    def __str__(self) -> str:
        return f"{self.table.label} [{self.row}, {self.column}]"


_IS_BLANK = operator.attrgetter("blank")

# Cell addresses are immutable and tables of a family print the same ones: each is made once.
_REFS: dict[tuple[TableKind, str, str], CellRef] = {}
_REFS_KEPT = 16384


def _row_layout(
    key: str, line: str | None, label: str, cells: Mapping[str, Amount]
) -> tuple[object, ...]:
    """A row as a table's layout holds it: key, line, label, cell keys, which are blank."""
    return (key, line, label, *cells, *map(_IS_BLANK, cells.values()))


def _cells(value: Mapping[str, Amount]) -> dict[str, Amount]:
    return dict(value)


@attrs.frozen
class Row:
    """One printed row: keyed by a code or by a line key, with its cells by column key.

    Exactly one of ``code`` and ``line`` is set.

    Attributes:
        code: The classification code of a code-keyed row.
        line: The line key of a summary-table row (``"income_total"``, ``"total"`` …).
        label: The name printed in the row (``"行政运行"``, ``"本年收入合计"``).
        cells: Figures by column key; a column absent here was not printed in this row.
        location: Where the row was printed.

    .. versionadded:: 0.1
    """

    code: RowCode | None = attrs.field(default=None, kw_only=True)
    line: str | None = attrs.field(default=None, kw_only=True)
    label: str = attrs.field(default="", kw_only=True)
    cells: dict[str, Amount] = attrs.field(factory=dict, converter=_cells, kw_only=True)
    location: Location = attrs.field(factory=Location, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if (self.code is None) == (self.line is None):
            raise ValueError("a row is keyed by exactly one of code= and line=")

    @functools.cached_property
    def key(self) -> str:
        """The row's key: the code's digits, or the line key."""
        return self.code.digits if self.code is not None else str(self.line)


@attrs.frozen
class Table:
    """One disclosure table as printed.

    Attributes:
        kind: What the table is.
        unit: The unit its figures are printed in.
        columns: The columns of figures, in printed order.
        rows: The rows, in printed order.
        title: The title as printed (defaults to the kind's usual title).
        note: Notes printed under the table, verbatim.
        no_data: Whether the table says it has no data (此表无数据 / 本表无数据).
        location: Where the table starts (file, page).

    .. versionadded:: 0.1
    """

    kind: TableKind
    unit: Unit
    columns: tuple[Column, ...] = attrs.field(converter=_columns)
    rows: tuple[Row, ...] = attrs.field(converter=_rows)
    title: str = attrs.field(kw_only=True)
    note: str = attrs.field(default="", kw_only=True)
    no_data: bool = attrs.field(default=False, kw_only=True)
    location: Location = attrs.field(factory=Location, kw_only=True)

    @title.default
    def _title(self) -> str:
        return self.kind.value

    @functools.cached_property
    def _index(self) -> dict[str, Row]:
        index: dict[str, Row] = {}
        for row in self.rows:
            index.setdefault(row.key, row)
        return index

    @functools.cached_property
    def _children(self) -> dict[str, tuple[Row, ...]]:
        children: dict[str, list[Row]] = {}
        for row in self.rows:
            code = row.code
            if code is not None:
                parent = code.parent
                if parent is not None:
                    children.setdefault(parent.digits, []).append(row)
        return {key: tuple(rows) for key, rows in children.items()}

    @functools.cached_property
    def places(self) -> int:
        """The table's printed precision: the most decimals any of its figures shows."""
        return common_places(itertools.chain.from_iterable(row.cells.values() for row in self.rows))

    @functools.cached_property
    def prints_negative(self) -> bool:
        """Whether any figure the table prints is below zero.

        .. versionadded:: 0.4
        """
        return any(amount.value < 0 for row in self.rows for amount in row.cells.values())

    @functools.cached_property
    def column_keys(self) -> tuple[str, ...]:
        """The keys of the columns, in printed order."""
        return tuple(c.key for c in self.columns)

    def row(self, key: str) -> Row | None:
        """The first row with *key* (a code's digits or a line key), or ``None``."""
        return self._index.get(key)

    def amount(self, row: str, column: str) -> Amount | None:
        """The figure at (*row*, *column*) widened to the table's precision.

        A cell left out of a printed row counts as blank; a row or column that does not
        exist gives ``None``.
        """
        cells: Mapping[str, Amount] | None = self._widened.get(row)
        if cells is None:
            printed = self._index.get(row)
            if printed is None:
                return None
            cell = printed.cells.get(column)
            # A figure already at the table's precision is its own widened figure: no need
            # to widen the whole row for it (the row's widened figures hold the same object).
            if cell is not None and cell.places >= self.places and column in self._column_set:
                return cell
            cells = self.amounts(row)
        return None if cells is None else cells.get(column)

    def amounts(self, row: str) -> Mapping[str, Amount] | None:
        """Every figure of the row *row* by column key, as :meth:`amount` gives each.

        ``None`` when there is no such row. Read-only: the table keeps it.

        .. versionadded:: 0.4
        """
        widened = self._widened
        found = widened.get(row)
        if found is not None:
            return found
        printed = self._index.get(row)
        if printed is None:
            return None
        # Rows are widened as they are asked for: a check that reads a few rows of a
        # long table pays for those rows only.
        places = self.places
        blank = self._blank
        get = printed.cells.get
        found = widened[row] = {
            column: blank
            if (cell := get(column)) is None
            else cell
            if cell.places >= places
            else cell.with_places(places)
            for column in self.column_keys
        }
        return found

    @functools.cached_property
    def _column_set(self) -> frozenset[str]:
        return frozenset(self.column_keys)

    @functools.cached_property
    def _blank(self) -> Amount:
        """What a cell left out of a printed row stands for: a blank at the table's precision."""
        return Amount.empty(self.unit, self.places)

    @functools.cached_property
    def _widened(self) -> dict[str, dict[str, Amount]]:
        """The rows widened so far (filled by :meth:`amounts`)."""
        return {}

    def children(self, key: str) -> tuple[Row, ...]:
        """The rows whose code's parent is the code *key*, in printed order."""
        return self._children.get(key, ())

    def coded_rows(self) -> Iterator[Row]:
        """The rows keyed by a classification code, in printed order."""
        return (row for row in self.rows if row.code is not None)

    def ref(self, row: str, column: str) -> CellRef:
        """The address of a cell of this table."""
        key = (self.kind, row, column)
        found = _REFS.get(key)
        if found is None:
            if len(_REFS) >= _REFS_KEPT:
                _REFS.clear()
            found = _REFS[key] = CellRef(self.kind, row, column)
        return found

    @functools.cached_property
    def _layout(self) -> tuple[object, ...]:
        """What the table prints apart from its figures (a compiled check's shape of it).

        Its kind, unit, columns and whether it says it has no data; then each row's key,
        line and label, the keys of its cells and whether each cell is blank.
        """
        return self._layout_of(
            [_row_layout(row.key, row.line, row.label, row.cells) for row in self.rows]
        )

    def _layout_of(self, rows: Iterable[tuple[object, ...]]) -> tuple[object, ...]:
        return (self.kind, self.unit, self.no_data, self.columns, tuple(rows))

    def _prefill(
        self,
        index: dict[str, Row],
        layout_rows: list[tuple[object, ...]],
        *,
        negative: bool,
        places: int,
    ) -> None:
        """Keep what a reader worked out while building the rows (as the table would).

        *index* as :attr:`_index` keeps it; *layout_rows* each row's :func:`_row_layout`;
        *negative* as :attr:`prints_negative`; *places* as :attr:`places`.
        """
        setattr_ = object.__setattr__
        setattr_(self, "_index", index)
        setattr_(self, "prints_negative", negative)
        setattr_(self, "places", places)
        setattr_(self, "_layout", self._layout_of(layout_rows))
        # What every check reads, set now rather than through the slower first lookup.
        keys = tuple(c.key for c in self.columns)
        setattr_(self, "column_keys", keys)
        setattr_(self, "_column_set", frozenset(keys))
        setattr_(self, "_widened", {})
        setattr_(self, "_derived", {})

    @functools.cached_property
    def _derived(self) -> dict[str, object]:
        """What other layers work out from this (immutable) table, kept with it."""
        return {}

    def to_dataframe(self) -> pandas.DataFrame:
        """The table in wide form: one row per printed row, one column per figure column.

        The index is the row key (``row``); ``label`` is the printed name; figures are
        ``Decimal`` (``None`` for a cell not printed and for a blank, which
        :attr:`Row.cells` tells apart).

        Raises:
            ImportError: When pandas is not installed (``pip install 'govbudget[pandas]'``).

        .. versionadded:: 0.1
        """
        try:
            import pandas  # noqa: PLC0415 - optional dependency, imported on use
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError(
                "Table.to_dataframe() needs pandas: pip install 'govbudget[pandas]'"
            ) from exc
        records = []
        for row in self.rows:
            values = []
            for key in self.column_keys:
                amount = row.cells.get(key)
                values.append(None if amount is None or amount.blank else amount.value)
            records.append((row.key, row.label, *values))
        frame: pandas.DataFrame = pandas.DataFrame.from_records(
            records, columns=["row", "label", *self.column_keys]
        ).set_index("row")
        return frame

    def _repr_html_(self) -> str:
        """The table as an HTML table, for notebooks (text escaped)."""
        from govbudget._html import table_html  # noqa: PLC0415 - only notebooks need it

        return table_html(self)

    def row_name(self, row: str) -> str:
        """A row as printed: ``"2010101 行政运行"`` for a coded row, ``"本年收入合计"`` for a line.

        A line printed without a label is named by its table's usual label for it; only a
        row the table does not hold is named by its key.

        .. versionadded:: 0.2
        """
        found = self.row(row)
        if found is not None and found.code is not None:
            return f"{found.code.digits} {found.label}".rstrip()
        if found is not None and found.label:
            return found.label
        from govbudget.tables import spec  # noqa: PLC0415 - specs import this module

        usual = next((line.label for line in spec(self.kind).lines if line.key == row), None)
        return usual or row

    def column_name(self, column: str) -> str:
        """A column as printed (``"本年支出合计"``), or its key when the table lacks it.

        .. versionadded:: 0.2
        """
        return next((c.label for c in self.columns if c.key == column), column)

    def cell_name(self, row: str, column: str) -> str:
        """A cell as a reader finds it on the page: ``"「20101 人大事务」本年支出合计"``.

        .. versionadded:: 0.2
        """
        return f"「{self.row_name(row)}」{self.column_name(column)}"

    def location_of(self, row: str, column: str | None = None) -> Location:
        """Where a cell (or a row) was printed: the row's location with table and column."""
        found = self.row(row)
        base = found.location if found is not None else self.location
        label = next((c.label for c in self.columns if c.key == column), column)
        return base.evolve(table=self.kind.label, row=row, column=label)
