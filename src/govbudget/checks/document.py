"""The document review: what a finance bureau's reviewer checks besides the sums.

Each ``document.*`` rule reads the text outside the tables, page by page
(:mod:`govbudget.review.text`), and reports what a reviewer would mark 否 on the check
sheet: a blank page, characters that do not display, a year from another cycle, wording
left from the template, a sentence cut off, doubled or unmatched punctuation, a
classification called by another year's name, one item given two amounts. Every finding
names the page and the section, quotes the sentence (``quote``), and gives what was
printed (``stated``) and what was expected (``computed``).

A rule reports only what it is sure of: a false alarm costs a reviewer as much time as a
missed defect.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Final

from govbudget.checks.registry import Context, rule
from govbudget.codes import FunctionCode
from govbudget.disclosure import Disclosure
from govbudget.location import Location
from govbudget.report import Finding, Severity
from govbudget.review.data import Sections, region_of, renames, required_sections
from govbudget.review.text import (
    LIST_MARK,
    STOPS,
    Paragraph,
    paragraphs,
    sentences,
)
from govbudget.tables.base import Family, TableKind

__all__ = ["REVIEW_COVERAGE_KEYS", "sections_rule"]

#: The counts the review adds to a report's coverage.
REVIEW_COVERAGE_KEYS: Final = ("review_rules_run", "review_findings")

_Check = Callable[[Context], Iterable[Finding]]


def _review(
    rule_id: str, title: str, title_zh: str, severity: Severity
) -> Callable[[_Check], _Check]:
    """Register a review rule that counts itself and its findings in the coverage."""

    def decorate(function: _Check) -> _Check:
        def run(context: Context) -> Iterator[Finding]:
            found = list(function(context))
            context.coverage["review_rules_run"] += 1
            context.coverage["review_findings"] += len(found)
            yield from found

        run.__doc__ = function.__doc__
        run.__name__ = function.__name__
        rule(rule_id, title, title_zh, severity=severity, tables=tuple(TableKind))(run)
        return function

    return decorate


def _paragraphs(context: Context) -> tuple[Paragraph, ...]:
    cached = context.memo.get("document.paragraphs")
    if isinstance(cached, tuple):
        return cached
    found = paragraphs(context.disclosure)
    context.memo["document.paragraphs"] = found
    return found


def _prose(context: Context) -> Iterator[Paragraph]:
    """The paragraphs of running text: not the cover, the contents or a heading."""
    for paragraph in _paragraphs(context):
        if paragraph.contents or paragraph.heading or paragraph.page == 1:
            continue
        yield paragraph


def _finding(
    context: Context,
    rule_id: str,
    severity: Severity,
    message: str,
    message_zh: str,
    *,
    page: int | None,
    section: str | None = None,
    quote: str | None = None,
    stated: str | None = None,
    computed: str | None = None,
) -> Finding:
    where = Location(file=context.disclosure.source, page=page, table=section)
    return Finding(
        rule=rule_id,
        severity=severity,
        message=message,
        message_zh=message_zh,
        location=where,
        quote=None if quote is None else quote.strip(),
        stated=stated,
        computed=computed,
    )


def _at(
    context: Context, rule_id: str, severity: Severity, paragraph: Paragraph
) -> Callable[..., Finding]:
    """A finding maker for *paragraph*: its page and section filled in."""

    def make(message: str, message_zh: str, **fields: str | None) -> Finding:
        return _finding(
            context,
            rule_id,
            severity,
            message,
            message_zh,
            page=paragraph.page,
            section=paragraph.section,
            **fields,
        )

    return make


def _sentence_at(paragraph: Paragraph, position: int) -> str:
    """The sentence of *paragraph* holding character *position*."""
    chosen = ""
    for sentence in sentences(paragraph):
        if sentence.start <= position:
            chosen = sentence.text
    return chosen or paragraph.text


# ---------------------------------------------------------------------------- pages


@_review("document.blank-page", "No blank page", "无空白页", Severity.WARNING)
def blank_page(context: Context) -> Iterator[Finding]:
    """A page that prints nothing, or a table page that prints a table's title but no table.

    Example: an empty page after the contents; a page holding only 「部门收入预算总表」 and
    「单位：万元」, its table on the next page.
    """
    pages = context.disclosure.pages
    for index, page in enumerate(pages):
        if page.blank and 0 < index < len(pages) - 1:
            yield _finding(
                context,
                "document.blank-page",
                Severity.WARNING,
                f"page {page.number} is blank",
                f"第{page.number}页为空白页",
                page=page.number,
                stated="（空白）",
                computed="删除空白页",
            )
            continue
        lines = [line for line in page.text.split("\n") if line.strip()]
        if page.tables or not lines or len(lines) > 4:
            continue
        titles = [line for line in lines if _TABLE_TITLE.search(line.replace(" ", ""))]
        rest = [line for line in lines if line not in titles and not _TABLE_FURNITURE.search(line)]
        if titles and not rest:
            yield _finding(
                context,
                "document.blank-page",
                Severity.WARNING,
                f"page {page.number} prints a table's title but no table",
                f"第{page.number}页只有表名、没有表格",
                page=page.number,
                quote=" ".join(lines),
                stated=titles[0],
                computed="表名与表格在同一页",
            )


_TABLE_TITLE: Final = re.compile(
    r"(?:预算|决算)\S{0,6}表$|(?:预算|决算)\S{0,6}表[（(]|公开\d{1,2}表"
)
_TABLE_FURNITURE: Final = re.compile(
    r"单位[：:]|公开\s*\d{1,2}\s*表|部门[：:]|编制单位|^\s*\d{1,3}\s*$|此表无数据|本表无数据"
)


@_review("document.repeated-page", "No page printed twice", "无重复页", Severity.WARNING)
def repeated_page(context: Context) -> Iterator[Finding]:
    """A page of text that repeats an earlier page word for word.

    Example: the 预算编制说明 printed on page 7 and again on page 8.
    """
    earlier: list[tuple[int, set[str]]] = []
    for page in context.disclosure.pages:
        lines = {"".join(line.split()) for line in page.text.split("\n")}
        lines = {line for line in lines if len(line) >= 20}
        if len(lines) < 3:
            continue
        for number, other in earlier:
            shared = lines & other
            if len(shared) >= 0.9 * len(lines):
                first = next(
                    line for line in page.text.split("\n") if "".join(line.split()) in shared
                )
                yield _finding(
                    context,
                    "document.repeated-page",
                    Severity.WARNING,
                    f"page {page.number} repeats page {number}",
                    f"第{page.number}页重复了第{number}页的内容",
                    page=page.number,
                    quote=first,
                    computed=f"删除重复的第{page.number}页",
                )
                break
        earlier.append((page.number, lines))


_CID: Final = re.compile(r"\(cid:\d+\)")


def _undisplayable(text: str) -> Iterator[tuple[int, str]]:
    for match in _CID.finditer(text):
        yield match.start(), match.group()
    for position, char in enumerate(text):
        category = unicodedata.category(char)
        if (
            char == "\ufffd"
            or category in ("Co", "Cs")
            or (category == "Cc" and char not in "\t\n")
        ):
            yield position, f"U+{ord(char):04X}"


@_review("document.undisplayable", "Every character displays", "文字均能正常显示", Severity.ERROR)
def undisplayable(context: Context) -> Iterator[Finding]:
    """Text that does not display: private-use or replacement characters, ``(cid:N)`` glyphs.

    A glyph the font maps to no character reads as ``(cid:N)``, a private-use code point
    or U+FFFD; a reader sees a box or nothing. Reported with the text around it.

    Example: 「支出预算(cid:3028)万元」.
    """
    for paragraph in _paragraphs(context):
        found = list(_undisplayable(paragraph.text))
        if not found:
            continue
        position, what = found[0]
        around = paragraph.text[max(0, position - 12) : position + 12]
        yield _at(context, "document.undisplayable", Severity.ERROR, paragraph)(
            f"{len(found)} character(s) that do not display ({what})",
            f"有{len(found)}处文字无法正常显示（{what}）",
            quote=around,
            stated=what,
            computed="可正常显示的文字",
        )
    for table in context.disclosure.tables.values():
        for row in table.rows:
            hits = list(_undisplayable(row.label))
            if hits:
                yield Finding(
                    rule="document.undisplayable",
                    severity=Severity.ERROR,
                    message=f"the row's name has characters that do not display ({hits[0][1]})",
                    message_zh=f"行名称有文字无法正常显示（{hits[0][1]}）",
                    table=table.kind,
                    row=row.key,
                    row_label=row.label,
                    location=table.location_of(row.key, None),
                    quote=row.label,
                    stated=hits[0][1],
                    computed="可正常显示的文字",
                )


# ---------------------------------------------------------------------------- years

_COMPARE: Final = re.compile(
    r"(?:比|较|与|同)\s*((?:19|20)\d{2})\s*年(?:度)?(?:[^，。；,]{0,12}?)(?:相比|预算|决算|执行|增加|减少|增长|下降|持平|基本持平|一致|数)"
)
_AS_OF: Final = re.compile(r"截[至止]\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_LAST_EXECUTED: Final = re.compile(r"((?:19|20)\d{2})\s*年(?:当年)?预算执行数")
_YEAR: Final = re.compile(r"((?:19|20)\d{2})\s*年")
#: A paragraph opening on the year it reports: 「2024年，某局收入预算…」, 「2024年度本部门…」.
_OPENING_YEAR: Final = re.compile(
    r"^\s*((?:19|20)\d{2})\s*年度?\s*(?:[，,]|本部门|本单位|部门|单位|收入|支出|收、支|财政拨款|"
    r"一般公共预算|政府性基金|国有资本|“三公”|三公|机关运行|政府采购|预算绩效)"
)


def _year_finding(  # noqa: PLR0917 - one private helper, called with all six in order
    context: Context, paragraph: Paragraph, position: int, printed: int, expected: int, role: str
) -> Finding:
    roles = {
        "comparison": ("a comparison with last year", "与上年比较"),
        "as-of": ("the reporting date", "截止日期"),
        "heading": ("a heading", "标题"),
        "executed": ("last year's outturn", "上年预算执行数"),
        "subject": ("the year a paragraph reports", "段首所述年度"),
    }
    english, chinese = roles[role]
    return _at(context, "document.year", Severity.WARNING, paragraph)(
        f"{english} names {printed}; the document is for {context.disclosure.year}, "
        f"so {expected} is expected",
        f"{chinese}写作{printed}年，本文件为{context.disclosure.year}年，应为{expected}年",
        quote=_sentence_at(paragraph, position),
        stated=f"{printed}年",
        computed=f"{expected}年",
    )


@_review("document.year", "Years fit their role", "年份与用途相符", Severity.WARNING)
def years(context: Context) -> Iterator[Finding]:  # noqa: PLR0912 - one branch per role
    """A year that does not fit its role: comparisons name last year, titles this year.

    The document's year is printed in headings; a comparison (比/与/较 … 年相比, 持平,
    增加 …) names the year before; a final account's 截至YYYY年12月31日 names its own
    year; a budget's 「YYYY年预算执行数」 names the year before. A year in a heading
    that is neither the document's year nor the one before is reported too.

    Example: a 2024 budget saying 「比2024年预算减少876.75万元」.
    """
    year = context.disclosure.year
    if year <= 0:
        return
    final = context.disclosure.family is Family.FINAL
    for paragraph in _paragraphs(context):
        if paragraph.page == 1 or paragraph.contents:
            continue
        text = paragraph.text
        if paragraph.heading:
            for match in _YEAR.finditer(text):
                printed = int(match.group(1))
                if printed not in (year, year - 1) and not (final and printed == year + 1):
                    yield _year_finding(context, paragraph, match.start(), printed, year, "heading")
            continue
        opening = _OPENING_YEAR.match(text)
        if opening is not None and int(opening.group(1)) != year and "万元" in text:
            yield _year_finding(context, paragraph, 0, int(opening.group(1)), year, "subject")
        for match in _COMPARE.finditer(text):
            printed = int(match.group(1))
            if printed != year - 1 and not _names_own_year(text, match, final=final, year=year):
                yield _year_finding(
                    context, paragraph, match.start(), printed, year - 1, "comparison"
                )
        for match in _LAST_EXECUTED.finditer(text):
            printed = int(match.group(1))
            if not final and printed != year - 1:
                yield _year_finding(
                    context, paragraph, match.start(), printed, year - 1, "executed"
                )
        for match in _AS_OF.finditer(text):
            printed = int(match.group(1))
            if final and (match.group(2), match.group(3)) == ("12", "31") and printed != year:
                yield _year_finding(context, paragraph, match.start(), printed, year, "as-of")


def _names_own_year(text: str, match: re.Match[str], *, final: bool, year: int) -> bool:
    """Whether a 与YYYY年 … names the year on purpose: 与2024年预算数 in a 2024 final account."""
    tail = text[match.end(1) : match.end()]
    if "年初" in tail or "调整" in tail:
        return True
    return final and int(match.group(1)) == year and "预算" in tail


# ---------------------------------------------------------------------------- wording

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
        match = _PLACEHOLDER.search(paragraph.text)
        if match is not None and not _is_code_mask(paragraph.text, match):
            yield _at(context, "document.placeholder", Severity.ERROR, paragraph)(
                f"a placeholder is left in: {match.group()}",
                f"占位符未替换：{match.group()}",
                quote=_sentence_at(paragraph, match.start()),
                stated=match.group(),
                computed="实际内容",
            )


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
        for match in _CHOICE.finditer(paragraph.text):
            if frozenset((match.group(1), match.group(2))) not in _OPPOSITE:
                continue
            yield _at(context, "document.template-wording", Severity.ERROR, paragraph)(
                f"both words of a choice are left in: {match.group()}",
                f"模板备选用语未删除：{match.group()}",
                quote=_sentence_at(paragraph, match.start()),
                stated=match.group(),
                computed=f"{match.group(1)}或{match.group(2)}，二者择一",
            )
        instruction = _INSTRUCTION.search(paragraph.text)
        if instruction is not None:
            yield _at(context, "document.template-wording", Severity.ERROR, paragraph)(
                f"a template instruction is left in: {instruction.group()}",
                f"模板填写说明未删除：{instruction.group()}",
                quote=_sentence_at(paragraph, instruction.start()),
                stated=instruction.group(),
                computed="删除填写说明",
            )


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
        for match in _CUT.finditer(paragraph.text):
            word = match.group(1) or match.group(2)
            at_end = match.end() >= len(paragraph.text.rstrip())
            if at_end and match.group().rstrip().endswith(("：", ":")) and index + 1 < len(prose):
                continue  # 其中： / 具体包括： introducing what follows, items or headings
            if at_end and _continued(prose, index):
                continue
            yield _at(context, "document.cut-off", Severity.ERROR, paragraph)(
                f"the sentence stops after {word}",
                f"句子在「{word}」后中断",
                quote=_sentence_at(paragraph, match.start()),
                stated=word,
                computed=f"{word}……（补全内容）",
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


# ---------------------------------------------------------------------------- punctuation

_DOUBLED: Final = re.compile(r"(?<![。，.])([。，])\1(?![。，.])|。，|，。")
_PAIRS: Final = (("“", "”"), ("‘", "’"), ("（(", "）)"), ("《", "》"), ("【", "】"))


@_review(
    "document.punctuation",
    "Punctuation is single and balanced",
    "标点无重复、成对",
    Severity.WARNING,
)
def punctuation(context: Context) -> Iterator[Finding]:
    """Doubled stops (。。 ，，), and quotation marks or brackets left unmatched in a paragraph.

    Example: 「增长10.00%。。」; 「“三公经费预算0.95万元。」.
    """
    prose = _paragraphs(context)
    for paragraph in prose:
        if paragraph.contents:
            continue
        make = _at(context, "document.punctuation", Severity.WARNING, paragraph)
        for match in _DOUBLED.finditer(paragraph.text):
            yield make(
                f"doubled punctuation: {match.group()}",
                f"标点重复：{match.group()}",
                quote=_sentence_at(paragraph, match.start()),
                stated=match.group(),
                computed=match.group()[-1],
            )
        for opens, closes in _PAIRS:
            position = _unmatched(paragraph.text, opens, closes)
            if position is None or _split_pair(prose, paragraph.index, opens, closes, position):
                continue
            mark = paragraph.text[position]
            other = closes[0] if mark in opens else opens[0]
            yield make(
                f"{mark} has no matching {other}",
                f"「{mark}」缺少对应的「{other}」",
                quote=_sentence_at(paragraph, position),
                stated=mark,
                computed=f"{opens[0]}…{closes[0]}",
            )


def _split_pair(
    prose: tuple[Paragraph, ...], index: int, opens: str, closes: str, position: int
) -> bool:
    """Whether an unmatched mark is half of a pair split between two paragraphs.

    A paragraph the reader broke in two (a page end it did not join) leaves an opening
    mark unmatched at the end of one and its closing mark at the start of the next.
    """
    text = prose[index].text
    if text[position] in opens and index + 1 < len(prose):
        following = _unmatched(prose[index + 1].text, opens, closes)
        return following is not None and prose[index + 1].text[following] in closes
    if text[position] in closes and index > 0:
        before = _unmatched(prose[index - 1].text, opens, closes)
        return before is not None and prose[index - 1].text[before] in opens
    return False


def _unmatched(text: str, opens: str, closes: str) -> int | None:
    """The position of the first mark of a pair left unmatched in *text*, if any."""
    stack: list[int] = []
    for position, char in enumerate(text):
        if char in opens:
            if opens == "“" and stack and closes == "”":
                return stack[-1]  # “ … “ : the first was never closed
            stack.append(position)
        elif char in closes:
            if not stack:
                return position
            stack.pop()
    return stack[0] if stack else None


_TABLE_LINE: Final = re.compile(r"\S+\s+\S+\s+\S+")


@_review(
    "document.closing-stop",
    "Every paragraph ends with its stop",
    "段落结尾有句号",
    Severity.WARNING,
)
def closing_stop(context: Context) -> Iterator[Finding]:
    """A paragraph of running text that ends without 。 (or ；：！？) before the next item.

    Headings, contents lines and short labels are left alone; a paragraph is judged
    only when a heading or numbered item follows it (else the page break may have cut it).

    Example: 「主要原因是项目调整」 followed by 「2. …」.
    """
    if context.disclosure.template:
        return
    prose = _paragraphs(context)
    for index, paragraph in enumerate(prose):
        text = paragraph.text.strip()
        if (
            paragraph.heading
            or paragraph.contents
            or paragraph.page == 1
            or len(text) < 12
            or "，" not in re.sub(r"[（(][^（）()]*[）)]$", "", text)
            or _TABLE_LINE.search(text) is not None
        ):
            continue
        if text.rstrip("”’）)》】」』")[-1:] in STOPS or text[-1] in STOPS:
            continue
        following = prose[index + 1] if index + 1 < len(prose) else None
        if following is not None and not (following.heading or LIST_MARK.match(following.text)):
            continue
        if not _neighbour_stops(prose, index):
            continue  # its neighbours end without a stop too: the document's list style
        last = list(sentences(paragraph))[-1].text
        yield _at(context, "document.closing-stop", Severity.WARNING, paragraph)(
            "the paragraph ends without a full stop",
            "段落结尾缺少句号",
            quote=last,
            stated=text[-1],
            computed=f"{text[-1]}。",
        )


def _neighbour_stops(prose: tuple[Paragraph, ...], index: int) -> bool:
    """Whether the nearest running-text paragraph before or after *index* ends with a stop."""
    for step in (-1, 1):
        at = index + step
        while 0 <= at < len(prose) and (prose[at].heading or prose[at].contents):
            at += step
        if 0 <= at < len(prose) and _ends_with_stop(prose[at].text):
            return True
    return False


def _ends_with_stop(text: str) -> bool:
    flat = text.strip().rstrip("”’）)》】」』")
    return bool(flat) and flat[-1] in STOPS


# ---------------------------------------------------------------------------- names


@_review(
    "document.old-name",
    "Classification names are the document year's",
    "科目名称与年度相符",
    Severity.ERROR,
)
def old_name(context: Context) -> Iterator[Finding]:
    """A classification called by a name it had in another year.

    The renames are package data (``renames.tsv``): from 2019 210 is 卫生健康支出, not
    医疗卫生与计划生育支出; 207 is 文化旅游体育与传媒支出.

    Example: 「医疗卫生与计划生育支出（类）行政事业单位医疗（款）」 in a 2024 budget.
    """
    disclosure = context.disclosure
    for rename in renames():
        wrong, right = (
            (rename.old, rename.new) if disclosure.year >= rename.year else (rename.new, rename.old)
        )
        for paragraph in _paragraphs(context):
            position = paragraph.text.find(wrong)
            if position < 0 or (
                wrong == rename.old and _inside_other(paragraph.text, position, rename.new)
            ):
                continue
            yield _at(context, "document.old-name", Severity.ERROR, paragraph)(
                f"{rename.code} is called {wrong}; in {disclosure.year} its name is {right}",
                f"{rename.code}科目写作「{wrong}」，{disclosure.year}年名称为「{right}」",
                quote=_sentence_at(paragraph, position),
                stated=wrong,
                computed=right,
            )
        for table in disclosure.tables.values():
            for row in table.rows:
                if row.label.replace(" ", "") == wrong:
                    yield Finding(
                        rule="document.old-name",
                        severity=Severity.ERROR,
                        message=f"{rename.code} is called {wrong}; in {disclosure.year} its "
                        f"name is {right}",
                        message_zh=f"{rename.code}科目写作「{wrong}」，{disclosure.year}年名称为「{right}」",
                        table=table.kind,
                        row=row.key,
                        row_label=row.label,
                        location=table.location_of(row.key, None),
                        quote=row.label,
                        stated=wrong,
                        computed=right,
                    )


def _inside_other(text: str, position: int, other: str) -> bool:
    start = max(0, position - len(other))
    return other in text[start : position + len(other) + len(other)]


def _strip_name(name: str) -> str:
    return re.sub(r"[\s（）()]", "", name).removesuffix("支出")


@_review(
    "document.row-name",
    "The narrative names classifications as the tables do",
    "情况说明科目名称与报表一致",
    Severity.WARNING,
)
def row_name(context: Context) -> Iterator[Finding]:
    """A 类 the narrative names (「X（类）」) that no table row of that level is called.

    Names are compared without spaces, brackets, numbering and a trailing 支出 (the
    narrative may say 一般公共服务（类） for 一般公共服务支出). A 款's name labelled 类
    is reported as such.

    Example: 「一般公共预算服务（类）人大事务（款）」 where the tables say 一般公共服务支出.
    """
    levels = _labels(context.disclosure)
    classes = levels.get(3, set())
    if len(classes) < 2:
        return
    sections = levels.get(5, set())
    official = _official_classes(context)
    for paragraph in _paragraphs(context):
        for match in _CLASS.finditer(paragraph.text):
            printed = _LABEL_NUMBER.sub("", match.group(1))
            name = _strip_name(printed)
            if (
                not name
                or name in classes
                or any(label.endswith(name) or name.endswith(label) for label in classes)
            ):
                continue
            make = _at(context, "document.row-name", Severity.WARNING, paragraph)
            quote = _sentence_at(paragraph, match.start())
            if name in sections:
                yield make(
                    f"{printed} is a 款 of the tables, labelled 类 in the narrative",
                    f"「{printed}」在报表中是款级科目，情况说明标为「类」",
                    quote=quote,
                    stated=f"{printed}（类）",
                    computed=f"{printed}（款）",
                )
                continue
            if name in official:
                continue  # a 类 of the year the tables do not print: not a misnaming
            near = min(classes, key=lambda label: _distance(label, name))
            if 2 * sum((Counter(near) & Counter(name)).values()) < min(len(near), len(name)):
                continue  # nothing like it: more likely a word the pattern caught
            yield make(
                f"the narrative names a 类 {printed}; the tables call it {near}支出",
                f"情况说明中的类级科目「{printed}」与报表科目名称「{near}支出」不一致",
                quote=quote,
                stated=printed,
                computed=f"{near}支出",
            )


_CLASS: Final = re.compile(
    r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff、和与及]{2,20}?)\s*[（(]\s*类\s*[）)]"
)
_LABEL_NUMBER: Final = re.compile(
    r"^[\s、“]*(?:(?:\d+|[一二三四五六七八九十]+)\s*[、.．]|[（(](?:\d+|[一二三四五六七八九十]+)[）)])?[\s、“]*"
)


def _official_classes(context: Context) -> set[str]:
    """The 类 names of the document's year in the catalogue, normalised (empty without one)."""
    names = context.names
    if names is None:
        return set()
    out: set[str] = set()
    for number in range(201, 240):
        try:
            name = names.official_name(FunctionCode(str(number)), context.disclosure.year)
        except (ValueError, LookupError):
            continue
        if name:
            out.add(_strip_name(name))
    return out


