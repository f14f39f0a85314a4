"""Numbers within one item: one subject given two amounts."""

from __future__ import annotations

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
        seen: dict[str, tuple[Decimal, str, int]] = {}
        for clause in _CLAUSE.finditer(paragraph.text):
            text = clause.group()
            if _COMPARISON_WORDS.search(text):
                continue
            match = _AMOUNT.search(text)
            if match is None or text[: match.start()].strip() or text[match.end() :].strip():
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
                _value, first_text, _ = seen[key]
                yield _at(context, "document.two-amounts", Severity.WARNING, paragraph)(
                    f"{subject} is given as {first_text} and as {match.group('value')}"
                    f"{match.group('unit')}",
                    f"同一段中「{subject}」先后写作{first_text}和{match.group('value')}"
                    f"{match.group('unit')}",
                    quote=_sentence_at(paragraph, clause.start()),
                    stated=f"{match.group('value')}{match.group('unit')}",
                    computed=first_text,
                )
            seen.setdefault(
                key, (value, match.group("value") + match.group("unit"), clause.start())
            )
