"""Relations compiled once per table shape, then judged on plain decimals.

The sum rules (``sum.*``, ``row.*``, ``summary.*``, ``economic.*``, ``three-public.*``,
``across.*``, ``budget.*``) decide *which* cells to relate from what a disclosure prints,
not from its figures: the tables, their unit, rows (key, code or line, label), columns,
and which cells are printed blank (a blank parent stands for its children). That is the
disclosure's *shape*. The second time a rule runs on a shape (:data:`COMPILE_AFTER`: a
shape checked only once, as in a bulk run over distinct documents, is not worth
compiling), the relations it yields are kept as templates: for each term its cell, sign
and label, and each relation's wording. Every later check of that shape binds the
templates to its figures and judges them directly; a
:class:`~govbudget.checks.relations.Relation` is built only for a relation that fails,
or when every relation is asked for (the blame step, when something fails, and
:func:`~govbudget.checks.runner.relations_of`).

Only the rules in :data:`SHAPE_ONLY` are compiled: each was read to make sure it looks at
figures only through ``blank``. A rule registered under one of those ids with another
function is run as written. The templates are kept in a bounded cache, so a bulk run over
many shapes holds at most :data:`MAX_SHAPES` of them.
"""

from __future__ import annotations

import functools
import operator
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal, localcontext
from threading import Lock
from typing import TYPE_CHECKING, Any, Final, TypeVar, cast, overload

import attrs

from govbudget.amount import EXACT, Amount, _radius
from govbudget.checks.relations import Op, Relation, Term
from govbudget.tables.base import CellRef, Table

if TYPE_CHECKING:
    from govbudget.checks.registry import Context, Rule
    from govbudget.disclosure import Disclosure
    from govbudget.report import Finding

__all__ = [
    "COMPILE_AFTER",
    "MAX_SHAPES",
    "QUIET_BY_SHAPE",
    "SHAPE_ONLY",
    "Bound",
    "Judged",
    "Judgements",
    "Plans",
    "as_relation",
    "clear",
    "of_shape",
    "shape",
]

#: The rules whose relations depend on a disclosure's shape, never on its figures.
SHAPE_ONLY: Final = frozenset(
    {
        "sum.hierarchy",
        "sum.total",
        "row.columns",
        "row.balance",
        "summary.income",
        "summary.expenditure",
        "summary.grand-total",
        "summary.balanced",
        "summary.fund-columns",
        "summary.procurement",
        "economic.personnel-public",
        "three-public.sum",
        "across.income",
        "across.expenditure",
        "across.appropriation",
        "across.general-budget",
        "across.basic",
        "across.gov-fund",
        "across.state-capital",
        "across.three-public",
        "budget.income",
        "budget.expenditure",
        "budget.appropriation",
        "budget.general-budget",
        "budget.gov-fund",
        "budget.state-capital",
        "budget.appropriation-expenditure",
        "budget.basic",
        "budget.personnel-public",
        "budget.funds-by-code",
        "budget.basic-by-code",
        "budget.categories",
        "budget.three-public",
    }
)

#: The rules whose findings depend on a disclosure's shape (and its year and catalogue)
#: only, never on its figures: one that finds nothing in a shape finds nothing in any
#: disclosure of that shape, and is not run again there (the coverage it counted is
#: counted again). One that finds something runs every time, for its findings' places.
QUIET_BY_SHAPE: Final = frozenset(
    {
        "structure.orphan",
        "structure.duplicate",
        "structure.code-scheme",
        "sum.blank-parent",
        "catalogue.code",
    }
)

#: The most shapes whose templates are kept (least recently used dropped first).
MAX_SHAPES: Final = 64

#: The check of a shape from which its rules are compiled (the first runs them as
#: written: compiling costs about as much again, and a shape checked once never repays it).
COMPILE_AFTER: Final = 2


