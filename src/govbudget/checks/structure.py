"""Rules on the shape of a disclosure and on its codes.

Missing tables, rows and parents, duplicates, signs,
blank parents, codes of the wrong scheme, and codes checked against the catalogue.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
import unicodedata
import weakref
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from typing import Final, cast

import attrs

from govbudget.amount import total
from govbudget.catalogue import Catalogue
from govbudget.checks import compiled
from govbudget.checks.registry import Context, Verifies, rule
from govbudget.location import Location
from govbudget.report import Finding, Severity
from govbudget.tables import spec
from govbudget.tables.base import Family, Row, RowCode, Table, TableKind
from govbudget.tables.budget import SETS as BUDGET_SETS
from govbudget.tables.publication import empty_wording_in, region_of, requirement_for

__all__: list[str] = []

#: Columns and lines where a negative figure is legitimate (balances may be overdrawn).
_MAY_BE_NEGATIVE = frozenset(
    {
        "opening",
        "closing",
        "opening_balance",
        "closing_balance",
        "surplus_distribution",
        "use_non_appropriation_balance",
    }
)


_VALUE: Final = operator.attrgetter("value")
_CELLS: Final = operator.attrgetter("cells")
_ITEMS: Final = operator.methodcaller("values")


def _values(table: Table) -> Iterator[Decimal]:
    """Every figure *table* prints, as its value (read without a Python loop)."""
    return map(_VALUE, itertools.chain.from_iterable(map(_ITEMS, map(_CELLS, table.rows))))


def _finding(
    rule_id: str,
    severity: Severity,
    table: Table | None,
    message: str,
    message_zh: str,
    *,
    row: Row | None = None,
    column: str | None = None,
) -> Finding:
    if table is None:
        location = Location()
    elif row is None:
        location = table.location.evolve(table=table.kind.label)
    else:
        location = table.location_of(row.key, column)
    return Finding(
        rule=rule_id,
        severity=severity,
        message=message,
        message_zh=message_zh,
        table=table.kind if table is not None else None,
        row=row.key if row is not None else None,
        row_label=row.label if row is not None else None,
        column=column,
        location=location,
    )


@rule(
    "structure.tables",
    "The disclosure has every table of its set",
    "公开表齐全",
    severity=Severity.WARNING,
    tables=tuple(TableKind),
)
def tables(context: Context) -> Iterator[Finding]:
    """Each table of the disclosure's set is published.

    Final accounts: the nine tables 01–09. Budgets: the set of the layout the document
    follows (Shanghai's nine tables, Jiangsu's twelve), the smallest that holds every
    table it prints. Each one missing is reported (a table that says 此表无数据 is
    present). Where the region requires every table of its set, an empty one printed
    with its note (:mod:`govbudget.tables.publication`: Shanghai final accounts and
    budgets from 2024, Jiangsu budgets 2017–2018), a missing table is an error; elsewhere
    a warning.

    Example: a disclosure whose 三公 table was left out.
    """
    disclosure = context.disclosure
    if not disclosure.tables:
        return
    region = context.region or region_of(disclosure)
    required = requirement_for(disclosure.family, region, disclosure.year)
    if required is not None:
        expected = required.tables
    elif disclosure.family is Family.FINAL:
        expected = TableKind.of_family(Family.FINAL)
    else:
        present = set(disclosure.tables)
        sets = sorted(BUDGET_SETS.values(), key=len)
        expected = next((s for s in sets if present <= set(s)), ())
    for kind in expected:
        if disclosure.table(kind) is not None:
            continue
        if required is None:
            yield Finding(
                rule="structure.tables",
                severity=Severity.WARNING,
                message=f"the disclosure has no {kind.label}",
                message_zh=f"缺少{kind.label}",
                table=kind,
            )
            continue
        empty = required.empty_wording[0]
        yield Finding(
            rule="structure.tables",
            severity=Severity.ERROR,
            message=(
                f"the disclosure has no {kind.label}; {required.region} requires every table "
                f"of its set ({required.years}), an empty one printed with a note such as "
                f"{empty}"
            ),
            message_zh=(
                f"缺少{kind.label}；{required.region}{required.years}要求公开全部表格，"
                f"无数据的表也应列出并注明“{empty}”"
            ),
            table=kind,
            location=Location(file=disclosure.source),
        )


@rule(
    "read.problem",
    "Everything printed was read",
    "公开文件内容均已读取",
    severity=Severity.ERROR,
    tables=tuple(TableKind),
)
def read_problems(context: Context) -> Iterator[Finding]:
    """Something printed in the document that the reader could not use.

    A cell that is not a figure, a row or column the reader could not place, a table it
    does not know. The figure is missing from every check that needs it, so each is an
    error naming where it was printed.

    Example: a cell printed as ``12..5`` in 公开02表, row 2010101.
    """
    for problem in context.disclosure.problems:
        if problem.repaired:
            continue
        yield Finding(
            rule="read.problem",
            severity=Severity.ERROR,
            message=str(problem),
            message_zh=f"未能读取：{problem}",
            location=problem.location,
        )


@rule(
    "read.repaired",
    "Cells read one way only are said to be misprinted",
    "印刷有误但可唯一识别的单元格",
    severity=Severity.WARNING,
    tables=tuple(TableKind),
)
def read_repaired(context: Context) -> Iterator[Finding]:
    """A cell printed wrongly that the reader could still read, one way only.

    A split code whose 款 lost its leading zero (``301 | 2`` for 30102), a 类 cell that
    is not a 类 under a row whose 款 the code repeats (``7 | 11 | 02`` under ``210 | 11``).
    The figures are checked as read; the finding quotes the cell as printed and says how
    it was read, so the misprint is corrected in the document.

    Example: 「7 11 02」 on p.9 of a budget, read as 2101102.
    """
    for problem in context.disclosure.problems:
        if problem.repaired:
            yield Finding(
                rule="read.repaired",
                severity=Severity.WARNING,
                message=str(problem),
                message_zh=f"印刷有误，已按唯一可能识别：{problem}",
                location=problem.location,
            )


@rule(
    "read.template",
    "The document is a template, not a disclosure",
    "文件为空白模板",
    severity=Severity.INFO,
    tables=tuple(TableKind),
)
def read_template(context: Context) -> Iterator[Finding]:
    """The document is a blank template (placeholders such as XX where figures go).

    Its tables are read without figures, so no figure is checked.

    Example: the 2024 template a finance bureau sends its departments.
    """
    if context.disclosure.template:
        yield Finding(
            rule="read.template",
            severity=Severity.INFO,
            message="the document is a template: placeholders where figures go, no figures",
            message_zh="该文件为模板，数字处为占位符",
            location=Location(file=context.disclosure.source),
        )


@rule(
    "structure.orphan",
    "Every 项 has its 款 row and every 款 its 类 row",
    "项有所属款、款有所属类",
    severity=Severity.WARNING,
    tables=tuple(TableKind),
)
def orphans(context: Context) -> Iterator[Finding]:
    """A coded row whose parent code is not printed in the same table.

    Example: 05 prints 2010101 行政运行 but no 20101 人大事务 row.
    """
    for table in context.disclosure.tables.values():
        keys = {row.key for row in table.rows}
        for row in table.coded_rows():
            parent = row.code.parent if row.code is not None else None
            if parent is not None and parent.digits not in keys:
                level = parent.level.label
                yield _finding(
                    "structure.orphan",
                    Severity.WARNING,
                    table,
                    f"{row.key} {row.label} is printed without its {level} row {parent.digits}",
                    f"「{row.key} {row.label}」缺少所属{level}「{parent.digits}」行",
                    row=row,
                )


@rule(
    "structure.duplicate",
    "No row is printed twice",
    "无重复行",
    severity=Severity.ERROR,
    tables=tuple(TableKind),
)
def duplicates(context: Context) -> Iterator[Finding]:
    """The same code (or line) printed in two rows of one table: sums would count it twice.

    Example: 03 prints 2010101 行政运行 twice.
    """
    for table in context.disclosure.tables.values():
        counts = Counter(row.key for row in table.rows)
        seen: set[str] = set()
        for row in table.rows:
            if counts[row.key] > 1 and row.key not in seen:
                seen.add(row.key)
                yield _finding(
                    "structure.duplicate",
                    Severity.ERROR,
                    table,
                    f"row {table.row_name(row.key)} is printed {counts[row.key]} times",
                    f"「{table.row_name(row.key)}」行重复出现{counts[row.key]}次",
                    row=row,
                )


@rule(
    "structure.negative",
    "No negative figure where none may be",
    "不应出现负数",
    severity=Severity.WARNING,
    tables=tuple(TableKind),
)
def negatives(context: Context) -> Iterator[Finding]:
    """A negative income or expenditure figure (balances may be negative and are exempt).

    Example: 05 prints 2010101 行政运行 基本支出 -12.50.
    """
    for table in context.disclosure.tables.values():
        if not table.prints_negative:  # most tables
            continue
        for row in table.rows:
            if row.key in _MAY_BE_NEGATIVE:
                continue
            for column, amount in row.cells.items():
                if amount.value < 0 and column not in _MAY_BE_NEGATIVE:
                    yield _finding(
                        "structure.negative",
                        Severity.WARNING,
                        table,
                        f"{table.row_name(row.key)} prints a negative figure {amount.printed()} "
                        f"in {table.column_name(column)}",
                        f"「{table.row_name(row.key)}」{table.column_name(column)}出现负数"
                        f"{amount.printed()}",
                        row=row,
                        column=column,
                    )


@rule(
    "structure.no-data",
    "A table that says it has no data holds no figure",
    "注明无数据的表不含数据",
    severity=Severity.ERROR,
    tables=tuple(TableKind),
)
def no_data(context: Context) -> Iterator[Finding]:
    """A table marked 此表无数据 (or 本表无数据) that still prints a non-zero figure.

    Example: 08 says 此表无数据 and prints 合计 12.00.
    """
    for table in context.disclosure.tables.values():
        if not table.no_data or not any(_values(table)):
            continue
        said = empty_wording_in(table.note) or "无数据"
        for row in table.rows:
            for column, amount in row.cells.items():
                if amount.value != 0:
                    yield _finding(
                        "structure.no-data",
                        Severity.ERROR,
                        table,
                        f"the table says it has no data ({said}) but prints {amount.printed()}",
                        f"表中注明“{said}”，却列有{amount.printed()}",
                        row=row,
                        column=column,
                    )


@rule(
    "structure.code-scheme",
    "Rows carry codes of the table's classification",
    "科目编码属于本表的分类",
    severity=Severity.ERROR,
    tables=tuple(TableKind),
)
def code_scheme(context: Context) -> Iterator[Finding]:
    """Rows carry codes of the table's classification.

    A row keyed by a code of another classification (an economic code in 05, a
    functional code in 06) is an error.

    Example: 06 prints 2010101 among its economic rows.
    """
    for table in context.disclosure.tables.values():
        expected = spec(table.kind).code_type
        for row in table.coded_rows():
            if expected is None or not isinstance(row.code, expected):
                scheme = expected.scheme.value if expected is not None else "none"
                yield _finding(
                    "structure.code-scheme",
                    Severity.ERROR,
                    table,
                    f"row {row.key} {row.label} is not a code of {scheme}",
                    f"「{row.key} {row.label}」不是本表应使用的分类编码",
                    row=row,
                )


@rule(
    "sum.blank-parent",
    "A parent is not printed blank over printed children",
    "上级科目不应空白而下级有数",
    severity=Severity.WARNING,
    tables=tuple(TableKind),
)
def blank_parents(context: Context) -> Iterator[Finding]:
    """A 类 (or 款) is not printed blank while its children print figures.

    The parent's figure is
    missing. Sums that use it take its children instead, so one gap is reported once.

    Example: 06 prints 310 资本性支出 blank and 31002 办公设备购置 3.27.
    """
    for table in context.disclosure.tables.values():
        rows = table.rows
        for place, column, printing in compiled.of_shape(table, _blank_parents):
            row = rows[place]
            children_sum = total([rows[child].cells[column] for child in printing]).midpoint
            yield _finding(
                "sum.blank-parent",
                Severity.WARNING,
                table,
                f"{row.key} {row.label} is blank while its children sum to {children_sum}",
                f"「{row.key} {row.label}」空白，而下级合计{children_sum}",
                row=row,
                column=column,
            )


def _blank_parents(table: Table) -> tuple[tuple[int, str, tuple[int, ...]], ...]:
    """Where *table* prints a parent blank over children that print figures.

    Each place: the parent row's place, the column, the places of the children's rows
    printing a figure there. Read from the layout alone (which cells are blank), so it is
    worked out once per shape. A code printed twice is judged by its first row, as
    :meth:`Table.amount` reads it; a cell left out of a row is blank.
    """
    parents = table._children  # each parent code's children: few rows are parents
    if not parents:
        return ()
    rows = table.rows
    first: dict[str, int] = {}
    for place, row in enumerate(rows):
        first.setdefault(row.key, place)
    sites: list[tuple[int, str, tuple[int, ...]]] = []
    for place, row in enumerate(rows):
        children = parents.get(row.key) if row.code is not None else None
        if not children:
            continue
        owns = rows[first[row.key]].cells
        for column in table.column_keys:
            own = owns.get(column)
            if own is not None and not own.blank:
                continue
            printing = tuple(
                first[child.key]
                for child in children
                if (cell := rows[first[child.key]].cells.get(column)) is not None and not cell.blank
            )
            if printing:
                sites.append((place, column, printing))
    return tuple(sites)


#: What the shipped catalogue says of a code in a year: official name, partial, inferred.
_Standing = tuple[str | None, bool, bool]
_STANDING: weakref.WeakKeyDictionary[Catalogue, dict[tuple[RowCode, int], _Standing]] = (
    weakref.WeakKeyDictionary()
)

_SPACES = re.compile(r"\s+")
#: A line number printed before a name: 一、 (二) 3. …
_ORDINAL = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[、.])\s*"
)


@functools.lru_cache(maxsize=8192)
def normalise_name(name: str) -> str:
    """A name as compared with the catalogue.

    NFKC, no spaces (from wrapped cells), no marks like （类） or [项], no line number
    like 一、 before it.
    """
    text = unicodedata.normalize("NFKC", name)
    text = re.sub(r"[(\[](类|款|项)[)\]]", "", text)
    text = _ORDINAL.sub("", text)
    return _SPACES.sub("", text)


@rule(
    "catalogue.code",
    "Codes exist in the year's catalogue with the name printed",
    "科目编码与名称与当年科目表一致",
    severity=Severity.WARNING,
    tables=tuple(TableKind),
    needs_names=True,
)
def catalogue_names(context: Context) -> Iterator[Finding]:
    """Codes are known to the year's catalogue and printed with their official names.

    A code unknown to the official catalogue of the disclosure's year, or printed with
    another name than the official one. A warning: the document may be the one that is
    right (a late revision the catalogue lacks). Where the catalogue's list for the year
    is partial (the shipped data holds only verified codes), a code it lacks is counted
    as ``codes_unverified`` in the report's coverage, not reported. A name the catalogue
    infers (the same name verified in a year before and after) is compared all the same
    and counted as ``codes_inferred``, not ``codes_verified``.

    A name that a known rename retired (``Catalogue.former_name``) says so: a 2024
    table that prints 210 as 医疗卫生与计划生育支出 uses the name before 2019.

    Example: 2020's 2010107 printed as 人大代表履职能力 instead of 人大代表履职能力提升.
    """
    names = context.names
    if names is None:
        return
    year = context.disclosure.year
    verifies = isinstance(names, Verifies)  # a runtime protocol check is slow: once
    # The shipped Catalogue is immutable: what it says of a code is kept with it, across
    # checks. Another Names object is asked once per code and check.
    seen: dict[tuple[RowCode, int], _Standing] = (
        _STANDING.setdefault(names, {}) if type(names) is Catalogue else {}
    )
    unverified = inferred_count = verified = 0
    for table in context.disclosure.tables.values():
        for row in table.coded_rows():
            assert row.code is not None
            known = seen.get((row.code, year))
            if known is None:  # a code printed in several tables is looked up once
                found = names.official_name(row.code, year)
                known = seen[row.code, year] = (
                    found,
                    found is None and names.is_partial(row.code.scheme, year),
                    verifies
                    and found is not None
                    and not cast("Verifies", names).is_verified(row.code, year),
                )
            official, partial, inferred = known
            if partial:
                unverified += 1
                continue
            if official is None:
                yield _finding(
                    "catalogue.code",
                    Severity.WARNING,
                    table,
                    f"{row.key} is not in the {year} catalogue",
                    f"「{row.key}」不在{year}年科目表中",
                    row=row,
                )
                continue
            if inferred:
                inferred_count += 1
            else:
                verified += 1
            if row.label and normalise_name(row.label) != normalise_name(official):
                former = (
                    names.former_name(row.code, row.label, year)
                    if isinstance(names, Catalogue)
                    else None
                )
                why = f", renamed {former.when}" if former is not None else ""
                why_zh = f"（{former.when_zh}更名）" if former is not None else ""
                yield attrs.evolve(
                    _finding(
                        "catalogue.code",
                        Severity.WARNING,
                        table,
                        f"{row.key} is printed as {row.label!r}; its {year} name is "
                        f"{official!r}{why}",
                        f"「{row.key}」列为“{row.label}”，{year}年科目名称为“{official}”" + why_zh,
                        row=row,
                    ),
                    stated=row.label,
                    computed=official,
                )
    coverage = context.coverage
    for key, count in (
        ("codes_unverified", unverified),
        ("codes_inferred", inferred_count),
        ("codes_verified", verified),
    ):
        if count:
            coverage[key] += count
