"""The two PDF engines: pdfium (the default) reads every real PDF as pdfplumber does.

The comparison runs on every PDF under ``../shared/corpus/`` (final accounts and
budgets): the printed grids, the narrative and the assembled disclosure must be equal.
The geometry the pdfium engine adds (subpaths to edges, matrices) is tested on its own
with small hand-made shapes.
"""

import functools
from pathlib import Path

import pytest

from govbudget.disclosure import Disclosure
from govbudget.readers import read
from govbudget.readers.layout import assemble
from govbudget.readers.pdf import ENGINES, read_pdf
from govbudget.readers.pdfium import _compose, _upright_box, _Walker
from govbudget.readers.printed import PrintedDocument

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
CORPUS = sorted(
    [*SHARED.glob("corpus/*.pdf"), *SHARED.glob("corpus/budgets/*.pdf")] if SHARED.is_dir() else []
)


@functools.cache
def _printed(path: Path, engine: str) -> PrintedDocument:
    return read_pdf(path, engine=engine)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_engines_print_the_same_document(shared: Path, path: Path) -> None:
    """Tables, rows, cells, notes, narrative, department, year and family are equal."""
    pdfium = _printed(path, "pdfium")

    plumber = _printed(path, "pdfplumber")

    assert [t.title for t in pdfium.tables] == [t.title for t in plumber.tables]
    for ours, theirs in zip(pdfium.tables, plumber.tables, strict=True):
        assert ours == theirs, ours.title
    assert pdfium.narrative == plumber.narrative
    assert pdfium == plumber


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_engines_assemble_the_same_disclosure(shared: Path, path: Path) -> None:
    """The typed disclosures, problems included, are equal."""
    pdfium: Disclosure = assemble(_printed(path, "pdfium"))

    plumber: Disclosure = assemble(_printed(path, "pdfplumber"))

    assert pdfium == plumber


def test_corpus_is_not_empty(shared: Path) -> None:
    """The comparison above ran on the final accounts and on the budgets."""
    names = {p.parent.name for p in CORPUS}

    assert names == {"corpus", "budgets"}


def test_pdfium_is_the_default(shared: Path) -> None:
    """read() with no engine gives what read(engine="pdfium") gives."""
    path = min(CORPUS, key=lambda p: p.stat().st_size)

    assert read(path) == read(path, engine="pdfium")


@pytest.mark.parametrize("engine", ["pdfminer", "PDFium", ""])
def test_unknown_engine_is_refused(tmp_path: Path, engine: str) -> None:
    """An engine that is not one of ENGINES is a ValueError naming the choices."""
    path = tmp_path / "file.pdf"
    path.write_bytes(b"%PDF-1.7\n")

    with pytest.raises(ValueError, match="pdfium, pdfplumber"):
        read(path, engine=engine)
    with pytest.raises(ValueError, match="pdfium, pdfplumber"):
        read_pdf(path, engine=engine)


def test_engines_are_named() -> None:
    """Pdfium first (the default), pdfplumber the fallback."""
    assert ENGINES == ("pdfium", "pdfplumber")


def _walk(shape: str, *points: tuple[float, float]) -> _Walker:
    walker = _Walker(None, 100.0)
    walker.subpath(shape, list(points))
    return walker


def _edges(walker: _Walker) -> list[tuple[str | None, float, float, float, float]]:
    return [(e["orientation"], e["x0"], e["x1"], e["top"], e["bottom"]) for e in walker.edges]


def test_a_single_segment_is_a_line() -> None:
    """A level segment is one horizontal edge and makes the page ruled."""
    walker = _walk("ml", (10.0, 20.0), (50.0, 20.0))

    assert (_edges(walker), walker.ruled, walker.subpaths) == (
        [("h", 10.0, 50.0, 20.0, 20.0)],
        True,
        1,
    )


def test_a_slanted_line_counts_as_vertical() -> None:
    """Pdfplumber calls any line whose ends are not level vertical; so does the engine."""
    walker = _walk("mlh", (10.0, 20.0), (50.0, 60.0), (10.0, 20.0))

    assert _edges(walker) == [("v", 10.0, 50.0, 20.0, 60.0)]


def test_a_box_gives_four_edges() -> None:
    """An upright closed box: its four sides, and the page is ruled."""
    box = [(0.0, 0.0), (0.0, 10.0), (30.0, 10.0), (30.0, 0.0), (0.0, 0.0)]

    walker = _walk("mlllh", *box)

    assert sorted(_edges(walker), key=str) == sorted(
        [
            ("v", 0.0, 0.0, 0.0, 10.0),
            ("h", 0.0, 30.0, 10.0, 10.0),
            ("v", 30.0, 30.0, 0.0, 10.0),
            ("h", 0.0, 30.0, 0.0, 0.0),
        ],
        key=str,
    )
    assert walker.ruled


def test_a_redundant_closing_segment_is_dropped() -> None:
    """A box drawn back to its start and then closed is still a box, with four sides."""
    box = [(0.0, 0.0), (0.0, 10.0), (30.0, 10.0), (30.0, 0.0), (0.0, 0.0), (0.0, 0.0)]

    walker = _walk("mllllh", *box)

    assert (len(walker.edges), walker.ruled) == (4, True)


def test_a_curve_does_not_rule_a_page() -> None:
    """A triangle gives its upright sides as edges, its slant side none, and no ruling."""
    walker = _walk("mllh", (0.0, 0.0), (0.0, 10.0), (10.0, 10.0), (0.0, 0.0))

    orientations = [e["orientation"] for e in walker.edges]

    assert (orientations, walker.ruled) == (["v", "h", None], False)


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ([(0.0, 0.0), (0.0, 5.0), (9.0, 5.0), (9.0, 0.0), (0.0, 0.0)], True),
        ([(0.0, 0.0), (9.0, 0.0), (9.0, 5.0), (0.0, 5.0), (0.0, 0.0)], True),
        ([(0.0, 0.0), (0.0, 5.0), (9.0, 6.0), (9.0, 0.0), (0.0, 0.0)], False),
        ([(0.0, 0.0), (0.0, 5.0), (9.0, 5.0), (9.0, 0.0), (1.0, 0.0)], False),
    ],
)
def test_upright_box(points: list[tuple[float, float]], expected: bool) -> None:
    """Closed, and each side level or upright."""
    assert _upright_box(points) is expected


def test_compose_applies_the_inner_matrix_first() -> None:
    """A form scaled by 2 inside a page translated by (5, 7): (1, 1) lands on (7, 9)."""
    scale = (2.0, 0.0, 0.0, 2.0, 0.0, 0.0)
    shift = (1.0, 0.0, 0.0, 1.0, 5.0, 7.0)

    a, b, c, d, e, f = _compose(scale, shift)

    assert (a * 1 + c * 1 + e, b * 1 + d * 1 + f) == (7.0, 9.0)


def test_cli_pdf_engine_option(shared: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``check --pdf-engine pdfplumber`` prints the report the default engine prints."""
    from govbudget.cli import main  # noqa: PLC0415 -- the CLI is only needed here

    path = str(min(CORPUS, key=lambda p: p.stat().st_size))
    main(["check", path, "--format", "json"])
    default = capsys.readouterr().out

    main(["check", path, "--format", "json", "--pdf-engine", "pdfplumber"])
    fallback = capsys.readouterr().out

    assert '"findings"' in default
    assert fallback == default
