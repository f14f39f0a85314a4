"""Linear relations between printed cells, judged by interval arithmetic.

Most checks say that one printed figure equals (or is at least) a signed sum of others:
a 类 row equals the sum of its 款 rows, 01's 本年收入合计 equals 02's 合计. A
:class:`Relation` holds the cells on both sides as :class:`Term` objects; it is judged by
comparing the intervals of true values the printed figures stand for, never with a fixed
epsilon. Relations are data, so the blame step can ask which single cell, changed, would
make the most of them hold.

Helpers build terms from a table: :func:`cell` reads one cell; :func:`expand` reads a
coded cell and, when the figure was printed blank while its children were printed, stands
for it with the children's figures (a blank is "no figure", and the best figure for an
unprinted parent is the sum of its printed children).
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Sequence
from decimal import Decimal, localcontext

import attrs

from govbudget.amount import EXACT, Amount, Comparison, Unit, tidy
from govbudget.location import Location
from govbudget.tables import spec
from govbudget.tables.base import CellRef, Table, TableKind

__all__ = [
    "Op",
    "Relation",
    "Term",
    "absent",
    "all_blank",
    "cell",
    "declared",
    "expand",
    "terms_of",
]


class Op(enum.Enum):
    """How the printed figure relates to the sum: equal to it, or at least it.

    .. versionadded:: 0.1
    """

    __hash__ = object.__hash__  # members are singletons: hashed by identity, in C

    EQ = "="
    GE = "≥"


def _terms(items: Iterable[Term]) -> tuple[Term, ...]:
    return tuple(items)


@attrs.frozen
class Term:
    """One cell on one side of a relation.

    Attributes:
        ref: The cell's address.
        amount: The figure, widened to its table's printed precision.
        label: The row's printed name, for messages.
        table: The table the cell belongs to (to find where it was printed).
        sign: ``+1`` or ``-1``: how the cell enters the sum.
        printed: ``False`` when the row or column does not exist and the term stands for
            zero (a table that says it has no data, a line left out).

    .. versionadded:: 0.1
    """

    ref: CellRef
    amount: Amount
    label: str = ""
    table: Table | None = attrs.field(default=None, eq=False, repr=False)
    sign: int = attrs.field(default=1, validator=attrs.validators.in_((1, -1)))
    printed: bool = True

    @property
    def location(self) -> Location:
        """Where the cell was printed (file, page, table, row, column) as far as known."""
        if self.table is None:
            return Location(table=self.ref.table.label, row=self.ref.row, column=self.ref.column)
        return self.table.location_of(self.ref.row, self.ref.column)

    def negated(self) -> Term:
        """The same cell entering the sum with the opposite sign."""
        return attrs.evolve(self, sign=-self.sign)


@attrs.frozen
class Relation:
    """``found op Σ parts``: a printed figure against a signed sum of printed figures.

    Attributes:
        found: The cell being judged (a parent, a total).
        parts: The signed cells it should equal (or be at least).
        op: Equality, or "at least" for figures that include more than the sum.
        what: What the relation says, in English (``"类 201 = Σ its 款"``).
        what_zh: The same, in Chinese.

    .. versionadded:: 0.1
    """

    found: Term
    parts: tuple[Term, ...] = attrs.field(converter=_terms)
    what: str = ""
    what_zh: str = ""
    op: Op = Op.EQ

    @functools.cached_property
    def unit(self) -> Unit:
        """The finest unit among the terms: every figure converts to it exactly."""
        first = self.found.amount.unit
        if all(t.amount.unit is first for t in self.parts):
            return first
        return min((t.amount.unit for t in self.terms), key=lambda u: u.exponent)

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every term: the found cell first, then the parts."""
        return (self.found, *self.parts)

    @functools.cached_property
    def comparison(self) -> Comparison:
        """The printed figure against the interval of the sum, in :attr:`unit`.

        Equivalent to :func:`~govbudget.amount.compare` of the found cell with
        :func:`~govbudget.amount.total` of the signed parts, computed on plain decimals
        because every check runs it.
        """
        unit = self.unit
        with localcontext(EXACT):
            found, found_radius = _scaled(self.found, unit)
            expected = radius = Decimal(0)
            for term in self.parts:
                value, term_radius = _scaled(term, unit)
                expected += value if term.sign > 0 else -value
                radius += term_radius
            return Comparison(
                found=found,
                expected=expected,
                difference=found - expected,
                tolerance=tidy(found_radius + radius),
                unit=unit,
            )

    @property
    def holds(self) -> bool:
        """Whether some choice of true values within every printed figure satisfies it."""
        verdict = self.comparison
        if self.op is Op.GE:
            return verdict.difference >= -verdict.tolerance
        return verdict.consistent

    def coefficients(self) -> dict[CellRef, int]:
        """How much each printed cell moves ``found - Σ parts`` per unit of its own change.

        A cell printed in a coarser unit than :attr:`unit` moves it by a power of ten.
        """
        result: dict[CellRef, int] = {}
        for index, term in enumerate(self.terms):
            if not term.printed:
                continue
            scale = 10 ** (term.amount.unit.exponent - self.unit.exponent)
            sign = 1 if index == 0 else -term.sign
            result[term.ref] = result.get(term.ref, 0) + sign * scale
        return {ref: c for ref, c in result.items() if c}


