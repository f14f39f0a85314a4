"""Public Hypothesis strategies for govbudget's types.

For people who build tools on govbudget and want property-based tests of their own; the
project's tests use the same strategies. Requires the ``test`` extra (``hypothesis``).

>>> from hypothesis import find
>>> find(function_codes(levels=[Level.ITEM]), lambda c: True).level
<Level.ITEM: 7>

.. versionadded:: 0.1
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Iterable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

import attrs
from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from govbudget.amount import Amount, Unit, to_decimal
from govbudget.codes import Code, DeptEconomicCode, FunctionCode, GovEconomicCode, Level
from govbudget.disclosure import Disclosure
from govbudget.tables import CellRef, Column, Family, Row, Table, TableKind, spec

__all__ = [
    "BUDGET_LAYOUTS",
    "ERROR_KINDS",
    "InjectedError",
    "amounts",
    "budgets_with_error",
    "consistent_budgets",
    "consistent_disclosures",
    "dept_economic_codes",
    "disclosures_with_error",
    "errors_in",
    "function_codes",
    "gov_economic_codes",
    "tables",
    "units",
]


C = TypeVar("C", bound=Code)


def _codes(cls: type[C], levels: Sequence[Level] | None) -> st.SearchStrategy[C]:
    chosen = tuple(cls.levels if levels is None else levels)
    if not chosen:
        raise InvalidArgument("levels must name at least one level")
    for level in chosen:
        if level not in cls.levels:
            raise InvalidArgument(f"{cls.__name__} has no {level.name} level")
    category = st.integers(0, 99).map(lambda n: f"{cls.leading}{n:02d}")
    part = st.integers(1, 99).map(lambda n: f"{n:02d}")

    def build(level: Level) -> st.SearchStrategy[C]:
        depth = cls.levels.index(level)
        return st.tuples(category, *([part] * depth)).map(lambda parts: cls("".join(parts)))

    return st.sampled_from(chosen).flatmap(build)


def function_codes(*, levels: Sequence[Level] | None = None) -> st.SearchStrategy[FunctionCode]:
    """Functional codes (2xx, 2xxxx, 2xxxxxx) at the given *levels* (default: all three).

    They are well formed; whether the catalogue knows them is another matter.

    Raises:
        InvalidArgument: When *levels* is empty or names a level the scheme lacks.
    """
    return _codes(FunctionCode, levels)


def dept_economic_codes(
    *, levels: Sequence[Level] | None = None
) -> st.SearchStrategy[DeptEconomicCode]:
    """Departmental economic codes (3xx, 3xxxx) at the given *levels* (default: both)."""
    return _codes(DeptEconomicCode, levels)


def gov_economic_codes(
    *, levels: Sequence[Level] | None = None
) -> st.SearchStrategy[GovEconomicCode]:
    """Government economic codes (5xx, 5xxxx) at the given *levels* (default: both)."""
    return _codes(GovEconomicCode, levels)


def units() -> st.SearchStrategy[Unit]:
    """Any unit of money: 元, 千元, 万元, 亿元."""
    return st.sampled_from(Unit)


def amounts(
    *,
    unit: Unit | None = Unit.WAN,
    places: int | None = 2,
    min_value: Decimal | int = -(10**9),
    max_value: Decimal | int = 10**9,
    allow_blank: bool = False,
) -> st.SearchStrategy[Amount]:
    """Amounts printed at *places* decimals in *unit*, between *min_value* and *max_value*.

    Pass ``unit=None`` or ``places=None`` to draw those too (places from 0 to 4). With
    *allow_blank*, blank cells are drawn as well.

    Raises:
        InvalidArgument: When the bounds are reversed or *places* is negative.
    """
    low, high = to_decimal(min_value), to_decimal(max_value)
    if low > high:
        raise InvalidArgument(f"min_value={low} is above max_value={high}")
    if places is not None and places < 0:
        raise InvalidArgument(f"places must be >= 0, not {places}")
    unit_st = units() if unit is None else st.just(unit)
    places_st = st.integers(0, 4) if places is None else st.just(places)

    def build(u: Unit, p: int) -> st.SearchStrategy[Amount]:
        figures = st.decimals(min_value=low, max_value=high, places=p).map(
            lambda v: Amount(v, u, p)
        )
        if allow_blank:
            return st.one_of(st.just(Amount.empty(u, p)), figures)
        return figures

    return st.tuples(unit_st, places_st).flatmap(lambda up: build(*up))


# ---------------------------------------------------------------------------------------
# Disclosures built from ledgers of true values in fen (分), printed rounded.

_FUNDS = ("gb", "gf", "sc", "other")
_ECONOMIC_CATEGORIES = ("301", "302", "303", "307", "310", "399")
_PERSONNEL = ("301", "303")


@attrs.frozen
class _Node:
    """One functional code with its true values by fund, in fen, summed over its subtree."""

    code: FunctionCode
    basic: dict[str, int]
    project: dict[str, int]
    opening: dict[str, int]
    closing: dict[str, int]

    def income(self, fund: str) -> int:
        return self.basic[fund] + self.project[fund] + self.closing[fund] - self.opening[fund]

    def spent(self, fund: str) -> int:
        return self.basic[fund] + self.project[fund]

    def any(self, fund: str) -> bool:
        return any(v[fund] for v in (self.basic, self.project, self.opening, self.closing))


def _fen(max_fen: int) -> st.SearchStrategy[int]:
    """A true value in fen: zero (printed blank or 0.00) or up to *max_fen*."""
    return st.one_of(st.just(0), st.integers(1, max_fen))


@st.composite
def _leaf(draw: st.DrawFn, funds: tuple[str, ...], max_fen: int) -> dict[str, dict[str, int]]:
    values: dict[str, dict[str, int]] = {k: {} for k in ("basic", "project", "opening", "closing")}
    for fund in _FUNDS:
        active = fund in funds
        basic = draw(_fen(max_fen)) if active and fund in ("gb", "other") else 0
        project = draw(_fen(max_fen)) if active else 0
        closing = draw(_fen(max_fen // 10)) if active else 0
        opening = draw(st.integers(0, basic + project + closing)) if active else 0
        values["basic"][fund], values["project"][fund] = basic, project
        values["opening"][fund], values["closing"][fund] = opening, closing
    return values


@st.composite
def _functional_tree(
    draw: st.DrawFn, funds: tuple[str, ...], max_fen: int, categories: tuple[int, int]
) -> list[_Node]:
    """Nodes in printed order (类, its 款, their 项 …), each summing its subtree."""
    low, high = categories
    chosen = sorted(draw(st.lists(st.integers(1, 32), min_size=low, max_size=high, unique=True)))
    nodes: list[_Node] = []

    def add(code: str, leaves: list[dict[str, dict[str, int]]]) -> _Node:
        summed = {
            k: {f: sum(leaf[k][f] for leaf in leaves) for f in _FUNDS}
            for k in ("basic", "project", "opening", "closing")
        }
        return _Node(FunctionCode(code), **summed)

    for category in chosen:
        cat_code = f"2{category:02d}"
        cat_leaves: list[dict[str, dict[str, int]]] = []
        cat_nodes: list[_Node] = []
        for section in sorted(
            draw(st.lists(st.integers(1, 60), min_size=1, max_size=3, unique=True))
        ):
            sec_code = f"{cat_code}{section:02d}"
            items = sorted(draw(st.lists(st.integers(1, 99), max_size=3, unique=True)))
            if items:
                item_leaves = [draw(_leaf(funds, max_fen)) for _ in items]
                item_nodes = [
                    add(f"{sec_code}{i:02d}", [v]) for i, v in zip(items, item_leaves, strict=True)
                ]
                cat_nodes += [add(sec_code, item_leaves), *item_nodes]
                cat_leaves += item_leaves
            else:
                leaf = draw(_leaf(funds, max_fen))
                cat_nodes.append(add(sec_code, [leaf]))
                cat_leaves.append(leaf)
        nodes += [add(cat_code, cat_leaves), *cat_nodes]
    return nodes


@st.composite
def _split(draw: st.DrawFn, whole: int, parts: int) -> list[int]:
    """*whole* fen cut into *parts* non-negative pieces."""
    cuts = sorted(draw(st.lists(st.integers(0, whole), min_size=parts - 1, max_size=parts - 1)))
    edges = [0, *cuts, whole]
    return [b - a for a, b in itertools.pairwise(edges)]


class _Printer:
    """Prints true values in fen as a table would: rounded half up in the table's unit."""

    def __init__(self, unit: Unit, places: int, blank_zeros: bool) -> None:
        self.unit, self.places, self.blank_zeros = unit, places, blank_zeros

    def __call__(self, fen: int) -> Amount:
        if fen == 0 and self.blank_zeros:
            return Amount.empty(self.unit, self.places)
        return Amount(Decimal(fen).scaleb(-2), Unit.YUAN).to(self.unit).rounded(self.places)


