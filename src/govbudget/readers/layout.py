"""From printed grids to typed tables: the layout rules, written once for every format.

:func:`assemble` takes the :class:`~govbudget.readers.printed.PrintedDocument` a reader
produced and builds the :class:`~govbudget.disclosure.Disclosure`:

- a table is known by its title (:func:`~govbudget.readers.heading.kind_of`);
- its header rows are the rows above the 栏次 row of column numbers, or above the first
  row that holds a code or a figure;
- a column is known by its header: the cells above it, a header merged across columns
  counting for each; the bottom cell is tried first, then the whole path, so
  ``本年支出 / 小计`` and ``预算数 / 公务用车购置费`` both find their column;
- side-by-side layouts (01 and 04 print income and expenditure side by side, 06 prints
  economic codes in two or three blocks) split into blocks at each label column;
- a row is keyed by its code (joined from 类/款/项 cells when split), by the fixed line
  its label names, or, in a summary table, by the functional 类 its label names.

Whatever cannot be placed or parsed becomes a :class:`~govbudget.disclosure.Problem`
naming file, page, table, row and column, and the rest is still read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Final

import attrs

from govbudget.amount import Amount, Unit, parse_amount
from govbudget.codes import letter_problem
from govbudget.disclosure import Disclosure, Problem
from govbudget.errors import AmountError, CodeError, FormatError
from govbudget.location import Location
from govbudget.readers.heading import NUMBERING as _NUMBERING
from govbudget.readers.heading import TITLE_YEAR as _TITLE_YEAR
from govbudget.readers.heading import (
    compact,
    is_heading_line,
    is_placeholder_cell,
    kind_of,
    title_of,
)
from govbudget.readers.printed import PrintedDocument, PrintedRow, PrintedTable
from govbudget.tables import CATEGORY_CODES, SPECS, TableSpec
from govbudget.tables.base import Column, Family, Row, RowCode, Table, TableKind
from govbudget.tables.publication import EMPTY_WORDING, empty_wording_in

__all__ = ["assemble", "compact", "family_of", "kind_of"]

_CJK_GAP: Final = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")
_FIGURE: Final = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+")
_CODE_CELL: Final = re.compile(r"\d{3}(?:\s?\d{2}){0,2}")
_NO_DATA: Final = EMPTY_WORDING
#: The longest line read as an empty table's note; a longer one is narrative.
_EMPTY_NOTE_LENGTH: Final = 80


def _label(text: str) -> str:
    """A printed label with the spaces of wrapped cells between CJK characters removed."""
    return _CJK_GAP.sub("", text.strip())


def _bare(text: str) -> str:
    """A label compacted and stripped of its list numbering (一、 / （一） / 1.)."""
    return _NUMBERING.sub("", compact(text))


def family_of(kinds: Iterable[TableKind]) -> Family | None:
    """The family most of *kinds* belong to, or ``None`` when there are none.

    >>> family_of([TableKind.BUDGET_INCOME, TableKind.BUDGET_SUMMARY])
    <Family.BUDGET: '预算'>
    """
    counts = Counter(kind.family for kind in kinds)
    return counts.most_common(1)[0][0] if counts else None


def assemble(
    document: PrintedDocument, *, year: int | None = None, problems: Sequence[Problem] = ()
) -> Disclosure:
    """Build the typed disclosure from what a reader printed out.

    Args:
        document: What the reader printed out.
        year: The year, for a document that does not print it (``--year``); a year the
            document prints wins, and a different *year* is recorded as a problem.
        problems: Problems found before assembling (two files that disagree), kept first.

    Raises:
        FormatError: When the document holds no disclosure table and no year: it is not
            a disclosure.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       *year* and *problems*.
    """
    found: list[Problem] = list(problems)
    where = Location(file=document.source)
    units = Counter(unit for t in document.tables if t.unit and (unit := _unit(t.unit)) is not None)
    default_unit = units.most_common(1)[0][0] if units else Unit.WAN
    tables: dict[TableKind, Table] = {}
    for printed in document.tables:
        at = printed.location if printed.location != Location() else where
        kind = kind_of(printed.title)
        if kind is None:
            found.append(Problem("a table govbudget does not know", at, printed.title))
            continue
        if kind in tables:
            found.append(
                Problem("the table is printed twice; the first is kept", at, printed.title)
            )
            continue
        builder = _TableBuilder(printed, SPECS[kind], default_unit, document.template, found)
        tables[kind] = builder.build()
    for table in _empty_tables(document, default_unit, set(tables)):
        tables[table.kind] = table
    if not tables and document.year is None and year is None:
        raise FormatError("not a disclosure: no table title and no year found", location=where)
    if document.year is not None:
        if year is not None and year != document.year:
            found.append(
                Problem(
                    f"the document prints the year {document.year}; the year given "
                    f"({year}) is not used",
                    where,
                )
            )
        year = document.year
    if year is None:
        found.append(
            Problem(
                "the year is not printed in the document (no title, heading or cover "
                "states it); it is read as 0 — give it with --year",
                where,
            )
        )
        year = 0
    departments = Counter(t.department for t in document.tables if t.department)
    department = document.department or (departments.most_common(1)[0][0] if departments else "")
    family = family_of(tables) or document.family or Family.FINAL
    return Disclosure(
        department=department,
        year=year,
        family=family,
        unit=default_unit,
        tables=tables,
        narrative=document.narrative,
        source=document.source,
        template=document.template,
        problems=found,
    )


def _empty_tables(document: PrintedDocument, unit: Unit, known: set[TableKind]) -> Iterator[Table]:
    """Tables printed as a title and a note saying they are empty, with no grid at all.

    A page that prints 政府性基金预算财政拨款收入支出决算表 and, under it, only 本表为空表
    (no frame, no header) has published the table, empty. The title must stand on a line
    of its own and the note be the first line under it (its number, unit and department
    aside), short and saying that the table is empty; a contents page (titles one under
    another) publishes none.
    """
    lines = [line.strip() for line in document.narrative.split("\n")]
    for index, line in enumerate(lines):
        title = title_of(line) if line else None
        if title is None:
            continue
        kind = kind_of(title)
        if kind is None or kind in known:
            continue
        following = (text for text in lines[index + 1 :] if text and not is_heading_line(text))
        note = next(following, "")
        if len(compact(note)) <= _EMPTY_NOTE_LENGTH and empty_wording_in(note) is not None:
            known.add(kind)
            yield Table(
                kind,
                unit,
                [],
                [],
                title=_label(title),
                note=note,
                no_data=True,
                location=Location(file=document.source, table=kind.label),
            )


def _unit(text: str) -> Unit | None:
    cleaned = compact(text).removeprefix("单位:").removeprefix("金额单位:")
    try:
        return Unit.parse(cleaned)
    except ValueError:
        return None


@attrs.define
class _Block:
    """Side-by-side columns read as one table: label columns then figure columns."""

    code: list[int] = attrs.field(factory=list)
    name: list[int] = attrs.field(factory=list)
    figures: list[tuple[int, str]] = attrs.field(factory=list)


@attrs.define
class _Entry:
    """A row being built: its key, label and the figure texts by column key."""

    code: RowCode | None
    line: str | None
    label: str
    texts: dict[str, str]
    headers: dict[str, str]

    @property
    def blank(self) -> bool:
        return not any(t.strip() for t in self.texts.values())


@attrs.define
class _TableBuilder:
    printed: PrintedTable
    spec: TableSpec
    default_unit: Unit
    template: bool
    problems: list[Problem]
    used_lines: set[str] = attrs.field(factory=set)
    items: int = 0
    last_code: RowCode | None = None
    unread: bool = False

    @property
    def kind(self) -> TableKind:
        return self.spec.kind

    def problem(self, message: str, location: Location, text: str | None = None) -> None:
        self.problems.append(Problem(message, location.evolve(table=self.kind.label), text))

    def build(self) -> Table:
        printed = self.printed
        unit = _unit(printed.unit) if printed.unit else None
        if unit is None:
            if printed.unit:
                self.problem("the unit is not 元 or 万元", printed.location, printed.unit)
            unit = self.default_unit
        width = max((len(r.cells) for r in printed.rows), default=0)
        grid = [_pad(r, width) for r in printed.rows]
        header, body = _split(grid)
        paths = _paths([r.cells for r in header], width)
        blocks, columns = self.blocks(paths, body)
        no_data = any(
            marker in compact(printed.note) or any(marker in c for r in body for c in r.cells)
            for marker in _NO_DATA
        )
        groups = _groups(body, blocks)
        rows: list[Row] = []
        for printed_row, group in zip(body, groups, strict=True):
            rows.extend(self.rows(printed_row, blocks, paths, unit, group))
        return Table(
            self.kind,
            unit,
            columns,
            rows,
            title=_label(printed.title),
            note=printed.note,
            no_data=no_data,
            location=printed.location.evolve(table=self.kind.label),
        )

    def blocks(
        self, paths: list[list[str]], body: list[PrintedRow]
    ) -> tuple[list[_Block], list[Column]]:
        blocks: list[_Block] = []
        columns: dict[str, Column] = {}
        current = _Block()
        for index, path in enumerate(paths):
            role = _role(path, [compact(label) for label in self.spec.labels])
            if role is None and not path and current.name and not current.figures:
                # A header merged over two label columns (项目名称 over a group and its
                # lines) prints in the first only: a text column beside it is a label too.
                texts = [compact(r.cells[index]) for r in body if r.cells[index].strip()]
                if texts and not any(_FIGURE.fullmatch(t) for t in texts):
                    role = "name"
            if role in ("code", "name", "lineno"):
                if current.figures:
                    blocks.append(current)
                    current = _Block()
                if role == "code":
                    current.code.append(index)
                elif role == "name":
                    current.name.append(index)
                continue
            key = _match(path, self.spec)
            if key is None:
                if path and any(r.cells[index].strip() for r in body):
                    self.problem(
                        "a column govbudget cannot place",
                        self.printed.location.evolve(column=" / ".join(path)),
                    )
                continue
            current.figures.append((index, key))
            columns.setdefault(key, self.spec.column(key))
        if current.figures or current.code or current.name:
            blocks.append(current)
        ordered = [c for c in self.spec.columns if c.key in columns]
        return blocks, ordered

    def rows(
        self,
        printed: PrintedRow,
        blocks: Sequence[_Block],
        paths: list[list[str]],
        unit: Unit,
        group: str = "",
    ) -> list[Row]:
        cells = printed.cells
        if any(marker in compact(cell) for cell in cells for marker in _NO_DATA):
            return []
        entries: list[_Entry] = []
        for block in blocks:
            texts = {key: cells[i] for i, key in block.figures}
            headers = {key: " / ".join(paths[i]) for i, key in block.figures}
            blank = not any(t.strip() for t in texts.values())
            code, name = self.label(block, cells, printed.location)
            if self.unread:
                self.unread = False
                continue
            if code is None and not name:
                if blank:
                    continue
                if entries and entries[-1].blank:
                    # 06 prints 公用经费合计 in one block and its figure in the last one.
                    entries[-1].texts, entries[-1].headers = texts, headers
                elif len(blocks) == 1 and len(self.spec.lines) == 1:
                    only = self.spec.lines[0]
                    entries.append(_Entry(None, only.key, only.label, texts, headers))
                else:
                    self.problem(
                        "figures with no code or label beside them",
                        printed.location,
                        " | ".join(t for t in texts.values() if t.strip()),
                    )
                continue
            line = self.line(name, group) if code is None else None
            if code is None and line is None and self.spec.items and not blank:
                self.items += 1
                leaf = any(
                    cells[i].strip() and _names_item(paths[i], self.spec.item_labels)
                    for i in block.name
                )
                line = f"{'item' if leaf else 'group'}{self.items}"
            if code is None and line is None:
                category = CATEGORY_CODES.get(_bare(name))
                if category is None or not self.spec.lines or self.spec.code_type is None:
                    if not blank:
                        self.problem("a row govbudget cannot place", printed.location, name)
                    continue
                code = self.spec.code_type(category)
            entries.append(_Entry(code, line, name, texts, headers))
        return [self.row(entry, unit, printed.location) for entry in entries]

    def label(
        self, block: _Block, cells: tuple[str, ...], at: Location
    ) -> tuple[RowCode | None, str]:
        """The code and the name printed in a block's label columns."""
        texts = [cells[i] for i in block.name if cells[i].strip()]
        # Text columns a kind declares (采购品目, 专项名称 …) stay apart: "专项 / 物品".
        joiner = " / " if self.spec.labels else " "
        name = (
            joiner.join(_label(t) for t in texts) if self.spec.labels else _label(" ".join(texts))
        )
        code_cells = [cells[i] for i in block.code]
        joined = " ".join(c.strip() for c in code_cells if c.strip())
        if not joined:
            return None, name
        lettered = next((p for c in code_cells if (p := letter_problem(c)) is not None), None)
        if lettered is not None:
            # Never read the digits before a letter (2O10101 is not 2): the row is unread.
            self.problem(
                f"{lettered}; the row is not read, and the sums it belongs to are checked "
                "without it",
                at,
                joined,
            )
            self.unread = True
            return None, ""
        if not _CODE_CELL.match(compact(joined)):
            return None, _label(f"{joined} {name}".strip())
        code_type = self.spec.code_type
        if code_type is None:
            self.problem("a code in a table keyed by lines", at, joined)
            return None, ""
        try:
            if len(code_cells) > 1:
                code = code_type.from_parts(*self.parts(code_cells, at), location=at)
                self.last_code = code
                return code, name
            code, rest = code_type.parse_with_name(joined, location=at)
        except CodeError as exc:
            self.problem(exc.message, at, joined)
            return None, ""
        self.last_code = code
        return code, name or _label(rest)

    def parts(self, cells: Sequence[str], at: Location) -> list[str]:
        """The 类/款/项 cells of a split code, as far as they can be read.

        A 款 or 项 printed with one digit lost its leading zero (``301 | 2`` for 30102,
        exported as a number). A 类 cell that is not three digits under a 款 row whose
        款 the row repeats (``7 | 11 | 02`` printed under ``210 | 11``) takes the 类 of
        that row. Either reading is recorded as a repaired problem (``read.repaired``), so
        the cell as printed is never silently rewritten.
        """
        printed = [compact(c) for c in cells]
        if any(letter_problem(p) is not None for p in printed):
            return printed  # a letter where a digit belongs is never repaired
        parts = list(printed)
        parts = [
            p.zfill(2) if index and len(p) == 1 and p.isdigit() else p
            for index, p in enumerate(parts)
        ]
        last = self.last_code
        if (
            len(parts) >= 3
            and not re.fullmatch(r"\d{3}", parts[0])
            and re.fullmatch(r"\d{2}", parts[1])
            and last is not None
            and len(last.digits) >= 5
            and last.digits[3:5] == parts[1]
        ):
            parts[0] = last.digits[:3]
        if parts != printed:
            self.problems.append(
                Problem(
                    f"the code is printed {' | '.join(printed)}; read as {''.join(parts)}",
                    at.evolve(table=self.kind.label),
                    " ".join(c.strip() for c in cells),
                    repaired=True,
                )
            )
        return parts

    def line(self, name: str, group: str = "") -> str | None:
        """The fixed line a label names; within a group, the group's line first.

        A line printed under a group label (其他资金 › 事业收入, 一般公共预算资金 › 小计)
        is tried as group and label together (其他资金事业收入, 一般公共预算资金小计), then
        as its label alone.
        """
        bare = _bare(name)
        tries = [bare]
        if group and not bare.startswith(_bare(group)):
            tries.insert(0, _bare(group) + bare)
        for attempt in tries:
            for line in self.spec.lines:
                if line.key in self.used_lines:
                    continue
                if attempt in (compact(line.label), *(compact(a) for a in line.aliases)):
                    self.used_lines.add(line.key)
                    return line.key
        return None

    def row(self, entry: _Entry, unit: Unit, at: Location) -> Row:
        key = entry.code.digits if entry.code is not None else str(entry.line)
        where = at.evolve(table=self.kind.label, row=key)
        amounts: dict[str, Amount] = {}
        for column, text in entry.texts.items():
            if self.template and is_placeholder_cell(text):
                continue
            cell_at = where.evolve(column=entry.headers[column])
            try:
                amounts[column] = parse_amount(text, unit, location=cell_at)
            except AmountError as exc:
                self.problems.append(Problem(exc.message, exc.location, text))
        if entry.code is not None:
            return Row(code=entry.code, label=entry.label, cells=amounts, location=where)
        return Row(line=entry.line, label=entry.label, cells=amounts, location=where)


