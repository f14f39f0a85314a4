"""Read a disclosure published as PDF into printed grids and narrative.

:func:`read_pdf` makes one pass over each page. An engine reads the page's characters
with their boxes and its ruled tables' cells: pdfium (:mod:`.pdfium`, the default) or
pdfplumber (the fallback); both feed the same rules, which follow:

- the page's characters are gathered once and clustered into lines by vertical overlap
  (not by equal ``top``), so a figure set a few points below its line — as some office
  suites print numbers in Chinese text — stays in its sentence;
- on pages with rulings, pdfplumber's lattice finder gives each ruled table's cells; each
  character goes to the cell that holds it, and a cell's wrapped lines are joined;
- a ruled table is kept when its title sits above it, or is drawn in its top rows, with
  the ``公开NN表`` number, unit and department lines (read by :mod:`.heading`), or when
  it continues the table that ended the previous page; a header repeated on the
  continuation page is dropped, a 合计 row alone on the next page is widened to the
  table's columns, and a row printed just above the frame (its top rule missing) is read
  as the continuation's first row;
- the narrow "gutter" columns between double rules are left out, so a cell merged over a
  gutter holds its text in the column it stands in;
- everything else is narrative, its wrapped lines joined back into paragraphs; the cover
  (first page) gives department, year and family (:mod:`.heading`).

Every bound in :class:`Limits` is checked per page before the page's text is read, and
every error from the PDF libraries is raised again as a
:class:`~govbudget.errors.FormatError` naming the file and page.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import attrs

from govbudget.errors import FormatError, GovbudgetError
from govbudget.location import Location
from govbudget.pages import Page as PrintedPage
from govbudget.readers import heading as printed_heading
from govbudget.readers import pdfium
from govbudget.readers.pdfium import Glyph as _Glyph
from govbudget.readers.printed import PrintedDocument, PrintedRow, PrintedTable

if TYPE_CHECKING:
    from pdfplumber.page import Page
    from pdfplumber.table import Table

__all__ = ["DEFAULT_LIMITS", "ENGINES", "Limits", "read_pdf"]


def _positive(_instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if isinstance(value, bool) or value <= 0:
        raise ValueError(f"{attribute.name} must be positive, not {value!r}")


@attrs.frozen
class Limits:
    """Bounds on the work :func:`read_pdf` does for one file.

    A hostile or broken PDF can claim millions of pages or draw millions of objects on
    one; each bound is checked per page before its text is read, and raises a
    :class:`~govbudget.errors.FormatError` naming the file and page.

    Attributes:
        max_pages: The most pages a file may have.
        max_chars: The most characters on one page.
        max_objects: The most drawn objects (characters, lines, rectangles, curves,
            images) on one page.
        max_seconds: The most seconds spent on one file, checked between pages.

    .. versionadded:: 0.1
    """

    max_pages: int = attrs.field(default=1_000, validator=_positive)
    max_chars: int = attrs.field(default=100_000, validator=_positive)
    max_objects: int = attrs.field(default=250_000, validator=_positive)
    max_seconds: float = attrs.field(default=300.0, validator=_positive)


#: The bounds :func:`read_pdf` uses unless given others; far above any real disclosure.
DEFAULT_LIMITS: Final = Limits()


@attrs.frozen
class _Line:
    """Characters printed on one line, left to right."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    hard: bool = False  # ends its paragraph whatever its length (a row of a table)


@attrs.define
class _Open:
    """A table being read, possibly continued on the next page."""

    title: str
    rows: list[PrintedRow]
    width: int
    number: str | None
    unit: str | None
    department: str | None
    note: str
    location: Location

    def freeze(self) -> PrintedTable:
        return PrintedTable(
            title=self.title,
            rows=self.rows,
            number=self.number,
            unit=self.unit,
            department=self.department,
            note=self.note,
            location=self.location,
        )


_QUOTES: Final = str.maketrans("", "", " \u3000\t“”‘’\"'「」『』")
_FOLIO: Final = re.compile(
    r"^[-—–\s]*(第\s*\d+\s*页(\s*[，,/]?\s*共\s*\d+\s*页)?|\d{1,4})[-—–\s]*$"
)
_STOPS: Final = "。；：！？!?;:"
_ENUMERATED: Final = re.compile(
    r"^\s*(（[一二三四五六七八九十\d]+）|[一二三四五六七八九十]+、|\d+(、|．|\.(?!\d))|第[一二三四五六七八九十百]+[条章部])"
)
_CJK: Final = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef“”‘’]")


