"""What a budget narrative's words refer to: the cells of the budget tables (预算公开表).

:func:`bind_budget` takes the words before a figure of a budget narrative (收入预算总计,
财政拨款收入, 一般公共预算拨款支出预算, 基本支出, “三公”经费预算数, 机关运行经费, a class
or a 类/款/项 path …) and finds the budget-table cell that holds it, trying the tables of
both published layouts in turn (the Shanghai nine-table set, the Jiangsu twelve-table set).
A cell counts only where its row prints it: a line printed in another column is not
read as a blank. Words that name nothing known are left unbound.

The words are compared without 预算, 数, 安排, 的 and the like (收入预算总计 and 收入总计 are the
same line), and the key found first in them wins (其他资金收入预算总计 is 其他资金, not
收入总计; 财政拨款基本支出 is not 基本支出).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

import attrs

from govbudget.amount import Interval, total
from govbudget.disclosure import Disclosure
from govbudget.narrative.subjects import Binding, category_in, compact, path_in
from govbudget.tables.base import Table, TableKind

__all__ = ["bind_budget"]

_K = TableKind

#: A cell to try: table kind, row key, column key.
_Cell = tuple[TableKind, str, str]

_INCOME_TOTAL: Final[tuple[_Cell, ...]] = (
    (_K.BUDGET_SUMMARY, "income_total", "amount"),
    (_K.BUDGET_INCOME, "income_total", "total"),
    (_K.BUDGET_INCOME, "total", "total"),
)
_EXPENDITURE_TOTAL: Final[tuple[_Cell, ...]] = (
    (_K.BUDGET_SUMMARY, "expenditure_total", "amount"),
    (_K.BUDGET_EXPENDITURE, "total", "total"),
)
_APPROPRIATION_TOTAL: Final[tuple[_Cell, ...]] = (
    (_K.BUDGET_APPROPRIATION_SUMMARY, "income_total", "amount"),
    (_K.BUDGET_SUMMARY, "appropriation", "amount"),
)
_APPROPRIATION_SPENT: Final[tuple[_Cell, ...]] = (
    (_K.BUDGET_APPROPRIATION_SUMMARY, "expenditure_total", "total"),
    (_K.BUDGET_APPROPRIATION_SUMMARY, "expenditure_total", "amount"),
    (_K.BUDGET_APPROPRIATION_EXPENDITURE, "total", "total"),
)
_GENERAL_SPENT: Final[tuple[_Cell, ...]] = (
    (_K.BUDGET_GENERAL_EXPENDITURE, "total", "total"),
    (_K.BUDGET_APPROPRIATION_SUMMARY, "expenditure_total", "general_budget"),
)
_GENERAL_BASIC: Final[tuple[_Cell, ...]] = (
    (_K.BUDGET_GENERAL_BASIC, "total", "total"),
    (_K.BUDGET_GENERAL_EXPENDITURE, "total", "basic"),
)

#: Subjects by their key words, and the cells that may hold their figure, in order.
_SUBJECTS: Final[tuple[tuple[tuple[str, ...], tuple[_Cell, ...]], ...]] = (
    (("收入、支出总计", "收、支总计", "收支总计", "收入总计", "收入合计"), _INCOME_TOTAL),
    (("支出总计", "支出合计"), _EXPENDITURE_TOTAL),
    (("财政拨款收入",), ((_K.BUDGET_SUMMARY, "appropriation", "amount"), *_APPROPRIATION_TOTAL)),
    (("财政拨款收、支", "财政拨款收支"), _APPROPRIATION_TOTAL),
    (("财政拨款支出",), _APPROPRIATION_SPENT),
    (
        ("一般公共预算收入", "一般公共预算资金", "一般公共预算拨款收入"),
        (
            (_K.BUDGET_SUMMARY, "general_budget", "amount"),
            (_K.BUDGET_APPROPRIATION_SUMMARY, "general_budget", "amount"),
        ),
    ),
    (("一般公共预算拨款支出", "一般公共预算财政拨款支出", "一般公共预算支出"), _GENERAL_SPENT),
    (
        ("政府性基金收入", "政府性基金拨款收入"),
        (
            (_K.BUDGET_SUMMARY, "gov_fund", "amount"),
            (_K.BUDGET_APPROPRIATION_SUMMARY, "gov_fund", "amount"),
        ),
    ),
    (
        ("政府性基金拨款支出", "政府性基金支出"),
        (
            (_K.BUDGET_GOV_FUND, "total", "total"),
            (_K.BUDGET_APPROPRIATION_SUMMARY, "expenditure_total", "gov_fund"),
        ),
    ),
    (
        ("国有资本经营预算收入", "国有资本经营预算拨款收入"),
        (
            (_K.BUDGET_SUMMARY, "state_capital", "amount"),
            (_K.BUDGET_APPROPRIATION_SUMMARY, "state_capital", "amount"),
        ),
    ),
    (
        ("国有资本经营预算拨款支出", "国有资本经营预算支出"),
        (
            (_K.BUDGET_STATE_CAPITAL, "total", "total"),
            (_K.BUDGET_APPROPRIATION_SUMMARY, "expenditure_total", "state_capital"),
        ),
    ),
    (("财政专户管理资金",), ((_K.BUDGET_SUMMARY, "special_account", "amount"),)),
    (("其他资金",), ((_K.BUDGET_SUMMARY, "other_funds", "amount"),)),
    (("事业单位经营收入", "经营收入"), ((_K.BUDGET_SUMMARY, "operating", "amount"),)),
    (("事业收入",), ((_K.BUDGET_SUMMARY, "business", "amount"),)),
    (("其他收入",), ((_K.BUDGET_SUMMARY, "other", "amount"),)),
    (("上年结转",), ((_K.BUDGET_SUMMARY, "carryover", "amount"),)),
    (
        ("结转下年",),
        (
            (_K.BUDGET_SUMMARY, "carry_forward", "amount"),
            (_K.BUDGET_EXPENDITURE, "total", "carry_forward"),
        ),
    ),
    (
        ("一般公共预算财政拨款基本支出", "一般公共预算基本支出", "一般公共预算拨款基本支出"),
        _GENERAL_BASIC,
    ),
    (
        ("财政拨款基本支出",),
        ((_K.BUDGET_APPROPRIATION_BASIC, "total", "total"), *_GENERAL_BASIC),
    ),
    (
        ("基本支出",),
        ((_K.BUDGET_SUMMARY, "use_basic", "amount"), (_K.BUDGET_EXPENDITURE, "total", "basic")),
    ),
    (
        ("项目支出",),
        (
            (_K.BUDGET_SUMMARY, "use_project", "amount"),
            (_K.BUDGET_EXPENDITURE, "total", "project"),
        ),
    ),
    (
        ("单位预留机动经费",),
        (
            (_K.BUDGET_SUMMARY, "use_reserve", "amount"),
            (_K.BUDGET_EXPENDITURE, "total", "reserve"),
        ),
    ),
    (
        ("机关运行经费",),
        (
            (_K.BUDGET_THREE_PUBLIC, "three_public", "operating_costs"),
            (_K.BUDGET_OPERATING_COSTS, "total", "total"),
        ),
    ),
    (("政府采购货物", "采购货物"), ((_K.BUDGET_PROCUREMENT, "goods", "total"),)),
    (("政府采购工程", "采购工程"), ((_K.BUDGET_PROCUREMENT, "works", "total"),)),
    (("政府采购服务", "采购服务", "购买服务"), ((_K.BUDGET_PROCUREMENT, "services", "total"),)),
    (("政府采购",), ((_K.BUDGET_PROCUREMENT, "total", "total"),)),
)

#: 三公 items by their words; the column of the 三公 table's one line.
_THREE_PUBLIC: Final = (
    ("公务用车购置费及运行维护费", "vehicle"),
    ("公务用车购置及运行维护费", "vehicle"),
    ("公务用车购置及运行费", "vehicle"),
    ("公务用车运行维护费", "vehicle_operation"),
    ("公务用车运行费", "vehicle_operation"),
    ("公务用车购置费", "vehicle_purchase"),
    ("公务用车购置", "vehicle_purchase"),
    ("因公出国(境)费", "abroad"),
    ("因公出国", "abroad"),
    ("公务接待费", "reception"),
    ("会议费", "meeting"),
    ("培训费", "training"),
    ("三公经费", "three_public"),
)

#: Words that only say "budget", "figure", "arranged": dropped before comparing.
_NOISE: Final = re.compile(
    r"预算|数|为|是|安排|总额|的|拟|其中|本年|当年|本部门|本单位|共计|合计为"
)
#: Fund names that contain 预算 and keep it.
_FUNDS: Final = (("一般公共预算", "一般公共§"), ("国有资本经营预算", "国有资本经营§"))
#: The paragraph's total income named by the department alone: 财政局收入预算.
_OWN_INCOME: Final = re.compile(
    r"(?:局|厅|院|会|处|室|办|委|部|队|所|站|馆|中心|街道|镇|乡|园|校)收入"
)
_MARKS: Final = re.compile(r"[(（]\s*(?:类|款|项)\s*[)）]")
#: A class alone, as a heading names it: 社会保障和就业(类).
_CLASS_ONLY: Final = re.compile(r"[^()]+[(（]类[)）]")


def _words(subject: str) -> str:
    """The words of *subject* as compared: department and year, 预算 and the like dropped."""
    words = compact(subject)
    words = re.sub(r"^.*?\d{4}年度?", "", words)
    words = re.sub(r"^[^\u4e00-\u9fff]+", "", words)
    words = words.replace("政府性基金预算", "政府性基金")
    for fund, kept in _FUNDS:
        words = words.replace(fund, kept)
    words = _NOISE.sub("", words)
    return words.replace("§", "预算")


def _key(words: str) -> tuple[tuple[_Cell, ...], str] | None:
    """The cells of the key word found first in *words* (the longest at the same place)."""
    best: tuple[int, int, tuple[_Cell, ...], str] | None = None
    for keys, cells in _SUBJECTS:
        for key in keys:
            at = words.find(key)
            if at >= 0 and (best is None or (at, -len(key)) < (best[0], -best[1])):
                best = (at, len(key), cells, key)
    if best is not None:
        return best[2], best[3]
    if words == "收入" or (_OWN_INCOME.search(words) and words.endswith("收入")):
        return _INCOME_TOTAL, "收入"
    if words == "支出":
        return _EXPENDITURE_TOTAL, "支出"
    return None


def _printed(table: Table | None, row: str, column: str) -> Binding | None:
    """The cell at (*row*, *column*) when its row prints that column."""
    if table is None:
        return None
    found = table.row(row)
    if found is None or column not in found.cells:
        return None
    amount = table.amount(row, column)
    if amount is None:
        return None
    return Binding((table.ref(row, column),), total([amount], table.unit), amount, found.label)


#: The summary tables, whose 收入总计 and 支出总计 must agree.
_SUMMARIES: Final = (TableKind.BUDGET_SUMMARY, TableKind.BUDGET_APPROPRIATION_SUMMARY)
_TOTALS: Final = ("income_total", "expenditure_total")


def _balanced(table: Table) -> bool:
    """Whether a summary table's income and expenditure totals agree (or are not both read).

    A summary that does not balance as read (a column taken for another) is no source
    for either total; the next table is tried.
    """
    totals: dict[str, Interval] = {}
    for row in _TOTALS:
        for column in ("amount", "total"):
            found = _printed(table, row, column)
            if found is not None:
                totals[row] = found.interval
                break
    if len(totals) < len(_TOTALS):
        return True
    return totals["income_total"].overlaps(totals["expenditure_total"])


def _first(disclosure: Disclosure, cells: tuple[_Cell, ...]) -> Binding | None:
    for kind, row, column in cells:
        table = disclosure.table(kind)
        if table is not None and kind in _SUMMARIES and row in _TOTALS and not _balanced(table):
            continue
        found = _printed(table, row, column)
        if found is not None:
            return found
    return None


def _summed(table: Table, cells: list[tuple[str, str]], label: str) -> Binding | None:
    """The sum of *cells* (row, column) of *table*, when every one of them is printed."""
    printed = [table.row(row) for row, _ in cells]
    if not cells or any(
        r is None or c not in r.cells for r, (_, c) in zip(printed, cells, strict=True)
    ):
        return None
    parts = [a for row, column in cells if (a := table.amount(row, column)) is not None]
    value = sum((a.value for a in parts), Decimal(0))
    figure = attrs.evolve(parts[0], value=value, blank=all(a.blank for a in parts))
    refs = tuple(table.ref(row, column) for row, column in cells)
    return Binding(refs, total(parts, table.unit), figure, label)


def _three_public(disclosure: Disclosure, words: str) -> Binding | None:
    """A 三公 item, 会议费 or 培训费 of the budget 三公 table."""
    table = disclosure.table(TableKind.BUDGET_THREE_PUBLIC)
    if table is None:
        return None
    for key, column in _THREE_PUBLIC:
        if key not in words:
            continue
        found = _printed(table, "three_public", column)
        if found is not None or column not in ("three_public", "vehicle"):
            return found
        if column == "vehicle":
            # 购置及运行费 not printed: it is 购置费 + 运行费 where both are printed.
            parts = [("three_public", "vehicle_purchase"), ("three_public", "vehicle_operation")]
            return _summed(table, parts, key)
        # 三公 not printed on its own: 合计 is it where no 会议费 or 培训费 is added in.
        if not {"meeting", "training"} & set(table.column_keys):
            return _printed(table, "three_public", "total")
        return None
    return None


def _basic_split(disclosure: Disclosure, column: str) -> Binding | None:
    """人员经费 or 公用经费 of the basic-expenditure table.

    Its column where printed; else, by economic class, 人员经费 = 301 + 303 and 公用经费 =
    the other classes (DOMAIN.md section 2).
    """
    for kind in (TableKind.BUDGET_GENERAL_BASIC, TableKind.BUDGET_APPROPRIATION_BASIC):
        table = disclosure.table(kind)
        if table is None:
            continue
        found = _printed(table, "total", column)
        if found is not None:
            return found
        if column in table.column_keys:
            continue
        personnel = column == "personnel"
        chosen = [
            (row.key, "total")
            for row in table.coded_rows()
            if len(row.key) == 3 and (row.key in ("301", "303")) == personnel
        ]
        found = _summed(table, chosen, "人员经费" if personnel else "公用经费")
        if found is not None:
            return found
    return None


#: Tables a 类/款/项 path is looked up in, in order: appropriation, then by fund.
_PATH_TABLES: Final = (
    TableKind.BUDGET_APPROPRIATION_EXPENDITURE,
    TableKind.BUDGET_GENERAL_EXPENDITURE,
    TableKind.BUDGET_GOV_FUND,
    TableKind.BUDGET_STATE_CAPITAL,
)
#: Tables a class alone is looked up in (all funds first), with the column of its figure.
_CLASS_TABLES: Final = (
    (TableKind.BUDGET_EXPENDITURE, "total"),
    (TableKind.BUDGET_SUMMARY, "amount"),
    (TableKind.BUDGET_GENERAL_EXPENDITURE, "total"),
)


def _functional(disclosure: Disclosure, words: str) -> Binding | None:
    """A class (类) or a 类/款/项 path, by the names its tables print.

    Marks before the first name (``1.“``) and words after the last level (行政运行（项）支出)
    name no level and are dropped.
    """
    words = re.sub(r"^[^\u4e00-\u9fff]+", "", words)
    marks = list(_MARKS.finditer(words))
    words = words[: marks[-1].end()] if marks else words
    if re.search(r"[(（](?:款|项)[)）]", words):
        for kind in _PATH_TABLES:
            table = disclosure.table(kind)
            if table is None:
                continue
            found = path_in(table, words, "total")
            if found is not None:
                return found
        return None
    name = _MARKS.sub("", words)
    for kind, column in _CLASS_TABLES:
        table = disclosure.table(kind)
        if table is not None and (found := category_in(table, name, column)) is not None:
            return found
    return None


def bind_budget(disclosure: Disclosure, subject: str, *, topic: str = "") -> Binding | None:
    """The budget-table cell the words *subject* name, or ``None``.

    Args:
        disclosure: A budget (its tables are ``TableKind.BUDGET_*``).
        subject: The words before a figure (``"其中：财政拨款收入"``, ``"“三公”经费预算数为"``,
            ``"一般公共服务支出（类）财政事务（款）行政运行（项）"``).
        topic: The class or path the paragraph is about, used when *subject* names
            nothing of its own (``2026年预算安排``); a class heading's class, under
            which a path whose first level is marked 类 is read when it is no class.

    >>> from govbudget import Disclosure
    >>> bind_budget(Disclosure("d", 2025), "收入预算总计") is None  # no tables
    True

    .. versionadded:: 0.2
    """
    words = compact(subject)
    if _MARKS.search(words):
        found = _functional(disclosure, words)
        heading = compact(topic)
        if found is None and _CLASS_ONLY.fullmatch(heading):
            # Under a class heading, a first level marked 类 may be a 款: read it below.
            below = _MARKS.sub("(款)", re.sub(r"^[^\u4e00-\u9fff]+", "", words), count=1)
            found = _functional(disclosure, heading + below)
            if found is not None and found.renamed is not None:
                return None  # a 类 is read as a 款 only where a 款 bears its very name
        return found
    compared = _words(subject)
    if "三公" in compared or any(key in compared for key, _ in _THREE_PUBLIC[:-1]):
        return _three_public(disclosure, compared)
    if "人员经费" in compared:
        return _basic_split(disclosure, "personnel")
    if "公用经费" in compared:
        return _basic_split(disclosure, "public")
    key = _key(compared)
    if key is not None:
        return _first(disclosure, key[0])
    if not compared and topic and _MARKS.search(topic):
        return _functional(disclosure, compact(topic))
    return None
