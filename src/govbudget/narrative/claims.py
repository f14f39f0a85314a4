"""Numeric claims in a disclosure's narrative (情况说明), found sentence by sentence.

A *number* is a figure as stated: an amount with its unit (``2995.39万元``) or a percentage
(``99.79%``), with its position in the text and the words before it in its clause. A
*claim* is what a number asserts:

- ``AMOUNT``: a figure restated from a table (本年收入合计2946.25万元);
- ``SHARE``: a part of a whole (财政拨款收入2940.05万元，占99.79%);
- ``CHANGE``: a change on last year (减少56.95万元，下降1.87%);
- ``COMPLETION``: a final figure against its budget (完成年初预算的98.20%);
- ``COMPARISON``: 决算数大于/小于/等于年初预算数.

:func:`claims` reads them with the words that give them their meaning: the subject named
before a figure (本年收入合计, 基本支出, 一般公共服务支出（类）…), the topic a paragraph
sets (``1、一般公共服务支出（类）财政事务（款）行政运行（项）``), the budget and final
figures a completion sentence states, the current figure a change applies to.

A budget narrative (``claims(text, budget=True)``) reads otherwise: every figure it states
is this year's budget figure unless its words say it is last year's
(``2025年当年预算执行数为``); a change on last year applies to this year's figure stated
last before it in its paragraph (in its clause, its sentence or the sentence before);
与上年持平 / 与上年数一致 / 与2024年预算持平 state a change of nothing; and a share (占X%)
with no whole named is of the whole stated before a list (``合计10,150.48万元，其中：``).
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Final

import attrs

from govbudget.amount import Unit

__all__ = ["Claim", "ClaimKind", "Number", "claims", "numbers"]


class ClaimKind(enum.Enum):
    """What a claim asserts.

    ``PARTS``: parts stated in one passage that cannot exceed their whole
    (:mod:`govbudget.narrative.parts`).

    .. versionadded:: 0.1
    .. versionchanged:: 0.3
       ``PARTS``.
    """

    AMOUNT = "amount"
    SHARE = "share"
    CHANGE = "change"
    COMPLETION = "completion"
    COMPARISON = "comparison"
    PARTS = "parts"


@attrs.frozen(cache_hash=True)
class Number:
    """A figure as the narrative states it.

    Attributes:
        text: The digits as printed (``"2,995.39"``).
        value: The exact value.
        places: The decimals printed.
        unit: The unit of an amount; ``None`` for a percentage.
        start: Where the figure starts in the narrative.
        end: Where it ends (the unit or ``%`` included).
        lead: The words before it in its clause (where its meaning is).

    .. versionadded:: 0.1
    """

    text: str
    value: Decimal
    places: int
    unit: Unit | None
    start: int
    end: int
    lead: str

    @property
    def percent(self) -> bool:
        """Whether the figure is a percentage."""
        return self.unit is None

    @property
    def radius(self) -> Decimal:
        """Half a unit in the last printed place."""
        return Decimal(5).scaleb(-self.places - 1)

    @property
    def stated(self) -> str:
        """The number as stated, without unit or ``%`` (``"99.79"``)."""
        return self.text


@attrs.frozen(cache_hash=True)
class Claim:
    """One checkable statement of the narrative.

    Attributes:
        kind: What it asserts.
        quote: The sentence it is made in.
        start: Where the sentence starts in the narrative.
        number: The figure it states (for a comparison: the final figure; for a change
            amount a budget narrative states without a rate: that amount).
        subject: What the figure is of, in the document's words (``"本年收入合计"``).
        topic: The functional path or item the paragraph is about, if any.
        base: For a share, the whole; for a change, the current figure; for a completion
            or comparison, the budget figure.
        other: For a change, the change amount beside a percentage; for a completion,
            the final figure.
        direction: +1 for 增加/增长/大于, -1 for 减少/下降/小于, 0 otherwise.
        budget: Whether the figure is a budget (预算) figure rather than a final one.
        previous: For a change in a budget narrative, last year's figure when the sentence
            states it (``2025年当年预算执行数为A万元``).
        flat: For a change in a budget narrative, whether the words say there was none
            (与上年持平, 与上年数一致).
        other_direction: For a change rate in a budget narrative, the direction the
            change amount's own word gives (+1 增加, -1 减少, 0 none or both).
        word: The direction word as printed (大于, 减少, 持平 …), for a comparison or a
            change: a claim of its own when both figures are known. For a completion
            rate: the base it names (年初预算, 调整预算, 全年预算 or 预算).
        alternatives: For a completion rate, every budget figure its paragraph stated,
            by the base each is (``(("年初预算", …), ("调整预算", …))``).
        parts: For a ``PARTS`` claim, the disjoint parts of the whole (``number``).

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       ``previous``, ``flat`` and ``other_direction``, for budget narratives.
    .. versionchanged:: 0.3
       ``word``; a final account's change or 持平 carries last year's figure when stated.
    """

    kind: ClaimKind
    quote: str
    start: int
    number: Number | None
    subject: str = ""
    topic: str = ""
    base: Number | None = None
    other: Number | None = None
    direction: int = 0
    budget: bool = False
    previous: Number | None = None
    flat: bool = False
    other_direction: int = 0
    word: str = ""
    alternatives: tuple[tuple[str, Number], ...] = ()
    parts: tuple[Number, ...] = ()


_NUMBER: Final = re.compile(
    r"(?<![\d.])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?P<unit>亿元|万元|千元|元|%|％)"
)
_SENTENCE_END: Final = re.compile(r"[。！!？?]")
#: A budget narrative's changes are read clause by clause between semicolons too.
_CLAUSE_END: Final = re.compile(r"[。！!？?；;]")
_CLAUSE: Final = re.compile(r"[，,：:；;]|其中")
_JOINS: Final = re.compile(r"[。；;：:！!？?]\s*$")
_HEADING: Final = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")
_FLAT: Final = re.compile(
    r"(?:与|较|比|同)上年(?:度|同期)?(?:相比)?(?:基本)?(?P<word>持平|一致|无变化|不变|相同)"
    r"|同比(?P<same>持平|无变化)"
)
_ENTIRE: Final = re.compile(r"(?:全部|均)(?:为|是|来自|用于)(?P<part>[^，,。；;：:]+)")
_TITLE: Final = re.compile(r"(?P<title>[^，,。：:；;\d]+)[：:]")
_PATH: Final = re.compile(
    r"[^，,。：:；;、\d]*?[(（]类[)）][^，,。：:；;]*?[(（](?:款|项)[)）](?:[^，,。：:；;]*?[(（]项[)）])?"
)
_CHANGE_UP: Final = re.compile(r"(增加|增长|上升|提高|增幅)了?为?$")
_CHANGE_DOWN: Final = re.compile(r"(减少|下降|降低|减幅|节约)了?为?$")
#: A final account's figure for last year: 上年决算数为, 2019年度支出决算为 (an earlier year).
_LAST_YEAR: Final = re.compile(
    r"(?:上年|上一年|去年)度?(?:同期)?(?:决算|实际)?(?:支出|收入)?(?:合计|总计)?(?:决算)?数?(?:为|是)?$"
)
_SHARE: Final = re.compile(r"占(?P<whole>[^，,。；;%]*?)(?:的)?(?:比例|比重)?(?:为|是)?$|占比为?$")
_COMPLETION: Final = re.compile(r"(完成|为|占)(?P<label>(?:年初|调整后?的?|全年)?预算)(数)?的?$")
#: The base a budget figure is (年初预算, 调整预算, 全年预算 or plain 预算), by its words.
_BASE_LABEL: Final = re.compile(r"(年初|调整后?的?|全年)预算")
_BUDGET: Final = re.compile(r"年初预算|调整预算|全年预算|预算数|预算(?:金额)?(?:为|是)|预算$")
_FINAL: Final = re.compile(r"决算数|决算(?:为|是)|支出决算|决算$")
_COMPARE: Final = re.compile(
    r"决算数?(?:与|比)?(?P<word>大于|小于|等于|高于|低于|超过|少于|与)[^，。；]*?预算数?(?P<tail>一致|相等|持平)?"
)
#: 与年初预算一致 / 与预算数持平 without 决算 before it: the figures just stated compare.
_SAME_AS_BUDGET: Final = re.compile(
    r"(?:与|和|同)(?:年初|调整后?的?|全年)?预算数?(?:基本)?(?P<tail>一致|相等|持平|相同)"
)


def numbers(text: str) -> Iterator[Number]:
    """Every amount and percentage stated in *text*, with the words before each.

    >>> [n.text for n in numbers("收入2,940.05万元，占99.79%；2024年度")]
    ['2,940.05', '99.79']
    """
    return iter(_numbers(text))


@functools.lru_cache(maxsize=1024)
def _numbers(text: str) -> tuple[Number, ...]:
    """:func:`numbers`, read once per text (numbers are immutable; sentences are reread)."""
    return tuple(_read_numbers(text))


def _read_numbers(text: str) -> Iterator[Number]:
    previous = 0
    for match in _NUMBER.finditer(text):
        digits = match["num"]
        value = Decimal(digits.replace(",", ""))
        places = len(digits.split(".")[1]) if "." in digits else 0
        unit_text = match["unit"]
        unit = None if unit_text in ("%", "％") else Unit.parse(unit_text)
        clause = text[previous : match.start()]
        cut = max((m.end() for m in _CLAUSE.finditer(clause)), default=0)
        lead = clause[cut:] if clause[cut:].strip() else clause
        yield Number(digits, value, places, unit, match.start(), match.end(), lead.strip())
        previous = match.end()


def _sentences(text: str, ends: re.Pattern[str] = _SENTENCE_END) -> Iterator[tuple[int, str]]:
    start = 0
    for match in ends.finditer(text):
        yield start, text[start : match.end()]
        start = match.end()
    if text[start:].strip():
        yield start, text[start:]


@attrs.define
class _Paragraph:
    """What a paragraph has said so far: its topic, current figure, budget and final.

    A budget narrative also keeps the whole a list of parts is of (``合计…，其中：``) and
    the functional class a heading names (``（一）一般公共服务支出（类）``).
    """

    topic: str = ""
    current: Number | None = None
    budget: Number | None = None
    final: Number | None = None
    whole: Number | None = None
    category: str = ""
    bases: dict[str, Number] = attrs.field(factory=dict)


def claims(narrative: str, *, budget: bool = False) -> Iterator[Claim]:
    """Every claim the narrative makes, in reading order.

    A paragraph broken across lines (a page break, a wrapped PDF line) is read whole;
    positions still point into *narrative*.

    Args:
        narrative: The narrative text.
        budget: Whether it is a budget's narrative (部门预算/单位预算): its figures are this
            year's budget unless said to be last year's, and its changes compare with last
            year's budget or execution (see the module's description).

    >>> [c.kind.value for c in claims("本年收入合计100万元，其中：财政拨款收入80万元，占80%。")]
    ['amount', 'amount', 'share']

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       ``budget``.
    """
    return iter(_found(narrative, budget))


@functools.lru_cache(maxsize=16)  # whole texts: enough to check one again
def _found(narrative: str, budget: bool) -> tuple[Claim, ...]:
    """:func:`claims`, found once per text: claims are immutable, a check reads them often."""
    return tuple(_claims(narrative, budget=budget))


def _claims(narrative: str, *, budget: bool) -> Iterator[Claim]:
    state = _Paragraph()
    read = _budget_sentence_claims if budget else _sentence_claims
    for text, positions in _paragraphs(narrative):
        if budget:
            # A change applies to a figure of its own paragraph, never to an earlier one's.
            state.current = None
        if (heading := _HEADING.match(text)) is not None:
            title = _TITLE.match(text, heading.end())
            state = _Paragraph(topic=title["title"] if title else "")
            if budget and (category := _CLASS_HEADING.match(text)) is not None:
                state.category = category["name"].strip()
        path = _PATH.search(text)
        if path is not None:
            state = _Paragraph(topic=_topic(path.group(0)), category=state.category)
        for start, sentence in _sentences(text, _CLAUSE_END if budget else _SENTENCE_END):
            for claim in read(sentence, start, state):
                yield _placed(_quoted(claim, text, start + len(sentence)), positions)


def _paragraphs(narrative: str) -> Iterator[tuple[str, list[int]]]:
    """Paragraphs with each character's position in *narrative*.

    A line that does not end a sentence runs on into the next non-empty line unless
    that one starts a heading.
    """
    text: list[str] = []
    positions: list[int] = []
    offset = 0
    for line in narrative.split("\n"):
        stripped = line.strip()
        if stripped:
            if text and (_JOINS.search("".join(text[-2:])) or _HEADING.match(stripped)):
                yield "".join(text), positions
                text, positions = [], []
            lead = len(line) - len(line.lstrip())
            text.extend(stripped)
            positions.extend(range(offset + lead, offset + lead + len(stripped)))
            if _HEADING.match(stripped) and not _SENTENCE_END.search(stripped):
                yield "".join(text), positions  # a heading stands alone
                text, positions = [], []
        offset += len(line) + 1
    if text:
        yield "".join(text), positions


def _quoted(claim: Claim, text: str, end: int) -> Claim:
    """A budget change whose figure is in an earlier sentence, quoted from that sentence."""
    base = claim.base
    if claim.kind is not ClaimKind.CHANGE or not claim.budget or base is None:
        return claim
    if base.start >= claim.start:
        return claim
    begin = 1 + max(text.rfind(mark, 0, base.start) for mark in "。；;！!？?")
    return attrs.evolve(claim, quote=text[begin:end])


def _placed(claim: Claim, positions: list[int]) -> Claim:
    """A claim with its sentence and numbers placed in the whole narrative."""

    def number(found: Number | None) -> Number | None:
        if found is None or found.start >= len(positions):
            return found
        end = positions[min(found.end, len(positions)) - 1] + 1
        return attrs.evolve(found, start=positions[found.start], end=end)

    figures = (claim.number, claim.base, claim.other, claim.previous)
    placed = {id(n): number(n) for n in figures if n is not None}
    return attrs.evolve(
        claim,
        start=positions[claim.start] if claim.start < len(positions) else claim.start,
        number=placed.get(id(claim.number), claim.number),
        base=placed.get(id(claim.base), claim.base),
        other=placed.get(id(claim.other), claim.other),
        previous=placed.get(id(claim.previous), claim.previous),
    )


def _topic(text: str) -> str:
    return re.sub(r"^\s*\d+[、.．]\s*", "", text).strip()


def _sentence_claims(sentence: str, start: int, state: _Paragraph) -> Iterator[Claim]:
    found = list(numbers(sentence))
    first: Number | None = None
    last: Number | None = None
    change: Number | None = None
    change_direction = 0
    change_word = ""
    previous: Number | None = None
    subject = ""
    years = [_year(n.lead) for n in found]
    latest = max((y for y in years if y is not None), default=None)
    for index, number in enumerate(
        attrs.evolve(n, start=n.start + start, end=n.end + start) for n in found
    ):
        lead = number.lead
        if number.percent:
            if (m := _SHARE.search(lead)) is not None:
                yield from _shares(m, number, sentence, start, state, first, last)
            elif _CHANGE_UP.search(lead) or _CHANGE_DOWN.search(lead):
                direction = 1 if _CHANGE_UP.search(lead) else -1
                yield Claim(
                    ClaimKind.CHANGE,
                    sentence,
                    start,
                    number,
                    subject=subject,
                    topic=state.topic,
                    base=state.current,
                    other=change,
                    direction=direction if change is None else change_direction,
                    word=_direction_word(lead),
                )
                change = None
            elif (done := _COMPLETION.search(lead)) is not None:
                label = _label(done["label"])
                yield Claim(
                    ClaimKind.COMPLETION,
                    sentence,
                    start,
                    number,
                    subject=subject or _subject(lead[: done.start()]),
                    topic=state.topic,
                    base=state.bases.get(label, state.budget),
                    other=state.final,
                    word=label,
                    alternatives=tuple(state.bases.items()),
                )
            else:
                yield Claim(ClaimKind.SHARE, sentence, start, number, topic=state.topic)
            continue
        if _CHANGE_UP.search(lead) or _CHANGE_DOWN.search(lead):
            change = number
            change_direction = 1 if _CHANGE_UP.search(lead) else -1
            change_word = _direction_word(lead)
            continue
        year = years[index]
        if _LAST_YEAR.search(lead) or (year is not None and latest is not None and year < latest):
            previous = number  # last year's figure, stated to compare with
            continue
        budget_at = max((m.end() for m in _BUDGET.finditer(lead)), default=-1)
        final_at = max((m.end() for m in _FINAL.finditer(lead)), default=-1)
        is_budget = budget_at > final_at
        if is_budget:
            state.budget = number
            state.bases[_label(lead)] = number
        elif final_at >= 0:
            state.final = number
        subject = _subject(lead) or subject
        yield Claim(
            ClaimKind.AMOUNT,
            sentence,
            start,
            number,
            subject=subject,
            topic=state.topic,
            budget=is_budget,
        )
        if not is_budget:
            state.current = number
            last = number
            first = first or number
    if change is not None:
        yield Claim(
            ClaimKind.CHANGE,
            sentence,
            start,
            None,
            subject=subject,
            topic=state.topic,
            base=state.current,
            other=change,
            direction=change_direction,
            previous=previous,
            word=change_word,
        )
    yield from _in_words(sentence, start, state, subject, previous)


def _shares(  # noqa: PLR0917 - a sentence's figures so far, spelled out
    match: re.Match[str],
    number: Number,
    sentence: str,
    start: int,
    state: _Paragraph,
    first: Number | None,
    last: Number | None,
    *,
    whole: Number | None = None,
    budget: bool = False,
) -> Iterator[Claim]:
    """A share (占X%): of the whole it names, else of the sentence's first figure.

    A budget narrative passes the *whole* stated before a list, used when the sentence
    states no figure of its own before the part.
    """
    named = (match.groupdict().get("whole") or "").strip()
    base = first if first is not None and first is not last else whole
    entire = None if named or base else _entire(sentence, start, last, number)
    if entire is not None:
        base = last
        yield entire
    yield Claim(
        ClaimKind.SHARE,
        sentence,
        start,
        number,
        subject=named,
        topic=state.topic,
        base=None if named else base,
        other=last,
        budget=budget,
    )


def _entire(sentence: str, start: int, whole: Number | None, share: Number) -> Claim | None:
    """本年收入合计100万元，全部为财政拨款收入，占100%: the part is the whole figure.

    The words restate that figure for the part's subject: a claim of its own.
    """
    if whole is None:
        return None
    entire = _ENTIRE.search(sentence[whole.end - start : share.start - start])
    if entire is None:
        return None
    return Claim(ClaimKind.AMOUNT, sentence, start, whole, subject=entire["part"])


def _in_words(
    sentence: str, start: int, state: _Paragraph, subject: str, previous: Number | None = None
) -> Iterator[Claim]:
    """Claims made in words: 与上年持平, and a final figure above, below or equal to budget."""
    if (flat := _FLAT.search(sentence)) is not None:
        # A change of nothing, checkable only against last year's figure.
        yield Claim(
            ClaimKind.CHANGE,
            sentence,
            start,
            None,
            subject=subject,
            base=state.current,
            previous=previous,
            flat=True,
            word=flat["word"] or flat["same"],
        )
    compare = _COMPARE.search(sentence)
    if compare is None:
        same = _SAME_AS_BUDGET.search(sentence)
        if same is not None and state.final is not None and state.budget is not None:
            yield Claim(
                ClaimKind.COMPARISON,
                sentence,
                start,
                state.final,
                subject=subject,
                topic=state.topic,
                base=state.budget,
                word=same["tail"],
            )
        return
    word = compare["word"]
    if not subject:
        before = sentence[: compare.start()]
        subject = _subject(before[max((m.end() for m in _CLAUSE.finditer(before)), default=0) :])
    direction = (
        1 if word in ("大于", "高于", "超过") else -1 if word in ("小于", "低于", "少于") else 0
    )
    if word != "与" or compare["tail"]:
        yield Claim(
            ClaimKind.COMPARISON,
            sentence,
            start,
            state.final,
            subject=subject,
            topic=state.topic,
            base=state.budget,
            direction=direction,
            word=word if word != "与" else compare["tail"],
        )


def _label(words: str) -> str:
    """The base a budget figure or completion rate names: 年初预算, 调整预算, 全年预算, 预算.

    >>> _label("年初预算为"), _label("调整后预算数为"), _label("预算为")
    ('年初预算', '调整预算', '预算')
    """
    found = list(_BASE_LABEL.finditer(words))
    if not found:
        return "预算"
    kind = found[-1].group(1)
    return "调整预算" if kind.startswith("调整") else kind + "预算"


def _direction_word(lead: str) -> str:
    """The word of change ending *lead* (增加, 下降 …), or ``""``."""
    found = _CHANGE_UP.search(lead) or _CHANGE_DOWN.search(lead)
    return found.group(1) if found is not None else ""


_VERBS: Final = re.compile(r"(?:决算|预算)?(?:数)?(?:为|是|均为|共计|合计为|总计为|达到)$")


_GENERIC: Final = frozenset({"", "支出", "收入", "年初", "决算", "预算", "其中", "合计", "金额"})


def _subject(lead: str) -> str:
    """The subject of a figure from the words before it: verbs and years trimmed.

    Generic words (支出, 年初 …) name nothing: the subject carries over from before.
    """
    text = re.sub(r"^.*?\d{4}\s*年度?", "", lead)
    text = _VERBS.sub("", text.strip()).strip()
    text = re.sub(r"(支出)?(年初)?(预算|决算)$", "", text).strip()
    return "" if text in _GENERIC else text


# -- budget narratives -------------------------------------------------------------------

#: Last year's figure: 2025年当年预算执行数为, 上年预算数为.
_PREVIOUS: Final = re.compile(
    r"(?:上年|上一年|\d{4}\s*年)度?(?:当年)?(?:预算)?执行数?(?:为|是)?$"
    r"|上年度?(?:预算)?数(?:为|是)?$|上年度?(?:预算)?(?:为|是)$"
)
#: Both alternatives of a template left in: 增加（减少）, 增长（降低）.
_CHANGE_EITHER: Final = re.compile(r"(?:增加|增长|上升|提高)[(（](?:减少|下降|降低)[)）]了?为?$")
#: No change on last year, in words.
_BUDGET_FLAT: Final = re.compile(
    r"(?:与|较|比|同)(?:上年|上一年|\d{4}\s*年)度?(?:相比|同期)?的?(?:预算)?(?:执行)?数?"
    r"(?:基本)?(?:持平|一致|相同|相等|不变)"
)
#: The word of no change itself.
_NO_CHANGE: Final = re.compile(r"持平|一致|相同|相等|不变")
#: A figure stated right after the words of no change (与2024年预算一致0万元).
_FLAT_LEAD: Final = re.compile(r"(?:持平|一致|相同|相等|不变)$")
#: A whole before its parts: 合计10,150.48万元，其中： / 包括：
_WHOLE_NEXT: Final = re.compile(r"^\s*[，,]?\s*(?:其中|包括)")
#: A heading naming a functional class alone: （一）一般公共服务支出（类）.
_CLASS_HEADING: Final = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])\s*"
    r"(?P<name>[^，,。：:；;\d(（]+[(（]类[)）][^，,。：:；;\d(（]*)\s*$"
)
_ENUMERATION: Final = re.compile(
    r"^\s*(?:此外|另外|同时)?[，,]?\s*(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．])?\s*"
)


_YEAR: Final = re.compile(r"(\d{4})\s*年")


def _year(lead: str) -> int | None:
    """The year the words before a figure name (``2025年当年预算执行数为`` → 2025)."""
    found = _YEAR.findall(lead)
    return int(found[-1]) if found else None


def _direction(lead: str) -> int | None:
    """+1 or -1 for the words of a change before a figure, 0 for both, ``None`` for none."""
    if _CHANGE_EITHER.search(lead):
        return 0
    if _CHANGE_UP.search(lead):
        return 1
    if _CHANGE_DOWN.search(lead):
        return -1
    return None


#: A change of a named item (增加人员经费…, 减少会议费…): the figure is the change.
_CHANGE_OF: Final = re.compile(
    r"(?:增加|减少|增长|下降|降低|提高)(?!了?为)[^\d，,。；;：:为是]{1,14}$"
)
_CLASS_MARK: Final = re.compile(r"[(（]类[)）]")
_BELOW_CLASS: Final = re.compile(r"[(（](?:款|项)[)）]")


def _budget_subject(lead: str, category: str) -> str:
    """The words naming a budget figure: enumeration dropped, a heading's class prefixed.

    ``1.政协事务（款）行政运行（项）`` under ``（一）一般公共服务支出（类）`` names the
    path ``一般公共服务支出（类）政协事务（款）行政运行（项）``.

    >>> _budget_subject("1.政协事务（款）行政运行（项）", "一般公共服务支出（类）")
    '一般公共服务支出（类）政协事务（款）行政运行（项）'
    """
    words = _ENUMERATION.sub("", lead, count=1).strip()
    if category and _BELOW_CLASS.search(words) and not _CLASS_MARK.search(words):
        words = category + words
    return words


@attrs.define
class _Sentence:
    """What one sentence of a budget narrative has stated so far."""

    text: str
    start: int
    first: Number | None = None
    last: Number | None = None
    previous: Number | None = None
    change: Number | None = None
    change_direction: int = 0
    change_word: str = ""
    stated_change: Number | None = None
    flat_figure: Number | None = None
    subject: str = ""

    def change_claim(self, state: _Paragraph) -> Claim:
        """The pending change amount (增加107.62万元), checkable when last year is stated."""
        assert self.change is not None
        claim = Claim(
            ClaimKind.CHANGE,
            self.text,
            self.start,
            self.change,
            topic=state.topic,
            base=state.current,
            direction=self.change_direction,
            budget=True,
            previous=self.previous,
            word=self.change_word,
        )
        self.change = None
        return claim


def _budget_sentence_claims(sentence: str, start: int, state: _Paragraph) -> Iterator[Claim]:
    """The claims of one sentence of a budget narrative (see :func:`claims`)."""
    said = _Sentence(sentence, start)
    found = [attrs.evolve(n, start=n.start + start, end=n.end + start) for n in numbers(sentence)]
    years = [_year(n.lead) for n in found]
    latest = max((y for y in years if y is not None), default=None)
    for number, year in zip(found, years, strict=True):
        lead = number.lead
        direction = _direction(lead)
        if number.percent:
            yield from _budget_percent(number, direction, said, state)
        elif direction is not None:
            if said.change is not None:
                yield said.change_claim(state)
            said.change, said.change_direction, said.stated_change = number, direction, number
            said.change_word = _direction_word(lead) if direction else ""
        elif _FLAT_LEAD.search(lead):
            said.flat_figure = number
        elif _CHANGE_OF.search(lead):
            continue  # 增加人员经费1408.29万元: how much a named item grew, not its level
        elif _PREVIOUS.search(lead) or (
            year is not None and latest is not None and year < latest and not number.percent
        ):
            # 执行数, 上年预算数, or a figure of an earlier year than another in the sentence.
            said.previous = number
        else:
            said.subject = _budget_subject(lead, state.category)
            # A path with a class of its own under a class heading: the heading's class is
            # the topic, for a level marked 类 that is a 款 (行政事业单位离退休（类）).
            own_class = state.category and _CLASS_MARK.search(said.subject)
            yield Claim(
                ClaimKind.AMOUNT,
                sentence,
                start,
                number,
                subject=said.subject,
                topic=state.category if own_class else state.topic,
                budget=True,
            )
            state.current = said.last = number
            said.first = said.first or number
            if _WHOLE_NEXT.match(sentence[number.end - start :]):
                state.whole = number
    if said.change is not None:
        yield said.change_claim(state)
    flat = _BUDGET_FLAT.search(sentence)
    if said.flat_figure is not None or flat is not None:
        figure = said.flat_figure
        words = flat.group(0) if flat is not None else figure.lead if figure else ""
        word = _NO_CHANGE.search(words)
        yield Claim(
            ClaimKind.CHANGE,
            sentence,
            start,
            said.flat_figure,
            subject=said.subject,
            topic=state.topic,
            base=state.current,
            other=said.stated_change,
            budget=True,
            previous=said.previous,
            flat=True,
            word=word.group(0) if word else "持平",
        )


def _budget_percent(
    number: Number, direction: int | None, said: _Sentence, state: _Paragraph
) -> Iterator[Claim]:
    """A percentage of a budget narrative: a share, a change rate or an unknown one."""
    sentence, start = said.text, said.start
    if (m := _SHARE.search(number.lead)) is not None:
        yield from _shares(
            m, number, sentence, start, state, said.first, said.last, whole=state.whole, budget=True
        )
    elif direction is not None:
        change, change_direction = said.change, said.change_direction
        if change is not None and said.previous is not None:
            # The execution form states both figures: the amount is checkable too.
            yield said.change_claim(state)
        said.change = None
        yield Claim(
            ClaimKind.CHANGE,
            sentence,
            start,
            number,
            subject=said.subject,
            topic=state.topic,
            base=state.current,
            other=change,
            direction=direction,
            budget=True,
            previous=said.previous,
            other_direction=change_direction if change is not None else 0,
            word=_direction_word(number.lead) if direction else "",
        )
    else:
        yield Claim(ClaimKind.SHARE, sentence, start, number, topic=state.topic, budget=True)