#: The engines :func:`read_pdf` can read pages with; the first is the default.
ENGINES: Final = ("pdfium", "pdfplumber")


def read_pdf(
    path: str | Path, *, limits: Limits = DEFAULT_LIMITS, engine: str = "pdfium"
) -> PrintedDocument:
    """Read the disclosure in the PDF at *path* as printed tables and narrative.

    Args:
        path: The PDF file.
        limits: Bounds on pages, characters, objects and time.
        engine: What reads the pages: ``"pdfium"`` (pypdfium2, the default, about ten
            times faster) or ``"pdfplumber"`` (pdfminer, the fallback). Both give the
            same characters and rulings to the same layout rules (:mod:`.pdfium`).

    Returns:
        The document's tables (one per disclosure table, continuation pages appended),
        its narrative in reading order, and the department, year and template flag read
        from its cover.

    Raises:
        FileNotFoundError: When there is no such file.
        FormatError: When the file is not a PDF, is encrypted, is damaged, or breaks a
            bound in *limits*; the message names the file and, where known, the page.
        ValueError: When *engine* is not one of :data:`ENGINES`.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       *engine*; pdfium is the default.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    file = Path(path)
    where = Location(file=str(path))
    with file.open("rb") as handle:
        if b"%PDF-" not in handle.read(1024):
            raise FormatError("not a PDF file (no %PDF- header)", location=where)
    reader = _Reader(str(path), limits, time.monotonic())
    if engine == "pdfium":
        return _read_pdfium(file, reader)
    return _read_pdfplumber(file, reader)


def _read_pdfplumber(file: Path, reader: _Reader) -> PrintedDocument:
    import pdfplumber  # noqa: PLC0415 -- optional at import time; see test_import_is_light
    from pdfminer.pdfdocument import (  # noqa: PLC0415
        PDFEncryptionError,
        PDFPasswordIncorrect,
    )

    where = Location(file=reader.file)
    limits = reader.limits
    try:
        pdf = pdfplumber.open(file)
    except Exception as exc:
        cause = _cause(exc)
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise FormatError(
                "the PDF is encrypted and cannot be read without its password", location=where
            ) from exc
        raise FormatError(f"cannot open the PDF: {_describe(cause)}", location=where) from exc
    with pdf:
        try:
            pages = pdf.pages
        except Exception as exc:
            raise FormatError(
                f"cannot read the page tree: {_describe(_cause(exc))}", location=where
            ) from exc
        _count_pages(len(pages), limits, where)
        for number, page in enumerate(pages, start=1):
            try:
                reader.page(number, partial(_plumber_content, page, limits))
            finally:
                page.close()  # let pdfplumber drop what it cached for the page
        return reader.document()


def _read_pdfium(file: Path, reader: _Reader) -> PrintedDocument:
    where = Location(file=reader.file)
    limits = reader.limits
    try:
        pdf = pdfium.open_pdf(file)
    except Exception as exc:
        if "password" in str(exc).lower():
            raise FormatError(
                "the PDF is encrypted and cannot be read without its password", location=where
            ) from exc
        raise FormatError(f"cannot open the PDF: {_describe(exc)}", location=where) from exc
    try:
        _count_pages(len(pdf), limits, where)
        for number in range(1, len(pdf) + 1):
            reader.page(number, partial(_pdfium_content, pdf, number, limits))
        return reader.document()
    finally:
        pdf.close()


def _count_pages(pages: int, limits: Limits, where: Location) -> None:
    if not pages:
        raise FormatError("the PDF has no pages", location=where)
    if pages > limits.max_pages:
        raise FormatError(
            f"the PDF has {pages} pages; the limit is {limits.max_pages}", location=where
        )


def _within(objects: int, chars: int, limits: Limits, where: Location) -> None:
    """Raise when a page draws more objects or characters than *limits* allow."""
    if objects > limits.max_objects:
        raise FormatError(
            f"the page draws {objects} objects; the limit is {limits.max_objects}",
            location=where,
        )
    if chars > limits.max_chars:
        raise FormatError(
            f"the page has {chars} characters; the limit is {limits.max_chars}",
            location=where,
        )


def _pdfium_content(
    pdf: Any, number: int, limits: Limits, where: Location
) -> tuple[list[_Glyph], list[Table], int]:
    """One page's characters, ruled tables and drawn figures, read with pdfium.

    The figures are the images and the curves (subpaths neither a line nor a box); the
    page's objects must be within the limits.
    """
    page = pdf[number - 1]
    try:
        width, height = page.get_size()
        textpage, chars = pdfium.characters(page)
        try:
            ruled = pdfium.rulings(page, height)
            _within(chars + ruled.subpaths + ruled.images, chars, limits, where)
            glyphs = pdfium.glyphs(textpage, height)
        finally:
            textpage.close()
    finally:
        page.close()
    return glyphs, pdfium.find_tables(ruled, width, height), ruled.images + ruled.curves


def _plumber_content(
    page: Page, limits: Limits, where: Location
) -> tuple[list[_Glyph], list[Table], int]:
    """One page's characters, ruled tables and drawn figures, read with pdfplumber.

    The figures are pdfplumber's images and curves; the page's objects must be within
    the limits.
    """
    objects = page.objects
    chars = objects.get("char", [])
    _within(sum(len(items) for items in objects.values()), len(chars), limits, where)
    glyphs = [
        _Glyph(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["size"] or 1.0)
        for c in chars
        if c["text"].strip()
    ]
    ruled = bool(objects.get("line") or objects.get("rect"))
    found = sorted(page.find_tables(), key=lambda t: t.bbox[1]) if ruled else []
    drawn = sum(len(objects.get(kind, [])) for kind in ("image", "curve"))
    return glyphs, found, drawn


def _cause(exc: BaseException) -> BaseException:
    """The pdfminer error under pdfplumber's wrapper, if there is one."""
    inner = exc.args[0] if len(exc.args) == 1 else None
    if type(exc).__name__ == "PdfminerException" and isinstance(inner, BaseException):
        return inner
    return exc


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class _Reader:
    """The state of one pass over a document's pages."""

    def __init__(self, file: str, limits: Limits, started: float) -> None:
        self.file = file
        self.limits = limits
        self.started = started
        self.tables: list[_Open] = []
        self.open: _Open | None = None
        self.narrative: list[tuple[_Line, _Margins]] = []
        self.cover: list[_Line] = []
        self.pages: list[PrintedPage] = []

    def page(
        self, number: int, load: Callable[[Location], tuple[list[_Glyph], list[Table], int]]
    ) -> None:
        """Read one page.

        *load* gives its characters, ruled tables (top first) and the number of figures
        it draws (images and curves).
        """
        where = Location(file=self.file, page=number)
        elapsed = time.monotonic() - self.started
        if elapsed > self.limits.max_seconds:
            raise FormatError(
                f"reading took over {self.limits.max_seconds:g} seconds; stopped before this page",
                location=where,
            )
        try:
            glyphs, found, drawn = load(where)
            self._page(glyphs, found, number, drawn)
        except GovbudgetError:
            raise
        except Exception as exc:
            raise FormatError(
                f"cannot read the page: {_describe(_cause(exc))}", location=where
            ) from exc

    def _page(self, glyphs: list[_Glyph], found: list[Table], number: int, drawn: int) -> None:
        inside, outside = _split(found, glyphs)
        lines = [line for line in _cluster(outside) if not _FOLIO.match(line.text)]
        if number == 1:
            self.cover = lines
        narrative: list[_Line] = []
        cursor = 0  # index into lines of the first line not yet placed
        pending: list[_Line] = []  # lines under a table that may head the next one
        placed = 0  # tables started or continued on this page
        for index, table in enumerate(found):
            above, pending = pending, []
            while cursor < len(lines) and lines[cursor].top < table.bbox[1]:
                above.append(lines[cursor])
                cursor += 1
            if (
                index == 0
                and self.open is not None
                and above
                and all(_ROW_LIKE.match(line.text) for line in above)
            ):
                # A continuation page whose first row lost its top rule: the row is
                # printed above the table's frame; read it as the table's first row.
                inside[index] = [
                    g for g in outside if any(_on(g, line) for line in above)
                ] + inside[index]
                above = []
            if index == 0 and above and self._carried_over(above, table):
                above = []
            grid = _grid(table, inside[index])
            opened = self._place(grid, above, narrative, page=number, first=index == 0)
            placed += opened is not None
            if opened is None:  # no title and nothing to continue: its text is narrative
                x0, _top, x1, _bottom = table.bbox
                narrative.extend(
                    _Line(" ".join(filter(None, cells)), x0, x1, top, top, 1.0, hard=True)
                    for cells, top in grid
                    if any(cells)
                )
                continue
            below: list[_Line] = []
            next_top = found[index + 1].bbox[1] if index + 1 < len(found) else float("inf")
            while cursor < len(lines) and lines[cursor].top < next_top:
                below.append(lines[cursor])
                cursor += 1
            rest = self._note(opened, below)
            if index + 1 < len(found):
                pending = rest  # the next table's title, number, unit, department
            else:
                narrative.extend(rest)
        narrative.extend(pending)
        narrative.extend(lines[cursor:])
        if narrative and (not found or narrative[-1].top > found[-1].bbox[3]):
            self.open = None  # text after the last table: it does not run on
        narrative.sort(key=lambda line: line.top)
        margins = _margins(narrative)
        self.narrative.extend((line, margins) for line in narrative)
        text = "\n".join(_paragraphs([(line, margins) for line in narrative]))
        self.pages.append(PrintedPage(number, text, tables=placed, figures=drawn))

    def _carried_over(self, above: list[_Line], table: Any) -> bool:
        """Join the tail of a label wrapped across the page break to the cell it ends.

        A label cell of the open table's last row may wrap onto the next page, where its
        last characters print above the continued frame (信息网络及软件购 | 置更新). Such
        lines are short text with no figure and no heading, each over a column whose
        cell in the last row has text; they are appended to those cells.
        """
        opened = self.open
        if opened is None or not opened.rows or len(table.columns) != opened.width:
            return False
        if not all(_FRAGMENT.fullmatch(line.text) for line in above):
            return False
        if printed_heading.heading([line.text for line in above]) is not None:
            return False
        last = opened.rows[-1]
        cells = list(last.cells)
        for line in above:
            middle = (line.x0 + line.x1) / 2
            column = next(
                (i for i, c in enumerate(table.columns) if c.bbox[0] <= middle <= c.bbox[2]),
                None,
            )
            if column is None or column >= len(cells) or not cells[column].strip():
                return False
            cells[column] += line.text
        opened.rows[-1] = PrintedRow(cells, location=last.location)
        return True

    def _place(
        self,
        grid: list[tuple[list[str], float]],
        above: list[_Line],
        narrative: list[_Line],
        *,
        page: int,
        first: bool,
    ) -> _Open | None:
        """Start a titled table or continue the open one; ``None`` when it is neither."""
        width = max((len(cells) for cells, _ in grid), default=0)
        where = Location(file=self.file, page=page)
        rows = [PrintedRow(cells, location=where) for cells, _ in grid]
        peeled = _peel(grid)
        inner = [" ".join(c for c in cells if c.strip()) for cells, _ in grid[:peeled]]
        found = printed_heading.heading([line.text for line in above] + inner)
        heading = None if found is None else found.astuple()
        if heading is not None and peeled:
            rows = rows[peeled:]  # the heading printed in the table's top rows
            width = max((len(r.cells) for r in rows), default=0)
        if heading is None:
            narrative.extend(above)
            meaningful = [line for line in above if line.text.translate(_QUOTES)]
            if (
                self.open is not None
                and first
                and not meaningful
                and width < self.open.width
                and (widened := _widen(rows, self.open.width)) is not None
            ):
                rows, width = widened, self.open.width
            continues = (
                self.open is not None and first and not meaningful and self.open.width == width
            )
            if not continues or self.open is None:
                self.open = None
                return None
            opened = self.open
            header = opened.rows
            skip = 0
            while (
                skip < len(rows) and skip < len(header) and rows[skip].cells == header[skip].cells
            ):
                skip += 1
            opened.rows.extend(rows[skip:])
            return opened
        used, title, number_text, unit, department = heading
        narrative.extend(above[:used])
        opened = _Open(
            title=title,
            rows=rows,
            width=width,
            number=number_text,
            unit=unit,
            department=department,
            note="",
            location=Location(file=self.file, page=page, table=title),
        )
        self.tables.append(opened)
        self.open = opened
        return opened

    def _note(self, opened: _Open, below: list[_Line]) -> list[_Line]:
        """Take the note printed under a table (``注：…``); return the other lines."""
        for start, line in enumerate(below):
            if not printed_heading.is_note(line.text):
                continue
            end = start + 1
            while end < len(below):
                gap = below[end].top - below[end - 1].bottom
                if _heading([below[end]]) is not None or gap > 1.5 * below[end].size:
                    break
                end += 1
            margins = _margins(below)
            opened.note = "".join(_paragraphs([(line, margins) for line in below[start:end]]))
            return below[:start] + below[end:]
        return below

    def document(self) -> PrintedDocument:
        """The document read so far."""
        narrative = "\n".join(_paragraphs(self.narrative))
        cover = " ".join(line.text for line in self.cover)
        department = printed_heading.cover_department(cover)
        year = printed_heading.year_in(cover)
        if department is None:
            department = next((t.department for t in self.tables if t.department), None)
        if year is None:  # no year on the cover: a table title's, else a heading's
            headings = [
                p
                for p in narrative.split("\n")
                if len(p) <= 40 and printed_heading.family_in(p) is not None
            ]
            year = next(
                (
                    y
                    for text in [*(t.title for t in self.tables), *headings]
                    if (y := printed_heading.year_in(text)) is not None
                ),
                None,
            )
        cells = (cell for t in self.tables for row in t.rows for cell in row.cells)
        template = printed_heading.is_template(department, [narrative, *cells])
        family = printed_heading.family_in(cover) or next(
            (f for t in self.tables if (f := printed_heading.family_in(t.title)) is not None),
            None,
        )
        return PrintedDocument(
            source=self.file,
            tables=[t.freeze() for t in self.tables],
            narrative=narrative,
            department=department,
            year=year,
            template=template,
            family=family,
            pages=self.pages,
        )