@attrs.frozen
class _Slot:
    """One term of a compiled relation: which cell, how it enters, its label."""

    ref: CellRef
    sign: int
    label: str
    absent: Amount | None  # the zero an unprinted cell stands for; None when printed
    table: str = ""  # the table kind's value, a fast key
    #: How the cell moves ``found - Σ parts``: +1, -1, or 0 when it is not printed.
    weight: int = 0


@attrs.frozen
class _Template:
    """A relation with its figures left out."""

    slots: tuple[_Slot, ...]  # the found cell first
    what: str
    what_zh: str
    op: Op
    #: Per slot, where its figure is in the shape's list of cells read (:class:`_Book`);
    #: ``None`` for an unprinted cell.
    positions: tuple[int | None, ...] = ()
    #: The figures that add to ``found − Σ parts``, those that take from it, all of them
    #: (for the tolerance), and every slot's figure: each read out of the shape's list in
    #: one call.
    adding: _Getter = attrs.field(init=False)
    taking: _Getter = attrs.field(init=False)
    weighed: _Getter = attrs.field(init=False)
    reading: _Getter | None = attrs.field(init=False)
    #: For a relation of one figure added and one taken (``a = b``, ``a ≥ b``): their places.
    pair: tuple[int, int] | None = attrs.field(init=False)
    #: Whether the relation is ``≥`` (else ``=``); how many figures it reads.
    at_least: bool = attrs.field(init=False)
    size: int = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        places = self.positions or (None,) * len(self.slots)
        weights = [(i, s.weight) for i, s in zip(places, self.slots, strict=True)]
        adding = [i for i, w in weights if w > 0 and i is not None]
        taking = [i for i, w in weights if w < 0 and i is not None]
        setattr_ = object.__setattr__
        setattr_(self, "adding", _getter(adding))
        setattr_(self, "taking", _getter(taking))
        setattr_(self, "weighed", _getter([i for i, w in weights if w and i is not None]))
        pair = (adding[0], taking[0]) if len(adding) == 1 and len(taking) == 1 else None
        setattr_(self, "pair", pair)
        setattr_(self, "at_least", self.op is Op.GE)
        setattr_(self, "size", len(self.slots))
        printed = None not in places
        setattr_(self, "reading", _getter(cast("list[int]", list(places))) if printed else None)

    def read(self, figures: Sequence[Amount]) -> Sequence[Amount]:
        """Each slot's figure: out of the shape's list *figures*, or its unprinted zero."""
        if self.reading is not None:
            return self.reading(figures)
        return [
            figures[i] if i is not None else cast("Amount", slot.absent)
            for i, slot in zip(self.positions, self.slots, strict=True)
        ]


_Getter = Callable[[Sequence[Any]], tuple[Any, ...]]


def _getter(indices: Sequence[int]) -> _Getter:
    """A function giving the items at *indices* of a sequence, as a tuple, in one C call."""
    if not indices:
        return _nothing
    if len(indices) == 1:
        index = indices[0]
        return lambda items: (items[index],)
    return operator.itemgetter(*indices)


def _nothing(_: Sequence[Any]) -> tuple[Any, ...]:
    return ()


