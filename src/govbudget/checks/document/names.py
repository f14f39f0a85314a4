"""Names: classification names of another year, and the narrative's 类 against the tables."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from typing import Final

from govbudget.catalogue import Catalogue, Change
from govbudget.checks.document._common import _at, _paragraphs, _review, _sentence_at
from govbudget.checks.registry import Context
from govbudget.codes import FunctionCode, Scheme
from govbudget.disclosure import Disclosure
from govbudget.report import Finding, Severity

__all__ = ["old_name", "row_name"]


@_review(
    "document.old-name",
    "Classification names are the document year's",
    "科目名称与年度相符",
    Severity.ERROR,
)
def old_name(context: Context) -> Iterator[Finding]:
    """A classification called by a name it had in another year.

    The renames are the catalogue's (:meth:`govbudget.catalogue.Catalogue.renames`, each
    with its source): from 2019 210 is 卫生健康支出, not 医疗卫生与计划生育支出; 207 is
    文化旅游体育与传媒支出. Where a source gives no year, only the years on either side of
    the change's bracket are judged (the old name after the first year the new one is seen,
    the new name up to the last year the old one is). A table row printing an old name is
    the ``catalogue.code`` rule's finding, not this one's.

    Example: 「医疗卫生与计划生育支出（类）行政事业单位医疗（款）」 in a 2024 budget.
    """
    disclosure = context.disclosure
    for rename in Catalogue().renames(Scheme.FUNCTIONAL):
        judged = _wrong_and_right(rename, disclosure.year)
        if judged is None:
            continue  # the year lies inside the change's bracket: either name may be right
        wrong, right = judged
        for paragraph in _paragraphs(context):
            position = paragraph.text.find(wrong)
            if position < 0 or (
                wrong == rename.old and _inside_other(paragraph.text, position, rename.new)
            ):
                continue
            yield _at(context, "document.old-name", Severity.ERROR, paragraph)(
                f"{rename.code} is called {wrong}; in {disclosure.year} its name is {right} "
                f"(renamed {rename.when})",
                f"{rename.code}科目写作「{wrong}」，{disclosure.year}年名称为「{right}」"
                f"（{rename.when_zh}更名）",
                quote=_sentence_at(paragraph, position),
                stated=wrong,
                computed=right,
            )


def _wrong_and_right(rename: Change, year: int) -> tuple[str, str] | None:
    """The name that is out of date in *year* and the one in force, or ``None`` when unsure."""
    if year >= rename.last_possible:
        return rename.old, rename.new
    if year < rename.first_possible:
        return rename.new, rename.old
    return None


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
    named = [(p, found) for p in _paragraphs(context) if (found := _named_classes(p.text))]
    if not named:
        return  # no 「X（类）」 in the text: the tables' labels are not read
    levels = _labels(context.disclosure)
    classes = levels.get(3, set())
    if len(classes) < 2:
        return
    sections = levels.get(5, set())
    official: set[str] | None = None  # read from the catalogue only when a name needs it
    for paragraph, found in named:
        for start, printed, name in found:
            if (
                not name
                or name in classes
                or any(label.endswith(name) or name.endswith(label) for label in classes)
            ):
                continue
            make = _at(context, "document.row-name", Severity.WARNING, paragraph)
            quote = _sentence_at(paragraph, start)
            if name in sections:
                yield make(
                    f"{printed} is a 款 of the tables, labelled 类 in the narrative",
                    f"「{printed}」在报表中是款级科目，情况说明标为「类」",
                    quote=quote,
                    stated=f"{printed}（类）",
                    computed=f"{printed}（款）",
                )
                continue
            if official is None:
                official = _official_classes(context)
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


@functools.lru_cache(maxsize=1024)
def _named_classes(text: str) -> tuple[tuple[int, str, str], ...]:
    """Each 「X（类）」 of *text*: where, the name printed and as compared (once per text)."""
    found: list[tuple[int, str, str]] = []
    for match in _CLASS.finditer(text):
        printed = _LABEL_NUMBER.sub("", match.group(1))
        found.append((match.start(), printed, _strip_name(printed)))
    return tuple(found)


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
                name = _label_name(row.label)
                out.setdefault(len(code.digits), set()).add(name)
    return out


@functools.lru_cache(maxsize=1024)
def _label_name(label: str) -> str:
    """A row's label as names are compared: no numbering, brackets, spaces or 支出."""
    return _strip_name(_LABEL_NUMBER.sub("", label))


def _distance(a: str, b: str) -> int:
    shared = Counter(a) & Counter(b)
    return len(a) + len(b) - 2 * sum(shared.values())