_FIGURE: Final = re.compile(r"-?[\d,]+(?:\.\d+)?")


def _widen(rows: Sequence[PrintedRow], width: int) -> list[PrintedRow] | None:
    """Total rows printed alone on a continuation page, widened to the table's columns.

    The 合计 row of a long table may fall alone on the next page, its label merged over
    the code and name columns, so the page's grid is narrower than the table's. Each
    row of a label and figures is padded after its label, so that its figures stand
    under the table's figure columns; ``None`` when a row is not of that shape.
    """
    out = []
    for row in rows:
        label, *figures = row.cells
        if not label.strip() or not figures:
            return None
        if not all(_FIGURE.fullmatch(cell.replace(" ", "")) or not cell for cell in figures):
            return None
        padding = [""] * (width - len(row.cells))
        out.append(PrintedRow([label, *padding, *figures], row.location))
    return out


def _peel(grid: Sequence[tuple[list[str], float]]) -> int:
    """How many of a table's top rows print its heading (title, number, unit, department).

    Some publishers draw the title and the 部门/单位 line inside the table's frame.
    """
    count = 0
    for index, (cells, _top) in enumerate(grid[:6]):
        text = " ".join(c for c in cells if c.strip())
        if not text:
            continue  # an empty row between the heading's lines
        if not (printed_heading.is_title(text) or printed_heading.is_heading_line(text)):
            break
        count = index + 1
    return count