_SUBTOTAL: Final = "小计"


def _groups(body: Sequence[PrintedRow], blocks: Sequence[_Block]) -> list[str]:
    """The group label each body row is printed under, where labels sit in two columns.

    A table that prints a group label (一般公共预算资金, 其他资金) in a cell merged down
    its rows and the lines (小计, 事业收入 …) beside it: the group's rows are those from
    its 小计 (or its label) to the next group; the label may be printed at the top of the
    merged cell or centred in it. ``""`` for rows outside any group, and for every row
    of a table with one label column.
    """
    block = next((b for b in blocks if len(b.name) >= 2), None)
    if block is None:
        return [""] * len(body)
    outer, inner = block.name[0], block.name[1]
    starts: list[int] = []  # the first row of each group
    labels: dict[int, str] = {}  # group start -> its label
    for index, row in enumerate(body):
        head, line = row.cells[outer].strip(), compact(row.cells[inner])
        opens = (
            line == _SUBTOTAL or (head and not starts) or (head and starts and starts[-1] in labels)
        )
        if head and not line:
            if starts and starts[-1] not in labels:
                labels[starts[-1]] = head  # the label of the 小计 row above, centred
                continue
            starts.append(index)  # a line of its own (收入总计): a group of one row
            labels[index] = ""
            continue
        if opens:
            starts.append(index)
        if head and starts:
            labels.setdefault(starts[-1], head)
    out: list[str] = []
    current = ""
    opened = set(starts)
    for index in range(len(body)):
        if index in opened:
            current = labels.get(index, "")  # a group whose label is never printed: none
        out.append(current)
    return out