def _labels(disclosure: Disclosure) -> dict[int, set[str]]:
    """The function classification's row names by level (3, 5, 7 digits), normalised."""
    out: dict[int, set[str]] = {}
    for table in disclosure.tables.values():
        for row in table.rows:
            code = row.code
            if isinstance(code, FunctionCode) and row.label:
                name = _strip_name(_LABEL_NUMBER.sub("", row.label))
                out.setdefault(len(code.digits), set()).add(name)
    return out


def _distance(a: str, b: str) -> int:
    shared = Counter(a) & Counter(b)
    return len(a) + len(b) - 2 * sum(shared.values())


# ---------------------------------------------------------------------------- numbers

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


# ---------------------------------------------------------------------------- contents

_LEADERS: Final = re.compile(r"[…．.·\-—_\s]{2,}\d*\s*$")
_NUMBERING: Final = re.compile(
    r"^\s*[-–•]?\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}\s*[、.．](?!\d)|\d{1,2}\s+(?!\d))\s*"
)


def _key(text: str, department: str = "") -> str:
    """A heading or contents entry reduced for comparison.

    Numbering, leaders, years, the department's name and a 部门/单位 prefix are left out.
    """
    flat = _LEADERS.sub("", text)
    flat = _NUMBERING.sub("", flat)
    flat = re.sub(r"(?:19|20)\d{2}\s*年度?", "", flat)
    flat = re.sub(r"[\s“”\"‘’「」]", "", flat)
    if department:
        flat = flat.replace(department, "")
    flat = re.sub(r"^(?:X+|本)?[（(]?(?:部门|单位)[）)]?", "", flat)
    return flat.removesuffix("的").strip()