def _split(
    tables: Sequence[Table], glyphs: Iterable[_Glyph]
) -> tuple[list[list[_Glyph]], list[_Glyph]]:
    """Sort characters into those inside each table and those outside every table."""
    inside: list[list[_Glyph]] = [[] for _ in tables]
    outside: list[_Glyph] = []
    boxes = [table.bbox for table in tables]
    for glyph in glyphs:
        cx, cy = (glyph.x0 + glyph.x1) / 2, (glyph.top + glyph.bottom) / 2
        for index, (x0, top, x1, bottom) in enumerate(boxes):
            if x0 <= cx <= x1 and top <= cy <= bottom:
                inside[index].append(glyph)
                break
        else:
            outside.append(glyph)
    return inside, outside


def _cluster(glyphs: Iterable[_Glyph]) -> list[_Line]:
    """Group characters into lines: a character joins the line it overlaps most.

    A line's vertical extent is that of its first (highest) character, so a figure set a
    few points low joins its line without stretching the line onto the next one.
    """
    open_lines: list[tuple[float, float, list[_Glyph]]] = []
    done: list[tuple[float, float, list[_Glyph]]] = []
    for glyph in sorted(glyphs, key=lambda g: (g.top, g.x0)):
        height = glyph.bottom - glyph.top
        best, best_overlap = -1, 0.0
        keep = []
        for top, bottom, members in open_lines:
            if bottom <= glyph.top:
                done.append((top, bottom, members))
                continue
            keep.append((top, bottom, members))
            overlap = min(bottom, glyph.bottom) - max(top, glyph.top)
            if overlap >= 0.5 * min(height, bottom - top) and overlap > best_overlap:
                best, best_overlap = len(keep) - 1, overlap
        open_lines = keep
        if best >= 0:
            open_lines[best][2].append(glyph)
        else:
            open_lines.append((glyph.top, glyph.bottom, [glyph]))
    done.extend(open_lines)
    done.sort(key=lambda item: item[0])
    return [_line(members) for _top, _bottom, members in done]