class Bound:
    """A compiled relation bound to one disclosure's figures, judged on construction.

    ``holds`` says whether it holds; :meth:`relation` builds the full
    :class:`~govbudget.checks.relations.Relation` when it is needed.

    .. versionadded:: 0.2
    """

    __slots__ = ("_amounts", "_difference", "_disclosure", "_template", "holds", "size")

    def __init__(
        self,
        template: _Template,
        amounts: Sequence[Amount],
        disclosure: Disclosure,
        holds: bool | None = None,
        difference: Decimal | None = None,
    ) -> None:
        self._template = template
        self._amounts = amounts  # as printed: widened to the table's precision on use
        self._disclosure = disclosure
        self._difference = difference  # found − Σ parts, when all share one unit
        #: Whether the relation holds within rounding.
        self.holds: bool = _holds(template, self._widened()) if holds is None else holds
        #: How many figures the relation reads (its found figure and its parts).
        self.size: int = template.size

    def _widened(self) -> list[Amount]:
        """The relation's figures as the tables give them (widened to their precision)."""
        disclosure = self._disclosure
        out: list[Amount] = []
        for slot, amount in zip(self._template.slots, self._amounts, strict=True):
            table = None if slot.absent is not None else disclosure.table(slot.ref.table)
            wide = None if table is None else table.amount(slot.ref.row, slot.ref.column)
            out.append(amount if wide is None else wide)
        return out

    def relation(self) -> Relation:
        """The full relation, as the rule itself would have yielded it."""
        template = self._template
        disclosure = self._disclosure
        terms = [
            Term(
                ref=slot.ref,
                amount=amount,
                label=slot.label,
                table=None if slot.absent is not None else disclosure.table(slot.ref.table),
                sign=slot.sign,
                printed=slot.absent is None,
            )
            for slot, amount in zip(template.slots, self._widened(), strict=True)
        ]
        return Relation(terms[0], tuple(terms[1:]), template.what, template.what_zh, template.op)

    @property
    def balanced(self) -> bool:
        """Whether ``found − Σ parts`` is exactly zero: no rounding left to weigh."""
        if self._difference is not None:
            return not self._difference
        unit = min((a.unit for a in self._amounts), key=lambda u: u.exponent)
        with localcontext(EXACT):
            difference = Decimal(0)
            for slot, amount in zip(self._template.slots, self._amounts, strict=True):
                if slot.weight:
                    value = amount.value.scaleb(amount.unit.exponent - unit.exponent)
                    difference += value if slot.weight > 0 else -value
        return difference == 0


def as_relation(item: Relation | Bound) -> Relation:
    """*item* as a full :class:`~govbudget.checks.relations.Relation` (built if compiled).

    .. versionadded:: 0.2
    """
    return item if isinstance(item, Relation) else item.relation()


class Judged(Sequence[Bound]):
    """What a compiled rule yields on one disclosure: its relations, each already judged.

    A sequence of :class:`Bound`, each made when asked for: most relations hold and are
    never looked at again, so a check whose sums all hold makes none. :attr:`holds` says
    which hold; :meth:`failing` gives those that do not.

    .. versionadded:: 0.4
    """

    __slots__ = ("_differences", "_disclosure", "_figures", "_longer", "_plan", "holds")

    def __init__(
        self,
        plan: tuple[_Template, ...],
        figures: Sequence[Amount],
        disclosure: Disclosure,
        holds: list[bool],
        differences: list[Decimal],
        *,
        longer: Callable[[int], tuple[int, ...]],
    ) -> None:
        self._plan = plan
        self._figures = figures  # the shape's list of cells read (it only grows)
        self._disclosure = disclosure
        #: Whether each relation holds within rounding, in the order the rule yields them.
        self.holds: list[bool] = holds
        self._differences = differences  # each relation's found − Σ parts
        self._longer = longer  # the places of the relations of more than n figures

    def __len__(self) -> int:
        return len(self._plan)

    @overload
    def __getitem__(self, index: int) -> Bound: ...
    @overload
    def __getitem__(self, index: slice) -> list[Bound]: ...
    def __getitem__(self, index: int | slice) -> Bound | list[Bound]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        template = self._plan[index]
        return Bound(
            template,
            template.read(self._figures),
            self._disclosure,
            self.holds[index],
            self._differences[index],
        )

    def failing(self) -> list[Bound]:
        """The relations that do not hold, in order."""
        holds = self.holds
        if all(holds):
            return []
        return [self[i] for i, held in enumerate(holds) if not held]

    def off(self, longer_than: int) -> list[Bound]:
        """The relations of more than *longer_than* figures that hold, but not exactly."""
        holds, differences = self.holds, self._differences
        return [self[i] for i in self._longer(longer_than) if holds[i] and differences[i]]