def _scaled(term: Term, unit: Unit) -> tuple[Decimal, Decimal]:
    """A term's printed value and rounding radius in *unit* (zero and zero if unprinted)."""
    if not term.printed:
        return Decimal(0), Decimal(0)
    amount = term.amount
    if amount.unit is unit:
        return amount.value, amount.radius
    shift = amount.unit.exponent - unit.exponent
    return amount.value.scaleb(shift), amount.radius.scaleb(shift)


@functools.cache
def _declared(kind: TableKind) -> tuple[frozenset[str], frozenset[str]]:
    found = spec(kind)
    return frozenset(found.column_keys()), frozenset(found.line_keys())


def declared(kind: TableKind, row: str, column: str) -> None:
    """Refuse a row or column key that tables of *kind* never print.

    A row key is a code's digits, an item (``item3``) or one of the kind's fixed lines; a
    column key is one of its columns. Checks ask through :func:`cell`, :func:`absent`
    and friends, which call this first: a misspelt key raises instead of quietly making
    a relation disappear.

    Raises:
        RuleError: Naming the key and the kind.

    .. versionadded:: 0.2
    """
    columns, lines = _declared(kind)
    if column not in columns:
        spec(kind).require_column(column)
    if row not in lines and not row.isdigit():
        spec(kind).require_row(row)


def cell(table: Table | None, row: str, column: str, *, sign: int = 1) -> Term | None:
    """The term for one cell of *table*, or ``None`` when the table, row or column is missing.

    Raises:
        RuleError: When *row* or *column* is a key tables of that kind never print.
    """
    if table is None:
        return None
    declared(table.kind, row, column)
    amount = table.amount(row, column)
    if amount is None:
        return None
    found = table.row(row)
    return Term(
        ref=table.ref(row, column),
        amount=amount,
        label=found.label if found is not None else "",
        table=table,
        sign=sign,
    )


def absent(kind: TableKind, row: str, column: str, unit: Unit, *, sign: int = 1) -> Term:
    """A term for a cell that was not printed at all (no such row or table): exactly zero.

    Raises:
        RuleError: When *row* or *column* is a key tables of *kind* never print.
    """
    declared(kind, row, column)
    return Term(
        ref=CellRef(kind, row, column),
        amount=Amount.empty(unit, 0),
        sign=sign,
        printed=False,
    )


def expand(table: Table | None, row: str, column: str, *, sign: int = 1) -> list[Term]:
    """The terms a coded cell stands for: itself, or its printed children when it is blank.

    A parent printed blank while some of its children hold figures is "no figure"; sums
    that use it take the children instead (recursively). Other cells give one term; a
    missing cell gives none.
    """
    term = cell(table, row, column, sign=sign)
    if term is None or table is None:
        return []
    if term.amount.blank:
        parts = [
            t for child in table.children(row) for t in expand(table, child.key, column, sign=sign)
        ]
        if any(not t.amount.blank for t in parts):
            return parts
    return [term]


def terms_of(cells: Iterable[Term | None]) -> list[Term]:
    """The terms that exist among *cells*."""
    return [t for t in cells if t is not None]


def all_blank(terms: Sequence[Term]) -> bool:
    """Whether every term is blank or unprinted (a relation of nothing against nothing)."""
    return all(t.amount.blank for t in terms)
