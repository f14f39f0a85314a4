"""The second tier: a long sum that holds within tolerance, but only by improbable rounding.

The interval verdict (:mod:`govbudget.checks.relations`) is a worst case: a parent over
twenty children tolerates a difference of 0.105 when every figure is printed to 0.01,
because each of the 21 figures may have been rounded by up to 0.005 — all in the same
direction. Independent roundings almost never line up like that. When a sum of ``n``
parts holds, its difference is the sum of the ``n + 1`` rounding errors; modelled as
independent and uniform over ``±½`` of the printed step, that sum follows the Irwin–Hall
distribution (shifted to be centred on zero). This module computes, exactly with
:class:`~fractions.Fraction`, how probable a difference at least as large as the printed
one is (:func:`tail`), and :func:`improbable` warns when it is below :data:`THRESHOLD`.

It never makes an error: errors come only from the interval verdict. See
``docs/explanation/rounding.md`` for the model, the threshold and its limits.
"""

from __future__ import annotations

import decimal
import functools
import math
from collections.abc import Iterator, Sequence
from decimal import Decimal, localcontext
from fractions import Fraction

import attrs

from govbudget.amount import EXACT
from govbudget.checks.blame import slip_figures
from govbudget.checks.compiled import Judgements, as_relation
from govbudget.checks.registry import Context, rule
from govbudget.checks.relations import Op, Relation, Term
from govbudget.report import Finding, Severity
from govbudget.tables.base import CellRef, TableKind

__all__ = ["MIN_PARTS", "THRESHOLD", "Improbable", "improbable", "tail"]

#: Below this probability, a difference within tolerance is warned about: one in a
#: thousand long sums of a consistent document, at most (docs/explanation/rounding.md).
THRESHOLD = Fraction(1, 1000)

#: The fewest parts a sum needs to be judged (a found figure and seven parts: eight
#: rounded figures). Shorter sums are mostly identities between derived figures, whose
#: roundings are not independent.
MIN_PARTS = 7

# Repairs are rounded to a figure's printed step: a context that rounds without trapping.
_ROUNDING = decimal.Context(prec=60)

#: At most this many tied suspects are named in a warning's message.
_NAMED = 3


@functools.cache
def _cdf(terms: int, x: Fraction) -> Fraction:
    """P(U₁ + … + U_terms ≤ x) for independent U uniform on [0, 1] (Irwin–Hall), exactly."""
    if x <= 0:
        return Fraction(0)
    if x >= terms:
        return Fraction(1)
    total = sum(
        (-1) ** k * math.comb(terms, k) * (x - k) ** terms for k in range(math.floor(x) + 1)
    )
    return Fraction(total, math.factorial(terms))


def tail(terms: int, steps: int) -> Fraction:
    """P(a printed difference of at least *steps* printed steps, either sign), exactly.

    The difference is the sum of *terms* independent rounding errors, each uniform on
    ``[-½, ½]`` of a step. Printed figures differ by whole steps, so a printed difference
    of ``j`` steps stands for a true sum of errors beyond ``j - ½`` (a continuity
    correction): ``P(|S| ≥ j - ½) = 2·F(terms/2 - j + ½)`` with ``F`` the Irwin–Hall
    distribution function of *terms* uniforms.

    >>> tail(21, 0)
    Fraction(1, 1)
    >>> tail(8, 3) > Fraction(1, 1000) > tail(8, 4)
    True

    .. versionadded:: 0.2
    """
    steps = abs(steps)
    if steps == 0:
        return Fraction(1)
    edge = Fraction(terms, 2) - steps + Fraction(1, 2)
    return min(Fraction(1), 2 * _cdf(terms, edge))


@attrs.frozen
class Improbable:
    """A sum that holds within tolerance only through improbable rounding.

    Attributes:
        relation: The sum.
        terms: How many rounded figures it adds (found and parts).
        steps: The printed difference, in printed steps (0.01 for two decimals).
        probability: The chance independent roundings give a difference this large.
        suspects: The cells most likely wrong (several: tied): those whose change repairs
            the most sums, and among them the ones whose change undoes a slip of the pen
            when there are any.
        also: Cells whose change repairs as many sums, but undoes no slip of the pen (a
            plain change of one of them is as consistent with the figures).

    .. versionadded:: 0.2
    """

    relation: Relation
    terms: int
    steps: int
    probability: Fraction
    suspects: tuple[Term, ...]
    also: tuple[Term, ...] = ()