def _subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)


def _matches(entry: str, body: str) -> bool:
    """Whether a body heading is the contents entry, give or take a few words."""
    if not entry or not body:
        return False
    if entry == body or body.startswith(entry):
        return True
    if len(entry) >= 4 and entry in body and len(body) <= len(entry) + 12:
        return True
    if len(body) >= 6 and (entry.endswith(body) or entry.startswith(body)):
        return len(body) >= 0.7 * len(entry)  # 情况 for 情况说明; a title without its prefix
    return len(entry) >= 4 and len(body) <= len(entry) + 6 and _subsequence(entry, body)


_TABLE_ENTRY: Final = re.compile(r"表$")
_TABLES_PART: Final = re.compile(r"^(?:部门|单位)?(?:预算|决算)(?:公开)?表$")


def _entries(context: Context) -> list[Paragraph]:
    department = context.disclosure.department
    return [
        p
        for p in _paragraphs(context)
        if p.contents and _key(p.text, department) not in ("目录", "目次", "")
    ]


def _body(context: Context) -> list[tuple[str, int | None, bool]]:
    """Every short paragraph of the body and every table's title, in page order.

    Each as (key, page, whether it is a table's title).
    """
    department = context.disclosure.department
    out: list[tuple[int, int, str, int | None, bool]] = []
    for paragraph in _paragraphs(context):
        if paragraph.contents or paragraph.page == 1:
            continue
        if paragraph.heading or len(paragraph.text) <= 50:
            page = paragraph.page if paragraph.page is not None else 0
            out.append(
                (page, paragraph.index, _key(paragraph.text, department), paragraph.page, False)
            )
        else:  # a heading printed on the line of its first sentence
            page = paragraph.page if paragraph.page is not None else 0
            head = re.split(r"[。，：:；]", paragraph.text, maxsplit=1)[0]
            out.append((page, paragraph.index, _key(head, department), paragraph.page, False))
    for table in context.disclosure.tables.values():
        try:
            page = int(table.location.page or 0)
        except ValueError:
            page = 0
        for title in {table.title, table.kind.label}:
            out.append((page, -1, _key(title, department), page or None, True))
    if all(item[3] is None for item in out):
        return [(key, at, table) for _p, _i, key, at, table in out]
    out.sort(key=lambda item: (item[0], item[1]))
    return [(key, at, table) for _p, _i, key, at, table in out]