def _line(members: list[_Glyph]) -> _Line:
    members.sort(key=lambda g: g.x0)
    parts: list[str] = []
    previous: _Glyph | None = None
    for glyph in members:
        if previous is not None:
            if glyph.text == previous.text and abs(glyph.x0 - previous.x0) < 0.5:
                continue  # the same character printed twice (fake bold)
            gap = glyph.x0 - previous.x1
            cjk = _CJK.match(previous.text) or _CJK.match(glyph.text)
            if gap > (1.5 if cjk else 0.25) * min(glyph.size, previous.size):
                parts.append(" ")
        parts.append(glyph.text)
        previous = glyph
    first = members[0]
    return _Line(
        text="".join(parts),
        x0=first.x0,
        x1=max(g.x1 for g in members),
        top=min(g.top for g in members),
        bottom=max(g.bottom for g in members),
        size=max(g.size for g in members),
    )


def _join(left: str, right: str) -> str:
    """Join two wrapped lines of one cell or paragraph: no break, a space between words."""
    if left and right and left[-1].isascii() and left[-1].isalpha() and right[0].isascii():
        return f"{left} {right}"
    return left + right


#: The tail of a wrapped label: a few characters, no figure, no sentence punctuation.
_FRAGMENT: Final = re.compile(r"[^\d。，,：:；;、\s]{1,12}")
_ROW_LIKE: Final = re.compile(r"^\d{3,7}\s*[^\d\s].*\s-?[\d,]+(?:\.\d+)?$")