class Judgements:
    """Every relation one check judges, in order: as the rules yield them, or compiled.

    The runner adds each rule's relations; rules run after them (``rounding.improbable``)
    read them here. Iterating gives each relation (a :class:`Bound` when compiled).

    .. versionadded:: 0.4
    """

    __slots__ = ("_items", "_size")

    def __init__(self) -> None:
        self._items: list[Relation | Bound | Judged] = []
        self._size = 0

    def add(self, item: Relation | Bound | Judged) -> None:
        """Keep *item*: one relation, or a compiled rule's relations."""
        self._items.append(item)
        self._size += len(item) if type(item) is Judged else 1

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[Relation | Bound]:
        for item in self._items:
            if type(item) is Judged:
                yield from item
            else:
                yield cast("Relation | Bound", item)

    def all_hold(self) -> bool:
        """Whether every relation judged holds."""
        return all(all(item.holds) if type(item) is Judged else item.holds for item in self._items)

    def off(self, longer_than: int) -> list[Relation | Bound]:
        """The relations of more than *longer_than* figures that hold, but not exactly.

        Only these can hold through improbable rounding: most long sums balance exactly.
        """
        found: list[Relation | Bound] = []
        for item in self._items:
            if isinstance(item, Judged):
                found += item.off(longer_than)
            elif isinstance(item, Bound):
                if item.size > longer_than and item.holds and not item.balanced:
                    found.append(item)
            elif len(item.terms) > longer_than and item.holds and item.comparison.difference:
                found.append(item)
        return found


def _holds(template: _Template, amounts: Sequence[Amount]) -> bool:
    """:attr:`Relation.holds`, computed without building the relation (same arithmetic).

    Called under the ``EXACT`` decimal context. An unprinted cell is exactly zero.
    """
    unit = amounts[0].unit
    if not all(a.unit is unit for a in amounts):
        return _holds_mixed(template, amounts)
    difference = radius = Decimal(0)
    for slot, amount in zip(template.slots, amounts, strict=True):
        sign = slot.weight
        if sign == 0:
            continue
        if sign > 0:
            difference += amount.value
        else:
            difference -= amount.value
        radius += _radius(amount.places)
    if template.at_least:
        return difference >= -radius
    return abs(difference) <= radius


def _holds_mixed(template: _Template, amounts: Sequence[Amount]) -> bool:
    """:func:`_holds` for a relation whose cells are printed in different units."""
    unit = min((a.unit for a in amounts), key=lambda u: u.exponent)
    difference = radius = Decimal(0)
    for slot, amount in zip(template.slots, amounts, strict=True):
        if slot.weight == 0:
            continue
        shift = amount.unit.exponent - unit.exponent
        value, half = amount.value.scaleb(shift), amount.radius.scaleb(shift)
        difference += value if slot.weight > 0 else -value
        radius += half
    if template.at_least:
        return difference >= -radius
    return abs(difference) <= radius


_Plan = tuple[_Template, ...] | None  # None: the rule's output could not be compiled