def _pad(row: PrintedRow, width: int) -> PrintedRow:
    if len(row.cells) >= width:
        return row
    return PrintedRow((*row.cells, *([""] * (width - len(row.cells)))), row.location)


def _is_column_numbers(cells: Sequence[str]) -> bool:
    texts = [compact(c) for c in cells if c.strip()]
    if not texts:
        return False
    if texts[0].startswith(("栏次", "栏")) and texts[0] in ("栏次", "栏"):
        return True
    return len(texts) >= 2 and all(t.isdigit() for t in texts) and texts[:2] == ["1", "2"]


def _is_data(cells: Sequence[str]) -> bool:
    """Whether a row holds data: a figure anywhere, or a row label in its first cell."""
    texts = [compact(cell) for cell in cells if cell.strip()]
    if not texts:
        return False
    first, rest = texts[0], texts[1:]
    if _NUMBERING.match(first) or _CODE_CELL.fullmatch(first):
        return True
    figures = [
        bool(_FIGURE.fullmatch(t) or is_placeholder_cell(t) or any(m in t for m in _NO_DATA))
        for t in rest
    ]
    if first in ("合计", "总计"):  # a total row, unless the header prints 合计 over a column
        return all(figures)
    return bool(_FIGURE.fullmatch(first)) or any(figures)


