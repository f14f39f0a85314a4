"""Rules on the narrative (情况说明): every amount, share, change and completion claim.

The claims are found and judged once per run (:func:`govbudget.narrative.analyse`); each
rule reports the verdicts of its kind. A finding quotes the sentence, gives the number as
stated and as recomputed with its interval, and names the table cells used. Claims that
cannot be bound to anything are listed by ``narrative.unbound`` (info), and the report's
coverage counts claims found, bound, consistent and inconsistent.

A budget's narrative is judged by the same rules: its changes on last year from the
figures each sentence states (``narrative.change``), its figures against the budget
tables (``narrative.amount``; one cut rather than rounded from a table in 元 is a
warning, counted with the coarse ones), its shares of a stated or named whole
(``narrative.share``).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Final

from govbudget.checks.registry import Context, rule
from govbudget.location import Location
from govbudget.narrative import ClaimKind, Outcome, Verdict, analyse
from govbudget.report import Finding, Severity
from govbudget.tables.base import TableKind

__all__: list[str] = []

_NARRATIVE = "情况说明"
_KIND_ZH = {
    ClaimKind.AMOUNT: "金额",
    ClaimKind.SHARE: "占比",
    ClaimKind.CHANGE: "增减",
    ClaimKind.COMPLETION: "预算完成率",
    ClaimKind.COMPARISON: "决算与预算比较",
    ClaimKind.PARTS: "各部分之和",
}


#: The coverage counts the narrative rules add to a report.
_COVERAGE: Final = (
    "claims_found",
    "claims_bound",
    "claims_consistent",
    "claims_coarse",
    "claims_inconsistent",
    "claims_unbound",
)


def _verdicts(context: Context) -> tuple[Verdict, ...]:
    found = context.memo.get("narrative")
    if isinstance(found, tuple):
        return found
    verdicts = analyse(context.disclosure)
    context.memo["narrative"] = verdicts
    tally = context.coverage
    for key in _COVERAGE:
        tally[key] += 0  # every count is reported, zeros included
    tally["claims_found"] += len(verdicts)
    for verdict in verdicts:
        if verdict.outcome is Outcome.UNBOUND:
            tally["claims_unbound"] += 1
            continue
        tally["claims_bound"] += 1
        if verdict.outcome is Outcome.CONSISTENT:
            tally["claims_consistent"] += 1
        elif verdict.outcome in (Outcome.COARSE, Outcome.TRUNCATED):
            tally["claims_coarse"] += 1
        else:
            tally["claims_inconsistent"] += 1
    return verdicts


def _finding(
    context: Context, verdict: Verdict, rule_id: str, severity: Severity, *, message: str, zh: str
) -> Finding:
    claim = verdict.claim
    number = claim.number
    where = Location(file=context.disclosure.source, table=_NARRATIVE, row=f"char {claim.start}")
    stated = number.value if number is not None and not verdict.word else None
    difference = None
    if (
        stated is not None
        and verdict.computed is not None
        and claim.kind is not ClaimKind.COMPARISON
    ):
        difference = stated - verdict.computed
    tolerance = None
    if verdict.word:
        pass  # a word is right or wrong: no tolerance applies
    elif number is not None and verdict.low is not None and verdict.high is not None:
        tolerance = number.radius + (verdict.high - verdict.low) / 2
    first = verdict.cells[0] if verdict.cells else None
    if (whole := verdict.whole) is not None:
        figure = f"{whole.text}{whole.unit.value if whole.unit else ''}"
        message += (
            f" (the whole, {claim.subject} {figure}, is the narrative's own: no table holds it)"
        )
        zh += f"（整体数{claim.subject}{figure}取自说明本身，报表中无此数）"
    return Finding(
        rule=rule_id,
        severity=severity,
        message=message,
        message_zh=zh,
        table=first.table if first is not None else None,
        row=first.row if first is not None else None,
        column=first.column if first is not None else None,
        location=where,
        expected=verdict.computed,
        found=stated,
        difference=difference,
        tolerance=tolerance,
        unit=verdict.unit if claim.kind is ClaimKind.AMOUNT else None,
        cells=verdict.cells,
        quote=claim.quote.strip(),
        stated=_stated_word(verdict) or (number.stated if number is not None else None),
        computed=_computed(verdict),
    )


def _stated_word(verdict: Verdict) -> str:
    """The word of a claim judged as a word (大于, 持平 …; a rate's base), else ``""``."""
    claim = verdict.claim
    if claim.kind is ClaimKind.PARTS:
        return " + ".join(p.text for p in claim.parts)
    if claim.kind is ClaimKind.COMPLETION and claim.number is not None:
        if verdict.word or (verdict.outcome is Outcome.INCONSISTENT and verdict.reason):
            return f"{claim.word}的{claim.number.text}%"
        return ""
    return claim.word if verdict.word else ""


def _computed(verdict: Verdict) -> str | None:
    if verdict.claim.kind is ClaimKind.COMPLETION:
        if verdict.word:
            return f"{verdict.word}的{verdict.computed}%"
        if verdict.outcome is Outcome.INCONSISTENT and verdict.reason:
            return verdict.reason
    if verdict.word:
        unit = verdict.unit.value if verdict.unit is not None else ""
        sign = "+" if verdict.computed is not None and verdict.computed > 0 else ""
        return f"{verdict.word} ({sign}{verdict.computed}{unit})"
    if verdict.computed is None:
        return None
    if verdict.low is None or verdict.high is None or verdict.low == verdict.high:
        return str(verdict.computed)
    return f"{verdict.computed} ({_short(verdict.low)}…{_short(verdict.high)})"


def _short(value: Decimal) -> str:
    return f"{value:.4f}"


def _stated(verdict: Verdict) -> str:
    if word := _stated_word(verdict):
        return word
    number = verdict.claim.number
    if number is None:
        return (verdict.claim.word or "持平") if verdict.claim.flat else ""
    return number.text + ("%" if number.percent else (number.unit.value if number.unit else ""))


def _judged(context: Context, kind: ClaimKind, rule_id: str) -> Iterator[Finding]:
    for verdict in _verdicts(context):
        if verdict.claim.kind is not kind or verdict.outcome is Outcome.CONSISTENT:
            continue  # a consistent claim is no finding: its words are not spelled out
        stated = _stated(verdict)
        what = kind.value
        if (
            verdict.outcome is Outcome.INCONSISTENT
            and kind is ClaimKind.COMPLETION
            and (verdict.word or verdict.reason)
        ):
            yield _finding(
                context,
                verdict,
                rule_id,
                Severity.ERROR,
                message=f"the narrative states completion {stated}; "
                + (
                    f"that is the rate of {verdict.word} ({_computed(verdict)}): a wrong label"
                    if verdict.word
                    else f"no rate can be taken of a budget of 0 ({verdict.reason})"
                ),
                zh=f"说明称完成{stated}，"
                + (
                    f"该比率实为完成{_computed(verdict)}，预算口径标注有误"
                    if verdict.word
                    else f"但{verdict.reason}"
                ),
            )
        elif verdict.outcome is Outcome.INCONSISTENT and verdict.word:
            yield _finding(
                context,
                verdict,
                rule_id,
                Severity.ERROR,
                message=f"the narrative says {stated}; the figures give {_computed(verdict)}",
                zh=f"说明称“{stated}”，但两数之差为{verdict.computed}，应为“{verdict.word}”",
            )
        elif verdict.outcome is Outcome.INCONSISTENT:
            yield _finding(
                context,
                verdict,
                rule_id,
                Severity.ERROR,
                message=f"the narrative states {what} {stated}; recomputed {_computed(verdict)}",
                zh=f"说明中的{_KIND_ZH[kind]}{stated}与计算值{_computed(verdict)}不符",
            )
        elif verdict.outcome is Outcome.TRUNCATED:
            table_unit = verdict.unit.value if verdict.unit else ""
            yield _finding(
                context,
                verdict,
                rule_id,
                Severity.WARNING,
                message=f"the narrative states {what} {stated}; the table's figure is "
                f"{verdict.computed} {table_unit}: it holds only cut to the decimals "
                "printed, not rounded",
                zh=f"说明中的{_KIND_ZH[kind]}{stated}系将报表数{verdict.computed}{table_unit}"
                "截尾取得，未按四舍五入",
            )
        elif verdict.outcome is Outcome.COARSE:
            yield _finding(
                context,
                verdict,
                rule_id,
                Severity.WARNING,
                message=f"the narrative states {what} {stated}; recomputed "
                f"{_computed(verdict)}: it holds only rounded to {verdict.places} "
                "decimals, not as printed",
                zh=f"说明中的{_KIND_ZH[kind]}{stated}仅在保留{verdict.places}位小数时成立"
                f"（计算值{_computed(verdict)}）",
            )


@rule(
    "narrative.amount",
    "Amounts in the narrative equal the tables",
    "情况说明中的金额与报表一致",
    tables=tuple(TableKind),
)
def amounts(context: Context) -> Iterator[Finding]:
    """An amount the narrative restates differs from the table figure it names.

    Both are judged at their printed precision.

    Example: 财政拨款收入支出总计0.3万元 where 公开04表 prints 2961.68.
    """
    yield from _judged(context, ClaimKind.AMOUNT, "narrative.amount")


@rule(
    "narrative.unit-slip",
    "Amounts in the narrative are in the tables' unit",
    "情况说明金额单位与报表一致",
    tables=tuple(TableKind),
)
def unit_slips(context: Context) -> Iterator[Finding]:
    """An amount stated with the table's digits in another unit (元 for 万元).

    Example: 一般公共预算财政拨款支出876.17元 where the table prints 876.17 万元.
    """
    for verdict in _verdicts(context):
        if verdict.outcome is Outcome.UNIT_SLIP:
            number = verdict.claim.number
            assert number is not None
            table_unit = verdict.unit.value if verdict.unit else ""
            yield _finding(
                context,
                verdict,
                "narrative.unit-slip",
                Severity.ERROR,
                message=f"the narrative states {_stated(verdict)}; the table prints "
                f"{verdict.computed} {table_unit}: the unit slipped",
                zh=f"说明中的{_stated(verdict)}与报表{verdict.computed}{table_unit}单位不一致",
            )


@rule(
    "narrative.share",
    "Shares in the narrative are right",
    "情况说明中的占比正确",
    tables=tuple(TableKind),
)
def shares(context: Context) -> Iterator[Finding]:
    """A share (占X%) that its part and whole do not give, at the precision printed.

    Example: 一般公共服务支出（类）2106.66万元，占71.73% of 2940.05万元 (it is 71.65%).
    """
    yield from _judged(context, ClaimKind.SHARE, "narrative.share")


@rule(
    "narrative.change",
    "Changes on last year are consistent",
    "情况说明中的增减额与增减率一致",
    tables=tuple(TableKind),
)
def changes(context: Context) -> Iterator[Finding]:
    """A rate of change that the change amount and this year's figure do not give.

    Last year's figure is this year's less the increase (or plus the decrease); the rate
    is the change over it.

    Example: 876.17万元, 增加38.48万元, 增长4.5% (the figures give 4.59%, printed 4.6%).
    """
    yield from _judged(context, ClaimKind.CHANGE, "narrative.change")


@rule(
    "narrative.completion",
    "Budget completion rates are right",
    "情况说明中的预算完成率正确",
    tables=tuple(TableKind),
)
def completions(context: Context) -> Iterator[Finding]:
    """A completion rate (完成年初预算的Z%) that the final and budget figures do not give.

    Example: 年初预算为26万元，支出决算为92.84万元，完成年初预算的357.0% (it is 357.08%:
    right only as a whole percent).
    """
    yield from _judged(context, ClaimKind.COMPLETION, "narrative.completion")


@rule(
    "narrative.comparison",
    "决算数大于/小于/等于预算数 agrees with the figures",
    "决算数与预算数的比较与数字相符",
    tables=tuple(TableKind),
)
def comparisons(context: Context) -> Iterator[Finding]:
    """A comparison of final and budget figures that the stated figures contradict.

    Example: 年初预算为56.7万元，支出决算为56.25万元，决算数大于年初预算数.
    """
    yield from _judged(context, ClaimKind.COMPARISON, "narrative.comparison")


@rule(
    "narrative.parts",
    "Parts stated in the narrative fit their whole",
    "情况说明中各部分之和不超过总数",
    tables=tuple(TableKind),
)
def parts(context: Context) -> Iterator[Finding]:
    """Parts of one whole, stated in one passage, whose sum exceeds that whole.

    A list after 其中 (``W，其中：A、B``) and the procurement won by small and medium firms
    in projects reserved for them and in all others, against the total procurement. The
    finding states the parts and their sum against the whole.

    Example: 政府采购金额251.25万元 … 预留项目中由中小企业中标246.47万元 … 其他项目中由中小企业
    中标14.79万元 (261.26 > 251.25).
    """
    for verdict in _verdicts(context):
        if verdict.claim.kind is not ClaimKind.PARTS:
            continue
        if verdict.outcome is not Outcome.INCONSISTENT:
            continue
        whole = verdict.claim.number
        assert whole is not None
        listed = " + ".join(p.text for p in verdict.claim.parts)
        unit = whole.unit.value if whole.unit else ""
        yield _finding(
            context,
            verdict,
            "narrative.parts",
            Severity.ERROR,
            message=f"the parts stated ({listed} = {verdict.computed}{unit}) exceed their "
            f"whole, {whole.text}{unit}",
            zh=f"说明中各部分之和（{listed} = {verdict.computed}{unit}）大于总数{whole.text}{unit}",
        )


@rule(
    "narrative.name",
    "Classes and items are named as in the tables",
    "情况说明中的科目名称与报表一致",
    severity=Severity.WARNING,
    tables=tuple(TableKind),
)
def names(context: Context) -> Iterator[Finding]:
    """A functional class or path named otherwise than the table (and catalogue) name it.

    A warning: the claim is still bound to the closest name and judged.

    Example: 一般公共预算服务(类) for 一般公共服务支出.
    """
    for verdict in _verdicts(context):
        renamed = verdict.renamed
        if renamed is None or not verdict.cells:
            continue
        table = context.disclosure.table(verdict.cells[0].table)
        row = table.row(renamed.row) if table is not None else None
        printed = row.label if row is not None else renamed.row
        official = None
        if context.names is not None and row is not None and row.code is not None:
            official = context.names.official_name(row.code, context.disclosure.year)
        expected = official or printed
        yield _finding(
            context,
            verdict,
            "narrative.name",
            Severity.WARNING,
            message=f"the narrative names {renamed.printed!r}; {renamed.row} is {expected!r}",
            zh=f"说明中的科目名称“{renamed.printed}”与{renamed.row}“{expected}”不一致",
        )


@rule(
    "narrative.unbound",
    "Claims the checker could not bind are listed",
    "未能核对的说明数字",
    severity=Severity.INFO,
    tables=tuple(TableKind),
)
def unbound(context: Context) -> Iterator[Finding]:
    """A number in the narrative that names no table figure and no other stated figure.

    Listed so that nothing is silently dropped: a user sees what was not checked.

    Example: 政府采购金额251.25万元 (no table holds procurement).
    """
    for verdict in _verdicts(context):
        if verdict.outcome is Outcome.UNBOUND:
            yield _finding(
                context,
                verdict,
                "narrative.unbound",
                Severity.INFO,
                message=f"not checked: {_stated(verdict) or verdict.claim.kind.value} "
                f"({verdict.reason})",
                zh=f"未核对：{_stated(verdict) or _KIND_ZH[verdict.claim.kind]}",
            )