def _shape(relation: Relation) -> tuple[int, Decimal] | None:
    """(rounded figures, printed step) of a long equality on one grid, or ``None``.

    ``None`` for an "at least" relation, one of fewer than :data:`MIN_PARTS` parts, or one
    whose figures are printed at different steps (the model does not apply).
    """
    if relation.op is not Op.EQ or len(relation.parts) < MIN_PARTS:
        return None
    unit = relation.comparison.unit
    radii = set()
    terms = 0
    for term in relation.terms:
        if term.printed:
            terms += 1
            radii.add(term.amount.radius.scaleb(term.amount.unit.exponent - unit.exponent))
    if len(radii) != 1 or terms <= MIN_PARTS:
        return None
    return terms, 2 * radii.pop()


def _probability(shape: tuple[int, Decimal], difference: Decimal) -> Fraction:
    """The chance of a printed difference at least as large as *difference*."""
    terms, step = shape
    with localcontext(EXACT):
        quotient = difference / step
    if quotient != quotient.to_integral_value():
        return Fraction(1)  # off the printed grid: not a rounding pattern the model knows
    return tail(terms, int(quotient))


def improbable(relations: Sequence[Relation]) -> Iterator[Improbable]:
    """The long sums among *relations* that hold only through improbable rounding.

    .. versionadded:: 0.2
    """
    by_cell: dict[CellRef, list[tuple[Relation, int]]] = {}
    for relation in relations:
        for ref, coefficient in relation.coefficients().items():
            by_cell.setdefault(ref, []).append((relation, coefficient))
    for relation in relations:
        shape = _shape(relation)
        if shape is None or not relation.holds:
            continue
        difference = relation.comparison.difference
        probability = _probability(shape, difference)
        if probability >= THRESHOLD:
            continue
        with localcontext(EXACT):
            steps = int(difference / shape[1])
        likeliest, also = _suspects(relation, by_cell)
        yield Improbable(relation, shape[0], steps, probability, likeliest, also)


def _fine(relation: Relation, change: Decimal) -> bool:
    """Whether *relation*, its difference moved by *change*, holds and is not improbable."""
    verdict = relation.comparison
    with localcontext(EXACT):
        difference = verdict.difference + change
    if relation.op is Op.GE:
        return difference >= -verdict.tolerance
    if abs(difference) > verdict.tolerance:
        return False
    shape = _shape(relation)
    return shape is None or _probability(shape, difference) >= THRESHOLD


def _suspects(
    relation: Relation, by_cell: dict[CellRef, list[tuple[Relation, int]]]
) -> tuple[tuple[Term, ...], tuple[Term, ...]]:
    """The terms of *relation* whose change alone best makes every sum they are in fine.

    Each printed term is tried with the changes of :func:`_changes` that make this sum
    fine: undoing a slip of the pen (two adjacent digits swapped, a ×10 slip …), or the
    change that brings one of its sums to a difference of zero. A change scores the
    relations the term takes part in that become fine (:func:`_fine`), less those that
    stop being fine; a term keeps its best change (a slip, on equal scores). The best
    scores win; among them, those whose change undoes a slip are the likeliest, the
    others are kept apart.
    """
    coefficients = relation.coefficients()
    scored: list[tuple[int, bool, Term]] = []
    for term in relation.terms:
        coefficient = coefficients.get(term.ref)
        if not term.printed or not coefficient or term.amount.blank:
            continue
        entries = by_cell.get(term.ref, [(relation, coefficient)])
        chosen: tuple[int, bool] | None = None
        for change, slipped in _changes(term, entries):
            if not _fine(relation, coefficient * change):
                continue
            score = sum(int(_fine(r, c * change)) - int(_fine(r, Decimal(0))) for r, c in entries)
            if chosen is None or (score, slipped) > chosen:
                chosen = (score, slipped)
        if chosen is not None:
            scored.append((*chosen, term))
    if not scored:
        return (), ()
    best = max(s for s, _, _ in scored)
    top = [(slipped, t) for s, slipped, t in scored if s == best]
    likeliest = tuple(t for flag, t in top if flag)
    plain = tuple(t for flag, t in top if not flag)
    return (likeliest, plain) if likeliest else (plain, ())


def _changes(term: Term, entries: list[tuple[Relation, int]]) -> Iterator[tuple[Decimal, bool]]:
    """The changes of *term* worth trying, each with whether it undoes a slip of the pen.

    Undoing each slip (at the term's printed precision), and the change, in its printed
    step, that brings each relation it takes part in to a difference of zero.
    """
    amount = term.amount
    quantum = Decimal(1).scaleb(-amount.places)
    with localcontext(_ROUNDING):
        slips = slip_figures(amount.value, amount.places) if amount.value else []
        exact = [v for _, v in slips if v.quantize(quantum) == v]
        repairs = [(-r.comparison.difference / c).quantize(quantum) for r, c in entries]
    with localcontext(EXACT):
        for value in exact:
            yield value - amount.value, True
    for change in repairs:
        yield change, False


