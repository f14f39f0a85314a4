"""The pages of a PDF as pdfium (pypdfium2) reads them: characters and ruling edges.

The PDF reader (:mod:`.pdf`) needs, per page, the printed characters with their boxes
and the ruled tables' cells. pdfium parses a page about fifteen times faster than
pdfminer (under pdfplumber), so this module gives the reader the same inputs from pdfium:

- each character's box is made the way pdfminer makes it, so lines and cells cluster the
  same: left and right from the glyph's advance (pdfium's "loose" box), top and bottom
  from the baseline, the font's descent and the font size scaled by the text matrix;
- each path object is split into its subpaths, and each subpath into the straight
  segments between its points (a Bézier counts by its end point), as pdfminer does; the
  horizontal and vertical ones are the page's ruling edges, in pdfplumber's edge form, so
  pdfplumber's lattice finder (:class:`pdfplumber.table.TableFinder`, pure geometry)
  builds the same cells from them;
- form XObjects are entered, their matrices composed, so rulings drawn in a form count.

The objects counted against :attr:`~govbudget.readers.pdf.Limits.max_objects` are
counted as pdfminer counts them: one per character, one per subpath, one per image.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple

if TYPE_CHECKING:
    import pypdfium2
    from pdfplumber.table import Table

__all__ = [
    "Glyph",
    "PdfiumPage",
    "Ruled",
    "characters",
    "find_tables",
    "glyphs",
    "open_pdf",
    "page_content",
    "rulings",
]


class Glyph(NamedTuple):
    """One printed character and its box, in points from the page's top left."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


class Ruled(NamedTuple):
    """A page's ruling edges (pdfplumber's edge dicts) and whether it draws a line or box.

    ``ruled`` follows pdfplumber: true when a subpath is a single segment (a line) or an
    upright closed four-sided box (a rectangle); pages drawing only curves are not ruled.
    """

    edges: list[dict[str, Any]]
    ruled: bool
    subpaths: int
    images: int
    curves: int = 0


class PdfiumPage(NamedTuple):
    """What :func:`page_content` read off one page."""

    glyphs: list[Glyph]
    characters: int
    ruled: Ruled


_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Final[_Matrix] = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def open_pdf(path: Path) -> pypdfium2.PdfDocument:
    """Open *path* with pdfium; errors are pdfium's (the reader words them)."""
    import pypdfium2  # noqa: PLC0415 -- optional at import time; see test_import_is_light

    return pypdfium2.PdfDocument(path)


def characters(page: pypdfium2.PdfPage) -> tuple[Any, int]:
    """The page's text page and how many characters it prints (pdfium's generated ones out)."""
    import pypdfium2.raw as pdfium_c  # noqa: PLC0415

    textpage = page.get_textpage()
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    printed = sum(1 for i in range(count) if pdfium_c.FPDFText_IsGenerated(raw, i) != 1)
    return textpage, printed


def glyphs(textpage: Any, height: float) -> list[Glyph]:
    """The page's printed, non-blank characters with pdfminer-shaped boxes."""
    import pypdfium2.raw as pdfium_c  # noqa: PLC0415

    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    box = pdfium_c.FS_RECTF()
    x = ctypes.c_double()
    y = ctypes.c_double()
    matrix = pdfium_c.FS_MATRIX()
    descent = ctypes.c_float()
    fonts: dict[int | None, tuple[float, float]] = {}  # per text object: size, descent
    out: list[Glyph] = []
    for index in range(count):
        code = pdfium_c.FPDFText_GetUnicode(raw, index)
        text = chr(code) if code else ""
        if not text.strip():
            continue  # pdfium's generated characters (spaces, line ends) are blank too
        handle = pdfium_c.FPDFText_GetTextObject(raw, index)
        key = ctypes.addressof(handle.contents) if handle else None
        known = fonts.get(key)
        if known is None:
            pdfium_c.FPDFText_GetMatrix(raw, index, matrix)
            size = pdfium_c.FPDFText_GetFontSize(raw, index) * math.hypot(matrix.c, matrix.d)
            font = pdfium_c.FPDFTextObj_GetFont(handle)
            if not font or not pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(size), descent):
                descent.value = 0.0
            known = fonts[key] = (size, descent.value)
        size, below = known
        pdfium_c.FPDFText_GetLooseCharBox(raw, index, box)
        pdfium_c.FPDFText_GetCharOrigin(raw, index, x, y)
        top = height - (y.value + below + size)
        out.append(Glyph(text, box.left, box.right, top, top + size, size))
    return out


