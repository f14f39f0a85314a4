"""What a document prints around its tables, read one way for every format.

Every reader (PDF, extracted text, Excel) meets the same printed words: a table's title
(and the kind of table it names, :func:`kind_of`),
its number (公开02表), its unit (单位：万元), the department (部门：…, 编制单位：…), notes
under it (注：…), the cover (year, department, 部门预算 or 部门决算) and, in blank
templates, placeholders (``XX``). This module reads them; the readers only say which
lines they saw where.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Final

import attrs

from govbudget.tables import SPECS
from govbudget.tables.base import Family, TableKind

__all__ = [
    "DEPARTMENT",
    "NOTE",
    "NUMBER",
    "NUMBERING",
    "PLACEHOLDER",
    "TEMPLATE_PLACEHOLDERS",
    "TITLE_YEAR",
    "UNIT",
    "YEAR",
    "Heading",
    "compact",
    "cover_department",
    "department_in",
    "family_in",
    "heading",
    "is_heading_line",
    "is_note",
    "is_placeholder_cell",
    "is_template",
    "is_title",
    "kind_of",
    "number_in",
    "placeholders",
    "title_of",
    "unit_in",
    "year_in",
]

_QUOTES: Final = str.maketrans("", "", " \u3000\t“”‘’\"'「」『』")

#: A table's number as printed: ``公开02表``, ``公开 02 表``, ``02表``.
NUMBER: Final = re.compile(r"(?:公开)?\s*(\d{1,2})\s*表")
_NUMBER_PREFIX: Final = re.compile(
    r"^(公开\s*\d{1,2}\s*表|附表\s*\d{1,2}|表\s*\d{1,2})\s*[：:、.]?\s*"
)
#: A unit line: ``单位：万元``, ``金额单位：元`` (元, 千元, 万元, 亿元).
UNIT: Final = re.compile(r"(?:金额)?单位\s*[：:]\s*(亿元|千元|万元|元)")
#: A department line: ``部门：…``, ``部门名称：…``, ``编制部门：…``, ``编制单位：…``,
#: ``单位名称：…``, ``预算主管部门：…``, ``预算单位：…``; the name runs to a tab, two
#: spaces, the unit or the number.
DEPARTMENT: Final = re.compile(
    r"(?:预算主管部门|预算单位|编制部门|编制单位|单位名称|部门名称|部门)\s*[：:]\s*"
    r"(?P<name>[^\t]*?)\s*(?=\t|\s{2,}|(?:金额)?单位\s*[：:]|公开\s*\d|$)"
)
#: A year as printed: ``2024年``, ``2024 年度``.
YEAR: Final = re.compile(r"((?:19|20)\d{2})\s*年")
#: The start of a note under a table: ``注：``, ``说明：``.
NOTE: Final = re.compile(r"^\s*(?:注|说明)\s*[：:]")
#: A placeholder of a blank template: ``XX``, ``XXX.XX``, ``XX%``.
PLACEHOLDER: Final = re.compile(r"X{2,}(?:\.X+)?%?|x{2,}")
_PLACEHOLDER_CELL: Final = re.compile(r"X{2,}(?:\.X+)?%?|x{2,}", re.IGNORECASE)
_TITLE_TAIL: Final = re.compile(r"[（(][^）)]{1,12}[）)]$")
_GENERIC_TITLE: Final = re.compile(r"^(?!.*(?:部分|年度))[^\s、，。：:]{4,40}(?:决算|预算)表$")
_FAMILY: Final = re.compile(r"(决算|预算)")
_COVER_YEAR: Final = re.compile(r"(?:19|20)\d{2}\s*年?度?")

#: How many placeholders make a document a template (when its department is not one).
TEMPLATE_PLACEHOLDERS: Final = 3


_QUOTE_MARKS: Final = dict.fromkeys(map(ord, "“”\"'‘’「」『』"))
_SPACES: Final = re.compile(r"\s+")
#: List numbering before a label or heading (``一、``, ``（一）``, ``1.``).
NUMBERING: Final = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、])"
)
#: A year printed before a title or header: ``2025年``, ``2024年度``.
TITLE_YEAR: Final = re.compile(r"^\d{4}年度?")


def compact(text: str) -> str:
    """Text as compared with known titles, headers and labels.

    NFKC, no whitespace (cells wrap anywhere), no quote marks.

    >>> compact("财政拨 款收入"), compact("“三公”经费")
    ('财政拨款收入', '三公经费')
    """
    return _SPACES.sub("", unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS))


_TITLES: Final[dict[str, TableKind]] = {
    compact(title): spec.kind
    for spec in SPECS.values()
    for title in (spec.kind.value, *spec.titles)
}
_BY_LENGTH: Final = sorted(_TITLES, key=len, reverse=True)
_TITLE_NOISE: Final = re.compile(r"[(（][^)）]*[)）]$|^公开\d+表")


def kind_of(title: str) -> TableKind | None:
    """The kind of table a printed title names, or ``None``.

    A title is known by its own words or by how it ends: budgets print the year, the
    department and 部门/单位 before the kind's name (``2025年部门收入预算总表``,
    ``一、2017年度江苏省高级人民法院部门收支预算总表``) and sometimes a note after it
    (``财政拨款支出预算表（功能科目）``); the longest known name the title ends with wins.

    >>> kind_of("财政拨款 三公 经费支出决算表")
    <TableKind.THREE_PUBLIC: '“三公”经费支出决算表'>
    >>> kind_of("四、2017年度江苏省高级人民法院部门财政拨款收支预算总表")
    <TableKind.BUDGET_APPROPRIATION_SUMMARY: '财政拨款收支预算总表'>
    """
    bare = NUMBERING.sub("", compact(title))
    found = _TITLES.get(bare)
    if found is not None:
        return found
    bare = TITLE_YEAR.sub("", _TITLE_NOISE.sub("", bare))
    found = _TITLES.get(bare) or _TITLES.get(_TITLE_NOISE.sub("", bare))
    if found is not None:
        return found
    return next((_TITLES[known] for known in _BY_LENGTH if bare.endswith(known)), None)


def unit_in(text: str) -> str | None:
    """The unit a unit line prints (``"万元"``), or ``None``.

    >>> unit_in("部门：某局  单位：亿元"), unit_in("收入决算表")
    ('亿元', None)
    """
    found = UNIT.search(text)
    return found.group(1) if found else None


def department_in(text: str) -> str | None:
    """The department a labelled line names (``编制部门：上海市普陀区财政局``), or ``None``.

    >>> department_in("编制部门：上海市普陀区财政局 单位：元")
    '上海市普陀区财政局'
    >>> department_in("部门名称：江苏省人大常委会办公厅 单位：万元")
    '江苏省人大常委会办公厅'
    """
    found = DEPARTMENT.search(text)
    if found is None:
        return None
    name = found["name"].strip()
    return name or None


def number_in(text: str) -> str | None:
    """The table number a line prints, normalised (``"公开02表"``), or ``None``."""
    found = re.search(r"公开\s*(\d{1,2})\s*表", text)
    return f"公开{int(found[1]):02d}表" if found else None


def year_in(text: str) -> int | None:
    """The first year the text prints (``2024年``, ``2024年度``), or ``None``.

    >>> year_in("上海市普陀区2025年区级部门预算"), year_in("公开01表")
    (2025, None)
    """
    found = YEAR.search(text)
    return int(found.group(1)) if found else None


def is_note(line: str) -> bool:
    """Whether a line starts a note under a table (``注：``, ``说明：``)."""
    return NOTE.match(line) is not None


def placeholders(text: str) -> int:
    """How many template placeholders (``XX``, ``XXX.XX``) the text prints."""
    return len(PLACEHOLDER.findall(text))


def is_placeholder_cell(text: str) -> bool:
    """Whether a cell prints a placeholder instead of a figure (``XX``, ``XX.XX``)."""
    return _PLACEHOLDER_CELL.fullmatch(compact(text)) is not None


def is_template(department: str | None, texts: Iterable[str]) -> bool:
    """Whether a document is a blank template: the one rule for every reader.

    It is when its department is a placeholder (``上海市XX局``), or when it prints
    placeholders in at least :data:`TEMPLATE_PLACEHOLDERS` places (narrative, titles,
    cells). One stray ``XX`` in a published document does not make it a template.

    >>> is_template("上海市XX局", []), is_template(None, ["XX", "XX.XX", "XX"])
    (True, True)
    >>> is_template("某局", ["型号XX"])
    False
    """
    if department and PLACEHOLDER.search(department):
        return True
    count = 0
    for text in texts:
        count += placeholders(text)
        if count >= TEMPLATE_PLACEHOLDERS:
            return True
    return False


def family_in(text: str) -> Family | None:
    """The family a cover or heading names: the first of 预算 / 决算 it prints.

    >>> family_in("上海市普陀区2025年区级部门预算"), family_in("2024年度部门决算")
    (<Family.BUDGET: '预算'>, <Family.FINAL: '决算'>)
    """
    found = _FAMILY.search(compact(text))
    if found is None:
        return None
    return Family.BUDGET if found.group(1) == "预算" else Family.FINAL


def _strip(text: str) -> str:
    """A heading line without its number, unit, department, quotes and spaces."""
    flat = text.translate(_QUOTES)
    found = _NUMBER_PREFIX.match(flat)
    title = flat[found.end() :] if found else flat
    return UNIT.sub("", DEPARTMENT.sub("", title))


def is_title(text: str) -> bool:
    """Whether a printed line is a table's title.

    A title ends in 表, or in 表 and a short note in brackets (``…预算表（功能科目）``),
    is at most 40 characters (60 when it names a known kind of table, as the older sets
    print department and year inside), is not a bare number (``公开02表``) and holds no
    full stop.

    >>> is_title("财政拨款支出预算表（功能科目）"), is_title("公开 05表")
    (True, False)
    """
    title = _strip(text)
    if not title or "。" in title or NUMBER.fullmatch(title):
        return False
    if kind_of(title) is not None:
        return len(title) <= 60  # the older sets print department and year inside
    return len(title) <= 40 and _TITLE_TAIL.sub("", title).endswith("表")


def title_of(text: str) -> str | None:
    """The title a text line prints, number and unit removed, when it is a table's title.

    Stricter than :func:`is_title`, for lines of extracted text where a narrative line
    may end in 表: the title names a known kind, or is one word ending in 决算表/预算表
    with no 部分 or 年度 in it.

    >>> title_of("公开02表 收入决算表"), title_of("第二部分 2018年度部门预算表")
    ('收入决算表', None)
    """
    line = text.strip()
    flat = compact(line)
    if kind_of(flat) is None and not _GENERIC_TITLE.match(flat):
        return None
    return re.sub(r"公开\s*(\d{1,2})\s*表", "", line).strip()


def is_heading_line(text: str) -> bool:
    """Whether a line only gives a table's number, unit or department.

    >>> is_heading_line("部门： 某局  单位：万元"), is_heading_line("项目 金额")
    (True, False)
    """
    flat = text.translate(_QUOTES)
    if not flat:
        return False
    rest = _NUMBER_PREFIX.sub("", UNIT.sub("", DEPARTMENT.sub("", flat)))
    return not rest or NUMBER.fullmatch(rest) is not None


@attrs.frozen
class Heading:
    """A table's heading: title, number, unit and department, as printed over it.

    Attributes:
        start: How many of the lines given precede the heading (they are narrative).
        title: The title, quote marks kept, spaces, number, unit and department removed.
        number: The number (``公开02表``) as printed, if any.
        unit: The unit (``万元``), if printed.
        department: The department, if printed.

    .. versionadded:: 0.2
    """

    start: int
    title: str
    number: str | None = None
    unit: str | None = None
    department: str | None = None

    def astuple(self) -> tuple[int, str, str | None, str | None, str | None]:
        """The heading as ``(start, title, number, unit, department)``."""
        return (self.start, self.title, self.number, self.unit, self.department)


def heading(lines: Sequence[str]) -> Heading | None:
    """Find a table's title among the lines printed above it, nearest first.

    The lines between the title and the table may only give the number, unit and
    department; a department wrapped onto a line of its own (``部门名称：江苏省人大`` /
    ``常委会办公厅``) is joined back. ``None`` when no title sits close above.

    >>> heading(["公开02表", "收入预算总表", "部门：某局 单位：万元"])
    Heading(start=0, title='收入预算总表', number='公开02表', unit='万元', department='某局')
    """
    number = unit = department = None
    tail = ""  # a line under 部门名称： that continues the department's name
    for position in range(len(lines) - 1, max(-1, len(lines) - 7), -1):
        text = lines[position]
        flat = text.translate(_QUOTES)
        if not flat:
            continue
        unit = unit or unit_in(text)
        named = department_in(text)
        if named is not None and department is None:
            department = named + tail
        found = _NUMBER_PREFIX.match(flat)
        if found and number is None:
            number = found.group(1)
        title = _strip(text)
        if is_title(text):
            printed = text.strip()
            if found:
                printed = _NUMBER_PREFIX.sub("", printed.replace(" ", ""))
            start = position
            previous = lines[start - 1].translate(_QUOTES) if start else ""
            if number is None and NUMBER.fullmatch(previous):
                number, start = previous, start - 1  # the number printed over the title
            return Heading(start, _printed_title(printed, title), number, unit, department)
        if NUMBER.fullmatch(flat) and number is None:
            number = flat
        if UNIT.search(text) or DEPARTMENT.search(text) or NUMBER.fullmatch(flat):
            continue
        if not tail and department is None and position == len(lines) - 1 and _wrapped(lines):
            tail = flat  # the wrapped end of the department's name, printed under it
            continue
        return None
    return None


def _wrapped(lines: Sequence[str]) -> bool:
    """Whether the last line may be the end of a department's name cut short above it.

    It may when one of the two lines above it is a department label with no unit beside
    it (the unit took the rest of the row), and it is a short run of words.
    """
    last = lines[-1].translate(_QUOTES) if lines else ""
    if not last or len(last) > 20 or any(mark in last for mark in "。，；：:"):
        return False
    return any(DEPARTMENT.search(line) and not UNIT.search(line) for line in lines[-3:-1])


def _printed_title(printed: str, flat: str) -> str:
    """The title as printed (quote marks kept), without spaces, unit or department."""
    kept = "".join(ch for ch in printed if not ch.isspace())
    kept = UNIT.sub("", DEPARTMENT.sub("", kept))
    return kept if kept.translate(_QUOTES) == flat else flat


def cover_department(text: str) -> str | None:
    """The department a cover names.

    A labelled line wins (``预算主管部门：…``, ``预算单位：…``, ``编制部门：…``); else the
    words before 部门决算 / 部门预算 (``上海市普陀区财政局2024年度部门决算``), with the
    year taken out.

    >>> cover_department("上海市普陀区2025年区级部门预算 预算主管部门：上海市普陀区财政局")
    '上海市普陀区财政局'
    """
    labelled = department_in(text)
    if labelled is not None:
        return labelled
    flat = text.replace(" ", "")
    rest = _COVER_YEAR.sub("", flat, count=1) if YEAR.search(flat) else flat
    kind = re.search(r"(?:年度)?(?:部门|单位)?(?:决算|预算)", rest)
    if kind is None or kind.start() == 0:
        return None
    return rest[: kind.start()]