def _percent(probability: Fraction) -> str:
    """A probability as a percentage with two significant figures (``0.0031%``)."""
    value = Decimal(probability.numerator) / Decimal(probability.denominator) * 100
    if not value:
        return "0%"
    shown = f"{value:.2g}" if value >= Decimal("1e-4") else f"{value:.1e}"
    if "e" in shown:
        mantissa, exponent = shown.split("e")
        return f"{mantissa}×10^{int(exponent)}%"
    return f"{Decimal(shown).normalize():f}%"


def _name(term: Term) -> str:
    table = term.table
    if table is None:
        return f"{term.ref.table.label}「{term.label or term.ref.row}」{term.ref.column}"
    return f"{term.ref.table.label}{table.cell_name(term.ref.row, term.ref.column)}"


def finding(rule_id: str, found: Improbable) -> Finding:
    """The warning for one improbable sum, located at its suspect when there is one.

    .. versionadded:: 0.2
    """
    relation = found.relation
    verdict = relation.comparison
    names = [_name(t) for t in found.suspects[:_NAMED]]
    more = len(found.suspects) - len(names)
    tied = len(found.suspects) > 1
    listed = "、".join(names) + (f" 等{len(found.suspects)}个" if more else "")
    listed_en = ", ".join(names) + (f" and {more} more" if more else "")
    also = len(found.also)
    also_en = f"; {also} other cells could explain it by a plain change" if also else ""
    also_zh = f"；另有{also}个单元格的单纯改动同样可以解释" if also else ""
    percent = _percent(found.probability)
    unit = verdict.unit.value
    at = found.suspects[0] if len(found.suspects) == 1 else relation.found
    return Finding(
        rule=rule_id,
        severity=Severity.WARNING,
        message=(
            f"{relation.what}: difference {verdict.difference} {unit} is within the tolerance "
            f"±{verdict.tolerance}, but independent rounding of its {found.terms} figures "
            f"gives one this large with probability {percent} (below "
            f"{_percent(THRESHOLD)}); most likely wrong"
            f"{' (tied)' if tied else ''}: {listed_en}{also_en}"
        ),
        message_zh=(
            f"{relation.what_zh}：差额{verdict.difference}{unit}虽在容差±{verdict.tolerance}"
            f"以内，但{found.terms}个数字各自独立四舍五入产生如此差额的概率仅为{percent}"
            f"（低于{_percent(THRESHOLD)}）；最可能有误的单元格{'（并列）' if tied else ''}："
            f"{listed}{also_zh}"
        ),
        table=at.ref.table,
        row=at.ref.row,
        row_label=(at.table.row_name(at.ref.row) if at.table is not None else at.label) or None,
        column=at.ref.column,
        location=at.location,
        expected=verdict.expected,
        found=verdict.found,
        difference=verdict.difference,
        tolerance=verdict.tolerance,
        unit=verdict.unit,
        cells=tuple(t.ref for t in found.suspects) + tuple(t.ref for t in relation.terms),
    )


#: The key under which the runner shares, with this rule, the relations judged before it
#: (a :class:`~govbudget.checks.compiled.Judgements`).
RELATIONS = "relations"


@rule(
    "rounding.improbable",
    "A long sum holds only through improbable rounding",
    "长合计仅在极不可能的舍入下成立",
    severity=Severity.WARNING,
    tables=tuple(TableKind),
)
def improbable_rounding(context: Context) -> Iterator[Finding]:
    """A sum of at least seven parts that holds within tolerance, improbably.

    The interval verdict lets a parent over twenty children differ from their sum by up to
    0.105 (21 figures, each rounded by at most 0.005). This rule judges the difference of
    every such sum that holds against the chance that independent roundings produce it
    (the Irwin–Hall distribution of the rounding errors, computed exactly) and warns when
    that chance is below 0.1%, naming the cell most likely wrong (or the cells tied).
    It judges the sums of the rules run before it, so it runs last; it never makes an
    error. Example: a 类 of twenty 款 whose printed sum differs from it by 0.09, as when
    two digits of one 款 are swapped (12.32 printed 12.23).
    """
    shared = context.memo.get(RELATIONS)
    if not isinstance(shared, Judgements):
        return
    # Only a long sum that holds, off by some rounding, can be improbable: look at those
    # first, and build every relation (for the suspects' other sums) only when one is.
    if not any(_is_improbable(as_relation(r)) for r in shared.off(MIN_PARTS)):
        return
    for found in improbable([as_relation(r) for r in shared]):
        yield finding("rounding.improbable", found)


def _is_improbable(relation: Relation) -> bool:
    shape = _shape(relation)
    return (
        shape is not None
        and relation.holds
        and _probability(shape, relation.comparison.difference) < THRESHOLD
    )