def _on(glyph: _Glyph, line: _Line) -> bool:
    """Whether a character is printed on *line*."""
    middle = (glyph.top + glyph.bottom) / 2
    return line.top <= middle <= line.bottom and line.x0 <= glyph.x0 <= line.x1


_GUTTER: Final = 7.5  # points: narrower columns are the space between double rules


def _grid(table: Table, glyphs: Sequence[_Glyph]) -> list[tuple[list[str], float]]:
    """The table's rows as cell texts, each with the row's top.

    Tables drawn with double rules give pdfplumber narrow "gutter" columns between the
    rules; a cell merged across a gutter and a real column holds its text in the real
    column, and gutters that hold nothing are left out, so figures line up under their
    headers.
    """
    rows = table.rows
    tops = [row.bbox[1] for row in rows]
    gutters = _gutters(table)
    held: dict[tuple[int, int], list[_Glyph]] = {}
    top_row: list[_Glyph] = []  # printed above the frame (see _ROW_LIKE)
    for glyph in glyphs:
        cx, cy = (glyph.x0 + glyph.x1) / 2, (glyph.top + glyph.bottom) / 2
        index = bisect_right(tops, cy) - 1
        if index < 0 and rows:
            spot = _cell_at([_column(c, rows[0].bbox) for c in rows[0].cells], cx, rows[0].bbox[1])
            if spot >= 0:
                if spot in gutters:
                    spot = _past_gutters(rows[0].cells, spot, gutters)
                held.setdefault((-1, spot), []).append(glyph)
                top_row.append(glyph)
            continue
        while index >= 0:
            boxes = rows[index].cells
            spot = _cell_at(boxes, cx, cy)
            if spot >= 0:
                if spot in gutters:
                    spot = _past_gutters(boxes, spot, gutters)
                held.setdefault((index, spot), []).append(glyph)
                break
            index -= 1
    width = max((len(row.cells) for row in rows), default=0)
    dropped = {c for c in gutters if not any(key[1] == c for key in held)}
    grid = []
    first = [(-1, rows[0])] if top_row and rows else []
    for r, row in [*first, *enumerate(rows)]:
        cells = []
        for c in range(len(row.cells)):
            if c in dropped and len(dropped) < width:
                continue
            text = ""
            for line in _cluster(held.get((r, c), ())):
                text = _join(text, line.text)
            cells.append(text)
        grid.append((cells, row.bbox[1]))
    return grid


