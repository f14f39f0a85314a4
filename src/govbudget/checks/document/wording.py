"""Wording: placeholders, template choices and instructions, cut-off sentences, family wording."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Final

from govbudget.checks.document._common import _at, _finding, _paragraphs, _review, _sentence_at
from govbudget.checks.registry import Context
from govbudget.disclosure import Disclosure
from govbudget.report import Finding, Severity
from govbudget.review.text import (
    Paragraph,
)
from govbudget.tables.base import Family

__all__ = ["cut_off", "family_wording", "placeholder", "template_wording"]

_PLACEHOLDER: Final = re.compile(r"X{2,}|[Ｘ×]{2,}|[＊*]{2,}|○{2,}|x{3,}")
_CHOICE: Final = re.compile(
    r"(增加|减少|增长|下降|上升|降低|提高|大于|小于|多于|少于)\s*[（(/／或]\s*"
    r"(增加|减少|增长|下降|上升|降低|提高|大于|小于|多于|少于)\s*[）)]?"
)
_OPPOSITE: Final = {
    frozenset(p)
    for p in (
        ("增加", "减少"),
        ("增长", "下降"),
        ("上升", "下降"),
        ("增长", "减少"),
        ("增加", "下降"),
        ("提高", "降低"),
        ("上升", "降低"),
        ("增长", "降低"),
        ("大于", "小于"),
        ("多于", "少于"),
    )
}
_INSTRUCTION: Final = re.compile(
    r"按上述格式|作下述说明|根据.{0,20}填写|[（(]增加内容[）)]|[（(](?:选填|可选|如有)[）)]"
    r"|[（(](?:如|若)[^（）()]{1,16}(?:表述|说明|填列|填写|删除)[）)]|[（(]不涉及的?不[列填][）)]"
)


@_review("document.placeholder", "No placeholder left in", "无未替换的占位符", Severity.ERROR)
def placeholder(context: Context) -> Iterator[Finding]:
    """A template placeholder left in the text: XX, XXX万元, ＊＊.

    A blank template is made of placeholders; for one (the reader marks it) a single
    note says so instead of a finding per placeholder.

    Example: 「主要用于XXXXXXXX。」.
    """
    if context.disclosure.template:
        count = sum(len(_PLACEHOLDER.findall(p.text)) for p in _paragraphs(context))
        if count:
            yield _finding(
                context,
                "document.placeholder",
                Severity.INFO,
                f"the document is a blank template ({count} placeholders)",
                f"本文件为空白模板（{count}处占位符）",
                page=None,
            )
        return
    for paragraph in _paragraphs(context):
        found = _placeholder(paragraph.text)
        if found is not None:
            start, left = found
            yield _at(context, "document.placeholder", Severity.ERROR, paragraph)(
                f"a placeholder is left in: {left}",
                f"占位符未替换：{left}",
                quote=_sentence_at(paragraph, start),
                stated=left,
                computed="实际内容",
            )


@functools.lru_cache(maxsize=1024)
def _placeholder(text: str) -> tuple[int, str] | None:
    """Where *text*'s first placeholder is, and what it prints (once per text)."""
    match = _PLACEHOLDER.search(text)
    if match is None or _is_code_mask(text, match):
        return None
    return match.start(), match.group()


def _is_code_mask(text: str, match: re.Match[str]) -> bool:
    """A multiplication sign between figures (10×20) is not a placeholder."""
    before = text[match.start() - 1 : match.start()]
    return match.group().startswith("×") and before.isdigit()


@_review(
    "document.template-wording",
    "No template choice or instruction left in",
    "无模板备选用语或填写说明",
    Severity.ERROR,
)
def template_wording(context: Context) -> Iterator[Finding]:
    """Both alternatives of a template's choice, or its instructions, left in the text.

    Example: 「比上年增加（减少）12.00万元」; 「按上述格式依次说明到各项级科目」.
    """
    if context.disclosure.template:
        return
    for paragraph in _paragraphs(context):
        choices, instruction = _template_left(paragraph.text)
        for start, both, one, other in choices:
            yield _at(context, "document.template-wording", Severity.ERROR, paragraph)(
                f"both words of a choice are left in: {both}",
                f"模板备选用语未删除：{both}",
                quote=_sentence_at(paragraph, start),
                stated=both,
                computed=f"{one}或{other}，二者择一",
            )
        if instruction is not None:
            start, said = instruction
            yield _at(context, "document.template-wording", Severity.ERROR, paragraph)(
                f"a template instruction is left in: {said}",
                f"模板填写说明未删除：{said}",
                quote=_sentence_at(paragraph, start),
                stated=said,
                computed="删除填写说明",
            )


