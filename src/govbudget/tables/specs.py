"""What a table of one kind may print, and how its figures must add up, declared as data.

A :class:`TableSpec` names the columns (stable key, usual header, other spellings), the
fixed lines of a summary table, the scheme of the codes its rows are keyed by, and the
identities that hold within it (:class:`RowSum`, :class:`LineSum`, :class:`LineEqual`).
Readers use the spellings to place what they read; the checks read the identities, so a
table gets its row and summary checks by declaration.

Every key is declared: a spec refuses an identity that names a column or line it does not
declare (so a typo fails at import), and :meth:`TableSpec.require` refuses a key a check
asks for that the kind does not declare (so a typo in a rule fails loudly instead of
silently checking nothing).
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from govbudget.codes import DeptEconomicCode, FunctionCode
from govbudget.errors import RuleError
from govbudget.tables.base import Column, TableKind

__all__ = ["Identity", "LineEqual", "LineSpec", "LineSum", "RowSum", "TableSpec"]


@attrs.frozen
class LineSpec:
    """A fixed line of a summary table: its key, usual label and other spellings.

    .. versionadded:: 0.1
    """

    key: str
    label: str
    aliases: tuple[str, ...] = ()


def _keys(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


@attrs.frozen
class RowSum:
    """In every row of the table: the *total* column equals the sum of the *parts* columns.

    Attributes:
        rule: The id of the rule that judges it (``"row.columns"``).
        total: The total column's key.
        parts: The part columns' keys; those the table does not print count as absent.

    .. versionadded:: 0.2
    """

    rule: str
    total: str
    parts: tuple[str, ...] = attrs.field(converter=_keys)


@attrs.frozen
class LineSum:
    """A fixed line equals the sum of other lines, in each of *columns*.

    Attributes:
        rule: The id of the rule that judges it.
        found: The judged line's key.
        parts: The lines it adds up (a line not printed counts as zero).
        columns: The columns it holds in (every column of the table when empty).
        what_zh: The identity in words, for messages (``"收入总计 = 本年收入合计 + …"``).

    .. versionadded:: 0.2
    """

    rule: str
    found: str
    parts: tuple[str, ...] = attrs.field(converter=_keys)
    columns: tuple[str, ...] = attrs.field(default=(), converter=_keys)
    what_zh: str = ""


@attrs.frozen
class LineEqual:
    """One cell of a fixed line equals another: ``(line, column) = (line, column)``.

    Income 总计 beside expenditure 总计 in a summary table, whose two sides print their
    figures in different columns.

    .. versionadded:: 0.2
    """

    rule: str
    found: tuple[str, str]
    other: tuple[str, str]
    what_zh: str = ""


#: An identity declared on a table spec.
Identity = RowSum | LineSum | LineEqual


def _identities(items: Iterable[Identity]) -> tuple[Identity, ...]:
    return tuple(items)


@attrs.frozen
class TableSpec:
    """What a table of one kind holds, and the identities that hold within it.

    Attributes:
        kind: The table kind.
        columns: Every column such a table may print, in the usual order.
        lines: The fixed lines (for summary tables), in the usual order.
        code_type: The code class its code-keyed rows use, or ``None``.
        titles: Titles under which the table is published.
        aliases: Header spellings by column key.
        identities: How its figures add up within the table.
        hierarchy: Whether its coded rows form a 类/款/项 hierarchy that must add up
            (the summary tables list 类 alone, with no 款 under them).
        total_line: Whether its 合计 line (key ``total``) adds up its 类 rows.
        items: Whether rows without a code or fixed line are kept, numbered in printed
            order: ``itemN`` for a row that names a single item (text under one of
            *item_labels*), ``groupN`` for a row that heads the items under it (the
            lines of a procurement table).
        labels: Headers of text columns that label a row rather than hold figures
            (a procurement table's 采购品目大类, 专项名称, 采购组织形式 …).
        item_labels: Those of *labels* whose text marks a row as a single item.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       ``identities``, ``hierarchy``, ``total_line``, ``items``, ``labels`` and
       ``item_labels``; keys are checked.
    """

    kind: TableKind
    columns: tuple[Column, ...]
    lines: tuple[LineSpec, ...] = ()
    code_type: type[FunctionCode] | type[DeptEconomicCode] | None = FunctionCode
    titles: tuple[str, ...] = ()
    aliases: dict[str, tuple[str, ...]] = attrs.field(factory=dict)
    identities: tuple[Identity, ...] = attrs.field(default=(), converter=_identities)
    hierarchy: bool = False
    total_line: bool = False
    items: bool = False
    labels: tuple[str, ...] = ()
    item_labels: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        for identity in self.identities:
            if isinstance(identity, RowSum):
                self.require_column(identity.total, identity.parts)
            elif isinstance(identity, LineSum):
                self.require_line(identity.found, identity.parts)
                self.require_column(*identity.columns)
            else:
                for line, column in (identity.found, identity.other):
                    self.require_line(line)
                    self.require_column(column)
        for key in self.aliases:
            self.require_column(key)

    def column_keys(self) -> tuple[str, ...]:
        """The keys of every column such a table may print, in the usual order."""
        return tuple(c.key for c in self.columns)

    def line_keys(self) -> tuple[str, ...]:
        """The keys of every fixed line, in the usual order."""
        return tuple(line.key for line in self.lines)

    def column(self, key: str) -> Column:
        """The column with *key*.

        Raises:
            KeyError: When this kind of table has no such column.
        """
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(f"{self.kind.label} has no column {key!r}")

    def line(self, key: str) -> LineSpec:
        """The fixed line with *key*.

        Raises:
            KeyError: When this kind of table has no such line.
        """
        for line in self.lines:
            if line.key == key:
                return line
        raise KeyError(f"{self.kind.label} has no line {key!r}")

    def require_column(self, *keys: str | tuple[str, ...]) -> None:
        """Refuse any column key this kind does not declare.

        Raises:
            RuleError: Naming the key and the kind.
        """
        declared = self.column_keys()
        for key in _flatten(keys):
            if key not in declared:
                raise RuleError(
                    f"{self.kind.label} declares no column {key!r}; it has {', '.join(declared)}"
                )

    def require_line(self, *keys: str | tuple[str, ...]) -> None:
        """Refuse any line key this kind does not declare.

        Raises:
            RuleError: Naming the key and the kind.
        """
        declared = self.line_keys()
        for key in _flatten(keys):
            if key not in declared:
                raise RuleError(
                    f"{self.kind.label} declares no line {key!r}; it has {', '.join(declared)}"
                )

    def require_row(self, key: str) -> None:
        """Refuse a row key that is neither a code's digits, an item nor a declared line.

        Raises:
            RuleError: Naming the key and the kind.
        """
        if key.isdigit() and self.code_type is not None:
            return
        if self.items and _numbered(key):
            return
        self.require_line(key)


def _numbered(key: str) -> bool:
    """Whether *key* is an item's or a group's key (``item3``, ``group2``)."""
    for prefix in ("item", "group"):
        if key.startswith(prefix) and key[len(prefix) :].isdigit():
            return True
    return False


def _flatten(keys: tuple[str | tuple[str, ...], ...]) -> Iterable[str]:
    for key in keys:
        if isinstance(key, str):
            yield key
        else:
            yield from key