@st.composite
def _economic_rows(
    draw: st.DrawFn, basic_gb: int, pr: _Printer, per_category: tuple[int, int] = (1, 4)
) -> tuple[list[Row], dict[str, int]]:
    """06's rows: *basic_gb* fen split over economic 款, their 类, and the two totals."""
    economic_categories = sorted(draw(st.sets(st.sampled_from(_ECONOMIC_CATEGORIES), min_size=1)))
    low, high = per_category
    sections = {
        c: sorted(draw(st.sets(st.integers(1, 40), min_size=low, max_size=high)))
        for c in economic_categories
    }
    if "302" in sections and draw(st.booleans()):
        sections["302"] = sorted({*sections["302"], 17, 31})
    leaves = [f"{c}{s:02d}" for c in economic_categories for s in sections[c]]
    values = dict(zip(leaves, draw(_split(basic_gb, len(leaves))), strict=True))
    rows: list[Row] = []
    personnel = 0
    for c in economic_categories:
        category_total = sum(values[f"{c}{s:02d}"] for s in sections[c])
        personnel += category_total if c in _PERSONNEL else 0
        rows.append(
            Row(code=DeptEconomicCode(c), label=f"科目{c}", cells={"amount": pr(category_total)})
        )
        rows += [
            Row(
                code=DeptEconomicCode(f"{c}{s:02d}"),
                label=f"科目{c}{s:02d}",
                cells={"amount": pr(values[f"{c}{s:02d}"])},
            )
            for s in sections[c]
        ]
    rows += [
        Row(line="personnel_total", label="人员经费合计", cells={"amount": pr(personnel)}),
        Row(line="public_total", label="公用经费合计", cells={"amount": pr(basic_gb - personnel)}),
    ]
    return rows, values


@st.composite
def _three_public_cells(draw: st.DrawFn, values: dict[str, int], max_fen: int) -> dict[str, int]:
    """07's figures: actual reception and vehicle operation at least 06's 30217 and 30231."""
    budget = {p: draw(_fen(max_fen)) for p in ("abroad", "purchase", "operation", "reception")}
    actual = {
        "abroad": draw(_fen(max_fen)),
        "purchase": draw(_fen(max_fen)),
        "operation": values.get("30231", 0) + draw(_fen(max_fen)),
        "reception": values.get("30217", 0) + draw(_fen(max_fen)),
    }
    cells: dict[str, int] = {}
    for side, figures in (("budget", budget), ("actual", actual)):
        vehicle = figures["purchase"] + figures["operation"]
        cells |= {
            f"{side}_total": figures["abroad"] + vehicle + figures["reception"],
            f"{side}_abroad": figures["abroad"],
            f"{side}_vehicle": vehicle,
            f"{side}_vehicle_purchase": figures["purchase"],
            f"{side}_vehicle_operation": figures["operation"],
            f"{side}_reception": figures["reception"],
        }
    return cells