@_review(
    "document.contents",
    "The contents match the document",
    "目录与正文一致",
    Severity.WARNING,
)
def contents(context: Context) -> Iterator[Finding]:
    """A section or table the contents (目录) list that is absent or out of order.

    Each entry is looked for among the headings and table titles (numbering, leaders,
    years, the department's name and spaces left out); a listed entry found nowhere is
    reported, and the first entry found out of the contents' order. Entries for tables
    are not judged when the document holds no table (tables published in another file).

    Example: the contents list 七、项目经费情况说明, the document has no such section.
    """
    entries = _entries(context)
    body = _body(context)
    if not entries or not body:
        return
    department = context.disclosure.department
    has_tables = bool(context.disclosure.tables)
    judged = [e for e in entries if not _TABLE_ENTRY.search(_key(e.text, department))]
    absent = [e for e in judged if not any(_matches(_key(e.text, department), b) for b, *_ in body)]
    if len(absent) * 2 > len(judged):
        return  # most entries unmatched: the body's text is not readable (a scan), not absent
    cursor = 0
    reported_order = False
    for entry in entries:
        key = _key(entry.text, department)
        if _TABLE_ENTRY.search(key) and (not has_tables or _TABLES_PART.match(key)):
            continue
        hits = [i for i, (b, _at, _t) in enumerate(body) if _matches(key, b)]
        if not hits:
            yield _at(context, "document.contents", Severity.WARNING, entry)(
                f"the contents list {key}; the document has no such section or table",
                f"目录列有「{key}」，正文中没有该部分或表格",
                quote=_LEADERS.sub("", entry.text),
                stated=key,
                computed="目录与正文一致",
            )
            continue
        if all(body[i][2] and body[i][1] is None for i in hits):
            continue  # a table of a format without pages: its place is not known
        ahead = [i for i in hits if i >= cursor]
        if ahead:
            cursor = ahead[0]
            continue
        if not reported_order:
            reported_order = True
            yield _at(context, "document.contents", Severity.WARNING, entry)(
                f"{key} is printed in another place than the contents give",
                f"「{key}」在正文中的位置与目录顺序不一致",
                quote=_LEADERS.sub("", entry.text),
                stated=key,
                computed="按目录顺序排列",
            )