def rulings(page: pypdfium2.PdfPage, height: float) -> Ruled:
    """The page's ruling edges, read from its path objects (forms entered)."""
    import pypdfium2.raw as pdfium_c  # noqa: PLC0415

    walker = _Walker(pdfium_c, height)
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        walker.visit(pdfium_c.FPDFPage_GetObject(page.raw, index), _IDENTITY)
    return Ruled(walker.edges, walker.ruled, walker.subpaths, walker.images, walker.curves)


class _Walker:
    """A walk over a page's objects, gathering edges and counting what it meets."""

    def __init__(self, pdfium_c: Any, height: float) -> None:
        self.pdfium_c = pdfium_c
        self.height = height
        self.edges: list[dict[str, Any]] = []
        self.ruled = False
        self.subpaths = 0
        self.images = 0
        self.curves = 0  # subpaths neither a line nor an upright box: drawn figures

    def visit(self, handle: Any, outer: _Matrix) -> None:
        """Take in one page object drawn under the matrix *outer*."""
        pdfium_c = self.pdfium_c
        kind = pdfium_c.FPDFPageObj_GetType(handle)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            self.images += 1
            return
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
            return
        raw = pdfium_c.FS_MATRIX()
        pdfium_c.FPDFPageObj_GetMatrix(handle, raw)
        matrix = _compose((raw.a, raw.b, raw.c, raw.d, raw.e, raw.f), outer)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            for index in range(pdfium_c.FPDFFormObj_CountObjects(handle)):
                self.visit(pdfium_c.FPDFFormObj_GetObject(handle, index), matrix)
            return
        for shape, points in _subpaths(pdfium_c, handle, matrix):
            self.subpath(shape, [(x, self.height - y) for x, y in points])

    def subpath(self, shape: str, pts: list[tuple[float, float]]) -> None:
        """Take in one subpath: its operators and its points from the page's top left."""
        self.subpaths += 1
        ops = shape
        if len(ops) > 3 and ops.endswith("lh") and pts[-2] == pts[0]:
            ops = ops[:-2] + "h"  # a redundant segment back to the start before closing
            del pts[-2]
        if ops in ("ml", "mlh"):
            self.ruled = True
            self.edges.append(_line_edge(pts[0], pts[1]))
            return
        if ops in ("mlllh", "mllll") and _upright_box(pts):
            self.ruled = True
        else:
            self.curves += 1
        self.edges.extend(_curve_edge(p0, p1) for p0, p1 in pairwise(pts))


def _subpaths(
    pdfium_c: Any, handle: Any, matrix: _Matrix
) -> Iterator[tuple[str, list[tuple[float, float]]]]:
    """Each subpath's operators (``m``, ``l``, ``c``, ``h``) and points, on the page."""
    a, b, c, d, e, f = matrix
    x = ctypes.c_float()
    y = ctypes.c_float()
    ops: list[str] = []
    points: list[tuple[float, float]] = []
    bezier = 0
    for index in range(pdfium_c.FPDFPath_CountSegments(handle)):
        segment = pdfium_c.FPDFPath_GetPathSegment(handle, index)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if ops:
                yield "".join(ops), points
            ops, points, bezier = ["m"], [point], 0
        elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:  # the two control points of a curve
                continue
            ops.append("c")
            points.append(point)
        else:
            ops.append("l")
            points.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and points:
            ops.append("h")
            points.append(points[0])
    if ops:
        yield "".join(ops), points


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    """The matrix applying *inner* then *outer*."""
    a, b, c, d, e, f = inner
    p, q, r, s, t, u = outer
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def _upright_box(pts: list[tuple[float, float]]) -> bool:
    """Whether five points close an upright rectangle (pdfminer's test for a box)."""
    if len(pts) != 5 or pts[0] != pts[4]:
        return False
    (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
        y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
    )


def _line_edge(p0: tuple[float, float], p1: tuple[float, float]) -> dict[str, Any]:
    """A line's edge: horizontal when both ends are level, else vertical (as pdfplumber)."""
    edge = _curve_edge(p0, p1)
    edge["object_type"] = "line"
    edge["orientation"] = "h" if p0[1] == p1[1] else "v"
    return edge