@st.composite
def consistent_disclosures(
    draw: st.DrawFn,
    /,
    *,
    unit: Unit = Unit.WAN,
    places: int = 2,
    max_fen: int = 10**9,
    categories: tuple[int, int] = (1, 4),
    economic_sections: tuple[int, int] = (1, 4),
) -> Disclosure:
    """Final-account disclosures whose nine tables agree, to the cent, before rounding.

    A ledger of true values in fen (by functional code and fund: basic and project
    expenditure, opening and closing balances; by economic code for basic expenditure;
    三公 budget and actual) is drawn, and every table prints its figures rounded half up to
    *places* decimals in *unit*, zeros printed blank or as ``0.00``. *categories* bounds
    the number of functional 类 (each with one to three 款, each with up to three 项;
    at most 32); *economic_sections* bounds the number of economic 款 under each economic
    类 of 06 (at most 40: ``(20, 30)`` gives the long sums the rule
    ``rounding.improbable`` weighs). Every rule of :func:`govbudget.check` (the catalogue
    aside) finds no error in them.

    .. versionchanged:: 0.2
       *economic_sections*.
    """
    k = TableKind
    funds = ("gb", "other", *draw(st.sampled_from([(), ("gf",), ("sc",), ("gf", "sc")])))
    nodes = draw(_functional_tree(funds, max_fen, categories))
    pr = _Printer(unit, places, draw(st.booleans()))
    top = [n for n in nodes if n.code.level is Level.CATEGORY]

    def line(key: str, label: str, **cells: int) -> Row:
        return Row(line=key, label=label, cells={c: pr(v) for c, v in cells.items()})

    def node_row(node: _Node, **cells: int) -> Row:
        return Row(
            code=node.code, label=f"科目{node.code}", cells={c: pr(v) for c, v in cells.items()}
        )

    def columns(kind: TableKind, keys: Sequence[str] | None = None) -> tuple[Column, ...]:
        return tuple(c for c in spec(kind).columns if keys is None or c.key in keys)

    def table(kind: TableKind, rows: list[Row], keys: Sequence[str] | None = None) -> Table:
        return Table(kind, unit, columns(kind, keys), rows, no_data=not rows)

    def total(values: Iterable[int]) -> int:
        return sum(values)

    income = {f: total(n.income(f) for n in top) for f in _FUNDS}
    spent = {f: total(n.spent(f) for n in top) for f in _FUNDS}
    opening = {f: total(n.opening[f] for n in top) for f in _FUNDS}
    closing = {f: total(n.closing[f] for n in top) for f in _FUNDS}
    appropriation_funds = ("gb", "gf", "sc")

    def income_cells(values: dict[str, int]) -> dict[str, int]:
        app = values["gb"] + values["gf"] + values["sc"]
        return {
            "total": app + values["other"],
            "appropriation": app,
            "superior_subsidy": 0,
            "business": values["other"],
            "operating": 0,
            "affiliated": 0,
            "other": 0,
        }

    def expenditure_cells(basic: int, project: int) -> dict[str, int]:
        return {
            "total": basic + project,
            "basic": basic,
            "project": project,
            "remit_superior": 0,
            "operating": 0,
            "affiliated_subsidy": 0,
        }

    income_rows = [line("total", "合计", **income_cells(income))]
    income_rows += [node_row(n, **income_cells({f: n.income(f) for f in _FUNDS})) for n in nodes]

    def all_basic(node: _Node) -> int:
        return total(node.basic.values())

    def all_project(node: _Node) -> int:
        return total(node.project.values())

    expenditure_rows = [
        line(
            "total",
            "合计",
            **expenditure_cells(total(map(all_basic, top)), total(map(all_project, top))),
        )
    ]
    expenditure_rows += [
        node_row(n, **expenditure_cells(all_basic(n), all_project(n))) for n in nodes
    ]

    def fund_rows(fund: str, with_balances: bool) -> list[Row]:
        chosen = (
            [n for n in nodes if n.any(fund)]
            if with_balances
            else [n for n in nodes if n.spent(fund)]
        )
        if not chosen:
            return []

        def cells(basic: int, project: int, opening_: int, closing_: int) -> dict[str, int]:
            out = {"total": basic + project, "basic": basic, "project": project}
            if with_balances:
                out |= {
                    "opening": opening_,
                    "closing": closing_,
                    "income": basic + project + closing_ - opening_,
                }
            return out

        rows = [
            line(
                "total",
                "合计",
                **cells(
                    total(n.basic[fund] for n in top),
                    total(n.project[fund] for n in top),
                    opening[fund],
                    closing[fund],
                ),
            )
        ]
        rows += [
            node_row(n, **cells(n.basic[fund], n.project[fund], n.opening[fund], n.closing[fund]))
            for n in chosen
        ]
        return rows

    summary_lines = [
        line("general_budget_income", "一般公共预算财政拨款收入", amount=income["gb"]),
        line("gov_fund_income", "政府性基金预算财政拨款收入", amount=income["gf"]),
        line("state_capital_income", "国有资本经营预算财政拨款收入", amount=income["sc"]),
        line("superior_subsidy_income", "上级补助收入", amount=0),
        line("business_income", "事业收入", amount=income["other"]),
        line("operating_income", "经营收入", amount=0),
        line("affiliated_income", "附属单位上缴收入", amount=0),
        line("other_income", "其他收入", amount=0),
        line("income_total", "本年收入合计", amount=total(income.values())),
        line("use_non_appropriation_balance", "使用非财政拨款结余", amount=0),
        line("opening_balance", "年初结转和结余", amount=total(opening.values())),
        line("income_grand_total", "总计", amount=total(income.values()) + total(opening.values())),
        *(node_row(n, amount=total(n.spent(f) for f in _FUNDS)) for n in top),
        line("expenditure_total", "本年支出合计", amount=total(spent.values())),
        line("surplus_distribution", "结余分配", amount=0),
        line("closing_balance", "年末结转和结余", amount=total(closing.values())),
        line(
            "expenditure_grand_total",
            "总计",
            amount=total(spent.values()) + total(closing.values()),
        ),
    ]
    app_income = total(income[f] for f in appropriation_funds)
    app_opening = total(opening[f] for f in appropriation_funds)

    def by_fund(values: Callable[[str], int]) -> dict[str, int]:
        parts = {
            "general_budget": values("gb"),
            "gov_fund": values("gf"),
            "state_capital": values("sc"),
        }
        return {"total": total(parts.values()), **parts}

    appropriation_lines = [
        line("general_budget_income", "一般公共预算财政拨款", amount=income["gb"]),
        line("gov_fund_income", "政府性基金预算财政拨款", amount=income["gf"]),
        line("state_capital_income", "国有资本经营预算财政拨款", amount=income["sc"]),
        line("income_total", "本年收入合计", amount=app_income),
        line("opening_balance", "年初财政拨款结转和结余", amount=app_opening),
        line("opening_general_budget", "一般公共预算财政拨款", amount=opening["gb"]),
        line("opening_gov_fund", "政府性基金预算财政拨款", amount=opening["gf"]),
        line("opening_state_capital", "国有资本经营预算财政拨款", amount=opening["sc"]),
        line("income_grand_total", "总计", amount=app_income + app_opening),
        *(node_row(n, **by_fund(n.spent)) for n in top),
        line("expenditure_total", "本年支出合计", **by_fund(spent.__getitem__)),
        line("closing_balance", "年末财政拨款结转和结余", **by_fund(closing.__getitem__)),
        line("expenditure_grand_total", "总计", **by_fund(lambda f: spent[f] + closing[f])),
    ]

    basic_gb = total(n.basic["gb"] for n in top)
    economic_rows, values = draw(_economic_rows(basic_gb, pr, economic_sections))
    three_cells = draw(_three_public_cells(values, max_fen // 100))
    tables = [
        table(k.INCOME_EXPENDITURE_SUMMARY, summary_lines),
        table(k.INCOME, income_rows),
        table(k.EXPENDITURE, expenditure_rows),
        table(k.APPROPRIATION_SUMMARY, appropriation_lines),
        table(k.GENERAL_BUDGET_EXPENDITURE, fund_rows("gb", with_balances=False)),
        table(k.GENERAL_BUDGET_BASIC_EXPENDITURE, economic_rows),
        table(
            k.THREE_PUBLIC,
            [
                Row(
                    line="three_public",
                    label="“三公”经费",
                    cells={c: pr(v) for c, v in three_cells.items()},
                )
            ],
        ),
        table(k.GOV_FUND, fund_rows("gf", with_balances=True)),
        table(k.STATE_CAPITAL, fund_rows("sc", with_balances=True)),
    ]
    return Disclosure(
        department="示例单位",
        year=draw(st.integers(2018, 2025)),
        unit=unit,
        tables={t.kind: t for t in tables},
    )


def tables(**kwargs: Any) -> st.SearchStrategy[Table]:
    """Single tables of any kind, taken from :func:`consistent_disclosures` (same options)."""
    return consistent_disclosures(**kwargs).flatmap(
        lambda d: st.sampled_from(list(d.tables.values()))
    )


#: The kinds of error :func:`disclosures_with_error` injects.
ERROR_KINDS = (
    "change",
    "unit_slip",
    "sign_flip",
    "dropped_row",
    "transposed_digits",
    "tenfold",
    "neighbour_copy",
)

#: Which cells of a disclosure an error may be injected into (all when not given): pass
#: :func:`govbudget.checks.covered_cells` to pick only cells some relation judges.
Covered = Callable[[Disclosure], Collection[CellRef]]


@attrs.frozen
class InjectedError:
    """A disclosure with one known error, and what the error was.

    Attributes:
        disclosure: The disclosure with the error.
        original: The consistent disclosure it was made from.
        kind: One of :data:`ERROR_KINDS`.
        cell: The cell changed (for a dropped row: the row's first cell).
        printed: The figure as printed before the error (``None`` for a dropped row).
        changed: The figure printed after it (``None`` for a dropped row).

    .. versionadded:: 0.1
    """

    disclosure: Disclosure = attrs.field(repr=False)
    original: Disclosure = attrs.field(repr=False)
    kind: str
    cell: CellRef
    printed: Amount | None
    changed: Amount | None


def _replace_row(
    disclosure: Disclosure, kind: TableKind, index: int, row: Row | None
) -> Disclosure:
    table = disclosure.tables[kind]
    rows = list(table.rows)
    if row is None:
        del rows[index]
    else:
        rows[index] = row
    return attrs.evolve(
        disclosure, tables={**disclosure.tables, kind: attrs.evolve(table, rows=rows)}
    )


def _transpose(amount: Amount, position: int) -> Amount:
    """Swap the integer digits at *position* and *position* + 1 (counted from the left)."""
    text = amount.printed()
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    digits = list(whole)
    digits[position], digits[position + 1] = digits[position + 1], digits[position]
    swapped = "".join(digits) + (f".{frac}" if frac else "")
    return Amount(Decimal(sign + swapped), amount.unit, amount.places)


@st.composite
def disclosures_with_error(
    draw: st.DrawFn,
    /,
    *,
    kinds: Sequence[str] = ERROR_KINDS,
    covered: Covered | None = None,
    **options: Any,
) -> InjectedError:
    """A :func:`consistent_disclosures` example with one error of one of *kinds* injected.

    - ``change``: one printed cell (of any row, blank or not) moved by 0.01 to 100.00 in
      the table's unit (the smallest changes may hide within rounding tolerance; tests
      judge against the tolerance of the relations the cell takes part in);
    - ``unit_slip``: a non-zero figure printed in 元 digits in a 万元 table (× 10000);
    - ``sign_flip``: a figure of at least 0.50 printed with the opposite sign;
    - ``dropped_row``: a coded row holding a figure of at least 1.00 left out (not a 项
      that is the only 项 of its 款: nothing distinguishes that from a 款 without 项);
    - ``transposed_digits``: two adjacent different digits of a figure's integer part
      swapped (``657.19`` → ``675.19``);
    - ``tenfold``: a non-zero figure printed ten times too large (a digit too many);
    - ``neighbour_copy``: a figure replaced by the different, non-zero figure of the
      neighbouring column of its row.

    *covered*, when given, says which cells of a disclosure the error may land on (for
    ``dropped_row``: which rows, by any of their cells): pass
    :func:`govbudget.checks.covered_cells` to leave out cells no relation judges (such
    as the 三公 table's 机关运行经费, which only the narrative states). Other options are
    passed to :func:`consistent_disclosures`.

    Raises:
        InvalidArgument: When *kinds* names an unknown kind.

    .. versionchanged:: 0.2
       The kinds ``tenfold`` and ``neighbour_copy``, and *covered*.
    """
    _known(kinds)
    return _inject(draw, draw(consistent_disclosures(**options)), kinds, covered)


@st.composite
def budgets_with_error(
    draw: st.DrawFn,
    /,
    *,
    kinds: Sequence[str] = ERROR_KINDS,
    covered: Covered | None = None,
    **options: Any,
) -> InjectedError:
    """A :func:`consistent_budgets` example with one error of one of *kinds* injected.

    The kinds and *covered* are those of :func:`disclosures_with_error`; a ``unit_slip``
    multiplies a figure by 10000 whatever its table's unit. Other options are passed to
    :func:`consistent_budgets`.

    Raises:
        InvalidArgument: When *kinds* names an unknown kind.

    .. versionadded:: 0.2
    """
    _known(kinds)
    return _inject(draw, draw(consistent_budgets(**options)), kinds, covered)


@st.composite
def errors_in(
    draw: st.DrawFn,
    disclosure: Disclosure,
    /,
    *,
    kinds: Sequence[str] = ERROR_KINDS,
    covered: Covered | None = None,
) -> InjectedError:
    """One error of one of *kinds* injected into *disclosure* (yours, or a real one).

    For mutation tests of a document you hold: draw many and count how often the checks
    catch the error and name its cell. *covered* is that of :func:`disclosures_with_error`.

    Raises:
        InvalidArgument: When *kinds* names an unknown kind.

    .. versionadded:: 0.2
    """
    _known(kinds)
    return _inject(draw, disclosure, kinds, covered)


def _changed(
    draw: st.DrawFn, kind: str, amount: Amount, places: int, copied: Amount | None
) -> Amount:
    """*amount* with one error of *kind* (not a dropped row); *copied* for a copy."""
    if kind == "change":
        step = draw(st.integers(1, 10_000)) * draw(st.sampled_from([1, -1]))
        return Amount(amount.value + Decimal(step).scaleb(-places), amount.unit, places)
    if kind == "unit_slip":
        return Amount(amount.value * 10_000, amount.unit, amount.places)
    if kind == "sign_flip":
        return Amount(-amount.value, amount.unit, amount.places)
    if kind == "tenfold":
        return Amount(amount.value * 10, amount.unit, amount.places)
    if kind == "neighbour_copy":
        assert copied is not None  # the cell was eligible
        return copied
    whole = amount.printed().lstrip("-").split(".")[0]
    positions = [i for i in range(len(whole) - 1) if whole[i] != whole[i + 1]]
    return _transpose(amount, draw(st.sampled_from(positions)))


def _known(kinds: Sequence[str]) -> None:
    unknown = set(kinds) - set(ERROR_KINDS)
    if unknown or not kinds:
        raise InvalidArgument(f"kinds must be among {ERROR_KINDS}, not {sorted(unknown)}")


def _inject(
    draw: st.DrawFn, original: Disclosure, kinds: Sequence[str], covered: Covered | None = None
) -> InjectedError:
    """*original* with one error of one of *kinds*, drawn (in a *covered* cell, if given)."""
    kind = draw(st.sampled_from(list(kinds)))
    judged = None if covered is None else frozenset(covered(original))
    cells = [
        (table.kind, index, row, column, amount)
        for table in original.tables.values()
        for index, row in enumerate(table.rows)
        for column, amount in row.cells.items()
        if judged is None or CellRef(table.kind, row.key, column) in judged
    ]

    def neighbour(kind: TableKind, row: Row, column: str) -> Amount | None:
        """The figure of a column next to *column* in *row* that differs from it, if any."""
        keys = [c.key for c in original.tables[kind].columns]
        if column not in keys:
            return None
        at = keys.index(column)
        mine = row.cells[column]
        for key in (*keys[at + 1 : at + 2], *keys[max(at - 1, 0) : at]):
            other = row.cells.get(key)
            if other is not None and other.value and other.value != mine.value:
                return other
        return None

    def eligible(
        test: Callable[[Row, Amount], bool],
    ) -> list[tuple[TableKind, int, Row, str, Amount]]:
        found = [c for c in cells if test(c[2], c[4])]
        if not found:
            reject()
        return found

    if kind == "dropped_row":

        def traceable(row: Row, amount: Amount) -> bool:
            # A 项 that is its 款's only 项 leaves no trace (some 款 have no 项): skip those.
            if row.code is None or abs(amount.value) < 1:
                return False
            parent = row.code.parent
            table = next(t for t in original.tables.values() if row in t.rows)
            return (
                parent is None
                or row.code.level is not Level.ITEM
                or (len(table.children(parent.digits)) > 1)
            )

        rows = {(k, i): r for k, i, r, _, a in eligible(traceable)}
        table_kind, index = draw(
            st.sampled_from(sorted(rows, key=lambda ki: (ki[0].number, ki[1])))
        )
        row = rows[(table_kind, index)]
        first = next(iter(row.cells))
        return InjectedError(
            _replace_row(original, table_kind, index, None),
            original,
            kind,
            CellRef(table_kind, row.key, first),
            None,
            None,
        )

    tests: dict[str, Callable[[Row, Amount], bool]] = {
        "change": lambda r, a: True,
        "unit_slip": lambda r, a: a.value != 0,
        "sign_flip": lambda r, a: abs(a.value) >= Decimal("0.5"),
        "transposed_digits": lambda r, a: len(set(a.printed().lstrip("-").split(".")[0])) > 1,
        "tenfold": lambda r, a: a.value != 0,
    }
    if kind == "neighbour_copy":
        copyable = [c for c in cells if neighbour(c[0], c[2], c[3]) is not None]
        if not copyable:
            reject()
        chosen = draw(st.sampled_from(copyable))
    else:
        chosen = draw(st.sampled_from(eligible(tests[kind])))
    table_kind, index, row, column, amount = chosen
    table = original.tables[table_kind]
    amount = table.amount(row.key, column) or amount
    copied = neighbour(table_kind, row, column) if kind == "neighbour_copy" else None
    changed = _changed(draw, kind, amount, table.places, copied)
    new_row = attrs.evolve(row, cells={**row.cells, column: changed})
    return InjectedError(
        _replace_row(original, table_kind, index, new_row),
        original,
        kind,
        CellRef(table_kind, row.key, column),
        amount,
        changed,
    )


# Budgets: the Shanghai nine-table set and the Jiangsu twelve-table set, from one ledger.

#: The budget layouts :func:`consistent_budgets` draws (the keys of
#: :data:`govbudget.tables.budget.SETS`).
BUDGET_LAYOUTS = ("上海", "江苏")


@st.composite
def consistent_budgets(  # noqa: PLR0915 - one ledger printed as every table of a layout
    draw: st.DrawFn,
    /,
    *,
    layout: str | None = None,
    max_fen: int = 10**9,
    categories: tuple[int, int] = (1, 4),
    economic_sections: tuple[int, int] = (1, 4),
) -> Disclosure:
    """Budgets whose tables agree, to the cent, before rounding, in either published layout.

    A ledger of true values in fen (by functional code and fund: 一般公共预算, 政府性基金,
    国有资本经营预算 and non-appropriation money; basic and project expenditure; basic
    expenditure by economic code) is drawn, and every table of the layout's set prints it
    rounded half up: Shanghai's in 元 with two decimals beside a 三公 table in 万元,
    Jiangsu's all in 万元; zeros printed blank or as ``0.00``. *layout* is ``"上海"`` or
    ``"江苏"`` (either when ``None``). *economic_sections* bounds the number of economic 款
    under each economic 类, as for :func:`consistent_disclosures`. Every rule of
    :func:`govbudget.check` (the catalogue aside) finds no error in them.

    Raises:
        InvalidArgument: When *layout* is not one of :data:`BUDGET_LAYOUTS`.

    .. versionadded:: 0.2
    """
    if layout is not None and layout not in BUDGET_LAYOUTS:
        raise InvalidArgument(f"layout must be one of {BUDGET_LAYOUTS}, not {layout!r}")
    chosen = layout or draw(st.sampled_from(BUDGET_LAYOUTS))
    shanghai = chosen == "上海"
    k = TableKind
    funds = ("gb", "other", *draw(st.sampled_from([(), ("gf",), ("sc",), ("gf", "sc")])))
    if not shanghai:
        funds = tuple(f for f in funds if f != "sc")
    nodes = draw(_functional_tree(funds, max_fen, categories))
    unit = Unit.YUAN if shanghai else Unit.WAN
    blank = draw(st.booleans())
    pr = _Printer(unit, 2, blank)
    pr_wan = _Printer(Unit.WAN, 2, blank)
    top = [n for n in nodes if n.code.level is Level.CATEGORY]
    appropriation = ("gb", "gf", "sc")

    def cells(printer: _Printer, values: dict[str, int]) -> dict[str, Amount]:
        return {c: printer(v) for c, v in values.items()}

    def line(key: str, label: str, **values: int) -> Row:
        return Row(line=key, label=label, cells=cells(pr, values))

    def node_row(node: _Node, **values: int) -> Row:
        return Row(code=node.code, label=f"科目{node.code}", cells=cells(pr, values))

    def table(
        kind: TableKind, rows: list[Row], keys: Sequence[str], *, in_wan: bool = False
    ) -> Table:
        columns = tuple(c for c in spec(kind).columns if c.key in keys)
        return Table(kind, Unit.WAN if in_wan else unit, columns, rows)

    def spent(node: _Node, chosen_funds: Iterable[str]) -> tuple[int, int]:
        picked = tuple(chosen_funds)
        return sum(node.basic[f] for f in picked), sum(node.project[f] for f in picked)

    def functional(kind: TableKind, chosen_funds: tuple[str, ...], keys: Sequence[str]) -> Table:
        rows: list[Row] = []
        basic_all = project_all = 0
        for node in nodes:
            basic, project = spent(node, chosen_funds)
            if node in top:
                basic_all, project_all = basic_all + basic, project_all + project
            if basic or project:
                rows.append(node_row(node, **_pick(basic, project, keys)))
        rows.insert(0, line("total", "合计", **_pick(basic_all, project_all, keys)))
        return table(kind, rows, keys)

    total_of = {f: sum(n.spent(f) for n in top) for f in _FUNDS}
    basic_of = {f: sum(n.basic[f] for n in top) for f in _FUNDS}
    project_of = {f: sum(n.project[f] for n in top) for f in _FUNDS}
    app = sum(total_of[f] for f in appropriation)
    everything = app + total_of["other"]
    economic, values = draw(_economic_rows(basic_of["gb"], pr, economic_sections))
    coded = [r for r in economic if r.code is not None]
    personnel = sum(v for c, v in values.items() if c[:3] in _PERSONNEL)
    abroad, purchase, operation, reception, meeting, training = (
        draw(_fen(max_fen // 100)) for _ in range(6)
    )
    # The 三公 table counts project spending too: at least the basic 30217 and 30231.
    operation += values.get("30231", 0)
    reception += values.get("30217", 0)
    vehicle = purchase + operation
    three = abroad + vehicle + reception

    def three_public(extra: dict[str, int]) -> Table:
        """The 三公 table in 万元: its sums, and the layout's *extra* columns."""
        values = {
            "total": three,
            "abroad": abroad,
            "vehicle": vehicle,
            "vehicle_purchase": purchase,
            "vehicle_operation": operation,
            "reception": reception,
            **extra,
        }
        row = Row(line="three_public", label="“三公”经费", cells=cells(pr_wan, values))
        return table(k.BUDGET_THREE_PUBLIC, [row], tuple(values), in_wan=True)

    category_lines = [
        node_row(n, amount=n.spent("gb") + n.spent("gf") + n.spent("sc") + n.spent("other"))
        for n in top
    ]
    if shanghai:
        tables = [
            table(
                k.BUDGET_SUMMARY,
                [
                    line("appropriation", "一、财政拨款收入", amount=app),
                    line("general_budget", "1.一般公共预算资金", amount=total_of["gb"]),
                    line("gov_fund", "2.政府性基金", amount=total_of["gf"]),
                    line("state_capital", "3.国有资本经营预算", amount=total_of["sc"]),
                    line("business", "二、事业收入", amount=total_of["other"]),
                    line("operating", "三、事业单位经营收入", amount=0),
                    line("other", "四、其他收入", amount=0),
                    line("income_total", "收入总计", amount=everything),
                    *category_lines,
                    line("expenditure_total", "支出总计", amount=everything),
                ],
                ("amount",),
            ),
            table(
                k.BUDGET_INCOME,
                [
                    line(
                        "total",
                        "合计",
                        total=everything,
                        appropriation=app,
                        business=total_of["other"],
                    ),
                    *(
                        node_row(
                            n,
                            total=sum(n.spent(f) for f in _FUNDS),
                            appropriation=sum(n.spent(f) for f in appropriation),
                            business=n.spent("other"),
                        )
                        for n in nodes
                    ),
                ],
                ("total", "appropriation", "business", "operating", "other"),
            ),
            functional(k.BUDGET_EXPENDITURE, _FUNDS, ("total", "basic", "project")),
            table(
                k.BUDGET_APPROPRIATION_SUMMARY,
                [
                    line("general_budget", "一、一般公共预算资金", amount=total_of["gb"]),
                    line("gov_fund", "二、政府性基金", amount=total_of["gf"]),
                    line("state_capital", "三、国有资本经营预算", amount=total_of["sc"]),
                    line("income_total", "收入总计", amount=app),
                    *(
                        node_row(
                            n,
                            total=sum(n.spent(f) for f in appropriation),
                            general_budget=n.spent("gb"),
                            gov_fund=n.spent("gf"),
                            state_capital=n.spent("sc"),
                        )
                        for n in top
                        if any(n.spent(f) for f in appropriation)
                    ),
                    line(
                        "expenditure_total",
                        "支出总计",
                        total=app,
                        general_budget=total_of["gb"],
                        gov_fund=total_of["gf"],
                        state_capital=total_of["sc"],
                    ),
                ],
                ("amount", "total", "general_budget", "gov_fund", "state_capital"),
            ),
            functional(k.BUDGET_GENERAL_EXPENDITURE, ("gb",), ("total", "basic", "project")),
            functional(k.BUDGET_GOV_FUND, ("gf",), ("total", "basic", "project")),
            functional(k.BUDGET_STATE_CAPITAL, ("sc",), ("total", "basic", "project")),
            table(
                k.BUDGET_GENERAL_BASIC,
                [
                    *(
                        Row(
                            code=r.code,
                            label=r.label,
                            cells={
                                "total": r.cells["amount"],
                                "personnel": r.cells["amount"] if _personnel(r) else pr(0),
                                "public": pr(0) if _personnel(r) else r.cells["amount"],
                            },
                        )
                        for r in coded
                    ),
                    line(
                        "total",
                        "合计",
                        total=basic_of["gb"],
                        personnel=personnel,
                        public=basic_of["gb"] - personnel,
                    ),
                ],
                ("total", "personnel", "public"),
            ),
            three_public({"operating_costs": draw(_fen(max_fen // 10))}),
        ]
    else:
        basic_app = sum(basic_of[f] for f in appropriation)
        project_app = sum(project_of[f] for f in appropriation)
        public = [r for r in coded if r.code is not None and r.code.digits.startswith("302")]
        tables = [
            table(
                k.BUDGET_SUMMARY,
                [
                    line("appropriation", "一、财政拨款", amount=app),
                    line("general_budget", "1.一般公共预算", amount=total_of["gb"]),
                    line("gov_fund", "2.政府性基金预算", amount=total_of["gf"]),
                    line("special_account", "二、财政专户管理资金", amount=0),
                    line("other_funds", "三、其他资金", amount=total_of["other"]),
                    line("income_subtotal", "当年收入小计", amount=everything),
                    line("carryover", "上年结转资金", amount=0),
                    line("income_total", "收入合计", amount=everything),
                    *category_lines,
                    line("expenditure_subtotal", "当年支出小计", amount=everything),
                    line("use_basic", "一、基本支出", amount=sum(basic_of.values())),
                    line("use_project", "二、项目支出", amount=sum(project_of.values())),
                    line("use_reserve", "三、单位预留机动经费", amount=0),
                    line("carry_forward", "结转下年资金", amount=0),
                    line("expenditure_total", "支出合计", amount=everything),
                ],
                ("amount",),
            ),
            table(
                k.BUDGET_INCOME,
                [
                    line("income_total", "收入总计", total=everything),
                    line("general_budget_subtotal", "小计", total=total_of["gb"]),
                    line(
                        "general_budget_appropriation",
                        "公共财政拨款（补助）资金",
                        total=total_of["gb"],
                    ),
                    line("general_budget_special", "专项收入", total=0),
                    line("gov_fund_subtotal", "政府性基金", total=total_of["gf"]),
                    line("other_funds_subtotal", "小计", total=total_of["other"]),
                    line("other_funds_business", "事业收入", total=total_of["other"]),
                    line("other_funds_operating", "经营收入", total=0),
                    line("carryover_subtotal", "小计", total=0),
                ],
                ("total",),
            ),
            table(
                k.BUDGET_EXPENDITURE,
                [
                    line(
                        "total",
                        "合计",
                        total=everything,
                        basic=sum(basic_of.values()),
                        project=sum(project_of.values()),
                        reserve=0,
                    )
                ],
                ("total", "basic", "project", "reserve", "carry_forward"),
            ),
            table(
                k.BUDGET_APPROPRIATION_SUMMARY,
                [
                    line("general_budget", "一、一般公共预算", amount=total_of["gb"]),
                    line("gov_fund", "二、政府性基金预算", amount=total_of["gf"]),
                    line("income_total", "收入合计", amount=app),
                    line("use_basic", "一、基本支出", amount=basic_app),
                    line("use_project", "二、项目支出", amount=project_app),
                    line("use_reserve", "三、单位预留机动经费", amount=0),
                    line("expenditure_total", "支出合计", amount=app),
                ],
                ("amount",),
            ),
            functional(k.BUDGET_APPROPRIATION_EXPENDITURE, appropriation, ("total",)),
            table(
                k.BUDGET_APPROPRIATION_BASIC,
                [line("total", "合计", total=basic_of["gb"]), *_as_total(coded)],
                ("total",),
            ),
            functional(k.BUDGET_GENERAL_EXPENDITURE, ("gb",), ("total",)),
            table(
                k.BUDGET_GENERAL_BASIC,
                [line("total", "合计", total=basic_of["gb"]), *_as_total(coded)],
                ("total",),
            ),
            three_public(
                {
                    "total": three + meeting + training,
                    "three_public": three,
                    "meeting": meeting,
                    "training": training,
                }
            ),
            functional(k.BUDGET_GOV_FUND, ("gf",), ("total",)),
            table(
                k.BUDGET_OPERATING_COSTS,
                [
                    line(
                        "total",
                        "合计",
                        total=sum(v for c, v in values.items() if c.startswith("302")),
                    ),
                    *_as_total(public),
                ],
                ("total",),
            ),
            table(
                k.BUDGET_PROCUREMENT,
                [
                    line("total", "合计", total=purchase + meeting),
                    line("goods", "一、货物", total=purchase),
                    line("group1", "设备购置费 / 办公设备购置", total=purchase),
                    *(
                        line(f"item{n}", f"设备{n} / 分散自行组织", total=v)
                        for n, v in enumerate(draw(_split(purchase, 2)), start=2)
                    ),
                    line("services", "三、服务", total=meeting),
                    line("item4", "会议服务 / 分散自行组织", total=meeting),
                ],
                ("total",),
            ),
        ]
    return Disclosure(
        department="示例单位",
        year=draw(st.integers(2017, 2026)),
        family=Family.BUDGET,
        unit=unit,
        tables={t.kind: t for t in tables},
    )


def _pick(basic: int, project: int, keys: Sequence[str]) -> dict[str, int]:
    """The cells a functional row prints: 合计, and 基本/项目 where the table has them."""
    out = {"total": basic + project}
    if "basic" in keys:
        out |= {"basic": basic, "project": project}
    return out


def _personnel(row: Row) -> bool:
    return row.code is not None and row.code.digits[:3] in _PERSONNEL


def _as_total(rows: Iterable[Row]) -> list[Row]:
    """Economic rows with their one figure under ``total`` (the Jiangsu tables' 金额)."""
    return [attrs.evolve(r, cells={"total": r.cells["amount"]}) for r in rows]