class _Book:
    """What was compiled for one shape: each rule's templates and the cells they read.

    The printed cells are kept in one list; a template names its cells by their place in it.
    """

    __slots__ = ("cells", "checks", "groups", "long", "plans", "quiet", "where")

    def __init__(self) -> None:
        #: How many checks have looked this shape up: the rules are compiled on the second
        #: (a shape seen once, as in a bulk run over distinct documents, pays nothing).
        self.checks = 0
        self.plans: dict[str, _Plan] = {}
        #: By rule and size, the places of its templates of more than that many figures.
        self.long: dict[tuple[str, int], tuple[int, ...]] = {}
        #: The rules of QUIET_BY_SHAPE that found nothing, by rule, year and catalogue:
        #: the catalogue (kept, so that its id is not reused) and the coverage counted.
        self.quiet: dict[tuple[str, int, int], tuple[object, dict[str, int]]] = {}
        self.cells: list[tuple[str, str, str]] = []  # table kind value, row, column
        self.where: dict[tuple[str, str, str], int] = {}
        #: Runs of cells grouped by table and row (see :meth:`grouped`).
        self.groups: dict[tuple[int, int], list[tuple[str, str, tuple[tuple[int, str], ...]]]] = {}

    def grouped(self, start: int, end: int) -> list[tuple[str, str, tuple[tuple[int, str], ...]]]:
        """The cells from place *start* to *end*, by table and row: each column, its offset."""
        found = self.groups.get((start, end))
        if found is None:
            rows: dict[tuple[str, str], list[tuple[int, str]]] = {}
            for offset, (table, row, column) in enumerate(self.cells[start:end]):
                rows.setdefault((table, row), []).append((offset, column))
            found = [(table, row, tuple(columns)) for (table, row), columns in rows.items()]
            with _LOCK:
                if len(self.groups) >= MAX_SHAPES:
                    self.groups.clear()
                self.groups[start, end] = found
        return found

    def longer(self, rule: str, plan: tuple[_Template, ...], size: int) -> tuple[int, ...]:
        """The places in *rule*'s *plan* of the templates of more than *size* figures."""
        found = self.long.get((rule, size))
        if found is None:
            found = self.long[rule, size] = tuple(
                i for i, template in enumerate(plan) if template.size > size
            )
        return found

    def position(self, cell: tuple[str, str, str]) -> int:
        """The place of *cell* in :attr:`cells`, added at the end the first time."""
        with _LOCK:
            found = self.where.get(cell)
            if found is None:
                found = self.where[cell] = len(self.cells)
                self.cells.append(cell)
            return found


_SHAPES: OrderedDict[Hashable, _Book] = OrderedDict()
_LOCK = Lock()


def clear() -> None:
    """Forget every compiled relation (for tests and benchmarks that time a cold start).

    .. versionadded:: 0.2
    """
    with _LOCK:
        _SHAPES.clear()


def shape(disclosure: Disclosure) -> Hashable:
    """What the compiled rules look at: each table's layout and which cells are blank.

    .. versionadded:: 0.2
    """
    tables = tuple(_table_shape(table) for table in disclosure.tables.values())
    return (disclosure.family, disclosure.unit, tables)


class _Shape:
    """A table's shape with its hash worked out once (it is thousands of items).

    Equal shapes are interned (:func:`_intern`), so a disclosure's shape compares its
    tables' shapes by identity: looking a shape up hashes nine numbers, not every row.
    """

    __slots__ = ("data", "facts", "hashed")

    def __init__(self, data: tuple[object, ...]) -> None:
        self.data = data
        self.hashed = hash(data)
        #: What :func:`of_shape` worked out for tables of this shape, by the function.
        self.facts: dict[Callable[[Table], object], object] = {}

    def __hash__(self) -> int:
        return self.hashed

    def __eq__(self, other: object) -> bool:
        return self is other or (
            isinstance(other, _Shape) and self.hashed == other.hashed and self.data == other.data
        )


_INTERNED: dict[_Shape, _Shape] = {}


def _intern(made: _Shape) -> _Shape:
    """The one kept shape equal to *made* (kept for at most ``16 * MAX_SHAPES`` tables)."""
    found = _INTERNED.get(made)
    if found is not None:
        return found
    if len(_INTERNED) >= 16 * MAX_SHAPES:
        _INTERNED.clear()
    _INTERNED[made] = made
    return made


def _table_shape(table: Table) -> Hashable:
    # Tables are immutable: a table's shape is worked out once, and kept with the table.
    derived = table._derived
    found = derived.get("shape")
    if found is not None:
        return found
    made = derived["shape"] = _intern(_Shape(table._layout))
    return made


_Fact = TypeVar("_Fact")