def sections_rule(data: Sections | None = None) -> Callable[[Context], Iterator[Finding]]:
    """The function of ``document.sections`` judging against *data* (shipped by default).

    To check against your own list, load it with
    :func:`~govbudget.review.data.load_sections` and register the rule again::

        REGISTRY.remove("document.sections")
        rule("document.sections", "Required sections are present", "必备内容齐全",
             severity=Severity.WARNING)(sections_rule(load_sections("mine.json")))

    .. versionadded:: 0.2
    """

    def required(context: Context) -> Iterator[Finding]:
        """A section the family and region require that the document does not hold.

        The required sections are package data (``sections.json``) per family and region
        (Shanghai, Jiangsu, and ``*`` elsewhere); pass your own with :func:`sections_rule`.
        Headings, contents entries and the starts of paragraphs are searched.

        Example: a Shanghai budget without 名词解释.
        """
        disclosure = context.disclosure
        found = _paragraphs(context)
        if not disclosure.pages and not any(p.contents for p in found):
            return  # an excerpt (no pages, no contents): not a whole document to judge
        text = [p.text.replace(" ", "") for p in found if p.page != 1]
        if not text:
            return
        heads = [t[:60] for t in text]
        region = region_of(disclosure.department)
        for wordings in required_sections(disclosure.family, region, data):
            if any(w in h for w in wordings for h in heads):
                continue
            yield _finding(
                context,
                "document.sections",
                Severity.WARNING,
                f"no section on {wordings[0]}",
                f"缺少「{wordings[0]}」部分",
                page=None,
                stated="（无）",
                computed=wordings[0],
            )

    return required