def _curve_edge(p0: tuple[float, float], p1: tuple[float, float]) -> dict[str, Any]:
    """One straight segment as an edge; its orientation is ``None`` unless upright."""
    top, bottom = min(p0[1], p1[1]), max(p0[1], p1[1])
    return {
        "object_type": "curve_edge",
        "x0": min(p0[0], p1[0]),
        "x1": max(p0[0], p1[0]),
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": abs(p0[0] - p1[0]),
        "height": abs(p0[1] - p1[1]),
        "orientation": "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None),
    }


def page_content(page: pypdfium2.PdfPage) -> PdfiumPage:
    """One page's characters and rulings (the reader checks limits between the steps)."""
    height = page.get_height()
    textpage, count = characters(page)
    return PdfiumPage(glyphs(textpage, height), count, rulings(page, height))


class _EdgePage:
    """What pdfplumber's lattice finder asks of a page: its edges and its box."""

    def __init__(self, edges: list[dict[str, Any]], bbox: tuple[float, float, float, float]):
        self.edges = edges
        self.bbox = bbox


def find_tables(ruled: Ruled, width: float, height: float) -> list[Table]:
    """The ruled tables the edges draw, top first, found as pdfplumber finds them.

    pdfplumber's own steps with its default settings (the "lines" strategy): edges
    snapped and joined, their crossings, the cells between crossings, cells grouped into
    tables; only the search for cells is done here, indexed, with the same result.
    """
    if not ruled.ruled:
        return []
    from pdfplumber import table as lattice  # noqa: PLC0415
    from pdfplumber.utils.geometry import filter_edges  # noqa: PLC0415

    settings = lattice.TableSettings.resolve(None)
    short = settings.edge_min_length_prefilter
    edges = lattice.merge_edges(
        filter_edges(ruled.edges, "v", min_length=short)
        + filter_edges(ruled.edges, "h", min_length=short),
        snap_x_tolerance=settings.snap_x_tolerance,
        snap_y_tolerance=settings.snap_y_tolerance,
        join_x_tolerance=settings.join_x_tolerance,
        join_y_tolerance=settings.join_y_tolerance,
    )
    edges = filter_edges(edges, min_length=settings.edge_min_length)
    crossings = lattice.edges_to_intersections(
        edges, settings.intersection_x_tolerance, settings.intersection_y_tolerance
    )
    page: Any = _EdgePage(ruled.edges, (0.0, 0.0, width, height))
    groups = lattice.cells_to_tables(_cells(crossings))
    return sorted((lattice.Table(page, group) for group in groups), key=lambda t: t.bbox[1])


_Point = tuple[float, float]
_Box = tuple[float, float, float, float]


def _cells(crossings: dict[_Point, dict[str, list[dict[str, Any]]]]) -> list[_Box]:
    """The smallest cell whose top left is each crossing (pdfplumber's search, indexed).

    A cell runs from a crossing to one below it and one to its right, joined to them by
    a shared edge, and closes at the crossing under the one and right of the other, joined
    to both; the nearest such cell is taken.
    """
    upright = {p: {_bbox(e) for e in found["v"]} for p, found in crossings.items()}
    level = {p: {_bbox(e) for e in found["h"]} for p, found in crossings.items()}

    def joined(a: _Point, b: _Point) -> bool:
        if a[0] == b[0] and not upright[a].isdisjoint(upright[b]):
            return True
        return a[1] == b[1] and not level[a].isdisjoint(level[b])

    ordered = sorted(crossings)
    by_x: dict[float, list[_Point]] = {}
    by_y: dict[float, list[_Point]] = {}
    for point in ordered:
        by_x.setdefault(point[0], []).append(point)
        by_y.setdefault(point[1], []).append(point)
    cells: list[_Box] = []
    for point in ordered:
        below = [q for q in by_x[point[0]] if q > point]
        right = [q for q in by_y[point[1]] if q > point]
        cell = _smallest(point, below, right, crossings, joined)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest(
    point: _Point,
    below: list[_Point],
    right: list[_Point],
    crossings: dict[_Point, Any],
    joined: Any,
) -> _Box | None:
    for under in below:
        if not joined(point, under):
            continue
        for beside in right:
            if not joined(point, beside):
                continue
            corner = (beside[0], under[1])
            if corner in crossings and joined(corner, beside) and joined(corner, under):
                return (point[0], point[1], corner[0], corner[1])
    return None


def _bbox(edge: dict[str, Any]) -> _Box:
    return (edge["x0"], edge["top"], edge["x1"], edge["bottom"])