def _split(grid: list[PrintedRow]) -> tuple[list[PrintedRow], list[PrintedRow]]:
    """Header rows and body rows; the 栏次 row belongs to neither."""
    for index, row in enumerate(grid):
        if _is_column_numbers(row.cells):
            return grid[:index], [r for r in grid[index + 1 :] if not r.is_empty()]
        if _is_data(row.cells):
            header, body = grid[:index], [r for r in grid[index:] if not r.is_empty()]
            if any(compact(c) in _CODE_HEADERS for c in row.cells):
                # 类 款 项 printed on the first data row's line (the 合计 row).
                levels = [c if compact(c) in _CODE_HEADERS else "" for c in row.cells]
                rest = ["" if compact(c) in _CODE_HEADERS else c for c in row.cells]
                header = [*header, PrintedRow(levels, row.location)]
                body = [PrintedRow(rest, row.location), *body[1:]]
            return header, body
    return grid, []


def _paths(header: list[tuple[str, ...]], width: int) -> list[list[str]]:
    """Each column's header path, top to bottom.

    A header merged across columns prints in its first column only. It is filled
    rightwards over the columns that have a header somewhere below, and never past the
    end of the header it sits under, so nested groups (预算数 › 公务用车购置及运行费 ›
    公务用车购置费) find their columns and never spread over empty ones.
    """
    raw = [[compact(c) for c in cells] + [""] * (width - len(cells)) for cells in header]
    raw = [row for row in raw if any(row)]
    below = [
        [any(raw[d][j] for d in range(depth + 1, len(raw))) for j in range(width)]
        for depth in range(len(raw))
    ]
    rows: list[list[str]] = []
    for depth, source in enumerate(raw):
        row = list(source)
        parent = rows[depth - 1] if depth else None
        origin = -1
        for index in range(width):
            if source[index]:
                origin = index
            elif (
                origin >= 0
                and below[depth][index]
                and (parent is None or parent[index] == parent[origin])
            ):
                row[index] = source[origin]
            else:
                origin = -1
        rows.append(row)
    paths: list[list[str]] = []
    for index in range(width):
        path: list[str] = []
        for row in rows:
            text = row[index]
            if text and (not path or path[-1] != text):
                path.append(text)
        paths.append(path)
    return paths