def of_shape(table: Table, work: Callable[[Table], _Fact]) -> _Fact:
    """What *work* makes of *table*, worked out once for every table of the same shape.

    For a rule's question that the table's layout answers alone (which rows are parents,
    which cells are blank), so that checking another disclosure printed the same way
    does not ask it again. *work* must read only what the layout holds: the table's kind,
    unit, columns and no-data note, each row's key, line, label and code, which cells the
    row prints and which of them are blank; never a figure's value or a row's location.
    Its result must name rows by their place in :attr:`Table.rows`, not hold them: it is
    shared by tables of other disclosures.

    .. versionadded:: 0.4
    """
    # The interned shape: a table may keep one made before the interned shapes were cleared.
    facts = _intern(cast("_Shape", _table_shape(table))).facts
    found = facts.get(work, _UNSEEN)
    if found is _UNSEEN:
        found = facts[work] = work(table)
    return cast("_Fact", found)


class Plans:
    """The compiled relations of one disclosure's shape, rule by rule, for one run.

    .. versionadded:: 0.2
    """

    def __init__(self, disclosure: Disclosure) -> None:
        key = shape(disclosure)
        with _LOCK:
            book = _SHAPES.get(key)
            if book is None:
                book = _SHAPES[key] = _Book()
                while len(_SHAPES) > MAX_SHAPES:
                    _SHAPES.popitem(last=False)
            else:
                _SHAPES.move_to_end(key)
            book.checks += 1
        self._book = book
        self._compiling = book.checks >= COMPILE_AFTER
        self._plans = book.plans
        self._disclosure = disclosure
        self._cells = {  # each table's rows, precision and blank, by the kind's value
            kind.value: (table._index, table.places, table._blank)
            for kind, table in disclosure.tables.items()
        }
        # The figures of the book's cells, their values and radii (read as first needed).
        self._figures: list[Amount] = []
        self._values: list[Decimal] = []
        self._places: list[int] = []  # the precision each is judged at
        self._mixed = False  # figures in more than one unit: judged one by one

    def judged(self, rule: Rule, context: Context) -> list[Relation | Bound | Finding] | Judged:
        """What *rule* yields on *context*: its relations judged when compiled, else its output.

        On the first run for a shape the rule runs as written and its relations are
        compiled for the next.
        """
        ident = rule.id
        if ident in QUIET_BY_SHAPE and _registered(rule):
            return self._unless_quiet(rule, context)
        if ident not in SHAPE_ONLY or not _registered(rule):
            return list(rule.run(context))
        plan = self._plans.get(ident, _UNSEEN)
        if isinstance(plan, _Unseen):
            items: list[Relation | Bound | Finding] = list(rule.run(context))
            if self._compiling:
                self._plans[ident] = _compile(items, self._disclosure, self._book)
            return items
        if plan is None:
            return list(rule.run(context))
        if not plan:  # the rule relates nothing in this shape (a budget rule, a final account)
            return []
        disclosure = self._disclosure
        with localcontext(EXACT):
            self._read()
            if self._mixed:  # judged one by one, each figure widened to its table's precision
                return [
                    Bound(template, template.read(self._figures), disclosure) for template in plan
                ]
            values, places = self._values, self._places
            zero = _ZERO
            spread = _SPREAD
            radii = _RADII
            holds: list[bool] = []
            differences: list[Decimal] = []
            for template in plan:
                pair = template.pair
                if pair is not None:  # a figure against one other: most relations
                    first, second = pair
                    difference = values[first] - values[second]
                    radius = radii[places[first]] + radii[places[second]]
                else:
                    difference = sum(template.adding(values), zero) - sum(
                        template.taking(values), zero
                    )
                    weighed = template.weighed(places)
                    known = spread.get(weighed)
                    radius = known if known is not None else _spread(weighed)
                differences.append(difference)
                holds.append(
                    difference >= -radius if template.at_least else abs(difference) <= radius
                )
        book = self._book
        return Judged(
            plan,
            self._figures,
            disclosure,
            holds,
            differences,
            longer=functools.partial(book.longer, ident, plan),
        )

    def _unless_quiet(self, rule: Rule, context: Context) -> list[Relation | Bound | Finding]:
        """What *rule* finds, or nothing without running it if it found nothing here before."""
        names = context.names
        key = (rule.id, context.disclosure.year, id(names))
        coverage = context.coverage
        known = self._book.quiet.get(key)
        if known is not None:
            coverage.update(known[1])
            return []
        before = dict(coverage)
        items: list[Relation | Bound | Finding] = list(rule.run(context))
        if not items:
            counted = {k: n - before.get(k, 0) for k, n in coverage.items() if n != before.get(k)}
            self._book.quiet[key] = (names, counted)
        return items

    def _read(self) -> None:
        """Read the figures of the cells compiled since the last call (all, at first)."""
        wanted = self._book.cells
        figures = self._figures
        if len(figures) >= len(wanted):
            return
        cells = self._cells
        start, end = len(figures), len(wanted)
        new: list[Amount] = [cast("Amount", None)] * (end - start)
        places: list[int] = [0] * len(new)
        for table, row, columns in self._book.grouped(start, end):
            index, precision, blank = cells[table]
            get = index[row].cells.get
            for offset, column in columns:
                amount = new[offset] = get(column) or blank
                # Judged at its table's precision: the blank of a table is printed at it.
                printed = amount.places
                places[offset] = printed if printed > precision else precision
        figures.extend(new)
        self._values.extend([amount.value for amount in new])
        self._places.extend(places)
        units = {amount.unit for amount in figures}
        self._mixed = len(units) > 1