_review(
    "document.sections",
    "Required sections are present",
    "必备内容齐全",
    Severity.WARNING,
)(sections_rule())


@_review(
    "document.empty-table",
    "A table without data says so",
    "无数据的表注明此表无数据",
    Severity.WARNING,
)
def empty_table(context: Context) -> Iterator[Finding]:
    """A table printed with no rows that does not say 此表无数据 (or 本表无数据).

    Example: 政府性基金预算支出功能分类预算表 printed with its header only.
    """
    if context.disclosure.template:
        return
    for table in context.disclosure.tables.values():
        if table.rows or table.no_data:
            continue
        yield Finding(
            rule="document.empty-table",
            severity=Severity.WARNING,
            message="the table has no rows and does not say 此表无数据",
            message_zh="表内无数据，但未注明「此表无数据」",
            table=table.kind,
            location=table.location.evolve(table=table.kind.label),
            stated="（空表）",
            computed="此表无数据",
        )


# ---------------------------------------------------------------------------- stated changes

_N: Final = r"(\d[\d,]*(?:\.\d+)?)"
_OUTTURN: Final = re.compile(
    r"(?:预算数?|年初预算数?)为"
    + _N
    + r"\s*万元[，,]\s*(?:支出)?决算数?为"
    + _N
    + r"\s*万元[，,]\s*完成(?:年初)?预算的"
    + _N
    + r"\s*%"
)
_VERSUS: Final = re.compile(r"决算数?(大于|小于|等于|多于|少于)(?:年初)?预算数?")
_ON_LAST: Final = re.compile(
    r"(?:上年|\d{4}\s*年)(?:当年)?预算执行数为" + _N + r"\s*万元[，,]\s*(?:本年|\d{4}\s*年)"
    r"(?:预算)?安排"
    + _N
    + r"\s*万元[，,]\s*(?:比|较)[^，。；]{0,16}?(增加|减少|增长|下降|持平)\s*"
    + r"(?:"
    + _N
    + r"\s*%)?"
)
_UP: Final = frozenset({"增加", "增长", "大于", "多于"})
_DOWN: Final = frozenset({"减少", "下降", "小于", "少于"})


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _half(text: str) -> Decimal:
    """Half a unit of the last printed place: the rounding radius of *text*."""
    places = len(text.split(".")[1]) if "." in text else 0
    return Decimal(5) / Decimal(10) ** (places + 1)