_CODE_HEADERS: Final = ("类", "款", "项")
_NAME_HEADERS: Final = ("科目名称", "项目", "名称", "项目名称")


def _names_item(path: list[str], headers: Sequence[str]) -> bool:
    """Whether a label column's header is one that names a single item (采购物品名称)."""
    joined = "".join(path)
    return any(compact(h) in joined for h in headers)


def _role(path: list[str], labels: Sequence[str] = ()) -> str | None:
    """What a column holds by its header: codes, names (labels), line numbers or figures.

    Names: 科目名称 and every ``…科目名称`` (功能分类科目名称, 部门经济分类科目名称), and
    the text columns a kind declares (a procurement table's 采购品目大类 …).
    """
    if not path:
        return None
    leaf = path[-1]
    if leaf in _CODE_HEADERS or "编码" in leaf or leaf.endswith("科目代码"):
        return "code"
    if leaf in _NAME_HEADERS or leaf.endswith("科目名称") or {leaf, "".join(path)} & {*labels}:
        return "name"
    if leaf == "行次":
        return "lineno"
    return None


def _match(path: list[str], spec: TableSpec) -> str | None:
    """The spec column a header path names: by its bottom cell, else by the whole path.

    A header whose words wrapped onto rows of their own (因公出国 / （境）费) is tried
    with its last two or three pieces joined when it names no column as printed.
    """
    found = _match_path(path, spec)
    for joined in (2, 3):
        if found is not None or len(path) < joined:
            break
        found = _match_path([*path[:-joined], "".join(path[-joined:])], spec)
    return found


def _match_path(path: list[str], spec: TableSpec) -> str | None:
    """The spec column a header path names, as printed."""
    if not path:
        return None
    path = [_TITLE_YEAR.sub("", part) or part for part in path]
    leaf = path[-1]
    exact = [
        c.key
        for c in spec.columns
        if leaf in (compact(c.label), *(compact(a) for a in spec.aliases.get(c.key, ())))
    ]
    if len(exact) == 1:
        return exact[0]
    depth = {part: index for index, part in enumerate(path)}
    scored: list[tuple[tuple[int, int], str]] = []
    for column in spec.columns:
        for spelling in (column.label, *spec.aliases.get(column.key, ())):
            parts = [compact(p) for p in spelling.split()]
            if all(p in depth for p in parts):
                # More parts first; among equals the spelling naming deeper headers
                # (公务用车购置及运行维护费 / 小计 under “三公”经费).
                scored.append(((len(parts), sum(depth[p] for p in parts)), column.key))
    if exact:
        scored = [s for s in scored if s[1] in exact] or [((1, 0), k) for k in exact]
    if not scored:
        return None
    best = max(score for score, _ in scored)
    keys = {key for score, key in scored if score == best}
    return keys.pop() if len(keys) == 1 else None