@functools.lru_cache(maxsize=1024)
def _template_left(
    text: str,
) -> tuple[tuple[tuple[int, str, str, str], ...], tuple[int, str] | None]:
    """The template's choices left in *text* and its first instruction (once per text).

    Each choice as (where, both words as printed, one word, the other); the instruction
    as (where, its words), or ``None``.
    """
    choices = tuple(
        (match.start(), match.group(), match.group(1), match.group(2))
        for match in _CHOICE.finditer(text)
        if frozenset((match.group(1), match.group(2))) in _OPPOSITE
    )
    instruction = _INSTRUCTION.search(text)
    return choices, None if instruction is None else (instruction.start(), instruction.group())


_CUT: Final = re.compile(
    r"(主要原因是|主要原因为|原因是|主要用于|主要包括|具体包括)\s*[:：]?\s*(?=[。；;]|$)"
    r"|(其中)\s*[:：]\s*(?=[。；;]|$)"
)


@_review(
    "document.cut-off",
    "No sentence cut off",
    "句子完整",
    Severity.ERROR,
)
def cut_off(context: Context) -> Iterator[Finding]:
    """A sentence that stops right after 主要原因是, 主要用于 or 其中, saying nothing.

    「其中：」 or 「主要包括：」 closing a paragraph is fine when numbered items follow.

    Example: 「与2023年预算持平，主要原因是。」.
    """
    prose = _paragraphs(context)
    for index, paragraph in enumerate(prose):
        if paragraph.contents or paragraph.heading:
            continue
        for start, word, at_end, colon in _cuts(paragraph.text):
            if at_end and colon and index + 1 < len(prose):
                continue  # 其中： / 具体包括： introducing what follows, items or headings
            if at_end and _continued(prose, index):
                continue
            yield _at(context, "document.cut-off", Severity.ERROR, paragraph)(
                f"the sentence stops after {word}",
                f"句子在「{word}」后中断",
                quote=_sentence_at(paragraph, start),
                stated=word,
                computed=f"{word}……（补全内容）",
            )


@functools.lru_cache(maxsize=1024)
def _cuts(text: str) -> tuple[tuple[int, str, bool, bool], ...]:
    """Each place *text* may stop after 主要原因是, 其中 … (once per text).

    As (where, the word, whether it is the paragraph's end, whether it ends with a colon).
    """
    return tuple(
        (
            match.start(),
            match.group(1) or match.group(2),
            match.end() >= len(text.rstrip()),
            match.group().rstrip().endswith(("：", ":")),
        )
        for match in _CUT.finditer(text)
    )


def _continued(prose: tuple[Paragraph, ...], index: int) -> bool:
    """Whether the paragraph after *index* goes on with what it introduced (not a heading)."""
    return index + 1 < len(prose) and not prose[index + 1].heading


_OWN_NAME: Final = re.compile(r"((?:19|20)\d{2})\s*年度?\s*(部门|单位)(预算|决算)")


@_review(
    "document.family-wording",
    "The document calls itself by its own kind",
    "文件自称与类型相符",
    Severity.WARNING,
)
def family_wording(context: Context) -> Iterator[Finding]:
    """A unit budget (单位预算) that calls itself 部门预算, or a 决算 that calls itself 预算.

    Only the document naming itself counts: 「2024年部门预算」 in a final account, or
    「2024年部门预算」 in a unit budget, with the document's own year.

    Example: 「上海市普陀区社会福利院2024年部门预算编制说明」 in a 单位预算.
    """
    disclosure = context.disclosure
    own = _own_kind(disclosure)
    if own is None:
        return
    body, family = own
    for paragraph in _paragraphs(context):
        if paragraph.page == 1 or (family == "决算" and not paragraph.heading):
            continue  # a final account may cite its year's 部门预算 in its text
        for match in _OWN_NAME.finditer(paragraph.text):
            if int(match.group(1)) != disclosure.year:
                continue
            said = match.group(2) + match.group(3)
            if said == body + family:
                continue
            if match.group(3) == family and body == "部门":
                continue  # a department's document may speak of its units' budgets
            expected = body + family
            yield _at(context, "document.family-wording", Severity.WARNING, paragraph)(
                f"the document calls itself {said}; it is a {expected}",
                f"文件自称「{said}」，本文件为{expected}",
                quote=_sentence_at(paragraph, match.start()),
                stated=said,
                computed=expected,
            )


def _own_kind(disclosure: Disclosure) -> tuple[str, str] | None:
    """What the cover says the document is: (部门 or 单位, 预算 or 决算)."""
    cover = next((p.text for p in disclosure.pages if p.number == 1), "")
    if not cover:
        cover = disclosure.narrative[:200]
    compact = "".join(cover.split())
    family = "预算" if disclosure.family is Family.BUDGET else "决算"
    if f"单位{family}" in compact:
        return "单位", family
    if f"部门{family}" in compact:
        return "部门", family
    return None
