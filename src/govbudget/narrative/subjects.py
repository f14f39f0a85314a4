"""What the narrative's words refer to: table cells named by subject, class or path.

:func:`bind` takes the subject of a claim (本年收入合计, 基本支出, 人员经费, “三公”经费 items,
a functional class such as ``一般公共服务支出（类）``) or the path a paragraph is about
(``一般公共服务支出（类）财政事务（款）行政运行（项）``) and finds the cells that hold its
figure. A class or path whose printed name differs from the table's is still bound, by
the closest name, and the binding says so (a garbled name is worth a warning).
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from decimal import Decimal
from typing import Final

import attrs

from govbudget.amount import Amount, Interval, Unit, total
from govbudget.disclosure import Disclosure
from govbudget.tables.base import CellRef, Row, Table, TableKind
from govbudget.tables.final_accounts import CATEGORY_CODES

__all__ = ["Binding", "Renamed", "bind", "bind_path", "category_in", "compact", "path_in"]

_K = TableKind

#: Subjects by the words naming them, longest first so the most specific wins.
_SUBJECTS: Final[tuple[tuple[str, TableKind, str, str], ...]] = tuple(
    sorted(
        (
            ("财政拨款收入支出总计", _K.APPROPRIATION_SUMMARY, "income_grand_total", "amount"),
            ("财政拨款收、支总计", _K.APPROPRIATION_SUMMARY, "income_grand_total", "amount"),
            ("财政拨款收支总计", _K.APPROPRIATION_SUMMARY, "income_grand_total", "amount"),
            ("收入支出总计", _K.INCOME_EXPENDITURE_SUMMARY, "income_grand_total", "amount"),
            ("收入、支出总计", _K.INCOME_EXPENDITURE_SUMMARY, "income_grand_total", "amount"),
            ("收、支总计", _K.INCOME_EXPENDITURE_SUMMARY, "income_grand_total", "amount"),
            ("收支总计", _K.INCOME_EXPENDITURE_SUMMARY, "income_grand_total", "amount"),
            ("本年收入合计", _K.INCOME_EXPENDITURE_SUMMARY, "income_total", "amount"),
            ("本年支出合计", _K.INCOME_EXPENDITURE_SUMMARY, "expenditure_total", "amount"),
            ("一般公共预算财政拨款基本支出", _K.GENERAL_BUDGET_EXPENDITURE, "total", "basic"),
            ("一般公共预算财政拨款项目支出", _K.GENERAL_BUDGET_EXPENDITURE, "total", "project"),
            ("一般公共预算财政拨款支出", _K.GENERAL_BUDGET_EXPENDITURE, "total", "total"),
            ("财政拨款收入", _K.INCOME, "total", "appropriation"),
            ("上级补助收入", _K.INCOME, "total", "superior_subsidy"),
            ("事业收入", _K.INCOME, "total", "business"),
            ("经营收入", _K.INCOME, "total", "operating"),
            ("附属单位上缴收入", _K.INCOME, "total", "affiliated"),
            ("其他收入", _K.INCOME, "total", "other"),
            ("基本支出", _K.EXPENDITURE, "total", "basic"),
            ("项目支出", _K.EXPENDITURE, "total", "project"),
            ("上缴上级支出", _K.EXPENDITURE, "total", "remit_superior"),
            ("经营支出", _K.EXPENDITURE, "total", "operating"),
            ("对附属单位补助支出", _K.EXPENDITURE, "total", "affiliated_subsidy"),
            ("人员经费", _K.GENERAL_BUDGET_BASIC_EXPENDITURE, "personnel_total", "amount"),
            ("公用经费", _K.GENERAL_BUDGET_BASIC_EXPENDITURE, "public_total", "amount"),
        ),
        key=lambda entry: -len(entry[0]),
    )
)

#: 三公 items by their words, longest first; the column is ``budget_``/``actual_`` + key.
_THREE_PUBLIC: Final = (
    ("公务用车购置费及运行维护费", "vehicle"),
    ("公务用车购置及运行维护费", "vehicle"),
    ("公务用车购置及运行费", "vehicle"),
    ("公务用车运行维护费", "vehicle_operation"),
    ("公务用车购置费", "vehicle_purchase"),
    ("公务用车运行费", "vehicle_operation"),
    ("因公出国(境)费", "abroad"),
    ("因公出国", "abroad"),
    ("公务接待费", "reception"),
    ("三公经费", "total"),
)

_MARKS: Final = re.compile(r"[(（]\s*(类|款|项)\s*[)）]")
_QUOTES: Final = dict.fromkeys(map(ord, "“”\"'‘’「」"))


@functools.lru_cache(maxsize=8192)
def compact(text: str) -> str:
    """Words as compared: NFKC, no spaces, no quote marks.

    >>> compact("“三公” 经费")
    '三公经费'
    """
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(_QUOTES))


@attrs.frozen
class Renamed:
    """A class,款 or 项 the narrative names otherwise than the table.

    Attributes:
        printed: The name in the narrative (``"一般公共预算服务"``).
        row: The key of the table row it was bound to (``"201"``).

    .. versionadded:: 0.1
    """

    printed: str
    row: str


@attrs.frozen
class Binding:
    """The cells a claim's subject refers to, and the figure they hold.

    Attributes:
        cells: The cells read.
        interval: The true values the printed figure stands for, in the table's unit.
        printed: The printed figure.
        label: The table's name for what was bound (a row label).
        renamed: The name the narrative gives a row when it differs from the table's.

    .. versionadded:: 0.1
    """

    cells: tuple[CellRef, ...]
    interval: Interval
    printed: Amount
    label: str
    renamed: Renamed | None = None


def _cell(table: Table | None, row: str, column: str, label: str = "") -> Binding | None:
    if table is None:
        return None
    amount = table.amount(row, column)
    found = table.row(row)
    if amount is None or found is None:
        return None
    if amount.blank and (kids := [k.key for k in table.children(row)]):
        # A class printed blank over items that hold figures (the seed's 310): the
        # narrative's figure is the items' sum.
        parts = [a for k in kids if (a := table.amount(k, column)) is not None]
        return Binding(
            tuple(table.ref(k, column) for k in kids),
            total(parts, table.unit),
            attrs.evolve(amount, value=sum((a.value for a in parts), Decimal(0)), blank=False),
            label or found.label,
        )
    return Binding(
        (table.ref(row, column),), _alone(amount, table.unit), amount, label or found.label
    )


def _alone(amount: Amount, unit: Unit) -> Interval:
    """``total([amount], unit)``, worked out once per printed figure.

    The key is the figure's digits as printed (not its value: 24.2 and 24.20 are equal
    but print differently), its precision and both units: all the sum reads.
    """
    key = (str(amount.value), amount.places, amount.unit, unit)
    found = _ALONE.get(key)
    if found is None:
        found = total([amount], unit)
        if len(_ALONE) >= _MAX_ALONE:
            _ALONE.clear()
        _ALONE[key] = found
    return found


_ALONE: dict[tuple[str, int, Unit, Unit], Interval] = {}
_MAX_ALONE: Final = 8192


def bind(
    disclosure: Disclosure, subject: str, *, budget: bool = False, economic: bool = True
) -> Binding | None:
    """The cells the words *subject* name, or ``None``.

    Args:
        disclosure: Where the figures are.
        subject: The words before a figure (``"其中：财政拨款收入"``).
        budget: Whether the figure is a budget (预算) figure: only the 三公 table holds
            budget figures.
        economic: Whether an economic class or item (办公费) may be bound: not in a
            paragraph about one functional 类/款/项, whose 办公费 is that item's alone.

    .. versionadded:: 0.1
    .. versionchanged:: 0.3
       ``economic``.
    """
    words = compact(subject)
    how, kind, row, column, label = _route(words, budget=budget, economic=economic)
    if how == _CELL:
        assert kind is not None
        return _cell(disclosure.table(kind), row, column, label)
    if how == _PATH:
        return bind_path(disclosure, words)
    if how == _CATEGORY:
        return _category(disclosure, row)
    if how == _ECONOMIC:
        return _economic(disclosure, words)
    return None


_CELL: Final = "cell"
_PATH: Final = "path"
_CATEGORY: Final = "category"
_ECONOMIC: Final = "economic"
_NOTHING: Final = "nothing"


@functools.lru_cache(maxsize=8192)
def _route(
    words: str, *, budget: bool, economic: bool
) -> tuple[str, TableKind | None, str, str, str]:
    """How :func:`bind` finds what *words* name, as the words alone decide it (cached).

    (``cell``, table, row, column, label): that cell (the label given for a 三公 item);
    (``path``, …) or (``economic``, …): the words are looked up in the tables' labels;
    (``category``, None, name, …): the class *name* is; (``nothing``, …): nothing is named.
    """
    if "三公" in words or any(key in words for key, _ in _THREE_PUBLIC[:-1]):
        for key, column in _THREE_PUBLIC:
            if key in words:
                prefix = "budget_" if budget else "actual_"
                return _CELL, _K.THREE_PUBLIC, "three_public", prefix + column, key
        return _NOTHING, None, "", "", ""
    if budget:
        return _NOTHING, None, "", "", ""
    if re.search(r"[(（](款|项)[)）]", words):
        return _PATH, None, "", "", ""
    if _MARKS.search(words) is not None:
        return _CATEGORY, None, _MARKS.sub("", words), "", ""
    named = _named(words)
    if named is not None:
        _, kind, row, column = named
        return _CELL, kind, row, column, ""
    if any(key in words for key, *_ in _SUBJECTS):
        return _NOTHING, None, "", "", ""  # a subject's words go on past it (基本支出中的…)
    if words in CATEGORY_CODES:
        return _CATEGORY, None, words, "", ""
    return (_ECONOMIC if economic else _NOTHING), None, "", "", ""


#: Words that may follow a subject's name without naming anything else.
_AFTER: Final = re.compile(
    r"^(?:支出|收入)?(?:年初|全年|调整)?(?:决算|预算)?(?:数|金额)?"
    r"(?:都|均|共|共计|合计|总计|分别)?(?:为|是|达到|达)?$"
)


def _named(words: str) -> tuple[str, TableKind, str, str] | None:
    """The subject whose name ends *words* (a row the words name, not one they pass).

    ``基本支出中的人员经费`` names 人员经费, not 基本支出.
    """
    found = [
        (words.rfind(key) + len(key), len(key), entry)
        for entry in _SUBJECTS
        if (key := entry[0]) in words and _AFTER.match(words[words.rfind(key) + len(key) :])
    ]
    return max(found, key=lambda f: (f[0], f[1]))[2] if found else None


def _economic(disclosure: Disclosure, words: str) -> Binding | None:
    """An economic class or item (工资福利支出, 办公费) named at the end of *words*."""
    table = disclosure.table(TableKind.GENERAL_BUDGET_BASIC_EXPENDITURE)
    if table is None:
        return None
    labels = sorted(
        ((compact(row.label), row) for row in table.coded_rows() if row.label),
        key=lambda pair: -len(pair[0]),
    )
    for label, row in labels:
        if len(label) >= 3 and words.endswith(label):
            return _cell(table, row.key, "amount")
    return None


def _expenditure(disclosure: Disclosure) -> Table | None:
    return disclosure.table(TableKind.GENERAL_BUDGET_EXPENDITURE) or disclosure.table(
        TableKind.EXPENDITURE
    )


def _category(disclosure: Disclosure, name: str) -> Binding | None:
    """A functional class (类) by name, the closest name when none is exact."""
    table = _expenditure(disclosure)
    if table is None:
        return None
    return category_in(table, name, "total")


def category_in(table: Table, name: str, column: str) -> Binding | None:
    """The class (类) row of *table* named *name* (or closest to it), at *column*.

    .. versionadded:: 0.2
    """
    name = _LEADING.sub("", name)
    classes = {row.label: row for row in table.coded_rows() if row.code and len(row.key) == 3}
    row, renamed = _closest(name, classes)
    if row is None:
        return None
    found = _cell(table, row.key, column)
    if found is None or renamed is None:
        return found  # _cell names nothing renamed: the binding is as evolve would give it
    return attrs.evolve(found, renamed=renamed)


_LEADING: Final = re.compile(r"^[^\u4e00-\u9fff]*")


_LIST_NUMBER: Final = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．])")


@functools.lru_cache(maxsize=8192)
def _plain(label: str) -> str:
    """A label compared by its words: compacted, without its list number, 其它 as 其他."""
    return _LIST_NUMBER.sub("", compact(label)).replace("其它", "其他")


def _closest(name: str, rows: dict[str, Row]) -> tuple[Row | None, Renamed | None]:
    """The row whose label is *name*, else the one closest to it (and the name as printed).

    A class named without its 支出 (一般公共服务（类）) is named exactly, and so is a label
    printed with its list number (四、公共安全支出) or 其它 for 其他.
    """
    label, printed = _closest_label(name, tuple(rows))
    if label is None:
        return None, None
    row = rows[label]
    return row, (None if printed is None else Renamed(printed, row.key))


@functools.lru_cache(maxsize=2048)
def _closest_label(name: str, labels: tuple[str, ...]) -> tuple[str | None, str | None]:
    """Which of *labels* :func:`_closest` chooses for *name*, once per name and labels.

    The label chosen (``None`` when none is close enough) and, when it is not *name*'s
    own, the name as compared (for :class:`Renamed`).
    """
    plain = {_plain(label): label for label in labels}
    name = _plain(name)
    for spelling in (name, name + "支出", name.removesuffix("支出")):
        if spelling in plain:
            return plain[spelling], None
    label = _confident(name, plain)
    return (label, name) if label is not None else (None, None)


#: Words so common in labels that they say nothing about which row is meant.
_COMMON: Final = re.compile(r"支出$|事务$|管理$|服务$")


def _confident(name: str, labels: dict[str, str]) -> str | None:
    """The label clearly closest to *name* (as *labels* map it), or ``None`` when none is.

    Labels are compared without a common ending (支出, 事务 …), which would make any two
    labels look alike; the closest must score at least 0.6 and beat the next by 0.15.
    """
    bare = _COMMON.sub("", name)
    if not bare:
        return None
    scored = sorted(
        (
            (difflib.SequenceMatcher(None, bare, _COMMON.sub("", label) or label).ratio(), label)
            for label in labels
        ),
        reverse=True,
    )
    if not scored or scored[0][0] < _CUTOFF:
        return None
    if len(scored) > 1 and scored[0][0] - scored[1][0] < _MARGIN:
        return None
    return labels[scored[0][1]]


_CUTOFF: Final = 0.6
_MARGIN: Final = 0.15


def bind_path(disclosure: Disclosure, path: str) -> Binding | None:
    """The row a functional path names: ``X（类）Y（款）Z（项）`` (款 and 项 optional).

    Each level is matched among the children of the level above, by exact name or the
    closest one; ``renamed`` holds the first level whose name differs.

    .. versionadded:: 0.1
    """
    table = _expenditure(disclosure)
    if table is None:
        return None
    return path_in(table, path, "total")


def path_in(table: Table, path: str, column: str) -> Binding | None:
    """The row of *table* the functional path *path* names (see :func:`bind_path`).

    .. versionadded:: 0.2
    """
    words = compact(path)
    marks = list(_MARKS.finditer(words))
    words = words[: marks[-1].end()] if marks else words  # 行政运行（项）支出: 支出 names no level
    parts = [p for p in re.split(r"[(（]\s*(?:类|款|项)\s*[)）]", words) if p]
    if not parts:
        return None
    level = {row.label: row for row in table.coded_rows() if row.code and len(row.key) == 3}
    row: Row | None = None
    differs: Renamed | None = None
    for part in parts:
        row, renamed = _closest(part, level)
        if row is None:
            return None
        differs = differs or renamed
        level = {child.label: child for child in table.children(row.key)}
    if row is None:  # pragma: no cover - parts is not empty
        return None
    found = _cell(table, row.key, column)
    if found is None:
        return None
    return attrs.evolve(found, renamed=differs)
