"""Numbers within one item: one subject given two amounts."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Final

from govbudget.checks.document._common import _at, _prose, _review, _sentence_at
from govbudget.checks.registry import Context
from govbudget.report import Finding, Severity

__all__ = ["two_amounts"]

_CLAUSE: Final = re.compile(r"[^，。；;,：:]+")
_AMOUNT: Final = re.compile(
    r"(?P<subject>[\u4e00-\u9fff“”（）()]{2,24}?)(?:为|是|共计|合计)?(?P<value>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|元|亿元)"
)
_GENERIC_SUBJECT: Final = re.compile(
    r"^(?:采购|预算|支出|收入)?(?:金额|价值|资金|合计|总计|小计|总额)$|以上|以下"
)
_COMPARISON_WORDS: Final = re.compile(
    r"比|与|较|上年|年初|增加|减少|增长|下降|持平|一致|占|同比|调整|执行|决算为|预算为|完成|累计|其中"
)


@_review(
    "document.two-amounts",
    "One item gives one amount for one subject",
    "同一事项金额一致",
    Severity.WARNING,
)
def two_amounts(context: Context) -> Iterator[Finding]:
    """The same subject given two different amounts within one paragraph.

    Only plain statements count («SUBJECT N万元»): clauses comparing with another year,
    the initial budget or a share are left out.

    Example: 「公务接待费0.95万元，……公务接待费1.20万元。」.
    """
    for paragraph in _prose(context):
        for subject, first_text, value, unit, start in _repeated(paragraph.text):
            yield _at(context, "document.two-amounts", Severity.WARNING, paragraph)(
                f"{subject} is given as {first_text} and as {value}{unit}",
                f"同一段中「{subject}」先后写作{first_text}和{value}{unit}",
                quote=_sentence_at(paragraph, start),
                stated=f"{value}{unit}",
                computed=first_text,
            )


@functools.lru_cache(maxsize=1024)
def _repeated(text: str) -> tuple[tuple[str, str, str, str, int], ...]:
    """Each later amount of a subject *text* gave another amount before, once per text.

    As (subject, the first amount as printed, this value, its unit, the clause's start).
    """
    found: list[tuple[str, str, str, str, int]] = []
    seen: dict[str, tuple[Decimal, str, int]] = {}
    for clause in _CLAUSE.finditer(text):
        words = clause.group()
        if _COMPARISON_WORDS.search(words):
            continue
        match = _AMOUNT.search(words)
        if match is None or words[: match.start()].strip() or words[match.end() :].strip():
            continue
        subject = match.group("subject").strip("“”")
        if len(subject) < 5 or _GENERIC_SUBJECT.search(subject):
            continue
        try:
            value = Decimal(match.group("value").replace(",", ""))
        except InvalidOperation:
            continue
        if match.group("unit") == "元":
            value /= 10000
        elif match.group("unit") == "亿元":
            value *= 10000
        key = subject
        if key in seen and seen[key][0] != value:
            found.append(
                (subject, seen[key][1], match.group("value"), match.group("unit"), clause.start())
            )
        seen.setdefault(key, (value, match.group("value") + match.group("unit"), clause.start()))
    return tuple(found)