def _ratio_range(top: str, base: str, *, minus_one: bool) -> tuple[Decimal, Decimal] | None:
    """The smallest and largest 100 × top / base (− 100) the printed amounts allow."""
    t, b = _number(top), _number(base)
    dt, db = _half(top), _half(base)
    if b - db <= 0:
        return None
    corners = [(t + x) / (b + y) for x in (-dt, dt) for y in (-db, db)]
    shift = Decimal(100) if minus_one else Decimal(0)
    return min(corners) * 100 - shift, max(corners) * 100 - shift


def _rate_ok(printed: str, low: Decimal, high: Decimal) -> bool:
    """Whether the printed rate fits [low, high] at its precision, or at whole percent."""
    rate, half = _number(printed), _half(printed)
    if rate + half >= low and rate - half <= high:
        return True
    return rate + 1 >= low and rate - 1 <= high  # printed coarser than its decimals claim


def _shown_rate(low: Decimal, high: Decimal, printed: str) -> str:
    places = len(printed.split(".")[1]) if "." in printed else 2
    middle = (low + high) / 2
    return f"{middle.quantize(Decimal(1).scaleb(-max(places, 2)), rounding=ROUND_HALF_UP)}%"


@_review(
    "document.stated-change",
    "A stated change agrees with its own two amounts",
    "增减表述与所列两个金额相符",
    Severity.WARNING,
)
def stated_change(context: Context) -> Iterator[Finding]:
    """A change whose word or rate contradicts the two amounts the same sentence gives.

    Two shapes are read: 「年初预算为A万元，支出决算为B万元，完成年初预算的R%」 (R is
    B ÷ A, and a following 决算数大于/小于/等于年初预算数 must agree with B against A),
    and 「YYYY年预算执行数为A万元，YYYY年预算安排B万元，比…减少R%」 (the word is the
    sign of B − A, R is |B − A| ÷ A). Rates are judged at the precision printed (or at
    whole percent, as some documents print 111.0% for 111.46%).

    Example: 「年初预算为10.00万元，支出决算为12.00万元，完成年初预算的80.00%。决算数
    小于年初预算数」.
    """
    for paragraph in _paragraphs(context):
        make = _at(context, "document.stated-change", Severity.WARNING, paragraph)
        for match in _OUTTURN.finditer(paragraph.text):
            base, outturn, rate = match.groups()
            quote = _sentence_at(paragraph, match.start())
            span = _ratio_range(outturn, base, minus_one=False)
            if span is not None and not _rate_ok(rate, *span):
                yield make(
                    f"{rate}% of the budget stated; {outturn} of {base} is "
                    f"{_shown_rate(*span, rate)}",
                    f"完成预算的{rate}%与所列金额不符："
                    f"{outturn}÷{base}为{_shown_rate(*span, rate)}",
                    quote=quote,
                    stated=f"{rate}%",
                    computed=_shown_rate(*span, rate),
                )
            word = _VERSUS.search(paragraph.text, match.end(), match.end() + 40)
            if word is not None:
                expected = _compare_word(_number(outturn), _number(base))
                if expected is not None and word.group(1) not in expected:
                    yield make(
                        f"决算数{word.group(1)}年初预算数 is stated; {outturn} against {base} "
                        f"is {expected[0]}",
                        f"「决算数{word.group(1)}预算数」与所列金额不符：{outturn}对{base}应为"
                        f"「{expected[0]}」",
                        quote=_sentence_at(paragraph, word.start()),
                        stated=word.group(1),
                        computed=expected[0],
                    )
        for match in _ON_LAST.finditer(paragraph.text):
            base, new, said, rate = match.groups()
            a, b = _number(base), _number(new)
            quote = _sentence_at(paragraph, match.start())
            direction = "持平" if a == b else "增加" if b > a else "减少"
            if (said in _UP and b < a) or (said in _DOWN and b > a) or (said == "持平" and a != b):
                yield make(
                    f"{said} is stated; {new} against {base} is a change of the other kind",
                    f"「{said}」与所列金额不符：{base}万元到{new}万元应为「{direction}」",
                    quote=quote,
                    stated=said,
                    computed=direction,
                )
                continue
            if rate is None or a == b:
                continue
            span = _ratio_range(new, base, minus_one=True)
            if span is None:
                continue
            low, high = sorted((abs(span[0]), abs(span[1])))
            if not _rate_ok(rate, low, high):
                yield make(
                    f"a change of {rate}% is stated; {base} to {new} is "
                    f"{_shown_rate(low, high, rate)}",
                    f"变动率{rate}%与所列金额不符：{base}万元到{new}万元为"
                    f"{_shown_rate(low, high, rate)}",
                    quote=quote,
                    stated=f"{rate}%",
                    computed=_shown_rate(low, high, rate),
                )


def _compare_word(outturn: Decimal, base: Decimal) -> tuple[str, ...] | None:
    if outturn > base:
        return ("大于", "多于")
    if outturn < base:
        return ("小于", "少于")
    return ("等于",)