def _registered(rule: Rule) -> bool:
    """Whether *rule* is the one registered by default under its id (the one compiled)."""
    return _default_rules().get(rule.id) is rule


@functools.cache
def _default_rules() -> Mapping[str, Rule]:
    """The default registry's rules by id (a live view: rules added later are in it)."""
    from govbudget.checks.registry import REGISTRY  # noqa: PLC0415 -- registry imports us

    return REGISTRY.by_id


_ZERO: Final = Decimal(0)


class _Radii(dict[int, Decimal]):
    """Half a unit in the last place by precision, each worked out once."""

    def __missing__(self, places: int) -> Decimal:
        found = self[places] = _radius(places)
        return found


_RADII: Final = _Radii()
# The tolerance of a sum by the precisions of its figures: sums of a shape repeat.
_SPREAD: dict[tuple[int, ...], Decimal] = {}


def _spread(places: tuple[int, ...]) -> Decimal:
    """The sum of the radii of figures printed at *places* (kept for the next sum)."""
    found = sum((_RADII[p] for p in places), _ZERO)
    if len(_SPREAD) < MAX_SHAPES * 16:
        _SPREAD[places] = found
    return found


class _Unseen:
    """The plan of a rule not yet run on a shape."""


_UNSEEN: Final = _Unseen()


def _compile(items: Iterable[object], disclosure: Disclosure, book: _Book) -> _Plan:
    """The templates of a rule's output, or ``None`` when it is not relations of cells."""
    templates = []
    for item in items:
        if not isinstance(item, Relation):
            return None
        slots: list[_Slot] = []
        for term in item.terms:
            table = disclosure.table(term.ref.table)
            if term.printed:
                if table is None or term.table is not table:
                    return None
                if term.amount is not table.amount(term.ref.row, term.ref.column):
                    return None
                weight = 1 if not slots else -term.sign
                slots.append(
                    _Slot(term.ref, term.sign, term.label, None, term.ref.table.value, weight)
                )
            else:
                if term.table is not None:
                    return None
                slots.append(_Slot(term.ref, term.sign, term.label, term.amount))
        positions = tuple(
            None
            if slot.absent is not None
            else book.position((slot.table, slot.ref.row, slot.ref.column))
            for slot in slots
        )
        templates.append(_Template(tuple(slots), item.what, item.what_zh, item.op, positions))
    return tuple(templates)
