"""Which cell is most likely wrong: the one that, changed alone, makes the most sums hold.

Every relation is linear in the printed figures. For a candidate cell ``c`` with
coefficient ``a`` in a relation whose residual is ``d`` (found minus expected) and whose
tolerance is ``t``, changing ``c`` by ``δ`` makes the relation hold exactly when
``|d + a·δ| ≤ t`` (or ``d + a·δ ≥ -t`` for an "at least" relation): an interval of ``δ``.
A sweep over those intervals finds the change that satisfies the most relations the cell
takes part in. A cell's score is the number of violated relations that change repairs
minus the number of holding ones it breaks; the suspects are every cell tied for the best
positive score — the printed figures among them when there are any, since a wrong figure is
likelier than one left out, and among those, the ones whose repair undoes a slip of the pen
when there are any. The slips (:data:`SIGNATURES`) are an accountant's: a 元/万元 slip (×
or ÷ 10000), a ×10 or ÷10 slip, a flipped sign, two adjacent digits swapped (a difference
divisible by 9 in the place swapped), and a figure copied from the neighbouring column of
its row (weak evidence alone — 合计 equals 基本支出 by right when there is no project
spending — so a copy ties with the other slips rather than beating them). When more
than one cell remains, they are equally likely and every one is reported as tied
(:attr:`~govbudget.report.Suspect.tied`); the report does not pick one. When a single
printed figure is wrong, it is always among them: correcting it repairs every violation
without breaking anything, and no other cell can do better.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Context, Decimal, localcontext

import attrs

from govbudget.amount import EXACT
from govbudget.checks.relations import Op, Relation, Term
from govbudget.report import Suspect
from govbudget.tables.base import CellRef

__all__ = ["SIGNATURES", "signature", "slip_figures", "suspects"]

#: The slips of the pen a suspect's repair may undo, by the name a suspect reports
#: (:attr:`~govbudget.report.Suspect.signature`), in the order they are tried.
SIGNATURES = {
    "unit": "a 元/万元 slip: the figure ×10000 or ÷10000",
    "tenfold": "a ×10 or ÷10 slip",
    "sign": "a flipped sign",
    "swap": "two adjacent digits swapped",
    "neighbour": "the figure of the neighbouring column copied",
}

# Coefficients are ± powers of ten (or small multiples when a cell appears twice); the
# quotient is exact for powers of ten and precise far beyond any printed figure otherwise.
_DIVIDE = Context(prec=60)

# An interval of changes δ; None is an open end (−∞ on the left, +∞ on the right).
_Span = tuple[Decimal | None, Decimal | None]


@attrs.frozen
class _Candidate:
    ref: CellRef
    term: Term
    explains: int
    breaks: int
    low: Decimal | None
    high: Decimal | None
    signature: str | None = None

    @property
    def score(self) -> int:
        return self.explains - self.breaks

    def repaired(self) -> _Span:
        """The figures (printed + δ) that repair the most: the span of δ made absolute."""
        printed = self.term.amount.value
        with localcontext(EXACT):
            low = printed + self.low if self.low is not None else None
            high = printed + self.high if self.high is not None else None
        return low, high


def _span(relation: Relation, coefficient: int) -> _Span:
    """The changes of a cell (coefficient *coefficient*) that make *relation* hold."""
    verdict = relation.comparison
    d, t = verdict.difference, verdict.tolerance
    with localcontext(_DIVIDE):
        # d + a·δ within [-t, t]  →  δ within [(-t - d)/a, (t - d)/a], ends swapped if a < 0.
        low, high = (-t - d) / coefficient, (t - d) / coefficient
        if coefficient < 0:
            low, high = high, low
    if relation.op is Op.GE:
        return (low, None) if coefficient > 0 else (None, high)
    return (low, high)


def _best(spans: Sequence[tuple[_Span, bool]]) -> tuple[int, int, _Span]:
    """The point covered by most spans: (repaired violations, broken holders, its span)."""
    events: list[tuple[Decimal | None, int, int]] = []
    for (low, high), holds in spans:
        events.append((low, 0, 1 if holds else 2))
        events.append((high, 1, 1 if holds else 2))

    def key(event: tuple[Decimal | None, int, int]) -> tuple[int, Decimal, int]:
        point, kind, _ = event
        if point is None:  # −∞ for a start, +∞ for an end
            return (-1 if kind == 0 else 1, Decimal(0), kind)
        return (0, point, kind)  # at one point, starts (0) before ends (1): closed spans

    holding = sum(1 for _, holds in spans if holds)
    best: tuple[int, int, _Span] = (0, 0, (Decimal(0), Decimal(0)))
    best_total = holding  # δ = 0 keeps every holding relation and repairs nothing
    open_holds = open_violated = 0
    ordered = sorted(events, key=key)
    for index, (point, kind, flag) in enumerate(ordered):
        if kind == 0:
            open_holds += flag == 1
            open_violated += flag == 2
            if open_violated and open_holds + open_violated > best_total:
                best_total = open_holds + open_violated
                following = next((p for p, k, _ in ordered[index + 1 :] if k == 1), None)
                best = (open_violated, holding - open_holds, (point, following))
        else:
            open_holds -= flag == 1
            open_violated -= flag == 2
    return best


def suspects(relations: Sequence[Relation]) -> tuple[Suspect, ...]:
    """The cells most likely wrong, given every relation checked (best first, ties kept).

    Only printed cells taking part in at least one violated relation are candidates.
    """
    if all(relation.holds for relation in relations):
        return ()
    by_cell: dict[CellRef, list[tuple[Relation, int]]] = {}
    terms: dict[CellRef, Term] = {}
    for relation in relations:
        for ref, coefficient in relation.coefficients().items():
            by_cell.setdefault(ref, []).append((relation, coefficient))
        for term in relation.terms:
            terms.setdefault(term.ref, term)
    candidates: list[_Candidate] = []
    for ref, entries in by_cell.items():
        if all(r.holds for r, _ in entries):
            continue
        spans = [(_span(r, c), r.holds) for r, c in entries]
        explains, breaks, (low, high) = _best(spans)
        if explains:
            candidates.append(_Candidate(ref, terms[ref], explains, breaks, low, high))
    if not candidates:
        return ()
    top = max(c.score for c in candidates)
    if top <= 0:
        return ()
    best = [c for c in candidates if c.score == top]
    printed = [c for c in best if not c.term.amount.blank] or best
    # A wrong figure is likelier than a figure left out: a blank ties only with blanks.
    # Among equals, one whose repair is a slip an accountant makes is likelier still.
    signed = [attrs.evolve(c, signature=signature(c.term, *c.repaired())) for c in printed]
    chosen = [c for c in signed if c.signature is not None] or signed
    tied = len(chosen) > 1
    return tuple(_suspect(c, tied=tied) for c in chosen)


def signature(term: Term, low: Decimal | None, high: Decimal | None) -> str | None:
    """The slip of the pen (a key of :data:`SIGNATURES`) that a repair of *term* undoes.

    *low* and *high* bound the figures that would repair it (``None``: no bound). The
    figure ÷ or × 10000 (元 for 万元), ÷ or × 10, its sign flipped, two adjacent digits of
    it swapped: whichever lies within them. A figure equal to the non-zero figure of the
    neighbouring column of its row was copied from there.
    ``None`` when no slip explains it.

    .. versionadded:: 0.2
    """
    amount = term.amount
    if amount.blank or not amount.value:
        return None
    for name, value in slip_figures(amount.value, amount.places):
        if (low is None or low <= value) and (high is None or value <= high):
            return name
    if _copied(term):
        return "neighbour"
    return None


def slip_figures(printed: Decimal, places: int) -> list[tuple[str, Decimal]]:
    """The figures *printed* may have been meant as, each with the slip that undoes it.

    The slips are keys of :data:`SIGNATURES`: scaled, negated, two adjacent digits swapped.
    A figure scaled down below one printed step is left out (it would have printed as
    zero, and any sum near zero would seem to repair it).

    .. versionadded:: 0.2
    """
    step = Decimal(1).scaleb(-places)
    scaled = [
        ("unit", printed / 10000),
        ("unit", printed * 10000),
        ("tenfold", printed / 10),
        ("tenfold", printed * 10),
        ("sign", -printed),
    ]
    # A figure meant as less than one printed step would have been printed as zero.
    found = [(name, value) for name, value in scaled if abs(value) >= step]
    text = f"{abs(printed):.{max(places, 0)}f}"
    sign = "-" if printed < 0 else ""
    for i in range(len(text) - 1):
        a, b = text[i], text[i + 1]
        if a.isdigit() and b.isdigit() and a != b:
            found.append(("swap", Decimal(sign + text[:i] + b + a + text[i + 2 :])))
    if text[:1].isdigit() and text[:1] != "0":
        # A zero swapped to the front drops out: 50.01 printed 05.01 reads 5.01.
        found.append(("swap", Decimal(sign + text[0] + "0" + text[1:])))
    return found


def _copied(term: Term) -> bool:
    """Whether *term* prints the same non-zero figure as a neighbouring column of its row."""
    table = term.table
    if table is None:
        return False
    row = table.row(term.ref.row)
    keys = [c.key for c in table.columns]
    if row is None or term.ref.column not in keys:
        return False
    at = keys.index(term.ref.column)
    for neighbour in keys[max(at - 1, 0) : at + 2]:
        other = row.cells.get(neighbour)
        if (
            neighbour != term.ref.column
            and other is not None
            and not other.blank
            and other.value == term.amount.value
            and other.unit is term.amount.unit
        ):
            return True
    return False


def _suspect(candidate: _Candidate, *, tied: bool) -> Suspect:
    low, high = candidate.repaired()
    table = candidate.term.table
    ref = candidate.ref
    return Suspect(
        cell=ref,
        location=candidate.term.location,
        printed=candidate.term.amount.value,
        low=low,
        high=high,
        explains=candidate.explains,
        breaks=candidate.breaks,
        signature=candidate.signature,
        tied=tied,
        row_label=table.row_name(ref.row) if table is not None else candidate.term.label or None,
        column_label=table.column_name(ref.column) if table is not None else None,
    )