def _column(
    cell: tuple[float, float, float, float] | None, bbox: tuple[float, float, float, float]
) -> tuple[float, float, float, float] | None:
    """A cell stretched to the row's height: the column it stands in."""
    return None if cell is None else (cell[0], bbox[1], cell[2], bbox[3])


def _gutters(table: Table) -> set[int]:
    """The columns narrower than :data:`_GUTTER` points (the space between double rules)."""
    starts: dict[int, float] = {}
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            if cell is not None:
                starts[index] = min(starts.get(index, cell[0]), cell[0])
    edges = sorted(starts.items())
    out = set()
    for (index, x0), (_next, x1) in pairwise(edges):
        if x1 - x0 < _GUTTER:
            out.add(index)
    if edges and table.bbox[2] - edges[-1][1] < _GUTTER:
        out.add(edges[-1][0])
    return out


def _past_gutters(
    cells: Sequence[tuple[float, float, float, float] | None], spot: int, gutters: set[int]
) -> int:
    """The first real column a cell starting in a gutter spans, else the gutter itself."""
    cell = cells[spot]
    end = cell[2] if cell is not None else 0.0
    for index in range(spot + 1, len(cells)):
        other = cells[index]
        if other is not None and other[0] >= end:
            break
        if index not in gutters:
            return index
    return spot


def _cell_at(cells: Sequence[tuple[float, float, float, float] | None], x: float, y: float) -> int:
    for index, cell in enumerate(cells):
        if cell is not None and cell[0] <= x <= cell[2] and cell[1] <= y <= cell[3]:
            return index
    return -1


def _heading(
    above: Sequence[_Line],
) -> tuple[int, str, str | None, str | None, str | None] | None:
    """Find a table's title among the lines above it, nearest first.

    Returns how many of *above* precede the heading (they are narrative), the title, and
    the number, unit and department printed with it; ``None`` when no title sits close
    above (see :func:`govbudget.readers.heading.heading`).
    """
    found = printed_heading.heading([line.text for line in above])
    return None if found is None else found.astuple()


class _Margins(NamedTuple):
    left: float
    right: float


def _margins(lines: Sequence[_Line]) -> _Margins:
    """The left and right edges of a page's running text (table rows left out)."""
    body = [line for line in lines if not line.hard]
    if not body:
        return _Margins(0.0, 0.0)
    return _Margins(min(line.x0 for line in body), max(line.x1 for line in body))


def _paragraphs(lines: Sequence[tuple[_Line, _Margins]]) -> list[str]:
    """Join wrapped lines back into paragraphs."""
    out: list[str] = []
    current = ""
    for index, (line, margins) in enumerate(lines):
        current = _join(current, line.text)
        following = lines[index + 1] if index + 1 < len(lines) else None
        if following is None or not _wraps(line, margins, *following):
            out.append(current)
            current = ""
    return out


def _wraps(line: _Line, margins: _Margins, following: _Line, next_margins: _Margins) -> bool:
    """Whether *following* continues the paragraph *line* is in.

    It does when it starts flush left (a new paragraph is indented or numbered) and
    *line* runs to the right margin: a line ending mid-sentence may stop a few characters
    short (the next word was a figure too wide to fit); one ending a sentence must be full.
    """
    if line.hard or following.hard or _ENUMERATED.match(following.text):
        return False
    if following.x0 > next_margins.left + 0.25 * following.size:
        return False
    short = margins.right - line.x1 - _SLACK
    if line.text.endswith(tuple(_STOPS)):
        return short <= 1.5 * line.size
    return short <= 6 * line.size


#: Points: positions an engine keeps as 32-bit floats (pdfium) differ by this much from
#: the same positions kept as 64-bit (pdfminer); a line that stops exactly at a bound
#: must fall on the same side of it under both.
_SLACK: Final = 0.01
