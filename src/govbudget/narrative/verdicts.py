"""Judge each claim of the narrative against the tables and against the narrative itself.

Every input is an interval from its printed precision (``DOMAIN.md`` section 5): a
stated 2940.05万元 is 2940.045…2940.055; a table figure is widened to its table's
precision. A share, a change or a completion rate is recomputed as an interval and
compared with the stated percentage's interval. A claim that fails at its printed
precision but holds when the percentage is read at fewer decimals (``96.0%`` for
95.52%, right only as a whole percent with ``.0`` appended) is a warning saying so; one
that fails at every precision is an error. A figure whose digits match the table but
whose unit does not (元 for 万元) is a unit slip.

:func:`analyse` returns one :class:`Verdict` per claim; the ``narrative.*`` rules turn
them into findings.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterator
from decimal import Decimal, localcontext
from typing import Final

import attrs

from govbudget.amount import Interval, Unit, tidy
from govbudget.disclosure import Disclosure
from govbudget.narrative.budget import bind_budget
from govbudget.narrative.claims import Claim, ClaimKind, Number, claims
from govbudget.narrative.directions import holds, right_word, sign_of
from govbudget.narrative.parts import parts_claims
from govbudget.narrative.precision import _narrative_places, at_precision
from govbudget.narrative.subjects import Binding, Renamed, bind, bind_path, compact
from govbudget.tables.base import CellRef, Family

__all__ = ["Outcome", "Verdict", "analyse", "is_budget"]

_HUNDRED: Final = Decimal(100)
_SLIPS: Final = {Unit.YUAN: Unit.WAN, Unit.WAN: Unit.YUAN}


class Outcome(enum.Enum):
    """How a claim fared.

    ``TRUNCATED`` is a budget amount converted from a table in 元 and cut, not rounded,
    to its printed decimals (87.70万元 for 877,080元, which is 87.71万元 rounded).

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       ``TRUNCATED``.
    """

    CONSISTENT = "consistent"
    COARSE = "consistent only at a coarser precision"
    TRUNCATED = "consistent only if truncated, not rounded"
    INCONSISTENT = "inconsistent"
    UNIT_SLIP = "unit slip"
    UNBOUND = "unbound"


@attrs.frozen
class Verdict:
    """The judgement of one claim.

    Attributes:
        claim: The claim.
        outcome: How it fared.
        computed: The value recomputed (a table figure or a ratio), if any.
        low: The low end of the recomputed interval.
        high: The high end of the recomputed interval.
        places: The decimals at which it holds, for a coarse result.
        cells: The table cells used.
        renamed: A class, 款 or 项 printed under another name than the table's.
        reason: Why a claim could not be bound, in a few words.
        unit: The unit of an amount's computed value (``None`` for a percentage).
        word: For a direction word that does not hold (大于, 持平 …), the word the two
            figures give; ``computed`` is then their difference.
        whole: For a share whose whole no table holds, the figure the narrative itself
            stated for it (the share is judged against the narrative's own words).

    .. versionadded:: 0.1
    .. versionchanged:: 0.3
       ``word``.
    """

    claim: Claim
    outcome: Outcome
    computed: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    places: int | None = None
    cells: tuple[CellRef, ...] = ()
    renamed: Renamed | None = None
    reason: str = ""
    unit: Unit | None = None
    word: str = ""
    whole: Number | None = None


@functools.lru_cache(maxsize=4096)
def _interval(number: Number) -> Interval:
    """The true values a stated amount stands for (once per number: both are immutable).

    Equal numbers print the same digits at the same precision, so their intervals are
    the same to the last digit.
    """
    assert number.unit is not None
    return Interval(number.value - number.radius, number.value + number.radius, number.unit)


def _yuan(interval: Interval) -> tuple[Decimal, Decimal]:
    converted = interval.to(Unit.YUAN)
    return converted.low, converted.high


def _ratio(
    part: tuple[Decimal, Decimal], whole: tuple[Decimal, Decimal]
) -> tuple[Decimal, Decimal] | None:
    """The percentage interval of part / whole, or ``None`` when the whole may be zero."""
    if whole[0] <= 0 or part[1] < 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 34
        return max(part[0], Decimal(0)) / whole[1] * _HUNDRED, part[1] / whole[0] * _HUNDRED


def _judge_percent(
    claim: Claim, interval: tuple[Decimal, Decimal] | None, cells: tuple[CellRef, ...], why: str
) -> Verdict:
    number = claim.number
    assert number is not None
    if interval is None:
        return Verdict(claim, Outcome.UNBOUND, reason=why, cells=cells)
    low, high = interval
    with localcontext() as ctx:
        ctx.prec = 34
        middle = (low + high) / 2
    computed = middle.quantize(Decimal(1).scaleb(-number.places))
    if number.value - number.radius <= high and low <= number.value + number.radius:
        return Verdict(claim, Outcome.CONSISTENT, computed, low, high, cells=cells)
    digits = number.text.split(".")[1] if "." in number.text else ""
    for places in range(len(digits) - 1, -1, -1):
        if digits[places:].strip("0"):
            break
        radius = Decimal(5).scaleb(-places - 1)
        if number.value - radius <= high and low <= number.value + radius:
            return Verdict(claim, Outcome.COARSE, computed, low, high, places, cells)
    return Verdict(claim, Outcome.INCONSISTENT, computed, low, high, cells=cells)


_FUNCTIONAL: Final = re.compile(r"[(（](?:类|款|项)[)）]")


def _amount(claim: Claim, disclosure: Disclosure) -> Verdict:
    number = claim.number
    assert number is not None
    binding: Binding | None = None
    if claim.subject:
        # In a paragraph about one 类/款/项, an economic item (会议费) is that item's own.
        functional = _FUNCTIONAL.search(claim.topic) is not None
        binding = bind(disclosure, claim.subject, budget=claim.budget, economic=not functional)
    if binding is None and "三公" in claim.topic and not claim.subject:
        binding = bind(disclosure, claim.topic, budget=claim.budget)
    if binding is None and claim.topic and not claim.budget and not claim.subject:
        # Only a figure that names nothing of its own is the paragraph's topic's.
        binding = bind_path(disclosure, claim.topic)
    if binding is None:
        return Verdict(claim, Outcome.UNBOUND, reason="no table figure is named")
    return _unsure(_against(claim, binding))


def _unsure(verdict: Verdict) -> Verdict:
    """A figure bound by a name that is not the row's, and disagreeing with it, is unbound.

    The closest name is a guess: a guess that the figure does not confirm is no ground
    for an error (the claim is listed as not checked, with the row it was closest to).
    """
    renamed = verdict.renamed
    if renamed is None or verdict.outcome is not Outcome.INCONSISTENT:
        return verdict
    return Verdict(
        verdict.claim,
        Outcome.UNBOUND,
        reason=f"{renamed.printed} names no row exactly; the closest, {renamed.row}, "
        f"holds {verdict.computed}",
    )


def _against(claim: Claim, binding: Binding) -> Verdict:
    """An amount judged against the table figure it is bound to."""
    number = claim.number
    assert number is not None
    stated = _interval(number)
    table = binding.interval
    found = binding.printed
    if stated.to(table.unit).overlaps(table):
        outcome = Outcome.CONSISTENT
    elif number.unit is not found.unit and number.value == found.value:
        outcome = Outcome.UNIT_SLIP
    else:
        outcome = Outcome.INCONSISTENT
    return Verdict(
        claim,
        outcome,
        computed=found.value,
        low=table.low,
        high=table.high,
        cells=binding.cells,
        renamed=binding.renamed,
        unit=found.unit,
    )


def _share(
    claim: Claim,
    disclosure: Disclosure,
    *,
    budget: bool = False,
    said: dict[str, Number] | None = None,
) -> Verdict:
    """A share of the whole it names (bound to a table) or of the whole stated before it.

    In a budget the whole is bound to the budget tables, and no unit slip is looked for
    (its tables print 元 beside a narrative in 万元).

    A named whole no table holds is the figure the narrative stated for it earlier
    (*said*, by :func:`_said_key`); the verdict's ``whole`` says so.
    """
    return _share_in(claim, disclosure, disclosure.unit, budget=budget, said=said)


def _own_share(claim: Claim, unit: Unit, *, budget: bool) -> Verdict | None:
    """The verdict of a share its own words settle, or ``None`` when a table is read.

    A share that names no whole, in a sentence that does not open on the 三公 total, is
    of the whole stated before it: :func:`_share` reads no table for it.
    """
    if claim.subject or (
        not budget and _THREE_PUBLIC_OPENING.match(claim.quote.strip()) is not None
    ):
        return None
    return _share_in(claim, None, unit, budget=budget)


def _share_in(
    claim: Claim,
    disclosure: Disclosure | None,
    unit: Unit,
    *,
    budget: bool,
    said: dict[str, Number] | None = None,
) -> Verdict:
    """:func:`_share` in a disclosure printed in *unit* (``None``: no table is read)."""
    part = claim.other
    if part is None:
        return Verdict(claim, Outcome.UNBOUND, reason="no figure before the share")
    cells: tuple[CellRef, ...] = ()
    own: Number | None = None
    if claim.subject:
        assert disclosure is not None
        binding = (
            bind_budget(disclosure, claim.subject) if budget else bind(disclosure, claim.subject)
        )
        own = (said or {}).get(_said_key(claim.subject)) if binding is None else None
        if binding is not None:
            whole = _yuan(binding.interval)
            cells = binding.cells
        elif own is not None:
            whole = _yuan(_interval(own))
        else:
            return Verdict(claim, Outcome.UNBOUND, reason=f"the whole ({claim.subject}) is unknown")
    elif (
        not budget
        and disclosure is not None
        and (total := _opening_whole(claim, disclosure)) is not None
    ):
        whole = _yuan(total.interval)
        cells = total.cells
    elif claim.base is not None:
        whole = _yuan(_interval(claim.base))
    else:
        return Verdict(claim, Outcome.UNBOUND, reason="no whole to divide by")
    verdict = _judge_percent(claim, _ratio(_yuan(_interval(part)), whole), cells, "the whole is 0")
    if own is not None:
        verdict = attrs.evolve(verdict, whole=own)
    if not budget and verdict.outcome is Outcome.INCONSISTENT and _slipped(part, unit):
        # The part's unit slipped (876.17元 for 万元): that is its own finding; the share
        # is judged on the figure meant.
        meant = attrs.evolve(part, unit=unit)
        retry = _judge_percent(claim, _ratio(_yuan(_interval(meant)), whole), cells, "")
        if retry.outcome is not Outcome.INCONSISTENT:
            return attrs.evolve(retry, whole=own)
    return verdict


#: A sentence that opens by naming the 三公 total with no figure: “三公”经费…决算中，
_THREE_PUBLIC_OPENING: Final = re.compile(
    r"^(?:\d{4}\s*年度?)?[^\d，,。；;]*三公[^\d，,。；;]*?(?:决算|预算)?中[，,:：]"
)


def _opening_whole(claim: Claim, disclosure: Disclosure) -> Binding | None:
    """The 三公 total a sentence opens with (…“三公”经费财政拨款支出决算中，A…，占X%).

    Each item's share in such a sentence is of that total, from the 三公 table.
    """
    opening = _THREE_PUBLIC_OPENING.match(claim.quote.strip())
    if opening is None:
        return None
    return bind(disclosure, "三公经费", budget="预算中" in opening.group(0))


#: Words that do not tell one stated figure from another: 预算, 决算, 数, 为 …
_SAID_NOISE: Final = re.compile(
    r"预算|决算|年初|本年|年度|数|为|是|的|支出|总额|金额|共计|合计为|其中"
)


def _said_key(subject: str) -> str:
    """A subject as compared with the narrative's stated figures (基本支出预算数为 → 基本).

    >>> _said_key("基本支出预算"), _said_key("其中：基本支出预算数为")
    ('基本', '基本')
    """
    words = re.sub(r"^.*?\d{4}年度?", "", compact(subject))
    words = re.sub(r"^[^\u4e00-\u9fff]+", "", words)
    return _SAID_NOISE.sub("", words).strip("：:，,")


def _said(claim: Claim, said: dict[str, Number]) -> None:
    """Remember an amount the narrative states, by its subject, for a later share's whole."""
    if claim.kind is ClaimKind.AMOUNT and claim.number is not None and claim.subject:
        key = _said_key(claim.subject)
        if key:
            said[key] = claim.number


def _slipped(number: Number, unit: Unit) -> bool:
    """Whether *number* is in 元 where the disclosure prints *unit* 万元 (or the reverse)."""
    return number.unit in _SLIPS and _SLIPS[number.unit] is unit


def _change(claim: Claim, unit: Unit) -> Verdict:
    if claim.number is None:
        if claim.base is not None and claim.previous is not None:
            return _stated_change(claim)
        what = f"与上年{claim.word or '持平'}" if claim.other is None else "a change amount"
        return Verdict(claim, Outcome.UNBOUND, reason=f"{what} needs last year's figure")
    if claim.other is None or claim.base is None:
        return Verdict(claim, Outcome.UNBOUND, reason="a change rate needs the change amount")
    change = _yuan(_interval(claim.other))
    verdict = _judge_percent(
        claim, _ratio(change, _previous(claim.base, change, claim.direction)), (), ""
    )
    slipped = _slipped(claim.base, unit)
    if verdict.outcome in (Outcome.UNBOUND, Outcome.INCONSISTENT) and slipped:
        # A current figure whose unit slipped is judged as meant (the slip is reported).
        meant = attrs.evolve(claim.base, unit=unit)
        retry = _judge_percent(
            claim, _ratio(change, _previous(meant, change, claim.direction)), (), ""
        )
        if retry.outcome in (Outcome.CONSISTENT, Outcome.COARSE):
            return retry
    if verdict.outcome is Outcome.UNBOUND:
        return attrs.evolve(verdict, reason="last year's figure is 0 or less")
    return verdict


def _gap(first: Number, second: Number) -> tuple[Decimal, Decimal]:
    """The interval of *first* less *second*, in 元."""
    one, two = _yuan(_interval(first)), _yuan(_interval(second))
    return one[0] - two[1], one[1] - two[0]


def _wrong_word(claim: Claim, first: Number, second: Number, *, change: bool) -> Verdict:
    """A direction word the figures contradict: the word they give and their difference."""
    gap = _gap(first, second)
    unit = first.unit or Unit.WAN
    difference = (first.value - _interval(second).to(unit).midpoint).quantize(
        Decimal(1).scaleb(-first.places)
    )
    return Verdict(
        claim,
        Outcome.INCONSISTENT,
        computed=difference,
        unit=unit,
        word=right_word(change, gap),
    )


def _word_holds(first: Number, second: Number, sign: int) -> bool:
    return holds(sign, _gap(first, second))


def _stated_change(claim: Claim) -> Verdict:
    """A change (or 持平) whose both figures are stated: the word, then the amount.

    This year's figure is ``base``, last year's ``previous``; a stated change amount
    (``other``) is judged against their difference.
    """
    now, before = claim.base, claim.previous
    assert now is not None
    assert before is not None
    sign = 0 if claim.flat else claim.direction
    if (claim.flat or claim.word) and not _word_holds(now, before, sign):
        judged = claim if claim.flat else attrs.evolve(claim, number=claim.other)
        return _wrong_word(judged, now, before, change=True)
    amount = claim.other
    if amount is None:
        return Verdict(claim, Outcome.CONSISTENT, computed=Decimal(0), unit=now.unit)
    gap = _gap(now, before)
    gap = _abs(gap) if sign == 0 else _times(gap, sign)
    assert amount.unit is not None
    stated = _yuan(_interval(amount))
    outcome = Outcome.CONSISTENT
    if not (stated[0] <= gap[1] and gap[0] <= stated[1]):
        outcome = Outcome.INCONSISTENT
    low, high = _in_unit(gap[0], amount.unit), _in_unit(gap[1], amount.unit)
    with localcontext() as ctx:
        ctx.prec = 34
        middle = ((low + high) / 2).quantize(Decimal(1).scaleb(-amount.places))
    return Verdict(attrs.evolve(claim, number=amount), outcome, middle, low, high, unit=amount.unit)


def _previous(
    current: Number, change: tuple[Decimal, Decimal], direction: int
) -> tuple[Decimal, Decimal]:
    """Last year's figure: this year's less an increase, or plus a decrease."""
    now = _yuan(_interval(current))
    if direction > 0:
        return now[0] - change[1], now[1] - change[0]
    return now[0] + change[0], now[1] + change[1]


def _parts(claim: Claim) -> Verdict:
    """Parts whose least possible sum is above their whole's greatest value: inconsistent.

    ``computed`` is the parts' sum (in the whole's unit), ``low``…``high`` its interval.
    """
    whole = claim.number
    assert whole is not None
    assert whole.unit is not None
    low = sum((_yuan(_interval(p))[0] for p in claim.parts), Decimal(0))
    high = sum((_yuan(_interval(p))[1] for p in claim.parts), Decimal(0))
    outcome = Outcome.INCONSISTENT if low > _yuan(_interval(whole))[1] else Outcome.CONSISTENT
    unit = whole.unit
    middle = ((_in_unit(low, unit) + _in_unit(high, unit)) / 2).quantize(
        Decimal(1).scaleb(-whole.places)
    )
    return Verdict(claim, outcome, middle, _in_unit(low, unit), _in_unit(high, unit), unit=unit)


def _from_table(claim: Claim, disclosure: Disclosure) -> Claim:
    """A completion or comparison of a 三公 item with no figures stated: the table's two.

    The 三公 table prints each item's 预算数 and 决算数; a sentence that names the item and
    only compares (公务接待费决算数小于预算数, 完成预算的98.51%) is judged on them.
    """
    if not _reads_table(claim):
        return claim
    budget = bind(disclosure, claim.subject, budget=True)
    final = bind(disclosure, claim.subject)
    if budget is None or final is None or budget.cells[0].table is not final.cells[0].table:
        return claim
    figures = [_figure(binding, claim.start) for binding in (final, budget)]
    if claim.kind is ClaimKind.COMPLETION:
        return attrs.evolve(claim, other=figures[0], base=figures[1], alternatives=())
    return attrs.evolve(claim, number=figures[0], base=figures[1])


def _reads_table(claim: Claim) -> bool:
    """Whether :func:`_from_table` reads the tables for *claim* (a figure is not stated)."""
    return not (claim.base is not None and _final(claim) is not None) and bool(claim.subject)


def _final(claim: Claim) -> Number | None:
    return claim.other if claim.kind is ClaimKind.COMPLETION else claim.number


def _figure(binding: Binding, at: int) -> Number:
    """A table figure as if stated (its printed digits, at the table's precision)."""
    printed = binding.printed
    return Number(str(printed.value), printed.value, printed.places, printed.unit, at, at, "")


def _completion(claim: Claim) -> Verdict:
    """A completion rate against the base it names (年初预算, 调整预算, 全年预算).

    A rate that does not fit its named base but fits another base the paragraph stated
    is an error of label (``word`` is the base it fits); a rate of a base stated as 0 is
    impossible, and an error too.
    """
    if claim.base is None or claim.other is None:
        return Verdict(claim, Outcome.UNBOUND, reason="budget or final figure not stated")
    final = _yuan(_interval(claim.other))
    ratio = _ratio(final, _yuan(_interval(claim.base)))
    verdict = _judge_percent(claim, ratio, (), "the budget is 0")
    if verdict.outcome in (Outcome.CONSISTENT, Outcome.COARSE):
        return verdict
    for label, base in claim.alternatives:
        if label == claim.word or base.start == claim.base.start:
            continue
        other = _judge_percent(claim, _ratio(final, _yuan(_interval(base))), (), "")
        if other.outcome is Outcome.CONSISTENT:
            return attrs.evolve(other, outcome=Outcome.INCONSISTENT, word=label)
    if claim.base.value == 0:
        return Verdict(
            claim,
            Outcome.INCONSISTENT,
            reason=f"{claim.word or '预算'}为0，不能计算完成率",
        )
    return verdict


def _comparison(claim: Claim) -> Verdict:
    """决算数大于/小于/等于预算数 (or 与预算一致): the word against the two figures."""
    if claim.base is None or claim.number is None:
        return Verdict(claim, Outcome.UNBOUND, reason="budget or final figure not stated")
    found = sign_of(claim.word) if claim.word else None
    sign = claim.direction if found is None else found
    if not _word_holds(claim.number, claim.base, sign):
        return _wrong_word(claim, claim.number, claim.base, change=False)
    return Verdict(claim, Outcome.CONSISTENT, computed=claim.number.value - claim.base.value)


def _read(disclosure: Disclosure, *, budget: bool) -> list[Claim]:
    """The narrative's claims, every amount read at the document's printed precision."""
    return [step[0] for step in _steps(disclosure, budget=budget)]


#: One claim of the narrative read at the document's precision, the verdict its words
#: alone give (``None`` when it needs the tables), and what the narrative had stated
#: up to it (the wholes a share may name).
_Step = tuple[Claim, "Verdict | None", dict[str, Number]]
_UNSAID: Final[dict[str, Number]] = {}  # what a claim other than a share is given: never read


def _steps(disclosure: Disclosure, *, budget: bool) -> tuple[_Step, ...]:
    if not disclosure.narrative:
        return ()  # no text, no claim: the tables' precision is not read
    places = _narrative_places(disclosure)
    return _planned(disclosure.narrative, budget, tuple(places.items()), disclosure.unit)


@functools.lru_cache(maxsize=16)  # whole texts: enough to check one again
def _planned(
    narrative: str, budget: bool, places: tuple[tuple[Unit, int], ...], unit: Unit
) -> tuple[_Step, ...]:
    """The claims of *narrative* and the verdicts that need no table, once per process.

    Everything here is a function of the text, the precision of each unit (*places*)
    and the disclosure's unit (a change's unit slip): a table's figures are read only
    by the verdicts left ``None``, judged afresh on every check.
    """
    found = sorted(
        [*claims(narrative, budget=budget), *parts_claims(narrative)],
        key=lambda claim: claim.start,
    )
    wanted = dict(places)
    steps: list[_Step] = []
    said: dict[str, Number] = {}
    for claim in (at_precision(claim, wanted) for claim in found):
        _said(claim, said)
        before = dict(said) if claim.kind is ClaimKind.SHARE else _UNSAID
        steps.append((claim, _textual(claim, unit, budget=budget), before))
    return tuple(steps)


def _textual(claim: Claim, unit: Unit, *, budget: bool) -> Verdict | None:
    """The verdict of a claim its own figures settle, or ``None`` when a table is read."""
    kind = claim.kind
    if kind is ClaimKind.PARTS:
        return _parts(claim)
    if kind is ClaimKind.SHARE:
        return _own_share(claim, unit, budget=budget)  # in a budget, _unread keeps it as is
    if budget:
        if kind is ClaimKind.AMOUNT:
            return None
        return _wrong_way(claim) or _budget_change(claim)
    if kind is ClaimKind.CHANGE:
        return _change(claim, unit)
    if kind in (ClaimKind.COMPLETION, ClaimKind.COMPARISON) and not _reads_table(claim):
        return _completion(claim) if kind is ClaimKind.COMPLETION else _comparison(claim)
    return None


def _verdicts(disclosure: Disclosure) -> Iterator[Verdict]:
    budget = is_budget(disclosure)
    for claim, verdict, said in _steps(disclosure, budget=budget):
        if verdict is not None:
            yield verdict
        elif budget:
            yield _budget_verdict(claim, disclosure, said)
        elif claim.kind is ClaimKind.AMOUNT:
            yield _amount(claim, disclosure)
        elif claim.kind is ClaimKind.SHARE:
            yield _share(claim, disclosure, said=said)
        elif claim.kind is ClaimKind.COMPLETION:
            yield _completion(_from_table(claim, disclosure))
        else:
            yield _comparison(_from_table(claim, disclosure))


def analyse(disclosure: Disclosure) -> tuple[Verdict, ...]:
    """Judge every claim of the disclosure's narrative, in reading order.

    A budget figure stated only to compute a completion rate is not a claim of its own:
    it is judged through that rate. A budget's narrative (:func:`is_budget`) is read and
    judged as one: its figures against the budget tables, its changes from the figures
    each sentence states.

    .. versionadded:: 0.1
    """
    verdicts = list(_verdicts(disclosure))
    bases = {
        v.claim.base.start
        for v in verdicts
        if v.claim.kind in (ClaimKind.COMPLETION, ClaimKind.COMPARISON) and v.claim.base
    }
    return tuple(
        v
        for v in verdicts
        if not (
            v.outcome is Outcome.UNBOUND
            and v.claim.kind is ClaimKind.AMOUNT
            and v.claim.budget
            and v.claim.number is not None
            and v.claim.number.start in bases
        )
    )


# -- budget narratives -------------------------------------------------------------------

#: Words by which a narrative calls itself a budget's.
_BUDGET_TITLE: Final = re.compile(r"(?:部门|单位)预算|预算(?:公开|情况说明|编制说明)")


def is_budget(disclosure: Disclosure) -> bool:
    """Whether the disclosure's narrative is read as a budget's (部门预算/单位预算).

    A budget family says so; a narrative published without tables (whose family the
    reader cannot tell) is a budget's when it calls itself one (部门预算, 预算情况说明 …) and
    never speaks of 决算.

    .. versionadded:: 0.2
    """
    if disclosure.family is Family.BUDGET:
        return True
    text = disclosure.narrative
    return "决算" not in text and _BUDGET_TITLE.search(text) is not None


def _budget_verdict(claim: Claim, disclosure: Disclosure, said: dict[str, Number]) -> Verdict:
    if claim.kind is ClaimKind.AMOUNT:
        binding = bind_budget(disclosure, claim.subject, topic=claim.topic)
        if binding is None:
            return Verdict(claim, Outcome.UNBOUND, reason="no budget table figure is named")
        verdict = _unsure(_against(claim, binding))
        if verdict.outcome is Outcome.INCONSISTENT and _truncated(claim, binding):
            verdict = attrs.evolve(verdict, outcome=Outcome.TRUNCATED)
        return _unread(_as_stated(verdict), disclosure)
    if claim.kind is ClaimKind.SHARE:
        return _unread(_share(claim, disclosure, budget=True, said=said), disclosure)
    return _wrong_way(claim) or _budget_change(claim)


def _unread(verdict: Verdict, disclosure: Disclosure) -> Verdict:
    """A disagreement with a table the reader could not read cleanly is not judged.

    The reader's problem on that table is a finding of its own (``read.problem``); a
    figure that agrees with the table still counts as consistent.
    """
    if verdict.outcome is not Outcome.INCONSISTENT or not verdict.cells:
        return verdict
    title = verdict.cells[0].table.value
    if not any(p.location.table == title and not p.repaired for p in disclosure.problems):
        return verdict
    return attrs.evolve(
        verdict,
        outcome=Outcome.UNBOUND,
        reason=f"{title} was not read cleanly; its figure {verdict.computed} is not trusted",
    )


def _as_stated(verdict: Verdict) -> Verdict:
    """The table's figure in the stated unit (a table in 元 against 万元 in the narrative)."""
    number = verdict.claim.number
    unit = verdict.unit
    if (
        number is None
        or number.unit is None
        or unit is None
        or unit is number.unit
        or verdict.outcome is Outcome.UNIT_SLIP
        or verdict.computed is None
        or verdict.low is None
        or verdict.high is None
    ):
        return verdict
    shift = unit.exponent - number.unit.exponent
    return attrs.evolve(
        verdict,
        computed=tidy(verdict.computed.scaleb(shift)),
        low=verdict.low.scaleb(shift),
        high=verdict.high.scaleb(shift),
        unit=number.unit,
    )


def _truncated(claim: Claim, binding: Binding) -> bool:
    """Whether the stated amount is the table's figure cut (not rounded) to its decimals."""
    number = claim.number
    if number is None or number.unit is None:
        return False
    table = binding.interval.to(number.unit)
    step = Decimal(1).scaleb(-number.places)
    return number.value >= 0 and table.high >= number.value and table.low < number.value + step


def _signed_ratio(
    part: tuple[Decimal, Decimal], whole: tuple[Decimal, Decimal]
) -> tuple[Decimal, Decimal] | None:
    """The percentage interval of part / whole for a part of either sign (whole > 0)."""
    if whole[0] <= 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 34
        ends = [p / w * _HUNDRED for p in part for w in whole]
    return min(ends), max(ends)


def _times(interval: tuple[Decimal, Decimal], sign: int) -> tuple[Decimal, Decimal]:
    return (interval[0], interval[1]) if sign >= 0 else (-interval[1], -interval[0])


def _abs(interval: tuple[Decimal, Decimal]) -> tuple[Decimal, Decimal]:
    low, high = interval
    if low >= 0:
        return low, high
    if high <= 0:
        return -high, -low
    return Decimal(0), max(-low, high)


def _in_unit(value: Decimal, unit: Unit) -> Decimal:
    return value.scaleb(-unit.exponent)


def _budget_change(claim: Claim) -> Verdict:
    """A change on last year, from the figures its sentence states (see :func:`analyse`).

    Last year's figure is stated (执行数A) or is this year's less the increase (plus the
    decrease). A change amount is judged against this year's less last year's; a rate
    against the change over last year's figure; the words of no change against both
    figures when stated, and against any change stated beside them.
    """
    if claim.flat:
        return _flat(claim)
    number = claim.number
    assert number is not None
    now = _yuan(_interval(claim.base)) if claim.base is not None else None
    before = _yuan(_interval(claim.previous)) if claim.previous is not None else None
    if not number.percent:
        if now is None or before is None:
            if number.value == 0:
                return Verdict(claim, Outcome.CONSISTENT, computed=Decimal(0), unit=number.unit)
            return Verdict(
                claim, Outcome.UNBOUND, reason="a change amount needs last year's figure"
            )
        gap = (now[0] - before[1], now[1] - before[0])
        gap = _abs(gap) if claim.direction == 0 else _times(gap, claim.direction)
        stated = _yuan(_interval(number))
        outcome = Outcome.CONSISTENT
        if not (stated[0] <= gap[1] and gap[0] <= stated[1]):
            outcome = Outcome.INCONSISTENT
        assert number.unit is not None
        low, high = _in_unit(gap[0], number.unit), _in_unit(gap[1], number.unit)
        with localcontext() as ctx:
            ctx.prec = 34
            middle = ((low + high) / 2).quantize(Decimal(1).scaleb(-number.places))
        return Verdict(claim, outcome, middle, low, high, unit=number.unit)
    amount = claim.other
    moved: tuple[Decimal, Decimal] | None = None
    if amount is not None:
        sign = claim.other_direction or claim.direction or 1
        moved = _times(_yuan(_interval(amount)), sign)
    elif now is not None and before is not None:
        moved = (now[0] - before[1], now[1] - before[0])
    if moved is None:
        return Verdict(claim, Outcome.UNBOUND, reason="a change rate needs the change amount")
    if before is None:
        if now is None:
            return Verdict(claim, Outcome.UNBOUND, reason="a change rate needs this year's figure")
        before = (now[0] - moved[1], now[1] - moved[0])
    if number.value == 0 and moved[0] <= 0 <= moved[1]:
        # No change is no change in per cent, whatever last year's figure.
        return Verdict(claim, Outcome.CONSISTENT, Decimal(0), Decimal(0), Decimal(0))
    rate = _signed_ratio(moved, before)
    if rate is None:
        return Verdict(claim, Outcome.UNBOUND, reason="last year's figure is 0 or less")
    rate = _abs(rate) if claim.direction == 0 else _times(rate, claim.direction)
    return _judge_percent(claim, rate, (), "")


def _wrong_way(claim: Claim) -> Verdict | None:
    """A change word (增加, 下降 …) that both stated years contradict, else ``None``."""
    if (
        claim.direction != 0
        and claim.word
        and claim.base is not None
        and claim.previous is not None
        and not _word_holds(claim.base, claim.previous, claim.direction)
    ):
        return _wrong_word(claim, claim.base, claim.previous, change=True)
    return None


def _flat(claim: Claim) -> Verdict:
    """与上年持平: holds unless a change is stated beside it or the two figures differ."""
    stated = claim.other if claim.other is not None else claim.number
    if stated is not None and stated.value != 0:
        return Verdict(claim, Outcome.INCONSISTENT, computed=Decimal(0), unit=stated.unit)
    if (
        claim.base is not None
        and claim.previous is not None
        and not _word_holds(claim.base, claim.previous, 0)
    ):
        return _wrong_word(claim, claim.base, claim.previous, change=True)
    return Verdict(claim, Outcome.CONSISTENT, computed=Decimal(0))
